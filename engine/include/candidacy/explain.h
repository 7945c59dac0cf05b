// Why did a rule fire, or why is it undecided? The evaluation trace of one
// rule on one questionnaire: every sub-expression with its value (true,
// false, unknown), the answers it read, and the operands that decided it.
// Tested by tests/engine/decide/explain_test.cc and tests/cli/explain_test.sh.
#pragma once

#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/result.h"
#include "candidacy/rulebook.h"
#include "candidacy/screening.h"

namespace candidacy {

// Explains rule `rule_id` on `questionnaire` (read against `rulebook`).
// Returns kInvalidArgument (naming the closest rule id) for an unknown rule.
Status ExplainRule(const Rulebook& rulebook, const Questionnaire& questionnaire, const std::string& rule_id,
                   Explanation* out);

}  // namespace candidacy
