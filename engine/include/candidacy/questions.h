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

// Due questions that change the outcome only together: some answers to both
// fire these rules (above info, not firing now), while no answer to either
// alone does (`a and b` with both unanswered).
struct DueTogether {
  std::vector<std::string> questions;   // two due questions, in the order of `due`
  std::vector<std::string> could_fire;  // rulebook order
};

struct QuestionPlan {
  Outcome outcome = Outcome::kIncomplete;   // of the questionnaire as it stands
  std::vector<std::string> exclusions;      // exclude flags already fired: the outcome is settled
  std::vector<DueQuestion> due;             // those that could change the outcome first, then rulebook order
  std::vector<DueTogether> together;        // pairs of due questions, in the order of `due`
};

// Screens `questionnaire` as it stands and, for each unanswered due question,
// tries the values that matter to the rules; then each pair of due questions,
// value against value (pairs of at most kMaxPairTries combinations). Never fails.
QuestionPlan PlanQuestions(const Rulebook& rulebook, const Questionnaire& questionnaire);

}  // namespace candidacy
