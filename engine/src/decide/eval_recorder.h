// What one evaluation recorded, so that nothing is evaluated twice: the value
// of each sub-expression (Tri for conditions, NumValue for numbers) in a dense
// array indexed by Node::id (numbered when the Rulebook is made,
// NumberNodes), and whether the decision reached the node. Attached to an
// Evaluator at construction; an evaluator with none records nothing.
// Tested by tests/engine/decide/eval_recorder_test.cc.
#pragma once

#include <cstdint>
#include <vector>

#include "expr/ast.h"

namespace candidacy::internal {

enum class Tri : std::uint8_t { kFalse, kTrue, kUnknown };
const char* TriName(Tri t);

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

class EvalRecorder {
 public:
  enum class Mode : std::uint8_t {
    // Each distinct sub-expression's value (by Node::value_id: equal
    // sub-expressions of several rules share one), computed once a
    // screening and reused wherever it appears; evaluation short-circuits as
    // without a recorder. Enough for the missing questions of an undecided
    // rule: an and/or whose value is unknown never short-circuited, so the
    // operands CollectMissing looks at were all evaluated (where the value
    // was first computed; it is the same on every path). No flags,
    // evidence or strings: the batch's summary path records nothing it does
    // not print. A rulebook's own expressions are not evaluated through
    // it at all: with a kValues recorder the evaluator runs the model's flat
    // program (expr/program.h) and keeps their values in its tables; the
    // recorder keeps those of any other expression.
    kValues,
    // Every node's value, leaves included; every operand of and/or evaluated
    // once (no short-circuit), those after the deciding one (the first false
    // of an 'and', the first true of an 'or') and all their descendants
    // recorded as not reached. The decision is the same. For evidence,
    // messages, explain and rule coverage.
    kFull,
  };

  // Prepares for one screening of a model whose nodes are numbered below
  // `count` (kFull: Model::node_count; kValues: their value ids,
  // Model::value_count, or any larger bound), forgetting the previous one
  // (kValues in O(1): it starts a new generation).
  void Start(int count, Mode mode);
  Mode mode() const { return mode_; }
  bool full() const { return mode_ == Mode::kFull; }

  // Whether `n` evaluated to unknown (a node evaluated by this screening).
  bool unknown(const Node& n) const {
    if (mode_ == Mode::kValues) {
      const Value& v = values_[static_cast<size_t>(n.value_id)];
      return (v.condition_seen == generation_ && v.condition == Tri::kUnknown) ||
             (v.number_seen == generation_ && v.number.state == NumValue::State::kUnknown);
    }
    const Entry& e = nodes_[static_cast<size_t>(n.id)];
    return e.condition == Tri::kUnknown && e.state == NumValue::State::kUnknown;
  }

  // kFull only: what the evaluation recorded for `n` (the last evaluation of it).
  Tri condition(const Node& n) const { return nodes_[static_cast<size_t>(n.id)].condition; }
  NumValue number(const Node& n) const {
    const Entry& e = nodes_[static_cast<size_t>(n.id)];
    return {e.state, e.value};
  }
  // kFull only. Evaluated at all (a list literal or the operands of
  // 'contains', read in place, never are).
  bool evaluated(const Node& n) const { return (flags(n) & kEvaluated) != 0; }
  // Evaluated, and neither after the operand that decided an and/or nor
  // inside such an operand: what the short-circuit evaluation would have
  // computed.
  bool reached(const Node& n) const { return (flags(n) & kReached) != 0; }
  // Reached, or looked at by the evidence of a fired rule (CollectReads: the
  // operands of a true 'or' or a false 'and' are each looked at, as far as
  // their own short-circuit goes, to find those that agree with it). What
  // explain shows a value for ("not evaluated" otherwise) and what rule
  // coverage counts.
  bool examined(const Node& n) const { return (flags(n) & kExamined) != 0; }

  // kFull only, for a decided node: the answers the decision rests on (for
  // an 'or' that holds only the operands that hold, for an 'and' that fails
  // only the operands that fail; otherwise all of them), from the recorded
  // values, nothing evaluated. Appends reads (may repeat) and marks what it
  // looks at as examined.
  void CollectReads(const Node& n, std::vector<Read>* reads);

 private:
  friend class Evaluator;
  enum : std::uint8_t { kEvaluated = 1, kReached = 2, kExamined = 4 };
  struct Entry {
    double value = 0;
    NumValue::State state = NumValue::State::kUnknown;
    Tri condition = Tri::kUnknown;
    std::uint8_t flags = 0;
  };
  std::uint8_t flags(const Node& n) const { return nodes_[static_cast<size_t>(n.id)].flags; }
  // Marks as examined what evaluating `n` alone, short-circuiting, computes.
  void Examine(const Node& n);

  std::vector<Entry> nodes_;                // kFull
  // kValues, by value id: the value as a condition and as a number, each
  // valid when its stamp equals generation_ (computed this screening); for
  // a node that shares its value id with none (Node::shared_value), only an
  // unknown value is kept (all CollectMissing asks of it).
  struct Value {
    std::uint32_t condition_seen = 0;
    std::uint32_t number_seen = 0;
    Tri condition = Tri::kUnknown;
    NumValue number;
  };
  std::vector<Value> values_;               // kValues
  std::uint32_t generation_ = 0;
  Mode mode_ = Mode::kValues;
};

}  // namespace candidacy::internal
