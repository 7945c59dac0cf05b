// The engine's own way into a read Questionnaire: its answers, and (for
// `questions --for`, which tries answers one by one) a copy to edit. Kept out
// of the public header so that no public call returns an internal type.
// Tested through tests/engine/input/questionnaire_test.cc and the stages above.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "candidacy/questionnaire.h"
#include "input/answers.h"

namespace candidacy::internal {

struct QuestionnaireAccess {
  static const Answers& Of(const Questionnaire& q) { return *q.answers_; }
  static Answers& Of(Questionnaire& q) { return *q.answers_; }
};

// The located reader alone: what ReadQuestionnaire reads a document with when
// its fast path declines (`format` resolved, not kAuto; *out written only on
// success). For the tests that compare the two paths.
Status ReadQuestionnaireLocated(const Rulebook& rulebook, std::string_view text, InputFormat format,
                                const std::string& display_name, Questionnaire* out, std::vector<Diagnostic>* diagnostics);

// The answers of `questionnaire`, which must outlive the reference.
inline const Answers& AnswersOf(const Questionnaire& questionnaire) { return QuestionnaireAccess::Of(questionnaire); }

}  // namespace candidacy::internal
