// The service's requests and responses as plain values: what the HTTP layer
// (server.cc, Boost.Beast) hands to the router and gets back. Nothing here
// knows Beast, so the router, the endpoints and the fuzz target
// (fuzz/service_request_fuzz.cc) run without a socket.
// Tested by tests/service/router_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace candidacy::service {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  bool tls = false;    // arrived over TLS (for the JWT audience)

  // The first header of that (lower-case) name; empty when absent.
  std::string_view Header(std::string_view name) const;
  std::string_view Path() const;   // target up to '?'
  std::string_view Query() const;  // after '?', empty when none
  // The value of `key` in the query (key=value&...), without percent-decoding; empty when absent.
  std::string QueryParameter(std::string_view key) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Allow, WWW-Authenticate)
  bool close = false;  // end the connection after this response
};

// {"error": code, "message": message[, "field": field]} with `status`.
HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message, std::string_view field = {});

}  // namespace candidacy::service
