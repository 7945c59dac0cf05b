// What the tests of tests/service/ share: the service over the shipped
// rulebook (made once, no audit, no JWKS) and a request as a client sends it.
#pragma once

#include <memory>
#include <string>

#include "candidacy/rulebook.h"
#include "service.h"

namespace candidacy::testing {

// The shipped rulebook, loaded once, as the service holds it.
std::shared_ptr<const Rulebook> ShippedRulebookShared();
// A service over it.
service::Service& ShippedService();
// A request; `type`, when given, its Content-Type.
service::HttpRequest Request(std::string method, std::string target, std::string body = "", std::string type = "");

}  // namespace candidacy::testing
