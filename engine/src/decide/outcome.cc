// Outcome and score band. Test: tests/engine/decide/outcome_test.cc.
#include "decide/outcome.h"

#include <algorithm>

namespace candidacy {

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
