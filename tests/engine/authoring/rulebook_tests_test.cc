// Rulebook tests (candidacy/rulebook_tests.h) on a tiny rulebook written to a
// temporary folder: every expectation kind passing and failing with its exact
// message, and coverage counts (including a rule that cannot be undecided)
// with the exact report text. Loading test files:
// rulebook_tests_loader_test.cc; set/remove: rulebook_tests_yaml_test.cc.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/rulebook_tests.h"
#include "rulebook_tests_fixture.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

TEST_CASE("each expectation passes or fails with its exact message", "[rulebook-tests]") {
  struct Row {
    const char* name;
    const char* rest;  // base, set, remove and expect of the case
    std::vector<std::string> failures;
  };
  const std::vector<Row> rows = {
      {"outcome met", "base: adult, expect: {outcome: eligible}", {}},
      {"outcome unmet", "base: adult, set: {age: 17}, expect: {outcome: eligible}", {"outcome: expected eligible, got ineligible"}},
      {"fires met", "base: adult, set: {age: 17}, expect: {fires: [EX-1]}", {}},
      {"fires unmet: not fired", "base: adult, expect: {fires: [EX-1]}", {"EX-1: expected to fire, was not fired"}},
      {"fires unmet: undecided", "base: adult, remove: [age], expect: {fires: [EX-1]}", {"EX-1: expected to fire, was undecided"}},
      {"fires unmet: not evaluated", "base: adult, remove: [vitals.spo2], expect: {fires: [RV-2]}",
       {"RV-2: expected to fire, was not evaluated"}},
      {"not_fires met", "base: adult, expect: {not_fires: [EX-1]}", {}},
      {"not_fires met when undecided", "base: adult, remove: [age], expect: {not_fires: [EX-1]}", {}},
      {"not_fires unmet", "base: adult, set: {age: 17}, expect: {not_fires: [EX-1]}", {"EX-1: expected not to fire, was fired"}},
      {"undecided met", "base: adult, remove: [pregnant], expect: {undecided: [EX-2]}", {}},
      {"undecided unmet", "base: adult, expect: {undecided: [EX-2]}", {"EX-2: expected to be undecided, was not fired"}},
      {"not_evaluated met", "base: adult, remove: [vitals.spo2], expect: {not_evaluated: [RV-2]}", {}},
      {"not_evaluated unmet", "base: adult, set: {vitals.spo2: 93}, expect: {not_evaluated: [RV-2]}",
       {"RV-2: expected to be not evaluated, was fired"}},
      {"missing met", "base: adult, remove: [pregnant], expect: {missing: [pregnant]}", {}},
      {"missing unmet, nothing to ask", "base: adult, expect: {missing: [age]}",
       {"missing: expected age among the questions to ask, got none"}},
      {"missing unmet, others to ask", "base: adult, remove: [sex, pregnant], expect: {missing: [age]}",
       {"missing: expected age among the questions to ask, got sex, pregnant"}},
      {"score met", "base: adult, set: {vitals.systolic: 150}, expect: {score: 3}", {}},
      {"score unmet", "base: adult, set: {vitals.systolic: 150}, expect: {score: 0}", {"score: expected 0, got 3"}},
      {"band met", "base: adult, expect: {band: low}", {}},
      {"band unmet", "base: adult, set: {vitals.systolic: 150, vitals.spo2: 90, medications: [MS Contin 15 mg]}, expect: {band: low}",
       {"band: expected low, got moderate"}},
      {"unrecognized met", "base: adult, set: {medications: [\"Xanex 1 mg\"]}, expect: {unrecognized: [\"Xanex 1 mg\"]}", {}},
      {"unrecognized met, none", "base: adult, expect: {unrecognized: []}", {}},
      {"unrecognized unmet", "base: adult, set: {medications: [\"Xanex 1 mg\"]}, expect: {unrecognized: []}",
       {"unrecognized: expected [], got [\"Xanex 1 mg\"]"}},
      {"several unmet, in expectation order", "base: adult, set: {age: 17}, expect: {score: 1, fires: [IX-1], outcome: eligible}",
       {"outcome: expected eligible, got ineligible", "IX-1: expected to fire, was not fired", "score: expected 1, got 0"}},
  };
  std::vector<std::pair<std::string, std::string>> file;
  for (const auto& row : rows) file.emplace_back(row.name, row.rest);
  Fixture fx(CaseFile(file));
  const Loaded loaded = fx.Load();
  INFO(loaded.diagnostics);
  REQUIRE(loaded.status.ok());
  REQUIRE(loaded.cases.size() == rows.size());
  const TestRun run = RunRulebookTests(fx.rulebook(), loaded.cases);
  REQUIRE(run.cases.size() == rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].name);
    CHECK(run.cases[i].name == rows[i].name);
    CHECK(run.cases[i].failures == rows[i].failures);
    CHECK(run.cases[i].passed == rows[i].failures.empty());
    CHECK(run.cases[i].where.line == static_cast<int>(i) + 2);
  }
  int failing = 0;
  for (const auto& row : rows) failing += !row.failures.empty();
  CHECK(run.failed == failing);
  CHECK(run.passed == static_cast<int>(rows.size()) - failing);
}

TEST_CASE("a missing tests directory is no error; the filter selects by name", "[rulebook-tests]") {
  Fixture fx("cases:\n  - {name: age 17 excludes, base: adult, set: {age: 17}, expect: {fires: [EX-1]}}\n"
             "  - {name: age 18 does not, base: adult, set: {age: 18}, expect: {not_fires: [EX-1]}}\n");
  std::vector<RulebookTestCase> cases;
  std::vector<Diagnostic> diagnostics;
  CHECK(LoadRulebookTests(fx.rulebook(), fx.dir() + "/no-such-dir", &cases, &diagnostics).ok());
  CHECK(cases.empty());
  CHECK(diagnostics.empty());

  const Loaded loaded = fx.Load();
  REQUIRE(loaded.status.ok());
  const auto [filter, names] = GENERATE(table<std::string, std::vector<std::string>>({
      {"", {"age 17 excludes", "age 18 does not"}},
      {"18", {"age 18 does not"}},
      {"age", {"age 17 excludes", "age 18 does not"}},
      {"AGE", {}},  // case-sensitive
  }));
  INFO(filter);
  const TestRun run = RunRulebookTests(fx.rulebook(), loaded.cases, filter);
  std::vector<std::string> ran;
  for (const auto& c : run.cases) ran.push_back(c.name);
  CHECK(ran == names);
  CHECK(run.passed == static_cast<int>(names.size()));
}

TEST_CASE("coverage counts rule outcomes and conditions; undecided only where possible", "[rulebook-tests]") {
  struct Row {
    const char* what;
    std::string cases;
    int outcomes_covered, conditions_covered;
    std::vector<std::string> uncovered;
  };
  // Totals never change: EX-1, EX-2, RV-1 and IX-1 have 3 outcomes, RV-2 (optional SpO2 only) 2: 14;
  // conditions: one each, RV-1 two: 6.
  const std::vector<Row> rows = {
      {"one clean case: every rule not fired; RV-1's second condition never reached",
       "cases:\n  - {name: a, base: adult, expect: {score: 0}}\n",
       5, 0,
       {"RB/main.yaml:13:5: rule EX-1: never seen fired", "RB/main.yaml:13:5: rule EX-1: never seen undecided",
        "RB/main.yaml:13:93: rule EX-1: condition 'age < 18' never seen true",
        "RB/main.yaml:14:5: rule EX-2: never seen fired", "RB/main.yaml:14:5: rule EX-2: never seen undecided",
        "RB/main.yaml:14:96: rule EX-2: condition 'pregnant' never seen true",
        "RB/main.yaml:15:5: rule RV-1: never seen fired", "RB/main.yaml:15:5: rule RV-1: never seen undecided",
        "RB/main.yaml:16:13: rule RV-1: condition 'vitals.systolic >= 140' never seen true",
        "RB/main.yaml:16:40: rule RV-1: condition 'vitals.systolic <= 180' never seen true or false",
        "RB/main.yaml:17:5: rule RV-2: never seen fired",
        "RB/main.yaml:17:102: rule RV-2: condition 'vitals.spo2 < 94' never seen true",
        "RB/main.yaml:18:5: rule IX-1: never seen fired", "RB/main.yaml:18:5: rule IX-1: never seen undecided",
        "RB/main.yaml:19:13: rule IX-1: condition 'any medication in class 'opioid'' never seen true"}},
      {"every outcome and condition seen",
       "cases:\n"
       "  - {name: clean, base: adult, expect: {score: 0}}\n"
       "  - {name: all fire, base: adult, set: {age: 17, pregnant: true, vitals.systolic: 150, vitals.spo2: 90, medications: [MS Contin]}, expect: {outcome: ineligible}}\n"
       "  - {name: above range, base: adult, set: {vitals.systolic: 181}, expect: {not_fires: [RV-1]}}\n"
       "  - {name: all unknown, base: adult, remove: [age, pregnant, vitals.systolic, vitals.spo2, medications], expect: {outcome: incomplete}}\n",
       14, 6, {}},
      {"not evaluated is no outcome: RV-2 never fired, never not fired",
       "cases:\n  - {name: a, base: adult, remove: [vitals.spo2], set: {age: 17}, expect: {not_evaluated: [RV-2]}}\n",
       4, 0, {}},
  };
  for (const auto& row : rows) {
    INFO(row.what);
    Fixture fx(row.cases);
    const Loaded loaded = fx.Load();
    INFO(loaded.diagnostics);
    REQUIRE(loaded.status.ok());
    TestRun run = RunRulebookTests(fx.rulebook(), loaded.cases);
    CHECK(run.failed == 0);
    const TestCoverage& c = run.coverage;
    REQUIRE(c.rules.size() == 5);
    CHECK(c.outcomes_total == 14);
    CHECK(c.conditions_total == 6);
    CHECK(c.outcomes_covered == row.outcomes_covered);
    CHECK(c.conditions_covered == row.conditions_covered);
    CHECK(c.rules[3].id == "RV-2");
    CHECK_FALSE(c.rules[3].undecided_possible);
    for (size_t i : {0, 1, 2, 4}) CHECK(c.rules[i].undecided_possible);
    if (!row.uncovered.empty() || row.outcomes_covered == 14) {
      std::vector<std::string> uncovered = UncoveredItems(c);
      for (auto& line : uncovered) line.replace(0, fx.dir().size(), "RB");
      CHECK(uncovered == row.uncovered);
    }
  }
}

TEST_CASE("the text report: failures, the coverage table, the totals, the summary last", "[rulebook-tests]") {
  Fixture fx("cases:\n"
             "  - {name: age 17 excludes, base: adult, set: {age: 17}, expect: {fires: [EX-1]}}\n"
             "  - {name: age 18 excludes, base: adult, set: {age: 18}, expect: {outcome: ineligible, fires: [EX-1]}}\n"
             "  - {name: opioid, base: man, expect: {fires: [IX-1]}}\n");
  const Loaded loaded = fx.Load();
  REQUIRE(loaded.status.ok());
  const TestRun run = RunRulebookTests(fx.rulebook(), loaded.cases);
  std::string text = RenderTestRunText(run, /*coverage=*/false);
  for (size_t pos; (pos = text.find(fx.dir())) != std::string::npos;) text.replace(pos, fx.dir().size(), "RB");
  CHECK(text ==
        "RB/tests/cases.yaml:3: FAIL age 18 excludes\n"
        "    outcome: expected ineligible, got eligible\n"
        "    EX-1: expected to fire, was not fired\n"
        "2 passed, 1 failed\n");

  text = RenderTestRunText(run, /*coverage=*/true);
  for (size_t pos; (pos = text.find(fx.dir())) != std::string::npos;) text.replace(pos, fx.dir().size(), "RB");
  CHECK(text ==
        "RB/tests/cases.yaml:3: FAIL age 18 excludes\n"
        "    outcome: expected ineligible, got eligible\n"
        "    EX-1: expected to fire, was not fired\n"
        "\n"
        "Rule coverage (leaf conditions: seen both true and false)\n"
        "  rule  fired  not fired  undecided  conditions\n"
        "  EX-1  yes    yes        NO         1/1\n"
        "  EX-2  NO     yes        NO         0/1\n"
        "  RV-1  NO     yes        NO         0/2\n"
        "  RV-2  NO     yes        n/a        0/1\n"
        "  IX-1  yes    yes        NO         1/1\n"
        "\n"
        "Uncovered:\n"
        "RB/main.yaml:13:5: rule EX-1: never seen undecided\n"
        "RB/main.yaml:14:5: rule EX-2: never seen fired\n"
        "RB/main.yaml:14:5: rule EX-2: never seen undecided\n"
        "RB/main.yaml:14:96: rule EX-2: condition 'pregnant' never seen true\n"
        "RB/main.yaml:15:5: rule RV-1: never seen fired\n"
        "RB/main.yaml:15:5: rule RV-1: never seen undecided\n"
        "RB/main.yaml:16:13: rule RV-1: condition 'vitals.systolic >= 140' never seen true\n"
        "RB/main.yaml:16:40: rule RV-1: condition 'vitals.systolic <= 180' never seen true or false\n"
        "RB/main.yaml:17:5: rule RV-2: never seen fired\n"
        "RB/main.yaml:17:102: rule RV-2: condition 'vitals.spo2 < 94' never seen true\n"
        "RB/main.yaml:18:5: rule IX-1: never seen undecided\n"
        "\n"
        "rule outcomes covered 7/14 (50.0%)\n"
        "conditions covered 2/6 (33.3%)\n"
        "2 passed, 1 failed\n");

  const auto json = nlohmann::json::parse(RenderTestRunJson(run));
  CHECK(json["passed"] == 2);
  CHECK(json["failed"] == 1);
  CHECK(json["cases"][1]["name"] == "age 18 excludes");
  CHECK(json["cases"][1]["line"] == 3);
  CHECK(json["cases"][1]["passed"] == false);
  CHECK(json["cases"][1]["failures"][1] == "EX-1: expected to fire, was not fired");
  CHECK(json["coverage"]["outcomes_covered"] == 7);
  CHECK(json["coverage"]["rules"][3]["undecided_possible"] == false);
  CHECK(json["coverage"]["rules"][2]["conditions"][1]["text"] == "vitals.systolic <= 180");
  CHECK(json["coverage"]["uncovered"].size() == 11);
}

TEST_CASE("the shipped rulebook's tests pass and cover every rule outcome", "[rulebook-tests]") {
  std::vector<RulebookTestCase> cases;
  std::vector<Diagnostic> diagnostics;
  const Status s = LoadRulebookTests(Shipped(), SourceDir() + "/rules/ketamine/tests", &cases, &diagnostics);
  std::string text;
  for (const auto& d : diagnostics) text += FormatDiagnostic(d);
  INFO(text);
  REQUIRE(s.ok());
  const TestRun run = RunRulebookTests(Shipped(), cases);
  INFO(RenderTestRunText(run, true));
  CHECK(run.failed == 0);
  CHECK(run.passed > 100);
  CHECK(UncoveredItems(run.coverage, /*outcomes_only=*/true).empty());
  CHECK(run.coverage.outcomes_covered == run.coverage.outcomes_total);
}

}  // namespace
}  // namespace candidacy::testing
