// The service tests' shared pieces (service_fixture.h).
#include "service_fixture.h"

#include <catch2/catch.hpp>

#include "test_support.h"

namespace candidacy::testing {

std::shared_ptr<const Rulebook> ShippedRulebookShared() {
  static const std::shared_ptr<const Rulebook> rulebook = [] {
    std::shared_ptr<const Rulebook> r;
    std::vector<Diagnostic> diagnostics;
    REQUIRE(Rulebook::Load(SourceDir() + "/rules/ketamine", &r, &diagnostics).ok());
    return r;
  }();
  return rulebook;
}

service::Service& ShippedService() {
  static service::Service* service = new service::Service(ShippedRulebookShared(), nullptr, nullptr, "");
  return *service;
}

service::HttpRequest Request(std::string method, std::string target, std::string body, std::string type) {
  service::HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  if (!type.empty()) r.headers.emplace_back("content-type", type);
  return r;
}

}  // namespace candidacy::testing
