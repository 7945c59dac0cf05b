// Renderers: the JSON result's shape and key order (docs/output.md), typed
// evidence values, one-line vs pretty forms, determinism; the text result
// puts the outcome first and says why.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/report.h"
#include "test_support.h"

using namespace candidacy::testing;

namespace {
candidacy::ScreeningResult Sample() {
  std::string q = WithAnswer(BaseQuestionnaire(), "vitals.systolic_bp", "184");
  q = WithAnswer(q, "patient.age", "70");
  q = WithAnswer(q, "medications", "['XANAX 0.5mg prn', 'Norco 10/325 q6h prn', 'Zorblaxine 1 mg', 'Adderal 10 mg']");
  q = Without(q, "history.glaucoma");
  return ScreenText(Shipped(), q);
}
}  // namespace

TEST_CASE("the JSON result has the documented keys in order", "[render]") {
  const auto result = Sample();
  const auto j = nlohmann::ordered_json::parse(candidacy::RenderJson(result, false));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"schema_version", "id", "urgent", "urgent_reasons", "outcome", "score", "band",
                                         "flags", "undecided", "missing_questions", "not_evaluated", "medications",
                                         "unrecognized_medications", "probable_medications", "warnings", "rulebook"});
  CHECK(j["schema_version"] == "1.1");
  CHECK(j["urgent"] == false);
  CHECK(j["urgent_reasons"].empty());
  CHECK(j["id"] == "base-001");
  CHECK(j["outcome"] == "ineligible");  // EX-06, despite the missing glaucoma answer
  const auto& ex06 = j["flags"][0];
  CHECK(ex06["id"] == "EX-06");
  CHECK(ex06["severity"] == "exclude");
  CHECK(ex06["evidence"][0] == nlohmann::ordered_json::parse(R"({"id":"vitals.systolic_bp","state":"answered","value":184,"unit":"mmHg"})"));
  CHECK_THAT(ex06["message"].get<std::string>(), Catch::Contains("184"));
  CHECK(ex06["sources"][0]["label"] == "F");
  CHECK(j["undecided"][0]["id"] == "RV-06");
  CHECK(j["undecided"][0]["missing"] == nlohmann::ordered_json::parse(R"(["history.glaucoma"])"));
  CHECK(j["undecided"][0]["blocking"] == true);
  CHECK(j["missing_questions"][0]["id"] == "history.glaucoma");
  CHECK(j["medications"][1]["generic"] == nlohmann::ordered_json::parse(R"(["hydrocodone","acetaminophen"])"));
  CHECK(j["unrecognized_medications"] == nlohmann::ordered_json::parse(R"(["Zorblaxine 1 mg"])"));
  CHECK(j["probable_medications"] == nlohmann::ordered_json::parse(R"(["Adderal 10 mg"])"));
  CHECK(j["medications"][3]["recognized"] == false);
  CHECK(j["medications"][3]["probable_names"] == nlohmann::ordered_json::parse(R"(["Adderall"])"));
  CHECK(j["medications"][0]["probable_names"].empty());
  CHECK(j["rulebook"]["id"] == "ketamine-iv-adult");
  CHECK(j["rulebook"]["sha256"].get<std::string>().size() == 64);
}

TEST_CASE("JSON is one line by default, indented with pretty, identical every time", "[render]") {
  const auto result = Sample();
  const std::string line = candidacy::RenderJson(result, false);
  CHECK(line.find('\n') == line.size() - 1);
  const std::string pretty = candidacy::RenderJson(result, true);
  CHECK(pretty.find("\n  \"id\": \"base-001\"") != std::string::npos);
  CHECK(nlohmann::json::parse(line) == nlohmann::json::parse(pretty));
  CHECK(candidacy::RenderJson(Sample(), false) == line);
  CHECK(candidacy::RenderText(Sample()) == candidacy::RenderText(result));
}

TEST_CASE("the text result starts with the outcome and explains each flag", "[render]") {
  const std::string text = candidacy::RenderText(Sample());
  CHECK(text.rfind("OUTCOME: INELIGIBLE", 0) == 0);
  for (const char* part : {"EXCLUDE (1)", "EX-06", "Action: ", "Answers: vitals.systolic_bp = 184 mmHg", "Sources: F",
                           "REVIEW", "RV-13", "QUESTIONS TO ASK (1)", "history.glaucoma: ", "UNDECIDED RULES (1)",
                           "MEDICATIONS (4, 1 not recognised, 1 probable)", "Norco 10/325 q6h prn  ->  hydrocodone + acetaminophen [opioid, analgesic]",
                           "Zorblaxine 1 mg  ->  NOT RECOGNISED",
                           "Adderal 10 mg  ->  probable: amphetamine + dextroamphetamine (read as Adderall), check the spelling [stimulant]",
                           "SOURCES\n  F  Swiss ketamine prescribing information", "Rulebook ketamine-iv-adult 1.1.0"}) {
    CAPTURE(part);
    CHECK(text.find(part) != std::string::npos);
  }
  // Severity sections in order: exclude before review before caution.
  CHECK(text.find("EXCLUDE (") < text.find("REVIEW ("));
  CHECK(text.find("REVIEW (") < text.find("CAUTION ("));
}

TEST_CASE("the compact result is the full result's ids, in order, one line", "[render]") {
  const auto result = Sample();
  const std::string line = candidacy::RenderJsonCompact(result);
  CHECK(line == candidacy::RenderJsonCompact(result));  // deterministic
  REQUIRE(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  const auto c = nlohmann::ordered_json::parse(line);
  const auto full = nlohmann::ordered_json::parse(candidacy::RenderJson(result, false));
  std::vector<std::string> keys;
  for (auto it = c.begin(); it != c.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"id", "outcome", "score", "flags", "missing_questions", "unrecognized_medications",
                                         "probable_medications"});
  CHECK(c["id"] == full["id"]);
  CHECK(c["outcome"] == full["outcome"]);
  CHECK(c["score"] == full["score"]);
  REQUIRE(c["flags"].size() == full["flags"].size());
  for (size_t i = 0; i < c["flags"].size(); ++i) CHECK(c["flags"][i] == full["flags"][i]["id"]);
  REQUIRE(c["missing_questions"].size() == full["missing_questions"].size());
  for (size_t i = 0; i < c["missing_questions"].size(); ++i) CHECK(c["missing_questions"][i] == full["missing_questions"][i]["id"]);
  CHECK(c["unrecognized_medications"] == nlohmann::ordered_json::parse(R"(["Zorblaxine 1 mg"])"));
  CHECK(c["probable_medications"] == nlohmann::ordered_json::parse(R"(["Adderal 10 mg"])"));
}

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

TEST_CASE("the compact result escapes text as JSON does", "[render]") {
  candidacy::ScreeningResult r;
  r.questionnaire_id = "a\"b\\c";
  r.outcome = candidacy::Outcome::kNeedsReview;
  const std::vector<std::string> bad = {"tab\there", "new\nline", "quote\"d", "back\\slash", std::string("nul\x01" "x"), "caf\xC3\xA9"};
  r.unrecognized_medications = bad;
  const auto c = nlohmann::json::parse(candidacy::RenderJsonCompact(r));
  CHECK(c["id"] == "a\"b\\c");
  CHECK(c["unrecognized_medications"].get<std::vector<std::string>>() == bad);
  CHECK(c["flags"].empty());
}
