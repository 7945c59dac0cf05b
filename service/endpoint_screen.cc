// POST /screen: a questionnaire (JSON, YAML or FHIR by Content-Type) screened
// exactly as `candidacy screen --format json FILE` does (the same calls, the
// same bytes, its trailing newline); ?format=html the printable report. A
// questionnaire that cannot be read gets 422 with the diagnostics as JSON.
// Also the screening step the CDS hook shares. Test: tests/cli/serve_test.sh.
#include <cctype>

#include <nlohmann/json.hpp>

#include "candidacy/audit.h"
#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "candidacy/screening.h"
#include "log.h"
#include "questionnaire_body.h"
#include "questionnaire_input.h"
#include "service.h"

namespace candidacy::service {

bool FormatForContentType(std::string_view content_type, std::string* format) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.empty()) *format = "auto";
  else if (type == "application/json") *format = "json";
  else if (type == "application/fhir+json") *format = "fhir";
  else if (type == "application/yaml" || type == "application/x-yaml" || type == "text/yaml" || type == "text/x-yaml")
    *format = "yaml";
  else return false;
  return true;
}

HttpResponse DiagnosticsResponse(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json j;
  j["error"] = "questionnaire-invalid";
  j["message"] = "the questionnaire was not screened (" + std::to_string(diagnostics.size()) +
                 (diagnostics.size() == 1 ? " error)" : " errors)");
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::string text;
  for (const auto& d : diagnostics) {
    nlohmann::ordered_json e;
    e["severity"] = d.severity == DiagnosticSeverity::kError ? "error" : "warning";
    e["code"] = DiagnosticCodeName(d.code);
    e["message"] = d.message;
    if (d.location.line > 0) e["line"] = d.location.line;
    if (d.location.column > 0) e["column"] = d.location.column;
    list.push_back(std::move(e));
    text += FormatDiagnostic(d);
  }
  j["diagnostics"] = std::move(list);
  j["text"] = text;  // what `candidacy screen` prints on stderr
  HttpResponse r;
  r.status = 422;
  r.body = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  return r;
}

void Service::WarmUp() {
  nlohmann::json doc{{"id", "warm-up"}};
  for (const auto& q : rulebook_->questions()) {
    if (q.type != "list_of_text") continue;
    nlohmann::json* at = &doc;
    std::string_view id = q.id;
    for (size_t dot; (dot = id.find('.')) != std::string_view::npos; id.remove_prefix(dot + 1)) at = &(*at)[std::string(id.substr(0, dot))];
    (*at)[std::string(id)] = {"zzqx warm-up entry"};
  }
  Questionnaire questionnaire;
  std::vector<Diagnostic> diagnostics;
  if (cli::ParseQuestionnaire(*rulebook_, doc.dump(), InputFormat::kJson, "<warm-up>", &questionnaire, &diagnostics).ok())
    (void)Screen(*rulebook_, questionnaire);
}

bool Service::ScreenText(std::string_view text, const std::string& format, const std::string& hook_instance,
                         ScreeningResult* result, HttpResponse* error) {
  thread_local Questionnaire questionnaire;  // its memory reused from one request to the next
  std::vector<Diagnostic> diagnostics;
  if (!cli::ParseQuestionnaire(*rulebook_, text, cli::InputFormatNamed(format), "<request>", &questionnaire, &diagnostics).ok()) {
    *error = DiagnosticsResponse(diagnostics);
    return false;
  }
  Screen(*rulebook_, questionnaire, ScreenDetail::kFull, result);
  if (audit_ != nullptr) {
    const std::string now = cli::AuditLog::UtcNow();
    const std::string record = hook_instance.empty() ? AuditRecord(*result, text, now) : AuditRecord(*result, text, now, hook_instance);
    std::string why;
    if (!audit_->Append(record, &why)) {  // a screening without its audit record is not delivered
      cli::Log(cli::LogLevel::kError, "audit: {}", why);
      *error = ErrorResponse(503, "audit", "the audit record could not be written; nothing was delivered");
      return false;
    }
  }
  metrics_.CountOutcome(OutcomeName(result->outcome));
  cli::Log(cli::LogLevel::kInfo, "screened questionnaire {}: {} (score {}, {} flags)", result->questionnaire_id,
           OutcomeName(result->outcome), result->score, result->flags.size());
  return true;
}

HttpResponse Service::ScreenEndpoint(const HttpRequest& request) {
  std::string format;
  if (!FormatForContentType(request.Header("content-type"), &format))
    return ErrorResponse(415, "unsupported-media-type",
                         "send the questionnaire as application/json, application/fhir+json or application/yaml",
                         "Content-Type");
  const std::string output = request.QueryParameter("format");
  if (!output.empty() && output != "json" && output != "html")
    return ErrorResponse(400, "bad-request", "format must be json (the default) or html", "format");
  thread_local ScreeningResult result;
  HttpResponse response;
  if (!ScreenText(request.body, format, "", &result, &response)) return response;
  if (output == "html") {
    response.content_type = "text/html; charset=utf-8";
    response.body = RenderHtml(result, cli::AuditLog::UtcNow());
  } else {
    response.body = RenderJson(result, false);
  }
  return response;
}

}  // namespace candidacy::service
