// The coordinator's desk (docs/desk.md): GET / and the desk's other static
// files (embedded, desk_files.h); the API it is built on, all through the
// engine's public API: GET /questionnaire (the rulebook's FHIR Questionnaire,
// as `candidacy questionnaire`), POST /questions (what to ask next, as
// `candidacy questions --for FILE --format json`), POST /answers (the answers
// of a saved questionnaire as the engine reads them), POST /report (the
// printable report of a form post, for the browser to open and print).
// Test: tests/service/desk_test.cc, tests/cli/serve_test.sh, tests/browser/desk_test.sh.
#include <cctype>

#include <nlohmann/json.hpp>

#include "audit_log.h"
#include "candidacy/fhir_questionnaire.h"
#include "candidacy/interview.h"
#include "candidacy/questions.h"
#include "candidacy/report.h"
#include "desk_files.h"
#include "questionnaire_body.h"
#include "questionnaire_input.h"
#include "questions_json.h"
#include "service.h"

namespace candidacy::service {
namespace {

// The desk's page may run only its own script and style, talk only to this
// service, and be framed by no one; nothing it holds goes anywhere else.
constexpr const char* kDeskPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// The printable report: its own inline style, nothing else.
constexpr const char* kReportPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unescape(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out->push_back(' ');
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexDigit(in[i + 1]);
      const int lo = HexDigit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out->push_back(in[i]);
    }
  }
  return true;
}

void NoStore(HttpResponse* r) { r->headers.emplace_back("Cache-Control", "no-store"); }

}  // namespace

bool FormField(std::string_view body, std::string_view key, std::string* value) {
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) return Unescape(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value);
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return false;
}

HttpResponse Service::DeskFileEndpoint(const DeskFile& file) {
  HttpResponse r;
  r.content_type = std::string(file.content_type);
  r.body = std::string(file.body);
  r.headers.emplace_back("Content-Security-Policy", kDeskPolicy);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

HttpResponse Service::QuestionnaireEndpoint(const HttpRequest&) {
  HttpResponse r;
  r.content_type = "application/fhir+json";
  r.body = RenderFhirQuestionnaire(*rulebook_);
  return r;
}

HttpResponse Service::QuestionsEndpoint(const HttpRequest& request) {
  std::string format;
  if (!FormatForContentType(request.Header("content-type"), &format))
    return ErrorResponse(415, "unsupported-media-type",
                         "send the questionnaire as application/json, application/fhir+json or application/yaml",
                         "Content-Type");
  thread_local Questionnaire questionnaire;
  std::vector<Diagnostic> diagnostics;
  if (!cli::ParseQuestionnaire(*rulebook_, request.body, cli::InputFormatNamed(format), "<request>", &questionnaire, &diagnostics).ok())
    return DiagnosticsResponse(diagnostics);
  HttpResponse r;
  r.body = cli::QuestionPlanJson(questionnaire.id(), PlanQuestions(*rulebook_, questionnaire));
  NoStore(&r);
  return r;
}

HttpResponse Service::AnswersEndpoint(const HttpRequest& request) {
  std::string format;
  if (!FormatForContentType(request.Header("content-type"), &format))
    return ErrorResponse(415, "unsupported-media-type",
                         "send the questionnaire as application/json, application/fhir+json or application/yaml",
                         "Content-Type");
  ReadOptions options;
  options.format = cli::InputFormatNamed(format);
  options.display_name = "<request>";
  InterviewState state;
  std::vector<Diagnostic> diagnostics;
  if (!ResumeInterview(*rulebook_, request.body, options, &state, &diagnostics).ok()) return DiagnosticsResponse(diagnostics);
  nlohmann::ordered_json j;
  j["id"] = state.id;
  j["answers"] = nlohmann::ordered_json::array();
  for (const auto& a : state.answers) {
    nlohmann::ordered_json e;
    e["question"] = a.question;
    if (a.passed) e["passed"] = true;
    else e["values"] = a.values;
    j["answers"].push_back(std::move(e));
  }
  HttpResponse r;
  r.body = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  NoStore(&r);
  return r;
}

HttpResponse Service::ReportEndpoint(const HttpRequest& request) {
  std::string type(request.Header("content-type").substr(0, request.Header("content-type").find(';')));
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type != "application/x-www-form-urlencoded")
    return ErrorResponse(415, "unsupported-media-type", "send an HTML form (application/x-www-form-urlencoded)", "Content-Type");
  std::string document;
  if (!FormField(request.body, "questionnaire", &document))
    return ErrorResponse(400, "bad-request", "the form needs a questionnaire field: a JSON questionnaire", "questionnaire");
  thread_local ScreeningResult result;
  HttpResponse response;
  if (!ScreenText(document, "json", "", &result, &response)) return response;
  response.content_type = "text/html; charset=utf-8";
  response.body = RenderHtml(result, cli::AuditLog::UtcNow());
  response.headers.emplace_back("Content-Security-Policy", kReportPolicy);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  NoStore(&response);
  return response;
}

}  // namespace candidacy::service
