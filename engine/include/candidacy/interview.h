// The guided interview's core, with no terminal in it: the answers given so
// far (an InterviewState), the step function that says what to ask next or
// that the interview is over, the checking of one typed answer with the
// questionnaire reader's own rules, medication recognition with spelling
// suggestions, and the questionnaire document the answers make.
// The conversation itself lives in cli/cmd_interview.cc.
// Tested by tests/engine/intake/interview_test.cc and tests/cli/interview_test.sh.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"
#include "candidacy/screening.h"
#include "candidacy/status.h"

namespace candidacy {

// One question dealt with. `passed` means asked and left unanswered (saved as
// null, never asked again); otherwise `values` holds the canonical answer:
// one element for integer, number, boolean and enum questions, one per item
// for lists (possibly none: an empty medication list).
struct InterviewAnswer {
  std::string question;
  bool passed = false;
  std::vector<std::string> values;
};

// The answers so far. An empty `id` means the questionnaire id is still to
// be asked. `answers` are in rulebook order, at most one per question.
struct InterviewState {
  std::string id;
  std::vector<InterviewAnswer> answers;
};

struct InterviewStep {
  enum class Kind {
    kAskId,        // ask the questionnaire's identifier
    kAsk,          // ask `question`
    kDoneComplete, // every question that applies was dealt with
    kDoneExcluded, // an exclusion is certain: no answer can change the outcome
  };
  Kind kind = Kind::kAskId;
  QuestionInfo question;                  // kAsk
  std::vector<std::string> exclusions;    // kDoneExcluded: exclude flags fired, rulebook order
  std::vector<std::string> skipped;       // kDoneExcluded: questions that applied and are left unasked
  int asked = 0;                          // questions dealt with so far
  int remaining = 0;                      // kAsk: questions that apply and are still to ask, this one included
};

// The step function. A question is asked when it applies to the patient (its
// asked_when holds or cannot be decided yet), required or not, in rulebook
// order, once. As soon as an exclude flag fires the interview is over: the
// outcome is ineligible whatever the remaining answers are. `state` must have
// been built by this API against `rulebook`. Never fails.
InterviewStep NextInterviewStep(const Rulebook& rulebook, const InterviewState& state);

// Checks `typed` as the answer to question `question_id` with the
// questionnaire reader's rules (type, range, allowed values, list and text
// limits). Scalar questions take one value ("yes"/"no" are accepted for
// booleans, letter case ignored); list_of_enum takes values separated by
// commas or spaces; list_of_text takes one item per call (see
// CheckInterviewItem). On success returns OK and the canonical value(s) in
// *values. On failure returns kQuestionnaireInvalid with the reason(s), one
// per line, in *reason (never the typed text beyond 40 bytes).
Status CheckInterviewAnswer(const Rulebook& rulebook, const std::string& question_id, std::string_view typed,
                            std::vector<std::string>* values, std::string* reason);

// Checks one entry of a list_of_text question (a medication) as the reader
// would, `count` being the entries already given.
Status CheckInterviewItem(const Rulebook& rulebook, const std::string& question_id, std::string_view typed,
                          std::size_t count, std::string* reason);

// Checks a questionnaire id as the reader would.
Status CheckInterviewId(const Rulebook& rulebook, std::string_view typed, std::string* reason);

// Records an answer (or a pass) in rulebook order, replacing any earlier one
// for the same question. Precondition: the values were checked.
void RecordInterviewAnswer(const Rulebook& rulebook, InterviewAnswer answer, InterviewState* state);

// A medication entry as the lexicon reads it, and when it is not recognised
// up to three lexicon names close to its words ("did you mean").
struct MedicationEcho {
  MedicationEntry entry;
  std::vector<std::string> suggestions;
};
MedicationEcho RecognizeMedication(const Rulebook& rulebook, const std::string& text);

// The state as a questionnaire YAML document: the id, then the answers
// nested by their dotted ids in rulebook order, passed questions as null.
// ReadQuestionnaire reads it back to the same answers.
std::string InterviewYaml(const Rulebook& rulebook, const InterviewState& state);

// The state as a questionnaire (for screening). Never fails for a state built by this API.
Status InterviewQuestionnaire(const Rulebook& rulebook, const InterviewState& state, Questionnaire* out,
                              std::vector<Diagnostic>* diagnostics);

// Rebuilds a state from a partly filled questionnaire (YAML or JSON), to
// resume it. Fails with kQuestionnaireInvalid (diagnostics located) when it
// does not read, or when it holds fields the rulebook does not ask (they
// would be lost on the next save).
Status ResumeInterview(const Rulebook& rulebook, std::string_view text, const ReadOptions& options,
                       InterviewState* out, std::vector<Diagnostic>* diagnostics);

}  // namespace candidacy
