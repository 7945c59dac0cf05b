// The guided interview's core: what to ask next, checking a typed answer by
// reading it as a one-field questionnaire (so the reader's rules are the only
// rules), medication echo with suggestions, and the saved document.
// Test: tests/engine/intake/interview_test.cc.
#include "candidacy/interview.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/ascii.h"
#include "base/spelling.h"
#include "candidacy/limits.h"
#include "decide/answer_value.h"
#include "decide/evaluator.h"
#include "input/answers.h"
#include "input/questionnaire_access.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace {

using internal::AsciiLower;
using internal::Model;
using internal::QuestionType;

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// A YAML scalar for `text`: plain when it cannot be read as anything but
// itself (numbers, true/false, identifiers), double-quoted otherwise.
std::string YamlScalar(const std::string& text, bool force_quotes) {
  bool plain = !force_quotes && !text.empty() && text != "-" && text != "null" && text != "Null" && text != "NULL";
  for (char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '+' || c == '-')) plain = false;
  if (plain) return text;
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

bool IsTextQuestion(const internal::Question& q) { return q.type == QuestionType::kTextList; }
bool IsList(const internal::Question& q) { return q.type == QuestionType::kEnumList || q.type == QuestionType::kTextList; }

const internal::Question* Find(const Model& m, const std::string& id) {
  auto it = m.question_index.find(id);
  return it == m.question_index.end() ? nullptr : &m.questions[static_cast<size_t>(it->second)];
}

// The canonical text of a read answer.
std::vector<std::string> Canonical(const internal::Question& q, const internal::Answer& a) {
  switch (q.type) {
    case QuestionType::kInteger:
    case QuestionType::kNumber: return {fmt::format("{}", a.number)};
    case QuestionType::kBoolean: return {a.number != 0 ? "true" : "false"};
    case QuestionType::kEnum: return {q.values[static_cast<size_t>(a.number)]};
    case QuestionType::kEnumList: {
      std::vector<std::string> out;
      for (int k : a.enum_list) out.push_back(q.values[static_cast<size_t>(k)]);
      return out;
    }
    case QuestionType::kTextList: return a.texts;
  }
  return {};
}

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
    *values = Canonical(q, internal::AnswersOf(read).by_question[static_cast<size_t>(m.question_index.at(q.id))]);
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

// One node of the document tree: dotted ids nested by their parts, children
// in the order first met (rulebook order).
struct Node {
  const InterviewAnswer* answer = nullptr;
  const internal::Question* question = nullptr;
  std::vector<std::pair<std::string, Node>> children;
  Node& Child(const std::string& key) {
    for (auto& [k, n] : children)
      if (k == key) return n;
    children.emplace_back(key, Node{});
    return children.back().second;
  }
};

void EmitValue(const Node& n, const std::string& indent, std::string* out) {
  if (n.answer->passed) {
    *out += " null\n";
  } else if (IsList(*n.question)) {
    if (n.answer->values.empty()) {
      *out += " []\n";
      return;
    }
    *out += "\n";
    for (const auto& v : n.answer->values) *out += indent + "  - " + YamlScalar(v, IsTextQuestion(*n.question)) + "\n";
  } else {
    *out += " " + YamlScalar(n.answer->values.empty() ? "" : n.answer->values[0], false) + "\n";
  }
}

void Emit(const Node& node, const std::string& prefix, const std::string& indent, std::string* out) {
  for (const auto& [key, child] : node.children) {
    if (child.answer) {
      *out += indent + prefix + key + ":";
      EmitValue(child, indent, out);
      if (!child.children.empty()) Emit(child, prefix + key + ".", indent, out);  // an id that is also a group
    } else {
      *out += indent + prefix + key + ":\n";
      Emit(child, "", indent + "  ", out);
    }
  }
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
  const internal::Question* q = Find(internal::ModelOf(rulebook), question_id);
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
  const internal::Question* q = Find(internal::ModelOf(rulebook), question_id);
  if (!q || !IsTextQuestion(*q)) return Invalid(reason, "'" + question_id + "' is not a list of entries");
  if (count + 1 > limits::kMaxListItems)
    return Invalid(reason, fmt::format("the list already holds {} entries; the limit is {}", count, limits::kMaxListItems));
  std::vector<std::string> values;
  return ReadOne(rulebook, *q, "\n  - " + YamlScalar(std::string(typed), true), &values, reason);
}

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

std::string InterviewYaml(const Rulebook& rulebook, const InterviewState& state) {
  const Model& m = internal::ModelOf(rulebook);
  Node root;
  for (const auto& a : state.answers) {
    const internal::Question* q = Find(m, a.question);
    if (!q) continue;
    Node* n = &root;
    size_t start = 0;
    for (;;) {
      const size_t dot = a.question.find('.', start);
      n = &n->Child(a.question.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    n->answer = &a;
    n->question = q;
  }
  std::string out = "id: " + YamlScalar(state.id, true) + "\n";
  Emit(root, "", "", &out);
  return out;
}

Status InterviewQuestionnaire(const Rulebook& rulebook, const InterviewState& state, Questionnaire* out,
                              std::vector<Diagnostic>* diagnostics) {
  ReadOptions options;
  options.format = InputFormat::kYaml;
  options.display_name = "<interview>";
  return ReadQuestionnaire(rulebook, InterviewYaml(rulebook, state), options, out, diagnostics);
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
  const internal::Answers& answers = internal::AnswersOf(q);
  std::vector<internal::MedicationMatch> matches;
  if (m.medications_question >= 0 && answers.by_question[static_cast<size_t>(m.medications_question)].present)
    for (const auto& text : answers.by_question[static_cast<size_t>(m.medications_question)].texts)
      matches.push_back(m.lexicon.Match(text, m.probable_medications));
  const internal::Evaluator ev(m, answers, matches);
  std::vector<int> open;
  for (size_t i = 0; i < m.questions.size(); ++i)
    if (ev.asked(static_cast<int>(i)) != internal::AskState::kNotAsked && dealt.count(m.questions[i].id) == 0)
      open.push_back(static_cast<int>(i));

  const ScreeningResult result = Screen(rulebook, q);
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

MedicationEcho RecognizeMedication(const Rulebook& rulebook, const std::string& text) {
  const Model& m = internal::ModelOf(rulebook);
  const internal::Lexicon& lexicon = m.lexicon;
  MedicationEcho echo;
  const internal::MedicationMatch match = lexicon.Match(text, m.probable_medications);
  echo.entry = internal::MedicationEntryOf(lexicon, text, match);
  if (match.recognized || !match.probable.empty()) return echo;

  // Suggestions: the lexicon name closest to each word, and to each pair of
  // adjacent words (for names such as "st john's wort"), first met first.
  std::vector<std::string> lowered;
  std::vector<size_t> origin;
  for (size_t i = 0; i < lexicon.names().size(); ++i) {
    if (lexicon.names()[i].is_pattern) continue;
    lowered.push_back(AsciiLower(lexicon.names()[i].text));
    origin.push_back(i);
  }
  std::vector<std::string_view> candidates(lowered.begin(), lowered.end());
  std::vector<std::string> words;
  std::string word;
  for (char c : AsciiLower(text) + " ") {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'' || c == '-') {
      word += c;
    } else {
      if (word.size() >= 3) words.push_back(word);
      word.clear();
    }
  }
  std::vector<std::string> tries;
  for (size_t i = 0; i < words.size(); ++i) {
    tries.push_back(words[i]);
    if (i + 1 < words.size()) tries.push_back(words[i] + " " + words[i + 1]);
  }
  for (const auto& t : tries) {
    if (echo.suggestions.size() >= 3) break;
    const std::string best = internal::ClosestName(t, candidates);
    if (best.empty()) continue;
    const size_t k = static_cast<size_t>(std::find(lowered.begin(), lowered.end(), best) - lowered.begin());
    const std::string& name = lexicon.names()[origin[k]].text;
    if (std::find(echo.suggestions.begin(), echo.suggestions.end(), name) == echo.suggestions.end())
      echo.suggestions.push_back(name);
  }
  return echo;
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
    if (a.present) answer.values = Canonical(m.questions[i], a);
    out->answers.push_back(std::move(answer));
  }
  return Status::Ok();
}

}  // namespace candidacy
