// GET /rulebook (id, title, version, sha256), /healthz (alive), /readyz
// (ready for traffic; 503 while draining), /metrics (Prometheus text).
// Test: tests/cli/serve_test.sh.
#include <nlohmann/json.hpp>

#include "service.h"

namespace candidacy::service {

HttpResponse Service::RulebookInfo(const HttpRequest&) {
  nlohmann::ordered_json j;
  j["id"] = rulebook_->id();
  j["title"] = rulebook_->title();
  j["version"] = rulebook_->version();
  j["sha256"] = rulebook_->sha256();
  HttpResponse r;
  r.body = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  return r;
}

HttpResponse Service::Health(const HttpRequest&) {
  HttpResponse r;
  r.body = "{\"status\":\"ok\"}\n";
  return r;
}

HttpResponse Service::Ready(const HttpRequest&) {
  HttpResponse r;
  if (draining_.load()) {
    r.status = 503;
    r.body = "{\"status\":\"draining\"}\n";
  } else {
    r.body = "{\"status\":\"ready\"}\n";
  }
  return r;
}

HttpResponse Service::MetricsText(const HttpRequest&) {
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_.Render();
  return r;
}

}  // namespace candidacy::service
