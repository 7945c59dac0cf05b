// The CDS Hooks renderer (engine/src/render/render_cds_hooks.cc) and its helpers:
// version-5 UUIDs against RFC/Python vectors, Markdown escaping and UTF-8-safe
// truncation tables, and the cards of a screening: one outcome card first,
// one per flag, indicators by severity, deterministic ids and bytes.
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/markdown_text.h"
#include "base/uuid_v5.h"
#include "candidacy/report.h"
#include "test_support.h"

using namespace candidacy::testing;
using candidacy::internal::CodePoints;
using candidacy::internal::EscapeMarkdown;
using candidacy::internal::ShortLine;

TEST_CASE("version-5 UUIDs match the published vectors", "[cds-hooks]") {
  candidacy::internal::Uuid dns{};
  REQUIRE(candidacy::internal::ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", &dns));  // RFC 4122 NameSpace_DNS
  CHECK(candidacy::internal::FormatUuid(candidacy::internal::NameBasedUuidV5(dns, "python.org")) ==
        "886313e1-3b8a-5372-9b90-0c9aee199e5d");  // Python's uuid.uuid5(NAMESPACE_DNS, "python.org")
  candidacy::internal::Uuid url{};
  REQUIRE(candidacy::internal::ParseUuid("6BA7B811-9DAD-11D1-80B4-00C04FD430C8", &url));  // NameSpace_URL, upper case
  // Candidacy's card namespace is itself uuid5(NAMESPACE_URL, "urn:candidacy:cds-hooks:card").
  CHECK(candidacy::internal::FormatUuid(candidacy::internal::NameBasedUuidV5(url, "urn:candidacy:cds-hooks:card")) ==
        "9fa262b8-bade-5652-a32e-2c3c69df3de5");
}

TEST_CASE("malformed UUID texts are refused", "[cds-hooks]") {
  const char* bad = GENERATE("", "886313e1-3b8a-5372-9b90-0c9aee199e5", "886313e1-3b8a-5372-9b90-0c9aee199e5d0",
                             "886313e13b8a-5372-9b90-0c9aee199e5d-", "886313e1-3b8a-5372-9b90-0c9aee199e5g",
                             "886313e1+3b8a-5372-9b90-0c9aee199e5d", "{886313e1-3b8a-5372-9b90-0c9aee199e}");
  candidacy::internal::Uuid out{};
  out[0] = 0x42;
  CAPTURE(bad);
  CHECK_FALSE(candidacy::internal::ParseUuid(bad, &out));
  CHECK(out[0] == 0x42);  // untouched
}

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

TEST_CASE("interpolated text is literal Markdown", "[cds-hooks]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row row = GENERATE(values<Row>({
      {"BP 150/92 mmHg: systolic 140-180", "BP 150/92 mmHg: systolic 140-180"},
      {"*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"},
      {"[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"},
      {"<script>&amp;</script>", "\\<script\\>\\&amp;\\</script\\>"},
      {"a | b ~~c~~ \\ d", "a \\| b \\~\\~c\\~\\~ \\\\ d"},
      {"# heading", "\\# heading"},
      {"- not a list", "\\- not a list"},
      {"+ not a list", "\\+ not a list"},
      {"12. not a list", "12\\. not a list"},
      {"3) not a list", "3\\) not a list"},
      {"3.5 mg", "3.5 mg"},
      {"1.0.0", "1.0.0"},
      {"-5 mg", "-5 mg"},
      {"-", "\\-"},
      {"one\ntwo\r\tthree", "one two  three"},
      {"![img](x)", "\\!\\[img\\](x)"},
      {"Zolpidem 5 mg – ½ tab", "Zolpidem 5 mg – ½ tab"},
  }));
  CAPTURE(row.in);
  CHECK(EscapeMarkdown(row.in) == row.out);
}

TEST_CASE("short lines are cut at a code point and end with an ellipsis", "[cds-hooks]") {
  CHECK(ShortLine("short", 10) == "short");
  CHECK(ShortLine("exactly10!", 10) == "exactly10!");
  CHECK(ShortLine("abcdefgh ijk", 10) == "abcdefgh\xE2\x80\xA6");  // 9 kept, the space before the ellipsis dropped
  CHECK(ShortLine("abcdefghijk", 10) == "abcdefghi\xE2\x80\xA6");  // 9 + ellipsis
  CHECK(ShortLine("a\nb", 10) == "a b");
  // Two-, three- and four-byte characters: never cut inside one.
  for (const std::string unit : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x92\x8A"}) {
    std::string text;
    for (int i = 0; i < 200; ++i) text += unit;
    const std::string cut = ShortLine(text, 139);
    CAPTURE(unit);
    CHECK(CodePoints(cut) == 139);
    CHECK(cut.size() == 138 * unit.size() + 3);
    CHECK(nlohmann::json(cut).dump() == "\"" + cut + "\"");  // valid UTF-8 (dump would throw otherwise)
  }
  CHECK(CodePoints("\xC3\xA9t\xC3\xA9") == 3);
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
