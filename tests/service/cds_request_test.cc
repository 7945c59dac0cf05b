// CDS Hooks request and feedback parsing (service/cds_request.cc): a good
// request, the prefetch shapes (resource, Bundle, missing, other), and a
// table of malformed requests with the field each names.
#include <catch2/catch.hpp>

#include "cds_request.h"

using candidacy::service::CdsFeedback;
using candidacy::service::CdsRequest;
using candidacy::service::ParseCdsFeedback;
using candidacy::service::ParseCdsRequest;

namespace {

const std::string kContext = R"("context":{"userId":"Practitioner/1","patientId":"p1"})";
std::string Call(const std::string& rest) { return R"({"hook":"patient-view","hookInstance":"i-1",)" + kContext + rest + "}"; }

}  // namespace

TEST_CASE("a CDS Hooks request and its prefetch", "[service][cds]") {
  CdsRequest r;
  std::string field, message;
  REQUIRE(ParseCdsRequest(Call(R"(,"prefetch":{"questionnaireResponse":{"resourceType":"QuestionnaireResponse","id":"q"}})"), &r, &field, &message));
  CHECK(r.hook == "patient-view");
  CHECK(r.hook_instance == "i-1");
  CHECK(r.patient_id == "p1");
  CHECK(r.questionnaire_response == R"({"resourceType":"QuestionnaireResponse","id":"q"})");
  CHECK(r.prefetch_problem.empty());

  REQUIRE(ParseCdsRequest(Call(R"(,"prefetch":{"questionnaireResponse":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}},{"resource":{"resourceType":"QuestionnaireResponse","id":"b"}}]}})"), &r, &field, &message));
  CHECK(r.questionnaire_response == R"({"resourceType":"QuestionnaireResponse","id":"b"})");

  const std::vector<std::pair<std::string, std::string>> problems = {
      {"", "missing"},
      {R"(,"prefetch":{})", "missing"},
      {R"(,"prefetch":null)", "missing"},
      {R"(,"prefetch":{"questionnaireResponse":null})", "missing"},
      {R"(,"prefetch":{"questionnaireResponse":{"resourceType":"Patient"}})", "not a QuestionnaireResponse"},
      {R"(,"prefetch":{"questionnaireResponse":{"resourceType":"Bundle","entry":[]}})", "a Bundle with no QuestionnaireResponse"},
  };
  for (const auto& [rest, problem] : problems) {
    INFO(rest);
    REQUIRE(ParseCdsRequest(Call(rest), &r, &field, &message));
    CHECK(r.questionnaire_response.empty());
    CHECK(r.prefetch_problem == problem);
  }
}

TEST_CASE("malformed CDS Hooks requests name the field", "[service][cds]") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"", "(body)"},
      {"{", "(body)"},
      {"[]", "(body)"},
      {"\"x\"", "(body)"},
      {std::string(100, '[') + std::string(100, ']'), "(body)"},
      {"{}", "hook"},
      {R"({"hook":5})", "hook"},
      {R"({"hook":"encounter-start"})", "hook"},
      {R"({"hook":"patient-view"})", "hookInstance"},
      {R"({"hook":"patient-view","hookInstance":""})", "hookInstance"},
      {R"({"hook":"patient-view","hookInstance":"a\nb"})", "hookInstance"},
      {R"({"hook":"patient-view","hookInstance":")" + std::string(200, 'a') + "\"}", "hookInstance"},
      {R"({"hook":"patient-view","hookInstance":"i"})", "context"},
      {R"({"hook":"patient-view","hookInstance":"i","context":[]})", "context"},
      {R"({"hook":"patient-view","hookInstance":"i","context":{"patientId":"p"}})", "context.userId"},
      {R"({"hook":"patient-view","hookInstance":"i","context":{"userId":"u"}})", "context.patientId"},
      {R"({"hook":"order-select","hookInstance":"i","context":{"userId":"u","patientId":"p"}})", "context.selections"},
      {R"({"hook":"order-select","hookInstance":"i","context":{"userId":"u","patientId":"p","selections":[]}})", "context.draftOrders"},
      {Call(R"(,"prefetch":[])"), "prefetch"},
      {Call(R"(,"fhirServer":1)"), "fhirServer"},
      {Call(R"(,"fhirAuthorization":"token")"), "fhirAuthorization"},
  };
  for (const auto& [body, expected] : rows) {
    INFO(body.substr(0, 200));
    CdsRequest r;
    std::string field, message;
    CHECK_FALSE(ParseCdsRequest(body, &r, &field, &message));
    CHECK(field == expected);
    CHECK_FALSE(message.empty());
  }
}

TEST_CASE("feedback: accepted, overridden with a reason, and malformed items", "[service][cds]") {
  std::vector<CdsFeedback> items;
  std::string field, message;
  REQUIRE(ParseCdsFeedback(R"({"feedback":[{"card":"c1","outcome":"accepted","outcomeTimestamp":"t"},
      {"card":"c2","outcome":"overridden","outcomeTimestamp":"t","overrideReason":{"reason":{"code":"x","system":"s"},"userComment":"free"}}]})",
                           &items, &field, &message));
  REQUIRE(items.size() == 2);
  CHECK(items[1].reason_code == "x");
  CHECK(items[1].reason_system == "s");
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"{}", "feedback"},
      {R"({"feedback":[]})", "feedback"},
      {R"({"feedback":[1]})", "feedback[]"},
      {R"({"feedback":[{"outcome":"accepted","outcomeTimestamp":"t"}]})", "feedback[].card"},
      {R"({"feedback":[{"card":"c","outcome":"rejected","outcomeTimestamp":"t"}]})", "feedback[].outcome"},
      {R"({"feedback":[{"card":"c","outcome":"accepted"}]})", "feedback[].outcomeTimestamp"},
      {R"({"feedback":[{"card":"c","outcome":"accepted","outcomeTimestamp":"t","overrideReason":{}}]})", "feedback[].overrideReason"},
      {R"({"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"t","overrideReason":{"reason":{}}}]})", "feedback[].overrideReason.reason"},
  };
  for (const auto& [body, expected] : rows) {
    INFO(body);
    CHECK_FALSE(ParseCdsFeedback(body, &items, &field, &message));
    CHECK(field == expected);
  }
}

TEST_CASE("JSON depth skips strings", "[service][cds]") {
  CHECK(candidacy::service::JsonDepth("{}") == 1);
  CHECK(candidacy::service::JsonDepth(R"({"a":[{"b":"[[[["}]})") == 3);
  CHECK(candidacy::service::JsonDepth(R"(["\"[[["])") == 1);
}
