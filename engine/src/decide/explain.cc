// Rule explanations from the evaluation recorded while screening: the
// screening's own recorder, medication matches and evaluator tables
// (ScreenRecorded), nothing evaluated or matched again.
// Test: tests/engine/decide/explain_test.cc.
#include "candidacy/explain.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "base/spelling.h"
#include "decide/answer_value.h"
#include "decide/evaluator.h"
#include "decide/screening_internal.h"
#include "input/questionnaire_access.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace {

using internal::Node;
using internal::NodeKind;
using internal::Tri;

class Explainer {
 public:
  Explainer(const internal::Model& m, const internal::Answers& a, const internal::ScreeningRecord& r, const std::string& text)
      : m_(m), a_(a), rec_(r.recorder), tables_(r.tables), meds_(r.matches), text_(text) {}

  void Walk(const Node& n, int depth, bool decides, std::vector<ExplainStep>* out) const {
    ExplainStep step;
    step.depth = depth;
    step.text = Written(n);
    step.value = ValueOf(n);
    step.decides = decides;
    const bool chain = n.kind == NodeKind::kAnd || n.kind == NodeKind::kOr || n.kind == NodeKind::kNot;
    if (!chain) Reads(n, &step.answers);
    out->push_back(std::move(step));
    if (!chain) return;
    const Tri deciding = n.kind == NodeKind::kAnd ? Tri::kFalse : Tri::kTrue;
    const bool whole = rec_.examined(n) && rec_.condition(n) == deciding;
    for (const auto& c : n.children) {
      const bool d = n.kind != NodeKind::kNot && whole && rec_.examined(*c) && rec_.condition(*c) == deciding;
      Walk(*c, depth + 1, d, out);
    }
  }

 private:
  // The node's text as written, widened to the parentheses it opens or
  // closes: "(a and b) or (c and d)" rather than "a and b) or (c and d".
  std::string Written(const Node& n) const {
    size_t begin = static_cast<size_t>(n.offset), end = static_cast<size_t>(n.end);
    int open = 0, unopened = 0;
    for (size_t i = begin; i < end; ++i) {
      const char c = text_[i];
      if (c == '\'' || c == '"') {
        const size_t close = text_.find(c, i + 1);
        i = close == std::string::npos || close >= end ? end : close;
      } else if (c == '(') {
        ++open;
      } else if (c == ')') {
        open > 0 ? --open : ++unopened;
      }
    }
    for (; unopened > 0 && begin > 0; --unopened) {
      const size_t p = text_.rfind('(', begin - 1);
      if (p == std::string::npos) break;
      begin = p;
    }
    for (; open > 0 && end < text_.size(); --open) {
      const size_t p = text_.find(')', end);
      if (p == std::string::npos) break;
      end = p + 1;
    }
    return text_.substr(begin, end - begin);
  }

  // "not evaluated" for what neither the decision reached nor the evidence
  // looked at.
  std::string ValueOf(const Node& n) const {
    if (!rec_.examined(n)) return "not evaluated";
    if (n.type == internal::ValueType::kBoolean) return internal::TriName(rec_.condition(n));
    const internal::NumValue v = rec_.number(n);
    switch (v.state) {
      case internal::NumValue::State::kKnown: return fmt::format("{}", v.value);
      case internal::NumValue::State::kUnknown: return "unknown";
      case internal::NumValue::State::kNotAsked: return "not asked";
    }
    return "";
  }

  // The answers a leaf condition reads, each once, in the order written.
  void Reads(const Node& n, std::vector<std::string>* out) const {
    std::string line;
    if (n.kind == NodeKind::kRef && !n.ref_is_derived) {
      const auto& q = m_.questions[n.index];
      const AnswerValue v = internal::QuestionAnswer(m_, a_, tables_, n.index);
      line = q.id + " = " + internal::FormatAnswer(v) + (v.kind == AnswerValue::Kind::kNumber && !q.unit.empty() ? " " + q.unit : "");
      if (static_cast<size_t>(n.index) < a_.sources.size() && !a_.sources[n.index].empty()) line += " (from " + a_.sources[n.index] + ")";
    } else if (n.kind == NodeKind::kRef) {
      const auto& d = m_.derived[n.index];
      const AnswerValue v = internal::DerivedAnswer(m_, tables_, n.index);
      line = d.id + " = " + internal::FormatAnswer(v, internal::DerivedDigits(d)) + (v.kind == AnswerValue::Kind::kNumber && !d.unit.empty() ? " " + d.unit : "");
    } else if (n.kind == NodeKind::kMedicationClass) {
      const int q = m_.medications_question;
      std::string entries;
      if (q >= 0 && a_.by_question[q].present) {
        const auto& texts = a_.by_question[q].texts;
        for (size_t i = 0; i < texts.size(); ++i) {
          const auto& classes = meds_[i].classes;  // the screening's own match of the entry
          if (std::binary_search(classes.begin(), classes.end(), n.index))
            entries += (entries.empty() ? "" : "; ") + texts[i] +
                       (i < a_.medication_sources.size() && !a_.medication_sources[i].empty() ? " (from " + a_.medication_sources[i] + ")" : "");
        }
        line = "medications in class " + n.text + ": " + (entries.empty() ? "none" : entries);
      } else {
        line = "medications = " + internal::FormatAnswer(internal::QuestionAnswer(m_, a_, tables_, q));
      }
    }
    if (!line.empty() && std::find(out->begin(), out->end(), line) == out->end()) out->push_back(line);
    for (const auto& c : n.children) Reads(*c, out);
  }

  const internal::Model& m_;
  const internal::Answers& a_;
  const internal::EvalRecorder& rec_;
  const internal::EvalTables& tables_;
  const std::vector<internal::MedicationMatch>& meds_;
  const std::string& text_;
};

// A rule id as a person may type it: letters upper case, punctuation and
// leading zeros of numbers dropped ("ex-6", "EX06" and "EX-06" are "EX6").
std::string NormalizedId(std::string_view id) {
  std::string out;
  for (size_t i = 0; i < id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(id[i]);
    if (std::isdigit(c)) {
      const bool leading = c == '0' && (out.empty() || !std::isdigit(static_cast<unsigned char>(out.back()))) && i + 1 < id.size() &&
                           std::isdigit(static_cast<unsigned char>(id[i + 1]));
      if (!leading) out += static_cast<char>(c);
    } else if (std::isalpha(c)) {
      out += static_cast<char>(std::toupper(c));
    }
  }
  return out;
}

}  // namespace

Status ExplainRule(const Rulebook& rulebook, const Questionnaire& questionnaire, const std::string& rule_id,
                   Explanation* out) {
  const internal::Model& m = internal::ModelOf(rulebook);
  const auto rule = std::find_if(m.rules.begin(), m.rules.end(), [&](const internal::Rule& r) { return r.id == rule_id; });
  if (rule == m.rules.end()) {
    std::vector<std::string_view> ids;
    for (const auto& r : m.rules) ids.push_back(r.id);
    std::string hint;  // "ex6" and "EX-6" are taken for EX-06; else the closest spelling
    for (const auto& r : m.rules)
      if (NormalizedId(r.id) == NormalizedId(rule_id)) hint = r.id;
    if (hint.empty()) hint = internal::ClosestName(rule_id, ids);
    return Status::Error(StatusCode::kInvalidArgument,
                         "the rulebook has no rule '" + rule_id + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
  }
  internal::ScreeningRecord record;
  ScreeningResult result;
  internal::ScreenRecorded(rulebook, questionnaire, &record, &result);

  Explanation e;
  e.rule_id = rule->id;
  e.title = rule->title;
  e.severity = rule->severity;
  e.points = rule->points;
  e.when = rule->when.text;
  e.where = rule->when_where;
  e.status = "not fired";
  for (const auto& f : result.flags)
    if (f.id == rule->id) e.status = "fired", e.message = f.message;
  for (const auto& u : result.undecided)
    if (u.id == rule->id) e.status = "undecided", e.missing = u.missing;
  for (const auto& u : result.not_evaluated)
    if (u.id == rule->id) e.status = "not evaluated", e.missing = u.missing;

  Explainer(m, internal::AnswersOf(questionnaire), record, rule->when.text).Walk(*rule->when.root, 0, true, &e.steps);
  *out = std::move(e);
  return Status::Ok();
}

}  // namespace candidacy
