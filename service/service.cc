// The route table and the timing, counting and error containment around
// every endpoint. Test: tests/service/router_test.cc, tests/cli/serve_test.sh.
#include "service.h"

#include <chrono>
#include <exception>

#include "candidacy/limits.h"
#include "log.h"

namespace candidacy::service {
namespace {

std::vector<std::string> Names(const Router& router) {
  std::vector<std::string> names;
  for (const auto& r : router.routes()) names.push_back(r.name);
  return names;
}

const char* ErrorKind(int status) {
  switch (status) {
    case 400: return "bad-request";
    case 401: return "unauthorized";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 413: return "too-large";
    case 415: return "unsupported-media-type";
    case 422: return "questionnaire-invalid";
    case 503: return "audit";
    default: return status >= 500 ? "internal" : "other";
  }
}

}  // namespace

Service::Service(std::shared_ptr<const Rulebook> rulebook, cli::AuditLog* audit, const JwtVerifier* jwt, std::string public_url)
    : rulebook_(std::move(rulebook)),
      audit_(audit),
      jwt_(jwt),
      public_url_(std::move(public_url)),
      router_([this] {
        Router r;
        const std::string hook = std::string("/cds-services/") + kServiceId;
        auto bind = [this](HttpResponse (Service::*m)(const HttpRequest&)) {
          return [this, m](const HttpRequest& q) { return (this->*m)(q); };
        };
        r.Add({"GET", "/cds-services", "discovery", bind(&Service::Discovery)});
        r.Add({"POST", hook, "hook", bind(&Service::HookCall)});
        r.Add({"POST", hook + "/feedback", "feedback", bind(&Service::Feedback)});
        r.Add({"POST", "/screen", "screen", bind(&Service::ScreenEndpoint)});
        r.Add({"GET", "/rulebook", "rulebook", bind(&Service::RulebookInfo)});
        r.Add({"GET", "/healthz", "healthz", bind(&Service::Health)});
        r.Add({"GET", "/readyz", "readyz", bind(&Service::Ready)});
        r.Add({"GET", "/metrics", "metrics", bind(&Service::MetricsText)});
        r.Add({"GET", "/questionnaire", "questionnaire", bind(&Service::QuestionnaireEndpoint)});
        r.Add({"POST", "/questions", "questions", bind(&Service::QuestionsEndpoint)});
        r.Add({"POST", "/answers", "answers", bind(&Service::AnswersEndpoint)});
        r.Add({"POST", "/report", "report", bind(&Service::ReportEndpoint)});
        for (const DeskFile& file : DeskFiles()) {  // the desk: index.html at /, the others by name
          const bool index = file.name == "index.html";
          std::string stem(file.name);
          if (stem.rfind("desk.", 0) == 0) stem.erase(0, 5);
          std::string name = index ? "desk" : "desk_" + stem;  // desk_js, desk_css, desk_favicon_svg
          for (auto& c : name) if (c == '.' || c == '-') c = '_';
          r.Add({"GET", index ? "/" : "/" + std::string(file.name), name,
                 [this, &file](const HttpRequest&) { return DeskFileEndpoint(file); }});
        }
        return r;
      }()),
      metrics_(Names(router_)) {}

size_t Service::BodyLimit(std::string_view path) {
  if (path.rfind("/cds-services/", 0) == 0) return 4 * limits::kMaxDocumentBytes;
  if (path == "/report") return 3 * limits::kMaxDocumentBytes;  // a form post: the document percent-encoded
  return limits::kMaxDocumentBytes;
}

void Service::CountRefused(std::string_view path, int status, const char* kind) {
  HttpRequest probe;
  probe.target = std::string(path);
  HttpResponse miss;
  const Route* route = router_.Find(probe, &miss);
  metrics_.Observe(route != nullptr ? route->name : "other", status, 0);
  metrics_.CountError(kind);
}

HttpResponse Service::Handle(const HttpRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  HttpResponse response;
  std::string name = "other";
  const bool cds = request.Path().rfind("/cds-services", 0) == 0;
  try {
    if (cds && request.method == "OPTIONS") {  // a browser's CORS preflight before a CDS Hooks call
      HttpRequest probe;
      probe.method = "GET";
      probe.target = std::string(request.Path());
      const Route* known = router_.Find(probe, &response);
      if (known != nullptr || response.status == 405) {  // a CDS Hooks path
        response = HttpResponse();
        response.status = 204;
        response.content_type.clear();
      }
    } else if (const Route* route = router_.Find(request, &response); route != nullptr) {
      name = route->name;
      response = route->handle(request);
    }
  } catch (const std::exception& e) {
    cli::Log(cli::LogLevel::kError, "internal error answering {}: {}", name, e.what());
    response = ErrorResponse(500, "internal", "internal error");
  }
  if (cds) {  // CDS Hooks 2.0: services SHOULD allow cross-origin calls from browser-based CDS Clients
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
    response.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    response.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type, Authorization");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(name, response.status, seconds);
  if (response.status >= 400) metrics_.CountError(ErrorKind(response.status));
  return response;
}

}  // namespace candidacy::service
