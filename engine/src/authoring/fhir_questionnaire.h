// asked_when -> FHIR enableWhen: the part of the Questionnaire writer the
// tests check rule by rule. Tested by tests/engine/authoring/fhir_questionnaire_test.cc.
#pragma once

#include <string>
#include <vector>

#include "expr/ast.h"
#include "rulebook/model.h"

namespace candidacy::internal {

struct EnableWhen {
  std::string question;     // linkId: the question id
  std::string op;           // "=", "!=", "<", "<=", ">", ">="
  std::string answer_type;  // "answerBoolean", "answerInteger", "answerDecimal", "answerCoding"
  bool boolean = false;     // answerBoolean
  double number = 0;        // answerInteger, answerDecimal
  std::string code;         // answerCoding
};

struct EnableCondition {
  bool expressible = true;      // false: FHIR cannot say it; the writer adds the asked-when extension
  std::vector<EnableWhen> when;
  std::string behavior;         // "all" or "any" when `when` has more than one entry, else ""
};

// Translates an asked_when expression (type-checked against `model`): a
// comparison of a question with a literal, a boolean question, `contains`,
// `contains any`, `in`, and one level of `and` / `or` over them.
// Derived values, medication classes, arithmetic, `not` (other than of a
// boolean question) and mixed and/or nesting are not expressible.
EnableCondition TranslateAskedWhen(const Model& model, const Node& root);

// "= true", "!= 'male'", ... one line per condition then "behavior: any" (for tests and docs).
std::string DumpEnableCondition(const EnableCondition& condition);

}  // namespace candidacy::internal
