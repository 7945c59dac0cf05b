// Rulebook tests: the YAML test cases clinicians write beside their rules
// (DIR/tests/*.yaml, format in docs/rulebook.md "Testing rules"), run against
// the rulebook, with rule coverage (which outcomes of which rules, and which
// leaf conditions, the cases exercised). Plain data in, plain data out.
// Tested by tests/engine/authoring/rulebook_tests_test.cc and tests/cli/rulebook_test_test.sh.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"
#include "candidacy/screening.h"
#include "candidacy/status.h"

namespace candidacy {

// What a case expects of its screening. Every part is optional; a loaded
// case has at least one. Rule and question ids were checked against the
// rulebook when the case was loaded.
struct TestExpectation {
  std::optional<Outcome> outcome;
  std::vector<std::string> fires;          // rule ids that must fire
  std::vector<std::string> not_fires;      // must not fire (undecided or not evaluated is "not fired")
  std::vector<std::string> undecided;      // must be in the result's undecided rules
  std::vector<std::string> not_evaluated;  // must be in the result's not-evaluated rules
  std::vector<std::string> missing;        // question ids that must be among the questions to ask
  std::optional<int> score;
  std::optional<std::string> band;
  std::optional<std::vector<std::string>> unrecognized;  // exactly these entries, in order
  std::optional<std::vector<std::string>> probable;      // exactly these entries matched only probably, in order
  std::optional<bool> urgent;                            // the screening is (or is not) urgent
};

// One test case, ready to run: its questionnaire is the base with `set` and
// `remove` applied, already read and validated against the rulebook.
struct RulebookTestCase {
  std::string name;
  SourceLocation where;  // the case's entry in its test file
  Questionnaire questionnaire;
  TestExpectation expect;
};

// Reads every `*.yaml` file of `tests_directory`, in name order, against
// `rulebook`; diagnostics name each file as `tests_directory`/name. Bases may
// be declared in any of the files and used from all of them. On success
// returns OK with the cases in *cases (file order, then order in the file);
// a missing directory is OK with no cases. When any file has an error
// (unknown key, unknown rule, question or base, a questionnaire that does
// not read after set/remove, ...), returns kRulebookInvalid with every error
// in *diagnostics, sorted by place, and leaves *cases empty. Never throws.
// `cases` and `diagnostics` must not be null.
Status LoadRulebookTests(const Rulebook& rulebook, const std::string& tests_directory,
                         std::vector<RulebookTestCase>* cases, std::vector<Diagnostic>* diagnostics);
// The same, with the files in `unsaved` (UnsavedFile::path a file name in
// `tests_directory`: "review.yaml") read from their text there (candidacy lsp).
Status LoadRulebookTests(const Rulebook& rulebook, const std::string& tests_directory, const std::vector<UnsavedFile>& unsaved,
                         std::vector<RulebookTestCase>* cases, std::vector<Diagnostic>* diagnostics);

struct TestCaseResult {
  std::string name;
  SourceLocation where;
  bool passed = false;
  // One line per unmet expectation, e.g. "outcome: expected ineligible, got
  // eligible" or "EX-06: expected to fire, was not fired".
  std::vector<std::string> failures;
};

struct ConditionCoverage {
  std::string text;      // the condition as written in the rule's `when`
  SourceLocation where;  // its place in the rule file
  bool seen_true = false;
  bool seen_false = false;
};

struct RuleCoverage {
  std::string id;
  SourceLocation where;  // the rule's entry
  bool fired = false;
  bool not_fired = false;  // its `when` was false
  bool undecided = false;  // listed among the undecided rules
  // A rule can be undecided only when its `when` reads a required question
  // (directly, through a derived value, or through the medication list).
  bool undecided_possible = false;
  std::vector<ConditionCoverage> conditions;  // the leaves of its `when`, in text order
};

struct TestCoverage {
  std::vector<RuleCoverage> rules;  // rulebook order
  int outcomes_covered = 0;   // fired, not fired, and undecided where possible
  int outcomes_total = 0;
  int conditions_covered = 0;  // leaf conditions seen both true and false
  int conditions_total = 0;
};

struct TestRun {
  std::vector<TestCaseResult> cases;  // those run, in order
  TestCoverage coverage;              // over the cases run
  int passed = 0;
  int failed = 0;
};

// Runs the cases whose name contains `filter` (all when empty) against
// `rulebook`, which must be the one they were loaded with. Never fails.
TestRun RunRulebookTests(const Rulebook& rulebook, const std::vector<RulebookTestCase>& cases,
                         std::string_view filter = {});

// Every uncovered item, in rulebook order, one line each:
//   "path:line:col: rule RV-01: never seen undecided"
//   "path:line:col: rule RV-01: condition 'vitals.systolic_bp <= 180' never seen false"
// `outcomes_only` leaves out the conditions.
std::vector<std::string> UncoveredItems(const TestCoverage& coverage, bool outcomes_only = false);

// Text for a terminal or CI log: "path:line: FAIL name" and its indented
// failures per failing case; with `coverage`, the coverage table, the
// uncovered items and the totals; last, exactly "N passed, M failed".
std::string RenderTestRunText(const TestRun& run, bool coverage);

// One JSON object on one line: {"cases": [{"name", "file", "line", "passed",
// "failures"}], "coverage": {...}, "passed": N, "failed": M}.
std::string RenderTestRunJson(const TestRun& run);

}  // namespace candidacy
