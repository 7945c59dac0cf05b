// A CDS Hooks 2.0 service request (hook, hookInstance, context, prefetch,
// optional fhirServer and fhirAuthorization) and feedback request, parsed
// and checked field by field: a malformed request is refused with the name
// of the first field at fault. Only the QuestionnaireResponse is kept from
// the prefetch; nothing is fetched from the FHIR server.
// Tested by tests/service/cds_request_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace candidacy::service {

// The prefetch key and FHIR query of the QuestionnaireResponse (docs/service.md).
inline constexpr const char* kQuestionnairePrefetchKey = "questionnaireResponse";

struct CdsRequest {
  std::string hook;           // "patient-view" or "order-select"
  std::string hook_instance;
  std::string patient_id;     // context.patientId
  // The QuestionnaireResponse found in prefetch (the resource, or the first
  // such entry of a searchset Bundle), as compact JSON; empty when none.
  std::string questionnaire_response;
  // Why there is none: "" (there is one), "missing" (no prefetch key or
  // null), or what was there instead.
  std::string prefetch_problem;
};

struct CdsFeedback {
  std::string card, outcome, outcome_timestamp, reason_code, reason_system;
};

// False with *field (a JSON path such as "context.patientId") and *message when the request is malformed.
bool ParseCdsRequest(std::string_view body, CdsRequest* out, std::string* field, std::string* message);
bool ParseCdsFeedback(std::string_view body, std::vector<CdsFeedback>* out, std::string* field, std::string* message);

// The deepest nesting of arrays and objects in a JSON text (strings
// skipped), so a hostile body is refused before a tree is built.
int JsonDepth(std::string_view text);
inline constexpr int kMaxRequestDepth = 64;

}  // namespace candidacy::service
