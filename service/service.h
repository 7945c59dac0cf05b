// The service behind `candidacy serve` (docs/service.md): the router and its
// endpoints over one loaded rulebook, the audit trail, the JWT verifier and
// the metrics. Handle() takes a whole request and gives the whole response;
// the HTTP layer (server.h) owns sockets, TLS, limits and shutdown. Holds no
// clinical logic: every answer comes from the engine's public API, the same
// calls as `candidacy screen`. Stateless between requests (replicas give the
// same answers). Tested by tests/service/router_test.cc and tests/cli/serve_test.sh.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "audit_log.h"
#include "desk_files.h"
#include "candidacy/result.h"
#include "candidacy/rulebook.h"
#include "http_message.h"
#include "jwt_verifier.h"
#include "metrics.h"
#include "router.h"

namespace candidacy::service {

inline constexpr const char* kServiceId = "ketamine-candidacy";

class Service {
 public:
  // `audit` and `jwt` may be null (no --audit, no --jwks). `public_url`: the
  // base URL EHRs call (the JWT audience is it plus the path); empty: taken
  // from each request's scheme and Host header. Pointers must outlive the Service.
  Service(std::shared_ptr<const Rulebook> rulebook, cli::AuditLog* audit, const JwtVerifier* jwt, std::string public_url);

  // Screens one made-up questionnaire (an unrecognised entry in each free-text
  // list question) and drops the result, so the engine's lazily built tables
  // (the lexicon's probable-name index, about 50 ms) are made before the first
  // request rather than during it. No audit record, no metrics.
  void WarmUp();

  // The response to `request`; never throws (an exception becomes 500).
  HttpResponse Handle(const HttpRequest& request);
  // The largest body `path` accepts (docs/limits.md): one questionnaire for
  // /screen, more for a CDS Hooks call whose prefetch holds other resources.
  static size_t BodyLimit(std::string_view path);
  // Counts a request refused by the HTTP layer before Handle (413, 431, timeouts).
  void CountRefused(std::string_view path, int status, const char* kind);
  // While draining (SIGTERM), /readyz answers 503 so a load balancer stops sending.
  void SetDraining() { draining_.store(true); }
  const Rulebook& rulebook() const { return *rulebook_; }

 private:
  // Endpoints (one file each: endpoint_screen.cc, endpoint_cds_hooks.cc,
  // endpoint_feedback.cc, endpoint_info.cc, endpoint_desk.cc).
  HttpResponse ScreenEndpoint(const HttpRequest& request);
  HttpResponse Discovery(const HttpRequest& request);
  HttpResponse HookCall(const HttpRequest& request);
  HttpResponse Feedback(const HttpRequest& request);
  HttpResponse RulebookInfo(const HttpRequest& request);
  HttpResponse Health(const HttpRequest& request);
  HttpResponse Ready(const HttpRequest& request);
  HttpResponse MetricsText(const HttpRequest& request);
  // The desk and its API (endpoint_desk.cc).
  HttpResponse DeskFileEndpoint(const DeskFile& file);
  HttpResponse QuestionnaireEndpoint(const HttpRequest& request);
  HttpResponse QuestionsEndpoint(const HttpRequest& request);
  HttpResponse AnswersEndpoint(const HttpRequest& request);
  HttpResponse ReportEndpoint(const HttpRequest& request);

  // Reads and screens `text` as `format` (the CLI's --input names), writes
  // its audit record (with `hook_instance` when not empty), counts the
  // outcome. False with the 422/500/503 answer in *error.
  bool ScreenText(std::string_view text, const std::string& format, const std::string& hook_instance,
                  ScreeningResult* result, HttpResponse* error);
  // With --jwks: the request's bearer token verified; false with the 401 in *error.
  bool Authorized(const HttpRequest& request, HttpResponse* error) const;

  std::shared_ptr<const Rulebook> rulebook_;
  cli::AuditLog* audit_;
  const JwtVerifier* jwt_;
  std::string public_url_;
  Router router_;
  Metrics metrics_;
  std::atomic<bool> draining_{false};
};

}  // namespace candidacy::service
