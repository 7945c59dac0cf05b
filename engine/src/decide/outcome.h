// The outcome policy of the contract's section 2, in one place: the most
// severe of ineligible, incomplete, needs_review, eligible_with_precautions,
// eligible; and the score band. Tested by tests/engine/decide/outcome_test.cc.
#pragma once

#include <vector>

#include "candidacy/result.h"
#include "rulebook/model.h"

namespace candidacy::internal {

struct OutcomeInputs {
  std::vector<Severity> fired;     // severities of the flags that fired
  int score = 0;
  bool blocking_undecided = false;  // a rule above info undecided for want of a due answer
  bool unrecognized_medication = false;  // an entry not recognised, or only probably (misspelt)
};

// The band whose `from` is the highest not above `score`.
const Band& BandFor(const Model& model, int score);

Outcome DecideOutcome(const Model& model, const OutcomeInputs& in);

}  // namespace candidacy::internal
