// Question planning: which unanswered due questions could still change the
// outcome. Tries each question's critical values on a copy of the answers.
// Test: tests/engine/decide/questions_test.cc.
#include "candidacy/questions.h"

#include <algorithm>
#include <set>

#include "decide/rule_analysis.h"
#include "input/answers.h"
#include "input/questionnaire_access.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
QuestionPlan PlanQuestions(const Rulebook& rulebook, const Questionnaire& questionnaire) {
  const internal::Model& m = internal::ModelOf(rulebook);
  const ScreeningResult now = Screen(rulebook, questionnaire);
  QuestionPlan plan;
  plan.outcome = now.outcome;
  std::set<std::string> fired;
  for (const auto& f : now.flags) {
    fired.insert(f.id);
    if (f.severity == Severity::kExclude) plan.exclusions.push_back(f.id);
  }
  const std::vector<QuestionInfo> infos = rulebook.questions();
  for (const auto& missing : now.missing_questions) {
    const int q = m.question_index.at(missing.id);
    DueQuestion due;
    due.question = infos[static_cast<size_t>(q)];
    if (plan.exclusions.empty()) {  // once an exclusion fired, no answer changes the outcome
      std::set<std::string> could;
      std::vector<internal::Answer> tries;
      if (q == m.medications_question) {
        // Any medication might be interacting: try none, each drug alone, and
        // every drug together (for rules on two classes at once, such as a
        // benzodiazepine with an opioid).
        internal::Answer all, none;
        all.present = none.present = true;
        tries.push_back(none);
        for (const auto& d : m.lexicon.drugs()) {
          internal::Answer a;
          a.present = true;
          a.texts = {d.generic};
          tries.push_back(a);
          all.texts.push_back(d.generic);
        }
        tries.push_back(all);
      } else {
        tries = internal::CriticalAnswers(m, q);
      }
      Questionnaire copy;
      internal::Answers& answers = internal::QuestionnaireAccess::Of(copy);
      answers = internal::AnswersOf(questionnaire);
      for (const auto& a : tries) {
        answers.by_question[static_cast<size_t>(q)] = a;
        for (const auto& f : Screen(rulebook, copy).flags)
          if (f.severity != Severity::kInfo && fired.count(f.id) == 0) could.insert(f.id);
      }
      for (const auto& r : m.rules)
        if (could.count(r.id)) due.could_fire.push_back(r.id);
    }
    plan.due.push_back(std::move(due));
  }
  std::stable_sort(plan.due.begin(), plan.due.end(),
                   [](const DueQuestion& a, const DueQuestion& b) { return !a.could_fire.empty() && b.could_fire.empty(); });
  return plan;
}

}  // namespace candidacy
