// libFuzzer target: the JSON questionnaire reader (document limits, duplicate keys, UTF-8, validation against the
// shipped rulebook's questions).
// Either it reads, or it fails with at least one located diagnostic. And the
// batch's fast path (simdjson) never accepts what the located reader refuses
// or reads otherwise: accepted there => the same answers, no error, no warning here
// (for a FHIR resource, read by the located FHIR reader).
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "input/answer_validator.h"
#include "input/fhir_answers.h"
#include "rulebook/rulebook_access.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace candidacy::internal;
  const int rc = candidacy::fuzz::ReadQuestionnaireInput(data, size, candidacy::InputFormat::kJson, "fuzz.json");
  const std::string_view text = candidacy::fuzz::AsText(data, size);
  const Model& model = candidacy::internal::ModelOf(candidacy::fuzz::ShippedRulebook());
  Answers fast;
  const bool taken = ReadJsonAnswersFast(model, text, false, &fast);
  // Parsed in place with other bytes after it (a line of a batch block): the same verdict and answers.
  const std::string block = std::string(text) + std::string(candidacy::kReadPaddingBytes, '"');
  Answers in_place;
  if (ReadJsonAnswersFast(model, std::string_view(block).substr(0, size), true, &in_place) != taken) std::abort();
  if (taken && !SameAnswers(fast, in_place)) std::abort();
  if (!taken) return rc;
  DocNode root;
  std::vector<candidacy::Diagnostic> errors;
  if (!ParseJsonDocument(text, "fuzz.json", &root, &errors)) std::abort();  // accepted what the located reader refuses
  Answers located;
  if (IsFhirResource(root)) {  // FHIR's fast path (document_fhir_fast.cc): the same answers and record
    ReadFhirAnswers(model, DocNodeView(root), "fuzz.json", &located, &errors);
    if (located.sources != fast.sources || located.medication_sources != fast.medication_sources) std::abort();
  } else {
    AnswerValidator<DocNodeView> validator(model, "fuzz.json", &located, &errors);
    validator.Root(DocNodeView(root));
  }
  if (!errors.empty() || !located.warnings.empty() || !SameAnswers(fast, located)) std::abort();
  return rc;
}
