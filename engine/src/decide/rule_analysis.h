// Static analysis of one rule: can any complete set of answers within the
// questions' declared ranges and values make it fire, and can any make it
// not fire? Exhaustive over each question's critical points (range ends,
// every constant it is compared with and its neighbours, every enum value,
// every subset of the list values and classes the rule tests), which is exact
// for comparisons with constants. Rules with arithmetic or derived values are
// not analysed. Tested by tests/engine/decide/rule_analysis_test.cc.
#pragma once

#include <vector>

#include "input/answers.h"
#include "rulebook/model.h"

namespace candidacy::internal {

enum class RuleReach { kVaries, kNeverFires, kAlwaysFires, kNotAnalysed };

RuleReach AnalyseRule(const Model& model, const Rule& rule);

// Can one complete set of answers fire both rules? By the same exhaustive
// search over both rules' questions; rules that read no question or class in
// common are kYes without a search. kUnknown when either is not analysed.
enum class Together { kYes, kNo, kUnknown };
Together CanFireTogether(const Model& model, const Rule& a, const Rule& b);

// Values worth trying for one question across the whole rulebook: both
// booleans, every enum value, range ends and every constant any rule or
// asked_when compares it with (and neighbours); for a list of values, none
// and each tested value alone. Used to tell which unanswered questions could
// still change an outcome.
std::vector<Answer> CriticalAnswers(const Model& model, int question);

}  // namespace candidacy::internal
