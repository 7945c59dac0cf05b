// The desk's endpoints without a socket (service/endpoint_desk.cc,
// service/desk_files.h): the embedded files with their types and policy,
// GET /questionnaire, POST /questions and /answers against the engine's own
// calls, POST /report's form field, and the form decoding, as tables.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "candidacy/fhir_questionnaire.h"
#include "candidacy/questions.h"
#include "candidacy/rulebook.h"
#include "desk_files.h"
#include "questionnaire_body.h"
#include "questions_json.h"
#include "service.h"
#include "service_fixture.h"
#include "test_support.h"

using candidacy::service::HttpRequest;
using candidacy::service::HttpResponse;

namespace {

using candidacy::testing::Request;
using candidacy::testing::ShippedService;

std::shared_ptr<const candidacy::Rulebook> TestRulebook() { return candidacy::testing::ShippedRulebookShared(); }

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

std::string ReadSource(const std::string& rel) {
  std::ifstream in(candidacy::testing::SourceDir() + "/" + rel, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("the desk's files are embedded byte for byte, each with its type and a strict policy", "[service][desk]") {
  const auto& files = candidacy::service::DeskFiles();
  REQUIRE(files.size() >= 6);
  auto [path, name, type] = GENERATE(table<std::string, std::string, std::string>({
      {"/", "index.html", "text/html; charset=utf-8"},
      {"/desk.js", "desk.js", "text/javascript; charset=utf-8"},
      {"/desk.css", "desk.css", "text/css; charset=utf-8"},
      {"/form.js", "form.js", "text/javascript; charset=utf-8"},
      {"/favicon.svg", "favicon.svg", "image/svg+xml"},
  }));
  const HttpResponse r = ShippedService().Handle(Request("GET", path));
  CHECK(r.status == 200);
  CHECK(r.content_type == type);
  CHECK(r.body == ReadSource("desk/" + name));
  const std::string csp = Header(r, "Content-Security-Policy");
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe") == std::string::npos);
  CHECK(Header(r, "X-Content-Type-Options") == "nosniff");
}

TEST_CASE("GET /questionnaire is the rulebook's FHIR Questionnaire", "[service][desk]") {
  const HttpResponse r = ShippedService().Handle(Request("GET", "/questionnaire"));
  CHECK(r.status == 200);
  CHECK(r.content_type == "application/fhir+json");
  CHECK(r.body == candidacy::RenderFhirQuestionnaire(*TestRulebook()));
}

TEST_CASE("POST /questions is the plan of `questions --for`, and refuses what it cannot read", "[service][desk]") {
  const std::string doc = R"({"id":"q-1","patient":{"age":40,"sex":"male"}})";
  const HttpResponse r = ShippedService().Handle(Request("POST", "/questions", doc, "application/json"));
  REQUIRE(r.status == 200);
  candidacy::Questionnaire q;
  std::vector<candidacy::Diagnostic> diagnostics;
  candidacy::ReadOptions options;
  options.format = candidacy::InputFormat::kJson;
  REQUIRE(candidacy::ReadQuestionnaire(*TestRulebook(), doc, options, &q, &diagnostics).ok());
  CHECK(r.body == candidacy::cli::QuestionPlanJson("q-1", candidacy::PlanQuestions(*TestRulebook(), q)));
  const auto j = nlohmann::json::parse(r.body);
  CHECK(j["outcome"] == "incomplete");
  CHECK(!j["due"].empty());

  auto [body, type, status] = GENERATE(table<std::string, std::string, int>({
      {R"({"id":"q","patient":{"age":121}})", "application/json", 422},
      {"id: q\npatient: {age: x}\n", "application/yaml", 422},
      {"id: q\n", "text/plain", 415},
  }));
  CHECK(ShippedService().Handle(Request("POST", "/questions", body, type)).status == status);
}

TEST_CASE("POST /answers gives the answers as the engine reads them, in rulebook order", "[service][desk]") {
  const std::string yaml = "id: a-1\nvitals:\n  heart_rate: 70\npatient:\n  age: 40\n  sex: female\n  pregnant: null\nmedications: [Sertraline 50 mg]\n";
  const HttpResponse r = ShippedService().Handle(Request("POST", "/answers", yaml, "application/yaml"));
  REQUIRE(r.status == 200);
  const auto j = nlohmann::json::parse(r.body);
  CHECK(j["id"] == "a-1");
  const auto want = nlohmann::json::parse(R"([
    {"question":"patient.age","values":["40"]},
    {"question":"patient.sex","values":["female"]},
    {"question":"patient.pregnant","passed":true},
    {"question":"vitals.heart_rate","values":["70"]},
    {"question":"medications","values":["Sertraline 50 mg"]}])");
  CHECK(j["answers"] == want);
  CHECK(Header(r, "Cache-Control") == "no-store");
  // A field the rulebook does not ask cannot be opened (it would be lost on saving).
  CHECK(ShippedService().Handle(Request("POST", "/answers", "id: a\nnot_a_question: 1\n", "application/yaml")).status == 422);
}

TEST_CASE("POST /report: the printable report of a form post", "[service][desk]") {
  const std::string doc = R"({"id":"r 1","patient":{"age":17}})";
  std::string encoded;
  for (unsigned char c : doc) {
    if (std::isalnum(c)) encoded += static_cast<char>(c);
    else if (c == ' ') encoded += '+';
    else { char buf[4]; std::snprintf(buf, sizeof buf, "%%%02X", c); encoded += buf; }
  }
  const HttpResponse r = ShippedService().Handle(Request("POST", "/report", "questionnaire=" + encoded, "application/x-www-form-urlencoded"));
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "text/html; charset=utf-8");
  CHECK(r.body.find("r 1") != std::string::npos);
  CHECK(r.body.find("EX-") != std::string::npos);
  CHECK(Header(r, "Content-Security-Policy").find("script") == std::string::npos);
  CHECK(ShippedService().Handle(Request("POST", "/report", doc, "application/json")).status == 415);
  CHECK(ShippedService().Handle(Request("POST", "/report", "other=1", "application/x-www-form-urlencoded")).status == 400);
}

TEST_CASE("form fields: + and %XX decoded, a malformed escape refused", "[service][desk]") {
  auto [body, ok, value] = GENERATE(table<std::string, bool, std::string>({
      {"questionnaire=a+b%20c", true, "a b c"},
      {"x=1&questionnaire=%7B%22id%22%7D&y=2", true, "{\"id\"}"},
      {"questionnaire=", true, ""},
      {"questionnaire", true, ""},
      {"questionnaire=%4", false, ""},
      {"questionnaire=%zz", false, ""},
      {"questionnaire=50%", false, ""},
      {"questionnairex=1", false, ""},
      {"", false, ""},
  }));
  std::string got;
  CHECK(candidacy::service::FormField(body, "questionnaire", &got) == ok);
  if (ok) CHECK(got == value);
}
