// Answers and derived values as the result reports them (their text:
// base/answer_text.h), and a medication entry from its lexicon match.
// Tested by tests/engine/decide/answer_value_test.cc and tests/engine/decide/explain_test.cc.
#pragma once

#include <string>

#include "base/answer_text.h"
#include "candidacy/result.h"
#include "decide/evaluator.h"
#include "input/answers.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// From the evaluator's tables (whether the question was asked, the derived values).
AnswerValue QuestionAnswer(const Model& model, const Answers& answers, const EvalTables& tables, int question);
AnswerValue DerivedAnswer(const Model& model, const EvalTables& tables, int derived);

// Decimals a derived value prints with: those of its outermost round(), else -1 (shortest).
int DerivedDigits(const Derived& derived);


// A medication entry as the result reports it: its generics and classes, and
// the names and generics of its probable matches, from the lexicon's match.
MedicationEntry MedicationEntryOf(const Lexicon& lexicon, const std::string& text, const MedicationMatch& match);

}  // namespace candidacy::internal
