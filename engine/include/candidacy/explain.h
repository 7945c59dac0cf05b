// Why did a rule fire, or why is it undecided? The evaluation trace of one
// rule on one questionnaire: every sub-expression with its value (true,
// false, unknown), the answers it read, and the operands that decided it.
// Tested by tests/explain_test.cc and tests/cli/explain_test.sh.
#pragma once

#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"
#include "candidacy/screening.h"

namespace candidacy {

struct ExplainStep {
  int depth = 0;                     // 0 for the whole `when`
  std::string text;                  // the sub-expression as written
  std::string value;                 // "true", "false", "unknown", a number, "not asked", or "not evaluated"
  std::vector<std::string> answers;  // for leaf conditions: "vitals.systolic_bp = 184 mmHg"
  bool decides = false;              // this operand settled its 'and' (false) or 'or' (true)
};

struct Explanation {
  std::string rule_id;
  std::string title;
  Severity severity = Severity::kInfo;
  int points = 0;
  std::string status;                // "fired", "not fired", "undecided", "not evaluated"
  std::string when;                  // the expression as written
  SourceLocation where;              // of the `when` text
  std::vector<ExplainStep> steps;    // depth-first, parents before children
  std::vector<std::string> missing;  // when undecided or not evaluated: the questions to answer
  std::string message;               // when fired
};

// Explains rule `rule_id` on `questionnaire` (read against `rulebook`).
// Returns kInvalidArgument (naming the closest rule id) for an unknown rule.
Status ExplainRule(const Rulebook& rulebook, const Questionnaire& questionnaire, const std::string& rule_id,
                   Explanation* out);

// The explanation as indented text, one line per step.
std::string RenderExplanation(const Explanation& explanation);

}  // namespace candidacy
