// The HTTP/1.1 server of `candidacy serve`, on Boost.Beast and Boost.Asio
// (docs/service.md says why): one io_context run by N threads, a listener,
// one session per connection (TLS with OpenSSL when a certificate is given),
// header and body caps, header, body and idle timeouts, a cap on requests
// per keep-alive connection, and the graceful stop on SIGTERM/SIGINT: stop
// accepting, close idle connections, finish the requests in flight, return.
// Tested by tests/cli/serve_test.sh.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "service.h"

namespace candidacy::service {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (the startup line says which)
  int threads = 1;
  std::string tls_cert, tls_key;  // PEM files; both or neither
  std::size_t header_limit = 16 * 1024;                // request line and headers
  std::chrono::seconds header_timeout{10};             // a new connection's first request line and headers
  std::chrono::seconds idle_timeout{15};               // between requests of a keep-alive connection
  std::chrono::seconds body_timeout{30};               // the body, once the headers are in
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds drain_timeout{30};              // after SIGTERM, before in-flight requests are abandoned
  int max_requests_per_connection = 10000;
  // Called once the socket listens, with "host:port" (the startup line).
  std::function<void(const std::string&)> on_listening;
  std::function<void()> on_stopping;  // SIGTERM/SIGINT received
};

// Serves until SIGTERM or SIGINT and every request in flight is answered.
// True then; false with *error when the address cannot be bound or the TLS
// files cannot be used.
bool RunServer(Service* service, const ServerOptions& options, std::string* error);

// "host:port", "[v6]:port" or ":port" (all addresses); false when malformed.
bool ParseListenAddress(const std::string& text, std::string* host, unsigned short* port);

}  // namespace candidacy::service
