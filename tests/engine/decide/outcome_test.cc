// The outcome policy of the contract's section 2 as a table: the most
// severe applicable outcome wins; bands come from the rulebook.
#include <catch2/catch.hpp>

#include "decide/outcome.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

using candidacy::Outcome;
using candidacy::Severity;
using candidacy::internal::DecideOutcome;
using candidacy::internal::OutcomeInputs;

TEST_CASE("the most severe applicable outcome wins", "[outcome]") {
  const auto& model = candidacy::internal::ModelOf(candidacy::testing::Shipped());
  struct Row {
    std::vector<Severity> fired;
    int score;
    bool blocking;
    bool unrecognized;
    Outcome expected;
  };
  const Row rows[] = {
      {{}, 0, false, false, Outcome::kEligible},
      {{Severity::kInfo}, 0, false, false, Outcome::kEligible},                       // info never changes it
      {{Severity::kCaution}, 1, false, false, Outcome::kEligibleWithPrecautions},
      {{Severity::kCaution, Severity::kInfo}, 2, false, false, Outcome::kEligibleWithPrecautions},
      {{Severity::kCaution}, 4, false, false, Outcome::kEligibleWithPrecautions},     // band low
      {{Severity::kCaution, Severity::kCaution}, 5, false, false, Outcome::kNeedsReview},  // band moderate
      {{}, 10, false, false, Outcome::kNeedsReview},                                  // band high
      {{Severity::kReview}, 2, false, false, Outcome::kNeedsReview},
      {{}, 0, false, true, Outcome::kNeedsReview},                                    // unrecognised medication
      {{Severity::kCaution}, 1, false, true, Outcome::kNeedsReview},
      {{}, 0, true, false, Outcome::kIncomplete},
      {{Severity::kReview}, 3, true, false, Outcome::kIncomplete},                   // incomplete above review
      {{Severity::kCaution}, 12, true, true, Outcome::kIncomplete},
      {{Severity::kExclude}, 0, false, false, Outcome::kIneligible},
      {{Severity::kExclude}, 0, true, false, Outcome::kIneligible},                 // an exclusion is never hidden
      {{Severity::kExclude, Severity::kReview, Severity::kCaution}, 20, true, true, Outcome::kIneligible},
  };
  for (const auto& row : rows) {
    OutcomeInputs in;
    in.fired = row.fired;
    in.score = row.score;
    in.blocking_undecided = row.blocking;
    in.unrecognized_medication = row.unrecognized;
    CAPTURE(row.score, row.blocking, row.unrecognized, row.fired.size());
    CHECK(candidacy::OutcomeName(DecideOutcome(model, in)) == std::string(candidacy::OutcomeName(row.expected)));
  }
}

TEST_CASE("score bands: 0-4 low, 5-9 moderate, 10+ high", "[outcome]") {
  const auto& model = candidacy::internal::ModelOf(candidacy::testing::Shipped());
  auto [score, band] = GENERATE(table<int, std::string>({{0, "low"}, {4, "low"}, {5, "moderate"}, {9, "moderate"}, {10, "high"}, {99, "high"}}));
  CHECK(candidacy::internal::BandFor(model, score).name == band);
}
