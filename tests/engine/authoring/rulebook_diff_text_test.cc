// Rendering a rulebook diff (authoring/rulebook_diff_text.cc): the exact text
// of a hand-made diff and batch (sections, field lines short and long, the
// outcome and rule moves, each changed screening), and the JSON's shape.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/rulebook_diff.h"

namespace candidacy::testing {
namespace {

RulebookDiff Sample() {
  RulebookDiff d;
  d.before = {"rb", "", "1.0.0", std::string(64, 'a')};
  d.after = {"rb", "", "1.1.0", std::string(64, 'b')};
  DiffEntry points{"rules", "RV-01", DiffEntry::Change::kChanged, "Blood pressure", {{"points", "3", "4"}}};
  DiffEntry when{"rules", "RV-02", DiffEntry::Change::kChanged, "", {{"when", std::string(40, 'x'), std::string(40, 'y')}}};
  DiffEntry added{"rules", "RV-99", DiffEntry::Change::kAdded, "New", {}};
  DiffEntry removed{"drugs", "kratom", DiffEntry::Change::kRemoved, "", {}};
  DiffEntry range{"questions", "patient.age", DiffEntry::Change::kChanged, "", {{"range", "", "0..120"}}};
  d.entries = {range, points, when, added, removed};
  return d;
}

std::vector<ScreeningDiff> Batch() {
  ScreeningDiff same;
  same.line = 1;
  same.id = "q-1";
  same.outcome_before = same.outcome_after = "eligible";
  ScreeningDiff moved;
  moved.line = 2;
  moved.id = "q-2";
  moved.outcome_before = "eligible";
  moved.outcome_after = "needs_review";
  moved.score_before = 3;
  moved.score_after = 4;
  moved.rules = {{"RV-01", "not fired", "fired"}};
  ScreeningDiff unreadable;
  unreadable.line = 3;
  unreadable.readable_after = false;
  unreadable.outcome_before = "eligible";
  unreadable.errors_after = {"patient.age: 121 is outside the allowed range 0..120"};
  return {same, moved, unreadable};
}

TEST_CASE("diff text: sections, entries and fields, then the batch", "[diff]") {
  const auto batch = Batch();
  CHECK(RenderDiffText(Sample(), &batch) ==
        "--- rb 1.0.0 (sha256 aaaaaaaaaaaaaaaa)\n"
        "+++ rb 1.1.0 (sha256 bbbbbbbbbbbbbbbb)\n"
        "\n"
        "QUESTIONS: 0 added, 0 removed, 1 changed\n"
        "  ~ patient.age\n"
        "      range: (none) -> 0..120\n"
        "\n"
        "RULES: 1 added, 0 removed, 2 changed\n"
        "  ~ RV-01  Blood pressure\n"
        "      points: 3 -> 4\n"
        "  ~ RV-02\n"
        "      when:\n"
        "        - " + std::string(40, 'x') + "\n"
        "        + " + std::string(40, 'y') + "\n"
        "  + RV-99  New\n"
        "\n"
        "DRUGS: 0 added, 1 removed, 0 changed\n"
        "  - kratom\n"
        "\n"
        "SCREENINGS: 3 questionnaires, 2 changed, 2 of them in outcome\n"
        "  outcomes:\n"
        "    eligible -> needs_review: 1\n"
        "    eligible -> unreadable: 1\n"
        "  rules:\n"
        "    RV-01  not fired -> fired: 1\n"
        "  line 2  q-2  eligible -> needs_review, score 3 -> 4\n"
        "      RV-01: not fired -> fired\n"
        "  line 3  (no id)  eligible -> unreadable\n"
        "      new rulebook: patient.age: 121 is outside the allowed range 0..120\n");
  const std::string summary_only = RenderDiffText(Sample(), &batch, false);
  CHECK(summary_only.find("  line 2") == std::string::npos);
  CHECK(summary_only.find("    RV-01  not fired -> fired: 1\n") != std::string::npos);
}

TEST_CASE("diff text: no entries says whether only comments or layout changed", "[diff]") {
  RulebookDiff d;
  d.before = d.after = {"rb", "", "1.0.0", std::string(64, 'a')};
  CHECK(RenderDiffText(d, nullptr) == "--- rb 1.0.0 (sha256 aaaaaaaaaaaaaaaa)\n+++ rb 1.0.0 (sha256 aaaaaaaaaaaaaaaa)\n\nNo differences.\n");
  d.after.sha256 = std::string(64, 'c');
  CHECK(RenderDiffText(d, nullptr).find("\nNo differences in what the engine reads (the files differ only in comments or layout).\n") !=
        std::string::npos);
}

TEST_CASE("diff json: entries with their change, changed screenings only, with counts", "[diff]") {
  const auto batch = Batch();
  const auto j = nlohmann::json::parse(RenderDiffJson(Sample(), &batch));
  CHECK(j["before"]["version"] == "1.0.0");
  CHECK(j["after"]["sha256"] == std::string(64, 'b'));
  REQUIRE(j["entries"].size() == 5);
  CHECK(j["entries"][1]["change"] == "changed");
  CHECK(j["entries"][1]["fields"][0] == nlohmann::json::parse(R"({"field":"points","before":"3","after":"4"})"));
  CHECK(j["entries"][3]["change"] == "added");
  CHECK_FALSE(j["entries"][3].contains("fields"));
  CHECK(j["entries"][4]["change"] == "removed");
  CHECK(j["screened"] == 3);
  CHECK(j["changed"] == 2);
  REQUIRE(j["screenings"].size() == 2);
  CHECK(j["screenings"][0]["rules"][0]["id"] == "RV-01");
  CHECK(j["screenings"][1]["outcome"]["after"].is_null());
  CHECK(j["screenings"][1]["errors_after"].size() == 1);
  CHECK(nlohmann::json::parse(RenderDiffJson(Sample(), nullptr)).contains("screenings") == false);
}

}  // namespace
}  // namespace candidacy::testing
