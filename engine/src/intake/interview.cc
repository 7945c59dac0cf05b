// The guided interview's course: what to ask next (the due questions still
// open, in rulebook order, until an exclusion fires or none is left), an
// answer recorded in its place, and an interview resumed from its saved file.
// Checking answers: interview_check.cc; the medication echo:
// interview_echo.cc; the saved document: interview_yaml.cc.
// Test: tests/engine/intake/interview_test.cc.
#include "candidacy/interview.h"

#include <algorithm>
#include <set>

#include "decide/evaluator.h"
#include "decide/screening_internal.h"
#include "input/questionnaire_access.h"
#include "intake/interview_internal.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {

using internal::Model;

void RecordInterviewAnswer(const Rulebook& rulebook, InterviewAnswer answer, InterviewState* state) {
  const Model& m = internal::ModelOf(rulebook);
  auto& list = state->answers;
  list.erase(std::remove_if(list.begin(), list.end(), [&](const InterviewAnswer& a) { return a.question == answer.question; }),
             list.end());
  auto rank = [&](const std::string& id) {
    auto it = m.question_index.find(id);
    return it == m.question_index.end() ? static_cast<int>(m.questions.size()) : it->second;
  };
  const int r = rank(answer.question);
  auto at = std::find_if(list.begin(), list.end(), [&](const InterviewAnswer& a) { return rank(a.question) > r; });
  list.insert(at, std::move(answer));
}

InterviewStep NextInterviewStep(const Rulebook& rulebook, const InterviewState& state) {
  const Model& m = internal::ModelOf(rulebook);
  InterviewStep step;
  std::set<std::string> dealt;
  for (const auto& a : state.answers) dealt.insert(a.question);
  step.asked = static_cast<int>(dealt.size());
  if (state.id.empty()) {
    step.kind = InterviewStep::Kind::kAskId;
    return step;
  }
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  if (!InterviewQuestionnaire(rulebook, state, &q, &diagnostics).ok()) {
    step.kind = InterviewStep::Kind::kAskId;  // unreachable for a state built by this API
    return step;
  }
  // One screening of the answers so far: its exclusions, and whether each
  // question is asked (the evaluator's tables, kept by the record).
  internal::ScreeningRecord record;
  ScreeningResult result;
  internal::ScreenRecorded(rulebook, q, &record, &result);
  std::vector<int> open;
  for (size_t i = 0; i < m.questions.size(); ++i)
    if (record.tables.asked[i] != internal::AskState::kNotAsked && dealt.count(m.questions[i].id) == 0)
      open.push_back(static_cast<int>(i));

  for (const auto& f : result.flags)
    if (f.severity == Severity::kExclude) step.exclusions.push_back(f.id);
  if (!step.exclusions.empty()) {
    std::sort(step.exclusions.begin(), step.exclusions.end(), [&](const std::string& a, const std::string& b) {
      auto rank = [&](const std::string& id) {
        for (size_t i = 0; i < m.rules.size(); ++i)
          if (m.rules[i].id == id) return i;
        return m.rules.size();
      };
      return rank(a) < rank(b);
    });
    step.kind = InterviewStep::Kind::kDoneExcluded;
    for (int i : open) step.skipped.push_back(m.questions[static_cast<size_t>(i)].id);
    return step;
  }
  if (open.empty()) {
    step.kind = InterviewStep::Kind::kDoneComplete;
    return step;
  }
  step.kind = InterviewStep::Kind::kAsk;
  step.question = rulebook.questions()[static_cast<size_t>(open.front())];
  step.remaining = static_cast<int>(open.size());
  return step;
}

Status ResumeInterview(const Rulebook& rulebook, std::string_view text, const ReadOptions& options,
                       InterviewState* out, std::vector<Diagnostic>* diagnostics) {
  *out = InterviewState();
  Questionnaire q;
  const Status s = ReadQuestionnaire(rulebook, text, options, &q, diagnostics);
  if (!s.ok()) return s;
  // An implied answer (implied_by) is not in the file and is not kept: the
  // interview asks the question. Any other warning is a field it would drop.
  std::vector<Diagnostic> refused;
  for (const Diagnostic& d : q.warnings())
    if (d.code != DiagnosticCode::kImpliedAnswer) refused.push_back(d);
  if (!refused.empty()) {
    for (Diagnostic d : refused) {
      d.severity = DiagnosticSeverity::kError;
      d.message += " (resuming would drop it from the saved file; remove it first)";
      diagnostics->push_back(std::move(d));
    }
    return Status::Error(StatusCode::kQuestionnaireInvalid,
                         options.display_name + ": holds fields the rulebook does not ask");
  }
  const Model& m = internal::ModelOf(rulebook);
  out->id = q.id();
  for (size_t i = 0; i < m.questions.size(); ++i) {
    const internal::Answer& a = internal::AnswersOf(q).by_question[i];
    if ((!a.present && !a.null_given) || a.implied) continue;
    InterviewAnswer answer;
    answer.question = m.questions[i].id;
    answer.passed = !a.present;
    if (a.present) answer.values = internal::Canonical(m.questions[i], a);
    out->answers.push_back(std::move(answer));
  }
  return Status::Ok();
}

}  // namespace candidacy
