// CDS Hooks 2.0: GET /cds-services (discovery) and POST
// /cds-services/ketamine-candidacy (a patient-view or order-select call):
// the QuestionnaireResponse in prefetch screened and answered as the cards
// `candidacy screen --format cds-hooks` prints. With no usable
// QuestionnaireResponse, the cards of an empty questionnaire (incomplete:
// every question to ask, never an eligible outcome) after a card saying so.
// Test: tests/cli/serve_test.sh, tests/service/cds_request_test.cc.
#include <nlohmann/json.hpp>

#include "candidacy/render_cds_hooks.h"
#include "candidacy/screening.h"
#include "cds_request.h"
#include "questionnaire_input.h"
#include "service.h"

namespace candidacy::service {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kNoQuestionnaireId = "no-questionnaire-response";
constexpr const char* kEmptyQuestionnaire =
    R"({"resourceType":"QuestionnaireResponse","id":"no-questionnaire-response","status":"in-progress"})";

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"; }

Json Prefetch() {
  return Json{{kQuestionnairePrefetchKey, "QuestionnaireResponse?subject={{context.patientId}}&status=completed&_sort=-authored&_count=1"},
              {"patient", "Patient/{{context.patientId}}"},
              {"medicationStatements", "MedicationStatement?subject={{context.patientId}}&status=active"},
              {"medicationRequests", "MedicationRequest?subject={{context.patientId}}&status=active"}};
}

}  // namespace

HttpResponse Service::Discovery(const HttpRequest&) {
  const Rulebook& rb = *rulebook_;
  const std::string description = "Screens the patient's intake QuestionnaireResponse against the rulebook " + rb.title() +
                                  " " + rb.version() + " (" + rb.id() + ", sha256 " + rb.sha256() +
                                  "): the outcome, every flag explained, and the questions still to ask.";
  Json services = Json::array();
  for (const char* hook : {"patient-view", "order-select"})
    services.push_back(Json{{"hook", hook}, {"title", rb.title()}, {"description", description}, {"id", kServiceId},
                            {"prefetch", Prefetch()}, {"usageRequirements", "Prefetch the patient's latest completed intake QuestionnaireResponse (docs/service.md)."}});
  HttpResponse r;
  r.body = Dump(Json{{"services", services}});
  return r;
}

HttpResponse Service::HookCall(const HttpRequest& request) {
  HttpResponse response;
  if (!Authorized(request, &response)) return response;
  CdsRequest call;
  std::string field, message;
  if (!ParseCdsRequest(request.body, &call, &field, &message)) return ErrorResponse(400, "bad-request", message, field);
  thread_local ScreeningResult result;
  std::string problem = call.prefetch_problem;
  if (!call.questionnaire_response.empty()) {
    if (ScreenText(call.questionnaire_response, "fhir", call.hook_instance, &result, &response)) {
      response.body = RenderCdsHooks(result, false);
      return response;
    }
    if (response.status != 422) return response;  // the audit trail failed: nothing delivered
    const Json errors = Json::parse(response.body, nullptr, false);
    problem = "a QuestionnaireResponse that cannot be read (";
    bool first = true;
    if (!errors.is_discarded() && errors.contains("diagnostics"))
      for (const auto& d : errors["diagnostics"]) {  // codes only: a message may quote an answer
        problem += (first ? "" : ", ") + d.value("code", std::string());
        first = false;
      }
    problem += ")";
  }
  // Nothing to screen: the empty questionnaire's screening, incomplete with every question to ask.
  thread_local Questionnaire empty;
  std::vector<Diagnostic> diagnostics;
  if (!cli::ParseQuestionnaire(*rulebook_, kEmptyQuestionnaire, InputFormat::kFhir, "<empty>", &empty, &diagnostics).ok())
    return ErrorResponse(500, "internal", "the empty questionnaire could not be read");
  Screen(*rulebook_, empty, ScreenDetail::kFull, &result);
  if (result.outcome == Outcome::kEligible || result.outcome == Outcome::kEligibleWithPrecautions)
    return ErrorResponse(500, "internal", "an empty questionnaire screened eligible");  // the rulebook asks nothing
  Json cards = Json::parse(RenderCdsHooks(result, false), nullptr, false);
  if (cards.is_discarded() || !cards.contains("cards")) return ErrorResponse(500, "internal", "cards could not be made");
  const std::string what = problem == "missing" ? "no QuestionnaireResponse" : problem;
  Json note{{"uuid", CardUuid(kNoQuestionnaireId, rulebook_->sha256(), "prefetch")},
            {"summary", "No usable intake questionnaire: ask the intake questions, then screen again"},
            {"indicator", "warning"},
            {"detail", "The request's prefetch `" + std::string(kQuestionnairePrefetchKey) + "` held " + what +
                           ", so nothing was screened and no outcome is given. The next card lists every question to ask."},
            {"source", {{"label", rulebook_->title() + " " + rulebook_->version()}}}};
  cards["cards"].insert(cards["cards"].begin(), std::move(note));
  response = HttpResponse();
  response.body = Dump(cards);
  return response;
}

}  // namespace candidacy::service
