// FHIR resource -> validated answers, over a document view. Test:
// tests/engine/input/document_fhir_test.cc, tests/engine/input/fhir_fast_test.cc.
#include "input/fhir_answers.h"

#include <optional>

#include "input/answer_validator.h"
#include "input/doc_node_view.h"
#include "input/document_fhir.h"
#include "input/simd_view.h"

namespace candidacy::internal {

template <typename View>
void ReadFhirAnswers(const Model& model, const View& root, const std::string& file, Answers* answers,
                     std::vector<Diagnostic>* errors) {
  DocNode converted;
  FhirOrigins origins;
  std::vector<Diagnostic> fhir_warnings;
  // A Bundle: its QuestionnaireResponse and clinical resources, with every answer's source.
  const bool bundle = FhirBundleToDocument(root, model, file, &converted, &origins, &answers->sources, &answers->medication_sources,
                                           &answers->ehr, errors, &fhir_warnings);
  if (!bundle && !FhirResponseToDocument(root, model, file, &converted, &origins, errors, &fhir_warnings, "", nullptr)) return;
  AnswerValidator<DocNodeView> validator(model, file, answers, errors);
  validator.set_origins(&origins);
  validator.Root(DocNodeView(converted));
  answers->warnings.insert(answers->warnings.end(), fhir_warnings.begin(), fhir_warnings.end());
}

template void ReadFhirAnswers(const Model&, const DocNodeView&, const std::string&, Answers*, std::vector<Diagnostic>*);
template void ReadFhirAnswers(const Model&, const SimdView&, const std::string&, Answers*, std::vector<Diagnostic>*);

}  // namespace candidacy::internal
