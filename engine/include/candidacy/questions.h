// What to ask next: the questions still due on a partly filled
// questionnaire, and which of them could still change the outcome, so a
// coordinator asks those first. Tested by tests/engine/decide/questions_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"
#include "candidacy/screening.h"

namespace candidacy {

struct DueQuestion {
  QuestionInfo question;
  // Some answer to it would make a flag above info fire that does not fire
  // now: these rules (rulebook order). Empty: no answer can change the outcome
  // (it is still due, and must be answered before a patient can be eligible).
  std::vector<std::string> could_fire;
};

struct QuestionPlan {
  Outcome outcome = Outcome::kIncomplete;   // of the questionnaire as it stands
  std::vector<std::string> exclusions;      // exclude flags already fired: the outcome is settled
  std::vector<DueQuestion> due;             // those that could change the outcome first, then rulebook order
};

// Screens `questionnaire` as it stands and, for each unanswered due question,
// tries the values that matter to the rules. Never fails.
QuestionPlan PlanQuestions(const Rulebook& rulebook, const Questionnaire& questionnaire);

}  // namespace candidacy
