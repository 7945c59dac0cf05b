// The CDS Hooks renderer (engine/src/render/render_cds_hooks.cc): card ids,
// and the cards of a screening: one outcome card first, one per flag,
// indicators by severity, deterministic ids and bytes. Its helpers have their
// own tests: base/uuid_v5_test.cc, base/markdown_text_test.cc.
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/markdown_text.h"
#include "candidacy/report.h"
#include "test_support.h"

using namespace candidacy::testing;
using candidacy::internal::CodePoints;
using candidacy::internal::EscapeMarkdown;

TEST_CASE("card ids: questionnaire id, rulebook hash and rule id, version 5", "[cds-hooks]") {
  const std::string sha(64, 'a');
  // Expected values from Python: uuid.uuid5(UUID("9fa262b8-..."), "q-1\n" + "a"*64 + "\nEX-06").
  CHECK(candidacy::CardUuid("q-1", sha, "EX-06") == "dffa6452-f441-5829-9813-cf50a9cfce0b");
  CHECK(candidacy::CardUuid("q-1", sha, "") == "9370fc6b-f42f-58bb-b279-93c6bb03eaee");
  CHECK(candidacy::CardUuid("q-1", sha, "EX-06") != candidacy::CardUuid("q-2", sha, "EX-06"));
  CHECK(candidacy::CardUuid("q-1", sha, "EX-06") != candidacy::CardUuid("q-1", std::string(64, 'b'), "EX-06"));
  CHECK(candidacy::CardUuid("q-1", sha, "EX-06") != candidacy::CardUuid("q-1", sha, "EX-07"));
  const std::string id = candidacy::CardUuid("anything", sha, "RV-01");
  CHECK(id[14] == '5');
  CHECK(std::string("89ab").find(id[19]) != std::string::npos);
}

namespace {
// Exclusion EX-06, reviews, an unrecognised medication with Markdown in it,
// and a missing answer: every kind of card content.
candidacy::ScreeningResult Sample() {
  std::string q = WithAnswer(BaseQuestionnaire(), "vitals.systolic_bp", "184");
  q = WithAnswer(q, "patient.age", "70");
  q = WithAnswer(q, "medications", "['XANAX 0.5mg prn', '*Zorblax* 1 mg <b>']");
  q = Without(q, "history.glaucoma");
  return ScreenText(Shipped(), q);
}
}  // namespace

TEST_CASE("the CDS Hooks response: an outcome card, then one card per flag", "[cds-hooks]") {
  const auto result = Sample();
  const std::string text = candidacy::RenderCdsHooks(result, false);
  CHECK(text.find('\n') == text.size() - 1);
  const auto j = nlohmann::ordered_json::parse(text);
  REQUIRE(j.size() == 1);
  const auto& cards = j["cards"];
  REQUIRE(cards.size() == 1 + result.flags.size());

  const auto& outcome = cards[0];
  std::vector<std::string> keys;
  for (auto it = outcome.begin(); it != outcome.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"uuid", "summary", "indicator", "detail", "source"});
  CHECK(outcome["uuid"] == candidacy::CardUuid("base-001", result.rulebook.sha256, ""));
  CHECK(outcome["indicator"] == "critical");
  CHECK(outcome["summary"] == "Ineligible: an exclusion applies (EX-06); do not book as things stand");
  CHECK(outcome["source"] == nlohmann::ordered_json::parse(
                                 R"({"label":"Adult intravenous ketamine infusion - intake screening 1.1.0"})"));
  const std::string detail = outcome["detail"];
  for (const char* part : {"**Outcome:** ineligible", "**Questions to ask (1):**\n\n1. ", "(history.glaucoma)",
                           "**Undecided rules (1):**\n\n- RV-06 ", "**Medications not recognised (1)",
                           "\n- \\*Zorblax\\* 1 mg \\<b\\>", "Rulebook ketamine-iv-adult 1.1.0 (sha256 "}) {
    CAPTURE(part);
    CHECK(detail.find(part) != std::string::npos);
  }

  const auto& ex06 = cards[1];
  CHECK(ex06["uuid"] == candidacy::CardUuid("base-001", result.rulebook.sha256, "EX-06"));
  CHECK(ex06["indicator"] == "critical");
  CHECK(ex06["summary"].get<std::string>().rfind("Exclusion EX-06: ", 0) == 0);
  CHECK(ex06["source"]["label"].get<std::string>().rfind("Swiss ketamine prescribing information", 0) == 0);
  CHECK(ex06["source"]["label"].get<std::string>().size() <= 102);  // 99 characters and the ellipsis
  CHECK_FALSE(ex06["source"].contains("url"));
  const std::string ex06_detail = ex06["detail"];
  CHECK(ex06_detail.find(EscapeMarkdown(result.flags[0].message)) == 0);
  CHECK(ex06_detail.find("**Action:** " + EscapeMarkdown(result.flags[0].action)) != std::string::npos);
  CHECK(ex06_detail.find("\n- vitals.systolic\\_bp: 184 mmHg") != std::string::npos);
  CHECK(ex06_detail.find("\n- F: Swiss ketamine prescribing information") != std::string::npos);

  // Indicators follow the severity; ids are distinct.
  std::set<std::string> ids;
  for (size_t i = 0; i < result.flags.size(); ++i) {
    const auto& card = cards[i + 1];
    const char* expected = result.flags[i].severity == candidacy::Severity::kExclude  ? "critical"
                           : result.flags[i].severity == candidacy::Severity::kReview ? "warning"
                                                                                      : "info";
    CAPTURE(result.flags[i].id);
    CHECK(card["indicator"] == expected);
    CHECK(CodePoints(card["summary"].get<std::string>()) < 140);
    ids.insert(card["uuid"].get<std::string>());
  }
  ids.insert(outcome["uuid"].get<std::string>());
  CHECK(ids.size() == cards.size());
}

TEST_CASE("a source with a URL gives the card's source url and an autolink", "[cds-hooks]") {
  // IX-04 (naltrexone) cites K, which has a DOI link.
  const auto result = ScreenText(Shipped(), WithAnswer(BaseQuestionnaire(), "medications", "['naltrexone 50 mg']"));
  const auto j = nlohmann::json::parse(candidacy::RenderCdsHooks(result, false));
  bool found = false;
  for (const auto& card : j["cards"]) {
    if (!card["source"].contains("url")) continue;
    found = true;
    CHECK(card["source"]["url"].get<std::string>().rfind("https://doi.org/", 0) == 0);
    CHECK(card["detail"].get<std::string>().find(" <" + card["source"]["url"].get<std::string>() + ">") !=
          std::string::npos);
  }
  CHECK(found);
}

TEST_CASE("the CDS Hooks response is byte-identical every time; pretty is the same JSON", "[cds-hooks]") {
  const std::string line = candidacy::RenderCdsHooks(Sample(), false);
  CHECK(candidacy::RenderCdsHooks(Sample(), false) == line);
  const std::string pretty = candidacy::RenderCdsHooks(Sample(), true);
  CHECK(pretty.find("\n  \"cards\": [") != std::string::npos);
  CHECK(nlohmann::json::parse(pretty) == nlohmann::json::parse(line));
}
