// Loading rulebook test files (authoring/rulebook_tests_loader.cc): broken
// test files report every error, located, with the exact text.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/rulebook_tests.h"
#include "rulebook_tests_fixture.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

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

}  // namespace
}  // namespace candidacy::testing
