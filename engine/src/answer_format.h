// Answers and derived values as the result reports them, and as text: one
// place for "yes"/"no", whole numbers, one-decimal BMI and lists.
// Tested by tests/render_test.cc and tests/explain_test.cc.
#pragma once

#include <string>

#include "answers.h"
#include "candidacy/screening.h"
#include "expr_eval.h"
#include "rulebook_model.h"

namespace candidacy::internal {

// From the evaluator's tables (whether the question was asked, the derived values).
AnswerValue QuestionAnswer(const Model& model, const Answers& answers, const EvalTables& tables, int question);
AnswerValue DerivedAnswer(const Model& model, const EvalTables& tables, int derived);

// Decimals a derived value prints with: those of its outermost round(), else -1 (shortest).
int DerivedDigits(const Derived& derived);

// "unanswered", "not asked", "yes", "no", "184", "40.0", "a, b" (lists joined by `separator`, "none" when empty).
std::string FormatAnswer(const AnswerValue& value, int digits = -1, const char* separator = ", ");

// A medication entry as the result reports it: its generics and classes, and
// the names and generics of its probable matches, from the lexicon's match.
MedicationEntry MedicationEntryOf(const Lexicon& lexicon, const std::string& text, const MedicationMatch& match);

}  // namespace candidacy::internal
