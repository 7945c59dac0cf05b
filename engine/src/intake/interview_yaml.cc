// The interview's saved document: its answers written as a questionnaire
// (YAML, dotted ids nested by their parts, rulebook order) and read back as
// one; and the helpers the interview's files share (interview_internal.h).
// Test: tests/engine/intake/interview_yaml_test.cc.
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "candidacy/interview.h"
#include "intake/interview_internal.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace internal {

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

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

const Question* FindQuestion(const Model& m, const std::string& id) {
  auto it = m.question_index.find(id);
  return it == m.question_index.end() ? nullptr : &m.questions[static_cast<size_t>(it->second)];
}

std::vector<std::string> Canonical(const Question& q, const Answer& a) {
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

}  // namespace internal

namespace {

using internal::IsList;
using internal::IsTextQuestion;
using internal::Model;
using internal::YamlScalar;

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

std::string InterviewYaml(const Rulebook& rulebook, const InterviewState& state) {
  const Model& m = internal::ModelOf(rulebook);
  Node root;
  for (const auto& a : state.answers) {
    const internal::Question* q = internal::FindQuestion(m, a.question);
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

}  // namespace candidacy
