// The shipped rulebook for the fuzz targets (see fuzz_support.h).
#include "fuzz_support.h"

#include "input/answer_validator.h"
#include "input/fhir_answers.h"
#include "rulebook/rulebook_access.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace candidacy::fuzz {

const Rulebook& ShippedRulebook() {
  static const std::shared_ptr<const Rulebook> rulebook = [] {
    std::shared_ptr<const Rulebook> rb;
    std::vector<Diagnostic> diagnostics;
    const Status s = Rulebook::Load(std::string(CANDIDACY_SOURCE_DIR) + "/rules/ketamine", &rb, &diagnostics);
    if (!s.ok()) {
      for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stderr);
      std::fprintf(stderr, "fuzz setup: the shipped rulebook does not load: %s\n", s.ToString().c_str());
      std::abort();
    }
    return rb;
  }();
  return *rulebook;
}

int ReadQuestionnaireInput(const std::uint8_t* data, std::size_t size, InputFormat format, const char* display_name) {
  ReadOptions options;
  options.format = format;
  options.display_name = display_name;
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  const Status s = ReadQuestionnaire(ShippedRulebook(), AsText(data, size), options, &q, &diagnostics);
  if (!s.ok() && !HasErrors(diagnostics)) std::abort();
  for (const auto& d : diagnostics) (void)FormatDiagnostic(d);
  return 0;
}

bool FastPathAgrees(std::string_view text, const char* display_name) {
  using namespace candidacy::internal;
  const Model& model = ModelOf(ShippedRulebook());
  Answers fast;
  const bool taken = ReadJsonAnswersFast(model, text, false, &fast);
  // Parsed in place with other bytes after it (a line of a batch block): the same verdict and answers.
  const std::string block = std::string(text) + std::string(kReadPaddingBytes, '"');
  Answers in_place;
  if (ReadJsonAnswersFast(model, std::string_view(block).substr(0, text.size()), true, &in_place) != taken) std::abort();
  if (!taken) return false;
  if (!SameAnswers(fast, in_place)) std::abort();
  DocNode root;
  std::vector<Diagnostic> errors;
  if (!ParseJsonDocument(text, display_name, &root, &errors)) std::abort();  // accepted what the located reader refuses
  Answers located;
  if (IsFhirResource(root)) {  // FHIR's fast path (document_fhir_fast.cc): read by the located FHIR reader
    ReadFhirAnswers(model, DocNodeView(root), display_name, &located, &errors);
    if (located.sources != fast.sources || located.medication_sources != fast.medication_sources) std::abort();
  } else {
    AnswerValidator<DocNodeView> validator(model, display_name, &located, &errors);
    validator.Root(DocNodeView(root));
  }
  if (!errors.empty() || !located.warnings.empty() || !SameAnswers(fast, located)) std::abort();
  return true;
}

}  // namespace candidacy::fuzz
