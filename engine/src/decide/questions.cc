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
namespace {

// A pair of due questions with more value combinations than this is not tried together.
constexpr size_t kMaxPairTries = 400;

}  // namespace

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
  std::vector<std::vector<internal::Answer>> tried;  // by due question, as `due` is before sorting
  std::vector<std::set<std::string>> alone;
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
      tried.push_back(std::move(tries));
      alone.push_back(std::move(could));
    }
    plan.due.push_back(std::move(due));
  }
  // Pairs: what both answered can fire that neither alone can.
  for (size_t i = 0; i < tried.size(); ++i) {
    for (size_t j = i + 1; j < tried.size(); ++j) {
      if (tried[i].size() * tried[j].size() > kMaxPairTries) continue;
      const int qi = m.question_index.at(plan.due[i].question.id), qj = m.question_index.at(plan.due[j].question.id);
      Questionnaire copy;
      internal::Answers& answers = internal::QuestionnaireAccess::Of(copy);
      answers = internal::AnswersOf(questionnaire);
      std::set<std::string> could;
      for (const auto& a : tried[i]) {
        for (const auto& b : tried[j]) {
          answers.by_question[static_cast<size_t>(qi)] = a;
          answers.by_question[static_cast<size_t>(qj)] = b;
          for (const auto& f : Screen(rulebook, copy).flags)
            if (f.severity != Severity::kInfo && fired.count(f.id) == 0 && alone[i].count(f.id) == 0 && alone[j].count(f.id) == 0)
              could.insert(f.id);
        }
      }
      if (could.empty()) continue;
      DueTogether t;
      t.questions = {plan.due[i].question.id, plan.due[j].question.id};
      for (const auto& r : m.rules)
        if (could.count(r.id)) t.could_fire.push_back(r.id);
      plan.together.push_back(std::move(t));
    }
  }
  std::stable_sort(plan.due.begin(), plan.due.end(),
                   [](const DueQuestion& a, const DueQuestion& b) { return !a.could_fire.empty() && b.could_fire.empty(); });
  // The pairs in the order of `due`.
  auto rank = [&](const std::string& id) {
    for (size_t k = 0; k < plan.due.size(); ++k)
      if (plan.due[k].question.id == id) return k;
    return plan.due.size();
  };
  for (auto& t : plan.together)
    if (rank(t.questions[1]) < rank(t.questions[0])) std::swap(t.questions[0], t.questions[1]);
  std::stable_sort(plan.together.begin(), plan.together.end(), [&](const DueTogether& a, const DueTogether& b) {
    return std::make_pair(rank(a.questions[0]), rank(a.questions[1])) < std::make_pair(rank(b.questions[0]), rank(b.questions[1]));
  });
  return plan;
}

}  // namespace candidacy
