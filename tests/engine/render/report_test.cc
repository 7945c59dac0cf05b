// Every output form together (candidacy/report.h): an urgent screening says
// so first in each. One renderer at a time: render_<form>_test.cc.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/report.h"
#include "test_support.h"

using namespace candidacy::testing;

// RV-18 (suicidal ideation with a plan) is urgent: every output opens with it.
TEST_CASE("an urgent screening says so first in every output, the outcome unchanged", "[render]") {
  const auto r = ScreenText(Shipped(), WithAnswer(BaseQuestionnaire(), "depression.suicidal_ideation", "active_with_plan"));
  REQUIRE(r.urgent());
  REQUIRE(r.urgent_reasons.size() == 1);
  CHECK(r.urgent_reasons[0].rule == "RV-18");
  CHECK(r.urgent_reasons[0].reason == "Active suicidal ideation with a plan");
  CHECK(r.outcome == candidacy::Outcome::kNeedsReview);

  const std::string text = candidacy::RenderText(r);
  CHECK(text.rfind("URGENT: Active suicidal ideation with a plan (RV-18): a clinician must evaluate the patient now, before anything else\n"
                   "OUTCOME: NEEDS REVIEW", 0) == 0);
  CHECK(text.find("RV-18  Active suicidal ideation with a plan  [+10]  URGENT\n") != std::string::npos);

  const auto j = nlohmann::ordered_json::parse(candidacy::RenderJson(r, false));
  CHECK(j["urgent"] == true);
  CHECK(j["urgent_reasons"] == nlohmann::ordered_json::parse(R"([{"rule":"RV-18","reason":"Active suicidal ideation with a plan"}])"));
  CHECK(j["outcome"] == "needs_review");
  CHECK(j["flags"][0]["urgent"] == true);

  const std::string compact = candidacy::RenderJsonCompact(r);
  CHECK(compact.rfind(R"({"urgent":true,"urgent_rules":["RV-18"],"id":"base-001","outcome":"needs_review")", 0) == 0);

  const auto cds = nlohmann::json::parse(candidacy::RenderCdsHooks(r, false));
  CHECK(cds["cards"][0]["indicator"] == "critical");
  CHECK(cds["cards"][0]["summary"].get<std::string>().rfind("URGENT: Active suicidal ideation with a plan (RV-18)", 0) == 0);
  CHECK(cds["cards"][0]["detail"].get<std::string>().rfind("**URGENT:**", 0) == 0);
  CHECK(cds["cards"][1]["indicator"] == "critical");

  const std::string html = candidacy::RenderHtml(r, "");
  const auto banner = html.find("<div class=\"urgent\" role=\"alert\"><p>URGENT: Active suicidal ideation with a plan (RV-18)");
  CHECK(banner != std::string::npos);
  CHECK(banner < html.find("<header class=\"banner outcome-needs_review\">"));

  // Not urgent: nothing of it anywhere.
  const auto calm = ScreenText(Shipped(), BaseQuestionnaire());
  CHECK_FALSE(calm.urgent());
  CHECK(candidacy::RenderText(calm).find("URGENT") == std::string::npos);
  CHECK(candidacy::RenderJsonCompact(calm).find("urgent") == std::string::npos);
  CHECK(candidacy::RenderHtml(calm, "").find("class=\"urgent\"") == std::string::npos);
}
