// Checking a typed interview answer by reading it as a one-field
// questionnaire, so that the reader's rules are the only rules: the id, an
// answer, one entry of a list. Test: tests/engine/intake/interview_check_test.cc.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/ascii.h"
#include "candidacy/interview.h"
#include "candidacy/limits.h"
#include "input/questionnaire_access.h"
#include "intake/interview_internal.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace {

using internal::AsciiLower;
using internal::IsTextQuestion;
using internal::Model;
using internal::QuestionType;
using internal::Trim;
using internal::YamlScalar;

// The reader's verdict on a one-field document; its messages without the field prefix.
Status ReadOne(const Rulebook& rulebook, const internal::Question& q, const std::string& value_yaml,
               std::vector<std::string>* values, std::string* reason) {
  const std::string doc = "id: interview\n" + q.id + ":" + value_yaml + "\n";
  Questionnaire read;
  std::vector<Diagnostic> diagnostics;
  ReadOptions options;
  options.format = InputFormat::kYaml;
  options.display_name = "<answer>";
  const Status s = ReadQuestionnaire(rulebook, doc, options, &read, &diagnostics);
  if (!s.ok()) {
    std::string out;
    for (const auto& d : diagnostics) {
      std::string message = d.message;
      if (message.compare(0, q.id.size() + 2, q.id + ": ") == 0) message = message.substr(q.id.size() + 2);
      out += (out.empty() ? "" : "\n") + message;
    }
    *reason = out;
    return s;
  }
  if (values) {
    const Model& m = internal::ModelOf(rulebook);
    *values = internal::Canonical(q, internal::AnswersOf(read).by_question[static_cast<size_t>(m.question_index.at(q.id))]);
  }
  return Status::Ok();
}

Status Invalid(std::string* reason, std::string message) {
  *reason = message;
  return Status::Error(StatusCode::kQuestionnaireInvalid, std::move(message));
}

// A value as typed, made to fit the question where the meaning is plain:
// yes/no for booleans, letter case for booleans and enum values.
std::string Normalise(const internal::Question& q, const std::string& typed) {
  const std::string low = AsciiLower(typed);
  if (q.type == QuestionType::kBoolean) {
    if (low == "yes" || low == "y" || low == "true") return "true";
    if (low == "no" || low == "n" || low == "false") return "false";
  }
  if (q.type == QuestionType::kEnum || q.type == QuestionType::kEnumList)
    for (const auto& v : q.values)
      if (AsciiLower(v) == low) return v;
  return typed;
}

}  // namespace

Status CheckInterviewId(const Rulebook& rulebook, std::string_view typed, std::string* reason) {
  const std::string doc = "id: " + YamlScalar(Trim(typed), true) + "\n";
  Questionnaire read;
  std::vector<Diagnostic> diagnostics;
  ReadOptions options;
  options.format = InputFormat::kYaml;
  const Status s = ReadQuestionnaire(rulebook, doc, options, &read, &diagnostics);
  if (!s.ok()) {
    std::string out;
    for (const auto& d : diagnostics) out += (out.empty() ? "" : "\n") + d.message;
    *reason = out;
  }
  return s;
}

Status CheckInterviewAnswer(const Rulebook& rulebook, const std::string& question_id, std::string_view typed,
                            std::vector<std::string>* values, std::string* reason) {
  const internal::Question* q = internal::FindQuestion(internal::ModelOf(rulebook), question_id);
  if (!q) return Invalid(reason, "'" + question_id + "' is not a question of this rulebook");
  if (IsTextQuestion(*q)) return Invalid(reason, "give the entries one at a time");
  const std::string text = Trim(typed);
  if (text.empty()) return Invalid(reason, "no answer was given");
  if (q->type == QuestionType::kEnumList) {
    std::string yaml;
    std::string item;
    auto flush = [&] {
      if (!item.empty()) yaml += "\n  - " + YamlScalar(Normalise(*q, item), false);
      item.clear();
    };
    for (char c : text) {
      if (c == ',' || c == ' ' || c == '\t') flush();
      else item += c;
    }
    flush();
    return ReadOne(rulebook, *q, yaml, values, reason);
  }
  return ReadOne(rulebook, *q, " " + YamlScalar(Normalise(*q, text), false), values, reason);
}

Status CheckInterviewItem(const Rulebook& rulebook, const std::string& question_id, std::string_view typed,
                          std::size_t count, std::string* reason) {
  const internal::Question* q = internal::FindQuestion(internal::ModelOf(rulebook), question_id);
  if (!q || !IsTextQuestion(*q)) return Invalid(reason, "'" + question_id + "' is not a list of entries");
  if (count + 1 > limits::kMaxListItems)
    return Invalid(reason, fmt::format("the list already holds {} entries; the limit is {}", count, limits::kMaxListItems));
  std::vector<std::string> values;
  return ReadOne(rulebook, *q, "\n  - " + YamlScalar(std::string(typed), true), &values, reason);
}

}  // namespace candidacy
