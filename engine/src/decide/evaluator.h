// Three-valued evaluation of checked expressions over one questionnaire's
// answers (Kleene logic: false and unknown = false, true or unknown = true).
// An unanswered question is unknown; a question that was not asked (its
// asked_when is false) makes every comparison on it false. The evaluator is
// pure: it formats nothing. Tested by tests/engine/decide/evaluator_test.cc.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "expr/ast.h"
#include "input/answers.h"
#include "lexicon/lexicon.h"
#include "rulebook/model.h"

namespace candidacy::internal {

enum class Tri : std::uint8_t { kFalse, kTrue, kUnknown };
const char* TriName(Tri t);

// Whether a question applies to this patient: its asked_when is true, false,
// or cannot be decided yet (then it is treated as asked).
enum class AskState : std::uint8_t { kAsked, kNotAsked, kMaybe };

struct NumValue {
  enum class State : std::uint8_t { kKnown, kUnknown, kNotAsked };
  State state = State::kUnknown;
  double value = 0;
};

// One answer or derived value read on the way to a decision.
struct Read {
  enum class Kind : std::uint8_t { kQuestion, kDerived, kClass } kind = Kind::kQuestion;
  int index = -1;
  bool operator==(const Read& o) const { return kind == o.kind && index == o.index; }
};

// What each node evaluated to, recorded during evaluation when a trace is
// attached (for explain and rule coverage). Costs one branch when detached.
struct Trace {
  std::unordered_map<const Node*, Tri> conditions;
  std::unordered_map<const Node*, NumValue> numbers;
};

// An evaluator's tables for one questionnaire (whether each question is
// asked, the derived values, the medication classes present), kept apart so
// that a batch can reuse their memory from one questionnaire to the next.
struct EvalTables {
  std::vector<AskState> asked;
  std::vector<NumValue> derived;
  std::vector<std::uint8_t> class_present;
};

class Evaluator {
 public:
  // Computes, in rulebook order, whether each question is asked, every derived
  // value, and which medication classes are present. `meds` holds one match per
  // entry of the medications answer. `tables`, when not null, is filled anew and
  // used instead of the evaluator's own (only one Evaluator may use it at a
  // time). All references must outlive the Evaluator.
  Evaluator(const Model& model, const Answers& answers, const std::vector<MedicationMatch>& meds,
            EvalTables* tables = nullptr);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  Tri Eval(const Node& n) const {
    const Tri t = EvalCondition(n);
    if (trace_ != nullptr) trace_->conditions[&n] = t;
    return t;
  }
  // Numbers, booleans (0/1) and enum values (index).
  NumValue EvalNumber(const Node& n) const {
    const NumValue v = EvalValue(n);
    if (trace_ != nullptr) trace_->numbers[&n] = v;
    return v;
  }

  // Records every node evaluated from now on into *trace (null detaches).
  void set_trace(Trace* trace) { trace_ = trace; }

  // For a node that evaluates to unknown: the unanswered questions whose
  // answers would decide it, appended to *questions (may repeat). The
  // unanswered questions that decide whether one of those is asked at all go
  // to *deciding, or to *questions too when `deciding` is null.
  void CollectMissing(const Node& n, std::vector<int>* questions, std::vector<int>* deciding = nullptr) const;

  // For a decided node: the answers the decision rests on (for an 'or' that
  // holds, only the operands that hold). Appends reads (may repeat).
  void CollectReads(const Node& n, std::vector<Read>* reads) const;

  AskState asked(int question) const { return t_->asked[question]; }
  bool answered(int question) const { return answers_.by_question[question].present; }
  const NumValue& derived(int index) const { return t_->derived[index]; }
  bool class_present(int cls) const { return t_->class_present[cls] != 0; }
  // True when the node's value (of whatever type) is unknown.
  bool IsUnknown(const Node& n) const;

 private:
  Tri EvalCondition(const Node& n) const;
  NumValue EvalValue(const Node& n) const;
  NumValue QuestionNumber(int q) const;
  // A leaf's value (a literal, a question, a derived value) into *v; false,
  // *v untouched, for any other node.
  bool LeafValue(const Node& n, NumValue* v) const;
  // EvalNumber(n), with a leaf read in place when no trace is attached: most
  // operands are leaves.
  NumValue Operand(const Node& n) const;
  NumValue::State ListState(int q) const;

  const Model& model_;
  const Answers& answers_;
  EvalTables own_;
  EvalTables* t_;  // &own_ or the caller's
  Trace* trace_ = nullptr;
};

}  // namespace candidacy::internal
