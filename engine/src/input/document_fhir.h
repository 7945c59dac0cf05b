// FHIR R4 QuestionnaireResponse -> the neutral questionnaire shape, so the
// answers are validated by the same code as YAML and JSON questionnaires.
// item[].linkId names the question (nested group items are followed), each
// answer[].value[x] becomes the answer; FHIR-level problems (resourceType,
// status, item and answer structure, value[x] type, Quantity unit) are
// reported here, and every converted value remembers where it came from so
// each later diagnostic names the linkId and the JSON path.
// Mapping and limits: docs/fhir.md. Tested by tests/engine/input/document_fhir_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "candidacy/result.h"
#include "candidacy/status.h"
#include "input/document.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// Node of the converted document -> " (linkId 'x', at item[3].answer[0].valueQuantity.value)",
// the suffix every diagnostic about that node ends with.
using FhirOrigins = std::unordered_map<const DocNode*, std::string>;

// What the converter says of each member of its document.
struct FhirMember {
  std::string_view link_id;  // its item's linkId, a view into the response ("" for the id)
  int question = -1;         // the question its key names (Model::questions), or -1
};

// A JSON object with a "resourceType" member: a FHIR resource, not a plain questionnaire.
bool IsFhirResource(const DocNode& root);

// Converts `response` (a parsed FHIR R4 QuestionnaireResponse) into *out: an
// object with "id" and one member per answered item, keyed by dotted question
// id. Errors are appended to *errors, non-fatal findings (a `stopped` status)
// to *warnings. Returns false when `response` is not a QuestionnaireResponse
// at all (wrong or missing resourceType): then nothing is converted.
// *origins is filled for the nodes of *out; it stays valid while *out is unchanged.
// `at_prefix` opens every JSON path ("entry[0].resource." inside a Bundle);
// *members (when not null) gets one FhirMember for each member of *out, in
// order (the linkIds are views into `response`: valid while it is).
// A `questionnaire` canonical other than this rulebook's is an error.
// Written over a document view (input/doc_node_view.h); instantiated for
// DocNodeView (the located reader) and SimdView (the batch's fast path, which
// builds no origins: *origins is left as it was, and places are 0).
template <typename View>
bool FhirResponseToDocument(const View& response, const Model& model, const std::string& file, DocNode* out,
                              FhirOrigins* origins, std::vector<Diagnostic>* errors, std::vector<Diagnostic>* warnings,
                              const std::string& at_prefix, std::vector<FhirMember>* members);

// A FHIR R4 Bundle (collection, searchset, transaction, document) -> the same
// neutral document: the answers of its QuestionnaireResponse (an entry, or
// contained in one), merged with what its Patient, Observation, Condition and
// medication resources say through the rulebook's FHIR mappings; the safer
// answer where they disagree (docs/fhir.md). *sources gets each answered
// question's source (indexed like Model::questions, "" for none; "medications" entries in
// *medication_sources), *ehr the record for the result. Returns false when
// `bundle` is not a Bundle (nothing converted). Instantiated like FhirResponseToDocument.
template <typename View>
bool FhirBundleToDocument(const View& bundle, const Model& model, const std::string& file, DocNode* out,
                            FhirOrigins* origins, std::vector<std::string>* sources,
                            std::vector<std::string>* medication_sources, EhrRecord* ehr,
                            std::vector<Diagnostic>* errors, std::vector<Diagnostic>* warnings);

}  // namespace candidacy::internal
