// With --jwks, every CDS Hooks call (hook and feedback) carries the CDS
// Client's bearer JWT; its audience is the URL called (--public-url plus the
// path, or the request's scheme, Host and path). 401 otherwise.
// Test: tests/service/jwt_verifier_test.cc, tests/cli/serve_test.sh.
#include <ctime>

#include "log.h"
#include "service.h"

namespace candidacy::service {

bool Service::Authorized(const HttpRequest& request, HttpResponse* error) const {
  if (jwt_ == nullptr) return true;
  const std::string_view header = request.Header("authorization");
  std::string_view token;
  if (header.size() > 7 && (header.substr(0, 7) == "Bearer " || header.substr(0, 7) == "bearer ")) token = header.substr(7);
  std::string base = public_url_;
  if (base.empty()) base = std::string(request.tls ? "https://" : "http://") + std::string(request.Header("host"));
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string audience = base + std::string(request.Path());
  std::string why;
  if (jwt_->Verify(token, audience, static_cast<long long>(std::time(nullptr)), &why)) return true;
  cli::Log(cli::LogLevel::kInfo, "refused a CDS Hooks call: {}", why);
  *error = ErrorResponse(401, "unauthorized", why);
  error->headers.emplace_back("WWW-Authenticate", "Bearer");
  return false;
}

}  // namespace candidacy::service
