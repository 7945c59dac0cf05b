// The batch's fast path: a JSON questionnaire read with simdjson and
// validated in place by the same AnswerValidator as the located reader, with
// nothing copied into a DocNode tree. It declines (false, not a word)
// whenever the located reader might decide otherwise or have something to
// say: a syntax error, a byte-order mark, a string that decodes to
// invalid UTF-8, any error or warning of the validator. What the located
// reader refuses while parsing never passes the validator silently: a
// duplicate answer, group or id is an error there (kept for this path), and
// whatever nests too deep or holds too many values sits in an unknown field
// (a warning) or in an answer of the wrong type (an error). ReadQuestionnaire
// then reads the text again with the located reader, which gives the verdict
// and the messages. FHIR goes on to its own fast path (document_fhir_fast.cc).
// Test: tests/engine/input/document_json_fast_test.cc and fuzz/questionnaire_json_fuzz.cc
// (whatever the input: accepted here => the located reader gives the same answers).
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "candidacy/questionnaire.h"
#include "input/answer_validator.h"
#include "input/fhir_answers.h"
#include "input/simd_view.h"

namespace candidacy::internal {
using simdjson::dom::element;
using simdjson::dom::element_type;

static_assert(kReadPaddingBytes >= simdjson::SIMDJSON_PADDING, "a padded text must be parseable in place");

bool ReadJsonAnswersFast(const Model& model, std::string_view text, bool padded, Answers* out, bool fhir_only) {
  if (text.size() > limits::kMaxDocumentBytes || text.compare(0, 3, "\xEF\xBB\xBF") == 0) return false;
  // One parser per thread: it keeps its buffers from one document to the next.
  thread_local simdjson::dom::parser parser;
  element root;
  if (parser.parse(text.data(), text.size(), !padded).get(root) != simdjson::SUCCESS) return false;
  if (SimdView(root).Member("resourceType")) return ReadFhirAnswersFast(model, text, parser.doc, SimdView(root), out);
  if (fhir_only) return false;  // --input fhir without a resourceType: the located reader refuses it
  static const std::string kNoFile;
  std::vector<Diagnostic> errors;
  thread_local ValidatorScratch scratch;
  AnswerValidator<SimdView> validator(model, kNoFile, out, &errors, &scratch);
  validator.Root(SimdView(root));
  if (!errors.empty() || !out->warnings.empty()) return false;
  // simdjson validated the bytes as UTF-8; only a \u escape can decode to a
  // lone surrogate, which the located reader refuses.
  if (text.find("\\u") != std::string_view::npos) {
    if (!IsValidUtf8(out->id)) return false;
    for (const Answer& a : out->by_question)
      for (const std::string& t : a.texts)
        if (!IsValidUtf8(t)) return false;
  }
  return true;
}

}  // namespace candidacy::internal
