// The rulebook's questions as a FHIR R4 Questionnaire, so an EHR can build
// its intake form from the rulebook (the way back in, a QuestionnaireResponse,
// is read by ReadQuestionnaire: questionnaire.h). Mapping: docs/fhir.md.
// Tested by tests/engine/authoring/fhir_questionnaire_test.cc and tests/cli/fhir_test.sh.
#pragma once

#include <string>

#include "candidacy/rulebook.h"

namespace candidacy {

// The Questionnaire as JSON (2-space indent, ending in a newline): items
// grouped by id prefix, linkId = question id, types, units (UCUM), ranges,
// answer options, required, and enableWhen/enableBehavior translated from
// asked_when (an extension carries any asked_when FHIR cannot express).
// Deterministic: the same rulebook gives byte-identical output. Never fails.
std::string RenderFhirQuestionnaire(const Rulebook& rulebook);

// "urn:candidacy:<rulebook id>": the Questionnaire's canonical url; the
// asked_when extension is this plus ":asked-when".
std::string FhirQuestionnaireUrl(const Rulebook& rulebook);

}  // namespace candidacy
