// Editing a rule test's questionnaire (authoring/rulebook_tests_yaml.cc): set
// and remove applied to nested, flat, inline and file bases.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/rulebook_tests.h"
#include "rulebook_tests_fixture.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

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

}  // namespace
}  // namespace candidacy::testing
