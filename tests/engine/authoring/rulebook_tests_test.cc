// Rulebook tests (candidacy/rulebook_tests.h) on a tiny rulebook written to a
// temporary folder: every expectation kind passing and failing with its exact
// message, set/remove applied to nested, flat, inline and file bases, broken
// test files with their exact located diagnostics, and coverage counts
// (including a rule that cannot be undecided) with the exact report text.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/rulebook_tests.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

// Five rules: EX-1 and EX-2 read required questions (pregnant only when the
// patient is not male), RV-1 two conditions on a required number, RV-2 only
// the optional SpO2 (so it can never be undecided), IX-1 the medication list.
const char* kMain = R"yaml(questions:
  - {id: age, type: integer, range: [0, 120], required: true, prompt: "Age?"}
  - {id: sex, type: enum, values: [female, male], required: true, prompt: "Sex?"}
  - {id: pregnant, type: boolean, required: true, asked_when: "sex != 'male'", prompt: "Pregnant?"}
  - {id: vitals.systolic, type: integer, range: [50, 300], required: true, prompt: "Systolic?"}
  - {id: vitals.spo2, type: integer, range: [50, 100], prompt: "SpO2?"}
  - {id: medications, type: list_of_text, required: true, prompt: "Medications?"}
classes:
  - {id: opioid, title: Opioids}
drugs:
  - {generic: morphine, classes: [opioid], brands: [MS Contin]}
rules:
  - {id: EX-1, title: Minor, severity: exclude, sources: [S], message: m, action: a, when: "age < 18"}
  - {id: EX-2, title: Pregnant, severity: exclude, sources: [S], message: m, action: a, when: "pregnant"}
  - {id: RV-1, title: BP, severity: review, points: 3, sources: [S], message: m, action: a,
     when: "vitals.systolic >= 140 and vitals.systolic <= 180"}
  - {id: RV-2, title: SpO2, severity: review, points: 2, sources: [S], message: m, action: a, when: "vitals.spo2 < 94"}
  - {id: IX-1, title: Opioid, severity: caution, points: 1, sources: [S], message: m, action: a,
     when: "any medication in class 'opioid'"}
)yaml";

// An adult woman, nothing fires: inline here; patient.yaml holds the same flat.
const char* kBases = R"yaml(bases:
  adult:
    id: t-1
    age: 40
    sex: female
    pregnant: false
    vitals: {systolic: 120, spo2: 98}
    medications: []
  flat: ../patient.yaml
  man: ../man.json
)yaml";
const char* kPatient = "id: t-2\nage: 40\nsex: female\npregnant: false\nvitals.systolic: 120\nvitals.spo2: 98\nmedications: []\n";
const char* kMan = R"({"id": "t-3", "age": 50, "sex": "male", "vitals": {"systolic": 120}, "medications": ["MS Contin 15 mg"]})";

struct Loaded {
  Status status;
  std::vector<RulebookTestCase> cases;
  std::string diagnostics;  // formatted, the temporary folder shown as RB
};

// The mini rulebook with tests/bases.yaml and `tests` as tests/cases.yaml.
class Fixture {
 public:
  explicit Fixture(const std::string& tests, const std::string& bases = kBases)
      : rb_({{"rulebook.yaml", MiniRoot()},
             {"main.yaml", kMain},
             {"patient.yaml", kPatient},
             {"man.json", kMan},
             {"tests/bases.yaml", bases},
             {"tests/cases.yaml", tests}}) {
    const Status s = rb_.Load();
    INFO(rb_.diagnostics());
    REQUIRE(s.ok());
  }
  const Rulebook& rulebook() const { return *rb_.rulebook(); }
  Loaded Load() const {
    Loaded out;
    std::vector<Diagnostic> diagnostics;
    out.status = LoadRulebookTests(rulebook(), rb_.dir() + "/tests", &out.cases, &diagnostics);
    for (const auto& d : diagnostics) out.diagnostics += FormatDiagnostic(d);
    for (size_t pos; (pos = out.diagnostics.find(rb_.dir())) != std::string::npos;)
      out.diagnostics.replace(pos, rb_.dir().size(), "RB");
    return out;
  }
  const std::string& dir() const { return rb_.dir(); }

 private:
  TempRulebook rb_;
};

// One case per row, written in flow style: `- {name: .., base: .., <rest>}`.
std::string CaseFile(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string out = "cases:\n";
  for (const auto& [name, rest] : rows) out += "  - {name: \"" + name + "\", " + rest + "}\n";
  return out;
}

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

TEST_CASE("set and remove apply to nested, flat, inline and file bases", "[rulebook-tests]") {
  // Each row must pass: its expectations hold only if set/remove were applied as intended.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"set replaces a nested answer", "base: adult, set: {vitals.systolic: 150}, expect: {fires: [RV-1]}"},
      {"set replaces a flat answer without answering twice", "base: flat, set: {vitals.systolic: 150}, expect: {fires: [RV-1]}"},
      {"set creates the group when the base has none", "base: man, set: {vitals.spo2: 90}, expect: {fires: [RV-2]}"},
      {"set adds a flat answer's sibling inside the existing group", "base: adult, set: {vitals.spo2: 93}, expect: {fires: [RV-2], not_fires: [RV-1]}"},
      {"set to null leaves the question unanswered", "base: adult, set: {age: null}, expect: {undecided: [EX-1], missing: [age]}"},
      {"remove deletes a nested answer", "base: adult, remove: [vitals.systolic], expect: {undecided: [RV-1], missing: [vitals.systolic]}"},
      {"remove deletes a flat answer", "base: flat, remove: [vitals.systolic], expect: {undecided: [RV-1]}"},
      {"remove of an absent answer changes nothing", "base: man, remove: [pregnant], expect: {outcome: eligible_with_precautions}"},
      {"a JSON base file reads", "base: man, expect: {fires: [IX-1], not_fires: [EX-2], score: 1}"},
      {"a base path given in the case, relative to the test file", "base: ../patient.yaml, expect: {outcome: eligible}"},
      {"quoted text stays text", "base: adult, set: {medications: [\"5\"]}, expect: {unrecognized: [\"5\"]}"},
      {"the base is not changed by an earlier case", "base: adult, expect: {outcome: eligible, score: 0}"},
  };
  Fixture fx(CaseFile(rows));
  const Loaded loaded = fx.Load();
  INFO(loaded.diagnostics);
  REQUIRE(loaded.status.ok());
  const TestRun run = RunRulebookTests(fx.rulebook(), loaded.cases);
  REQUIRE(run.cases.size() == rows.size());
  for (const auto& c : run.cases) {
    INFO(c.name);
    std::string failures;
    for (const auto& f : c.failures) failures += f + "\n";
    CHECK(failures == "");
  }
}

TEST_CASE("broken test files report every error, located, with the exact text", "[rulebook-tests]") {
  struct Row {
    const char* name;
    std::string cases;  // tests/cases.yaml
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"unknown key in a case",
       "cases:\n  - name: x\n    base: adult\n    sett: {age: 17}\n    expect: {outcome: eligible}\n",
       "RB/tests/cases.yaml:4:5: error: unknown key 'sett' in test case (did you mean 'set'?) [unknown-key]\n"
       "      sett: {age: 17}\n"
       "      ^\n"},
      {"missing expect",
       "cases:\n  - name: x\n    base: adult\n",
       "RB/tests/cases.yaml:2:5: error: test case has no 'expect' [missing-key]\n"
       "    - name: x\n"
       "      ^\n"},
      {"an empty expect",
       "cases:\n  - {name: x, base: adult, expect: {}}\n",
       "RB/tests/cases.yaml:2:36: error: 'expect' checks nothing; give at least one of: outcome, fires, not_fires, undecided, "
       "not_evaluated, missing, score, band, unrecognized, probable, urgent [missing-key]\n"
       "    - {name: x, base: adult, expect: {}}\n"
       "                                     ^\n"},
      {"unknown rule, with a suggestion",
       "cases:\n  - {name: x, base: adult, expect: {fires: [EX1]}}\n",
       "RB/tests/cases.yaml:2:45: error: unknown rule 'EX1' (did you mean 'EX-1'?) [unknown-reference]\n"
       "    - {name: x, base: adult, expect: {fires: [EX1]}}\n"
       "                                              ^\n"},
      {"unknown rule, no suggestion",
       "cases:\n  - {name: x, base: adult, expect: {undecided: [ZZ-99]}}\n",
       "RB/tests/cases.yaml:2:49: error: unknown rule 'ZZ-99' (the rulebook has no such rule) [unknown-reference]\n"
       "    - {name: x, base: adult, expect: {undecided: [ZZ-99]}}\n"
       "                                                  ^\n"},
      {"a rule expected both to fire and not to",
       "cases:\n  - {name: x, base: adult, expect: {fires: [EX-1], not_fires: [EX-1]}}\n",
       "RB/tests/cases.yaml:2:64: error: rule 'EX-1' is already expected under 'fires' [bad-value]\n"
       "    - {name: x, base: adult, expect: {fires: [EX-1], not_fires: [EX-1]}}\n"
       "                                                                 ^\n"},
      {"unknown question in set, remove and missing",
       "cases:\n  - name: x\n    base: adult\n    set: {vitals.systolc: 150}\n    remove: [pregnent]\n    expect: {missing: [agee]}\n",
       "RB/tests/cases.yaml:4:11: error: unknown question 'vitals.systolc' (did you mean 'vitals.systolic'?) [unknown-reference]\n"
       "      set: {vitals.systolc: 150}\n"
       "            ^\n"
       "RB/tests/cases.yaml:5:14: error: unknown question 'pregnent' (did you mean 'pregnant'?) [unknown-reference]\n"
       "      remove: [pregnent]\n"
       "               ^\n"
       "RB/tests/cases.yaml:6:24: error: unknown question 'agee' (did you mean 'age'?) [unknown-reference]\n"
       "      expect: {missing: [agee]}\n"
       "                         ^\n"},
      {"set and removed at once",
       "cases:\n  - {name: x, base: adult, set: {age: 30}, remove: [age], expect: {outcome: eligible}}\n",
       "RB/tests/cases.yaml:2:53: error: 'age' is both set and removed in this case [bad-value]\n"
       "    - {name: x, base: adult, set: {age: 30}, remove: [age], expect: {outcome: eligible}}\n"
       "                                                      ^\n"},
      {"unknown base",
       "cases:\n  - {name: x, base: adul, expect: {outcome: eligible}}\n",
       "RB/tests/cases.yaml:2:21: error: unknown base 'adul' (did you mean 'adult'?) [unknown-reference]\n"
       "    - {name: x, base: adul, expect: {outcome: eligible}}\n"
       "                      ^\n"},
      {"a base file that does not exist",
       "cases:\n  - {name: x, base: ../nowhere.yaml, expect: {outcome: eligible}}\n",
       "RB/tests/cases.yaml:2:21: error: cannot read base file '../nowhere.yaml': No such file or directory [file-unreadable]\n"
       "    - {name: x, base: ../nowhere.yaml, expect: {outcome: eligible}}\n"
       "                      ^\n"},
      {"an answer out of range, at the set line",
       "cases:\n  - name: systolic 400\n    base: adult\n    set:\n      vitals.systolic: 400\n    expect: {outcome: ineligible}\n",
       "RB/tests/cases.yaml:5:24: error: vitals.systolic: 400 is outside the allowed range 50..300 [out-of-range]\n"
       "        vitals.systolic: 400\n"
       "                         ^\n"},
      {"a quoted number is text, not an age",
       "cases:\n  - {name: x, base: adult, set: {age: '17'}, expect: {outcome: ineligible}}\n",
       "RB/tests/cases.yaml:2:39: error: age: expected a whole number, found text '17' [bad-answer]\n"
       "    - {name: x, base: adult, set: {age: '17'}, expect: {outcome: ineligible}}\n"
       "                                        ^\n"},
      {"a bad list item, at the item",
       "cases:\n  - {name: x, base: adult, set: {medications: [ok, '']}, expect: {score: 0}}\n",
       "RB/tests/cases.yaml:2:52: error: medications[1]: is empty; remove it or write the medication [bad-answer]\n"
       "    - {name: x, base: adult, set: {medications: [ok, '']}, expect: {score: 0}}\n"
       "                                                     ^\n"},
      {"bad outcome, band and score",
       "cases:\n  - name: x\n    base: adult\n    expect: {outcome: eligable, band: medium, score: -1}\n",
       "RB/tests/cases.yaml:4:23: error: 'eligable' is not an outcome (did you mean 'eligible'?) [bad-value]\n"
       "      expect: {outcome: eligable, band: medium, score: -1}\n"
       "                        ^\n"
       "RB/tests/cases.yaml:4:39: error: 'medium' is not a band of the rulebook (expected one of: low, moderate, high) [bad-value]\n"
       "      expect: {outcome: eligable, band: medium, score: -1}\n"
       "                                        ^\n"
       "RB/tests/cases.yaml:4:54: error: 'score' must be from 0 to 1000000 [bad-value]\n"
       "      expect: {outcome: eligable, band: medium, score: -1}\n"
       "                                                       ^\n"},
      {"two cases of the same name",
       "cases:\n  - {name: x, base: adult, expect: {score: 0}}\n  - {name: x, base: adult, expect: {score: 0}}\n",
       "RB/tests/cases.yaml:3:12: error: a case named 'x' is already defined at RB/tests/cases.yaml:2 [duplicate-id]\n"
       "    - {name: x, base: adult, expect: {score: 0}}\n"
       "             ^\n"},
      {"an unknown top-level key",
       "case:\n  - {name: x, base: adult, expect: {score: 0}}\n",
       "RB/tests/cases.yaml:1:1: error: unknown key 'case' in test file (did you mean 'cases'?) [unknown-key]\n"
       "  case:\n"
       "  ^\n"},
      {"YAML syntax",
       "cases:\n  - {name: x, base: adult, expect: {score: 0}\n",
       "RB/tests/cases.yaml:3:1: error: end of map flow not found [yaml-syntax]\n"},
      {"a base declared twice",
       "bases:\n  adult: ../patient.yaml\ncases: []\n",
       "RB/tests/cases.yaml:2:3: error: base 'adult' is declared twice (first at RB/tests/bases.yaml:3) [duplicate-id]\n"
       "    adult: ../patient.yaml\n"
       "    ^\n"},
      {"an inline base with a bad answer, at the base's line",
       "bases:\n  bad: {id: b, age: 200}\ncases:\n  - {name: x, base: bad, expect: {score: 0}}\n  - {name: y, base: bad, expect: {score: 0}}\n",
       "RB/tests/cases.yaml:2:21: error: age: 200 is outside the allowed range 0..120 [out-of-range]\n"
       "    bad: {id: b, age: 200}\n"
       "                      ^\n"},
      {"a base file with a bad answer, at the case's base",
       "cases:\n  - {name: x, base: ../main.yaml, expect: {score: 0}}\n",
       "RB/tests/cases.yaml:2:21: error: the questionnaire from base file '../main.yaml' does not read: id: the questionnaire has "
       "no 'id' (its identifier; no name or date of birth) [missing-key]\n"
       "    - {name: x, base: ../main.yaml, expect: {score: 0}}\n"
       "                      ^\n"},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    Fixture fx(row.cases);
    const Loaded loaded = fx.Load();
    CHECK(loaded.status.code() == StatusCode::kRulebookInvalid);
    CHECK(loaded.cases.empty());
    CHECK(loaded.diagnostics == row.expected);
  }
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
