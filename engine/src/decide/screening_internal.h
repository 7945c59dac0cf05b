// Screening with the evaluation trace attached, for rule coverage and
// explanations. Tested by tests/engine/authoring/rulebook_tests_test.cc.
#pragma once

#include "candidacy/screening.h"
#include "decide/evaluator.h"

namespace candidacy::internal {

// As Screen(), recording into *trace (when not null) what every expression
// node evaluated to: rules, asked_when conditions and derived values.
ScreeningResult ScreenTraced(const Rulebook& rulebook, const Questionnaire& questionnaire, Trace* trace,
                             ScreenDetail detail = ScreenDetail::kFull);
// The same into *out, replaced whole, its lists keeping their memory.
void ScreenTraced(const Rulebook& rulebook, const Questionnaire& questionnaire, Trace* trace, ScreenDetail detail,
                  ScreeningResult* out);

}  // namespace candidacy::internal
