// Never-fires / always-fires analysis. Test: tests/engine/decide/rule_analysis_test.cc.
#include "decide/rule_analysis.h"

#include <algorithm>
#include <map>
#include <cmath>
#include <set>

#include "decide/evaluator.h"
#include "input/answers.h"

namespace candidacy::internal {
namespace {

constexpr size_t kMaxCombinations = 200000;
constexpr size_t kMaxListValues = 12;  // subsets of at most 2^12 per list question

struct Refs {
  std::map<int, std::set<double>> constants;  // question -> numbers compared with it
  std::map<int, std::set<int>> list_values;   // list question -> enum values tested
  std::map<int, std::set<int>> compared;      // numeric question -> the numeric questions compared with it
  std::set<int> questions;
  std::set<int> classes;
  bool unsupported = false;  // arithmetic or derived values
};

void Collect(const Node& n, Refs* refs) {
  switch (n.kind) {
    case NodeKind::kRef:
      if (n.ref_is_derived) refs->unsupported = true;
      else refs->questions.insert(n.index);
      return;
    case NodeKind::kArith:
    case NodeKind::kNegate:
    case NodeKind::kRound:
      refs->unsupported = true;
      return;
    case NodeKind::kMedicationClass:
      refs->classes.insert(n.index);
      return;
    case NodeKind::kCompare: {
      const Node& a = *n.children[0];
      const Node& b = *n.children[1];
      if (a.kind == NodeKind::kRef && b.kind == NodeKind::kNumber) refs->constants[a.index].insert(b.number);
      if (b.kind == NodeKind::kRef && a.kind == NodeKind::kNumber) refs->constants[b.index].insert(a.number);
      if (a.kind == NodeKind::kRef && b.kind == NodeKind::kRef && !a.ref_is_derived && !b.ref_is_derived &&
          a.type == ValueType::kNumber && b.type == ValueType::kNumber) {
        refs->compared[a.index].insert(b.index);
        refs->compared[b.index].insert(a.index);
      }
      break;
    }
    case NodeKind::kIn:
      if (n.children[0]->kind == NodeKind::kRef && n.children[0]->type == ValueType::kNumber)
        for (const auto& item : n.children[1]->children) refs->constants[n.children[0]->index].insert(item.get()->number);
      break;
    case NodeKind::kContains:
      refs->list_values[n.children[0]->index].insert(n.children[1]->index);
      break;
    case NodeKind::kContainsAny:
      for (const auto& item : n.children[1]->children) refs->list_values[n.children[0]->index].insert(item->index);
      break;
    default:
      break;
  }
  for (const auto& c : n.children) Collect(*c, refs);
}

// The values worth trying for one question.
std::vector<Answer> Candidates(const Model& model, const Question& q, int index, const Refs& refs) {
  std::vector<Answer> out;
  auto number = [&](double v) {
    Answer a;
    a.present = true;
    a.number = v;
    out.push_back(a);
  };
  switch (q.type) {
    case QuestionType::kBoolean:
      number(0);
      number(1);
      break;
    case QuestionType::kEnum:
      for (size_t i = 0; i < q.values.size(); ++i) number(static_cast<double>(i));
      break;
    case QuestionType::kInteger:
    case QuestionType::kNumber: {
      const double step = q.type == QuestionType::kInteger ? 1 : 0.001;
      std::set<double> points;
      if (q.has_range) points = {q.min, q.max};
      auto it = refs.constants.find(index);
      if (it != refs.constants.end())
        for (double c : it->second) points.insert({c - step, c, c + step});
      if (!q.has_range && it != refs.constants.end()) points.insert({*it->second.begin() - 1000, *it->second.rbegin() + 1000});
      // Compared with another question: that one's critical points too, so
      // that below, equal and above are each tried where the ranges allow.
      if (auto linked = refs.compared.find(index); linked != refs.compared.end()) {
        for (int o : linked->second) {
          const Question& other = model.questions[o];
          std::set<double> theirs;
          if (other.has_range) theirs = {other.min, other.max};
          if (auto c = refs.constants.find(o); c != refs.constants.end()) theirs.insert(c->second.begin(), c->second.end());
          for (double c : theirs) points.insert({c - step, c, c + step});
        }
      }
      if (points.empty()) points.insert(0);
      // Two critical points closer than two steps (37.5 and 37.5005): the
      // value between them too, which a step either side would jump over.
      if (q.type == QuestionType::kNumber) {
        std::vector<double> sorted(points.begin(), points.end());
        for (size_t i = 1; i < sorted.size(); ++i)
          if (sorted[i] - sorted[i - 1] < 2 * step) points.insert((sorted[i] + sorted[i - 1]) / 2);
      }
      for (double p : points)
        if (!q.has_range || (p >= q.min && p <= q.max)) number(q.type == QuestionType::kInteger ? std::floor(p) : p);
      break;
    }
    case QuestionType::kEnumList: {
      std::vector<int> tested;
      if (auto it = refs.list_values.find(index); it != refs.list_values.end()) tested.assign(it->second.begin(), it->second.end());
      if (tested.size() > kMaxListValues) return {};
      for (size_t mask = 0; mask < (size_t{1} << tested.size()); ++mask) {
        Answer a;
        a.present = true;
        for (size_t b = 0; b < tested.size(); ++b)
          if (mask & (size_t{1} << b)) a.enum_list.push_back(tested[b]);
        out.push_back(a);
      }
      break;
    }
    case QuestionType::kTextList: {
      Answer a;  // the class tests are varied through the medication matches instead
      a.present = true;
      a.texts = {"entry"};
      out.push_back(a);
      break;
    }
  }
  return out;
}

}  // namespace

std::vector<Answer> CriticalAnswers(const Model& model, int question) {
  Refs refs;
  for (const auto& r : model.rules) Collect(*r.when.root, &refs);
  for (const auto& q : model.questions)
    if (q.asked_when.root) Collect(*q.asked_when.root, &refs);
  if (model.questions[question].type == QuestionType::kEnumList) {
    // Each tested value alone, and none: enough to see what the list can trigger.
    std::vector<Answer> out(1);
    out[0].present = true;
    if (auto it = refs.list_values.find(question); it != refs.list_values.end())
      for (int v : it->second) {
        Answer a;
        a.present = true;
        a.enum_list = {v};
        out.push_back(a);
      }
    return out;
  }
  return Candidates(model, model.questions[question], question, refs);
}

namespace {

// Calls `visit` with an evaluator for every combination of the critical
// answers of the questions and classes `refs` names, until it returns true.
// Returns false when the combinations are too many to try (nothing visited).
template <typename Visit>
bool Enumerate(const Model& model, Refs refs, Visit&& visit) {
  if (refs.unsupported) return false;
  if (!refs.classes.empty() && model.medications_question >= 0) refs.questions.insert(model.medications_question);

  std::vector<int> questions(refs.questions.begin(), refs.questions.end());
  std::vector<std::vector<Answer>> candidates;
  size_t combinations = 1;
  for (int q : questions) {
    candidates.push_back(Candidates(model, model.questions[q], q, refs));
    if (candidates.back().empty()) return false;
    combinations *= candidates.back().size();
    if (combinations > kMaxCombinations) return false;
  }
  const std::vector<int> classes(refs.classes.begin(), refs.classes.end());
  if (classes.size() > kMaxListValues) return false;
  combinations *= size_t{1} << classes.size();
  if (combinations > kMaxCombinations) return false;

  Answers answers;
  answers.by_question.assign(model.questions.size(), Answer{});
  for (size_t n = 0; n < combinations; ++n) {
    size_t rest = n;
    for (size_t i = 0; i < questions.size(); ++i) {
      answers.by_question[questions[i]] = candidates[i][rest % candidates[i].size()];
      rest /= candidates[i].size();
    }
    std::vector<MedicationMatch> meds(1);
    for (size_t b = 0; b < classes.size(); ++b)
      if (rest & (size_t{1} << b)) meds[0].classes.push_back(classes[b]);
    meds[0].recognized = !meds[0].classes.empty();
    const Evaluator ev(model, answers, meds);
    if (visit(ev)) break;
  }
  return true;
}

}  // namespace

RuleReach AnalyseRule(const Model& model, const Rule& rule) {
  Refs refs;
  Collect(*rule.when.root, &refs);
  bool any_true = false, any_false = false;
  const bool tried = Enumerate(model, refs, [&](const Evaluator& ev) {
    const Tri t = ev.Eval(*rule.when.root);
    any_true = any_true || t == Tri::kTrue;
    any_false = any_false || t == Tri::kFalse;
    return any_true && any_false;
  });
  if (!tried) return RuleReach::kNotAnalysed;
  if (any_true && any_false) return RuleReach::kVaries;
  if (!any_true) return RuleReach::kNeverFires;
  if (!any_false) return RuleReach::kAlwaysFires;
  return RuleReach::kVaries;
}

}  // namespace candidacy::internal

namespace candidacy::internal {

Together CanFireTogether(const Model& model, const Rule& a, const Rule& b) {
  Refs ra, rb;
  Collect(*a.when.root, &ra);
  Collect(*b.when.root, &rb);
  if (ra.unsupported || rb.unsupported) return Together::kUnknown;
  bool shared = false;
  for (int q : ra.questions) shared = shared || rb.questions.count(q) != 0;
  for (int c : ra.classes) shared = shared || rb.classes.count(c) != 0;
  if (!shared) return Together::kYes;  // no answer links them
  // One enumeration over both rules' questions, constants and classes.
  Refs both = ra;
  both.questions.insert(rb.questions.begin(), rb.questions.end());
  both.classes.insert(rb.classes.begin(), rb.classes.end());
  for (const auto& [q, cs] : rb.constants) both.constants[q].insert(cs.begin(), cs.end());
  for (const auto& [q, vs] : rb.list_values) both.list_values[q].insert(vs.begin(), vs.end());
  for (const auto& [q, os] : rb.compared) both.compared[q].insert(os.begin(), os.end());
  bool together = false;
  const bool tried = Enumerate(model, both, [&](const Evaluator& ev) {
    together = ev.Eval(*a.when.root) == Tri::kTrue && ev.Eval(*b.when.root) == Tri::kTrue;
    return together;
  });
  if (!tried) return Together::kUnknown;
  return together ? Together::kYes : Together::kNo;
}

}  // namespace candidacy::internal
