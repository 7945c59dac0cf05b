// Requests' accessors and the one shape of an error body. Test: tests/service/router_test.cc.
#include "http_message.h"

#include <nlohmann/json.hpp>

namespace candidacy::service {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return {};
}

std::string_view HttpRequest::Path() const {
  const std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::Query() const {
  const std::string_view t = target;
  const size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

std::string HttpRequest::QueryParameter(std::string_view key) const {
  std::string_view q = Query();
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) return eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return {};
}

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message, std::string_view field) {
  nlohmann::ordered_json j;
  j["error"] = code;
  j["message"] = message;
  if (!field.empty()) j["field"] = field;
  HttpResponse r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  return r;
}

}  // namespace candidacy::service
