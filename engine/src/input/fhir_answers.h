// A FHIR resource (a QuestionnaireResponse or a Bundle) -> validated answers:
// converted to the neutral document (input/document_fhir.h), then checked by
// the AnswerValidator like any questionnaire, with each answer's source for a
// Bundle. One implementation over a document view, for the located reader
// (DocNodeView) and the batch's fast path (SimdView, input/document_fhir_fast.cc).
// Tested by tests/engine/input/document_fhir_test.cc, fhir_bundle_test.cc, fhir_fast_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "candidacy/status.h"
#include "input/answers.h"
#include "rulebook/model.h"

namespace candidacy::internal {

class SimdView;  // input/simd_view.h

}  // namespace candidacy::internal

namespace simdjson::dom {
class document;
}  // namespace simdjson::dom

namespace candidacy::internal {

// Reads `root` (the parsed document) into *answers, which must be empty (its
// answer table may keep its memory). Errors go to *errors (unsorted); the
// conversion's warnings follow the validator's in answers->warnings. A
// document that is no QuestionnaireResponse or Bundle is an error.
template <typename View>
void ReadFhirAnswers(const Model& model, const View& root, const std::string& file, Answers* answers,
                     std::vector<Diagnostic>* errors);

// The batch's fast path for FHIR (document_fhir_fast.cc): `text`, already
// parsed by simdjson into `root` (an object with a resourceType), read into
// *out; true only when the located reader would read it with the same
// result and no error or warning. False says nothing: read the text again
// with the located reader for the messages.
// `parsed` is the document `root` belongs to (its tape is checked in one pass).
bool ReadFhirAnswersFast(const Model& model, std::string_view text, const simdjson::dom::document& parsed, const SimdView& root,
                         Answers* out);

}  // namespace candidacy::internal
