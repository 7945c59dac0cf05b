// The service's table of endpoints (method, path, handler), so the routes,
// the 404/405 answers and docs/service.md's list cannot drift apart: a path
// not in the table is 404, a known path with another method 405 with Allow.
// Tested by tests/service/router_test.cc.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http_message.h"

namespace candidacy::service {

struct Route {
  std::string method;
  std::string path;  // exact
  std::string name;  // the endpoint's label in /metrics
  std::function<HttpResponse(const HttpRequest&)> handle;
};

class Router {
 public:
  void Add(Route route) { routes_.push_back(std::move(route)); }
  // The route for `request`, or null with *miss set to the 404 or 405 answer.
  const Route* Find(const HttpRequest& request, HttpResponse* miss) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace candidacy::service
