// The service's router and request handling without a socket
// (service/router.cc, service/service.cc, service/http_message.cc): the
// route table, 404 and 405 with Allow, query parameters, and a table of
// requests with the status each gets.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/limits.h"
#include "candidacy/rulebook.h"
#include "router.h"
#include "service.h"
#include "service_fixture.h"
#include "test_support.h"

using candidacy::service::HttpRequest;
using candidacy::service::HttpResponse;

namespace {

using candidacy::testing::Request;
candidacy::service::Service& TestService() { return candidacy::testing::ShippedService(); }

}  // namespace

TEST_CASE("the router: exact paths, 404 for others, 405 with Allow", "[service]") {
  candidacy::service::Router router;
  router.Add({"GET", "/a", "a", [](const HttpRequest&) { return HttpResponse(); }});
  router.Add({"POST", "/a", "a-post", [](const HttpRequest&) { return HttpResponse(); }});
  router.Add({"POST", "/b", "b", [](const HttpRequest&) { return HttpResponse(); }});
  HttpResponse miss;
  CHECK(router.Find(Request("GET", "/a?x=1"), &miss)->name == "a");
  CHECK(router.Find(Request("POST", "/a"), &miss)->name == "a-post");
  CHECK(router.Find(Request("GET", "/a/"), &miss) == nullptr);
  CHECK(miss.status == 404);
  CHECK(router.Find(Request("GET", "/b"), &miss) == nullptr);
  CHECK(miss.status == 405);
  REQUIRE(miss.headers.size() == 1);
  CHECK(miss.headers[0] == std::make_pair(std::string("Allow"), std::string("POST")));
  CHECK(router.Find(Request("PUT", "/a"), &miss) == nullptr);
  CHECK(miss.headers[0].second == "GET, POST");
}

TEST_CASE("query parameters and headers", "[service]") {
  HttpRequest r = Request("POST", "/screen?pretty&format=html&x=");
  CHECK(r.Path() == "/screen");
  CHECK(r.QueryParameter("format") == "html");
  CHECK(r.QueryParameter("pretty").empty());
  CHECK(r.QueryParameter("x").empty());
  CHECK(r.QueryParameter("missing").empty());
  r.headers.emplace_back("host", "h:1");
  CHECK(r.Header("host") == "h:1");
  CHECK(r.Header("Host").empty());  // names are lower-case
}

TEST_CASE("each request gets its status", "[service]") {
  struct Row {
    const char* method;
    const char* target;
    std::string body;
    const char* type;
    int status;
  };
  const std::string sample = candidacy::testing::FileText(candidacy::testing::SourceDir() + "/samples/06-review-bp-maoi.yaml");
  const std::vector<Row> rows = {
      {"GET", "/cds-services", "", "", 200},
      {"GET", "/rulebook", "", "", 200},
      {"GET", "/healthz", "", "", 200},
      {"GET", "/readyz", "", "", 200},
      {"GET", "/metrics", "", "", 200},
      {"POST", "/screen", sample, "application/yaml", 200},
      {"POST", "/screen?format=html", sample, "application/yaml", 200},
      {"POST", "/screen?format=pdf", sample, "application/yaml", 400},
      {"POST", "/screen", sample, "text/plain", 415},
      {"POST", "/screen", "id: [", "application/yaml", 422},
      {"POST", "/screen", "", "", 422},
      {"GET", "/screen", "", "", 405},
      {"POST", "/cds-services", "", "", 405},
      {"POST", "/cds-services/ketamine-candidacy", "{}", "application/json", 400},
      {"POST", "/cds-services/ketamine-candidacy/feedback", "{\"feedback\":[]}", "application/json", 400},
      {"GET", "/", "", "", 200},  // the desk (docs/desk.md)
      {"GET", "/index.html", "", "", 404},
      {"GET", "/cds-services/other", "", "", 404},
      {"GET", "", "", "", 404},
      {"OPTIONS", "/cds-services", "", "", 204},
      {"OPTIONS", "/cds-services/ketamine-candidacy", "", "", 204},
      {"OPTIONS", "/cds-services/nothing", "", "", 404},
      {"OPTIONS", "/screen", "", "", 405},
  };
  for (const auto& row : rows) {
    INFO(row.method << " " << row.target);
    const HttpResponse r = TestService().Handle(Request(row.method, row.target, row.body, row.type));
    CHECK(r.status == row.status);
    if (r.status >= 400) {
      const auto j = nlohmann::json::parse(r.body, nullptr, false);
      CHECK((j.is_object() && j.contains("error")));
    }
  }
}

TEST_CASE("body caps follow docs/limits.md", "[service]") {
  CHECK(candidacy::service::Service::BodyLimit("/screen") == candidacy::limits::kMaxDocumentBytes);
  CHECK(candidacy::service::Service::BodyLimit("/cds-services/ketamine-candidacy") == 4 * candidacy::limits::kMaxDocumentBytes);
}
