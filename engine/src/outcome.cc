// Outcome and score band. Test: tests/outcome_test.cc.
#include "outcome.h"

#include <algorithm>

namespace candidacy {

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kIneligible: return "ineligible";
    case Outcome::kIncomplete: return "incomplete";
    case Outcome::kNeedsReview: return "needs_review";
    case Outcome::kEligibleWithPrecautions: return "eligible_with_precautions";
    case Outcome::kEligible: return "eligible";
  }
  return "?";
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kExclude: return "exclude";
    case Severity::kReview: return "review";
    case Severity::kCaution: return "caution";
    case Severity::kInfo: return "info";
  }
  return "?";
}

namespace internal {

const Band& BandFor(const Model& model, int score) {
  const Band* band = &model.bands.front();
  for (const auto& b : model.bands)
    if (b.from <= score) band = &b;
  return *band;
}

Outcome DecideOutcome(const Model& model, const OutcomeInputs& in) {
  auto fired = [&](Severity s) { return std::find(in.fired.begin(), in.fired.end(), s) != in.fired.end(); };
  if (fired(Severity::kExclude)) return Outcome::kIneligible;
  if (in.blocking_undecided) return Outcome::kIncomplete;
  if (fired(Severity::kReview) || BandFor(model, in.score).needs_review ||
      (in.unrecognized_medication && model.unrecognized_needs_review))
    return Outcome::kNeedsReview;
  if (fired(Severity::kCaution)) return Outcome::kEligibleWithPrecautions;
  return Outcome::kEligible;  // info flags never change the outcome
}

}  // namespace internal
}  // namespace candidacy
