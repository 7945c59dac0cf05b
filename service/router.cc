// Route lookup. Test: tests/service/router_test.cc.
#include "router.h"

namespace candidacy::service {

const Route* Router::Find(const HttpRequest& request, HttpResponse* miss) const {
  const std::string_view path = request.Path();
  std::string allow;
  for (const auto& r : routes_) {
    if (r.path != path) continue;
    if (r.method == request.method) return &r;
    allow += (allow.empty() ? "" : ", ") + r.method;
  }
  if (allow.empty()) {
    *miss = ErrorResponse(404, "not-found", "no such endpoint; GET /cds-services lists the CDS services (docs/service.md)");
  } else {
    *miss = ErrorResponse(405, "method-not-allowed", "this endpoint takes " + allow);
    miss->headers.emplace_back("Allow", allow);
  }
  return nullptr;
}

}  // namespace candidacy::service
