// libFuzzer target: the FHIR QuestionnaireResponse questionnaire reader (linkIds, value[x] types,
// quantities and units, nested items, then the same validation as JSON).
// Either it reads, or it fails with at least one located diagnostic.
// And the batch's fast path for FHIR (document_fhir_fast.cc) never accepts what
// the located reader refuses, warns about or reads otherwise.
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "input/answer_validator.h"
#include "input/fhir_answers.h"
#include "rulebook/rulebook_access.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace candidacy::internal;
  const int rc = candidacy::fuzz::ReadQuestionnaireInput(data, size, candidacy::InputFormat::kFhir, "fuzz.fhir.json");
  const std::string_view text = candidacy::fuzz::AsText(data, size);
  const Model& model = ModelOf(candidacy::fuzz::ShippedRulebook());
  Answers fast;
  if (!ReadJsonAnswersFast(model, text, false, &fast)) return rc;
  DocNode root;
  std::vector<candidacy::Diagnostic> errors;
  if (!ParseJsonDocument(text, "fuzz.fhir.json", &root, &errors)) std::abort();  // accepted what the located reader refuses
  Answers located;
  if (IsFhirResource(root)) {
    ReadFhirAnswers(model, DocNodeView(root), "fuzz.fhir.json", &located, &errors);
    if (located.sources != fast.sources || located.medication_sources != fast.medication_sources) std::abort();
  } else {
    AnswerValidator<DocNodeView> validator(model, "fuzz.fhir.json", &located, &errors);
    validator.Root(DocNodeView(root));
  }
  if (!errors.empty() || !located.warnings.empty() || !SameAnswers(fast, located)) std::abort();
  return rc;
}
