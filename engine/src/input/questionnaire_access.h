// The engine's own way into a read Questionnaire: its answers, and (for
// `questions --for`, which tries answers one by one) a copy to edit. Kept out
// of the public header so that no public call returns an internal type.
// Tested through tests/engine/input/questionnaire_test.cc and the stages above.
#pragma once

#include "candidacy/questionnaire.h"
#include "input/answers.h"

namespace candidacy::internal {

struct QuestionnaireAccess {
  static const Answers& Of(const Questionnaire& q) { return *q.answers_; }
  static Answers& Of(Questionnaire& q) { return *q.answers_; }
};

// The answers of `questionnaire`, which must outlive the reference.
inline const Answers& AnswersOf(const Questionnaire& questionnaire) { return QuestionnaireAccess::Of(questionnaire); }

}  // namespace candidacy::internal
