// A rulebook's checked expressions compiled into one flat list of steps, in
// evaluation order, for a summary screening (the compact batch) to run
// instead of walking every rule's tree. Each step computes one distinct
// sub-expression (a value id, expr/value_ids.h) from values computed by the
// steps before it or read in place (a literal, an answer, a derived value),
// and leaves it in a slot by value id. Every step runs: and/or do not
// short-circuit, which gives the same values (evaluation is pure; a division
// by zero is unknown, never an error), and computes each sub-expression
// once however many rules hold it. The evaluator runs the steps
// (decide/evaluator.h); a full screening, which records where each node of
// every rule stood, still walks the trees. Tested by
// tests/engine/expr/program_test.cc and, against the tree walk, by
// tests/engine/decide/program_screening_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "expr/ast.h"

namespace candidacy::internal {

// Where a step reads one of its operands.
struct ProgramOperand {
  enum class Kind : std::uint8_t {
    kLiteral,    // `literal`: a number, a boolean as 0/1, an enum value's index
    kQuestion,   // the answer to question `index`
    kDerived,    // derived value `index`
    kCondition,  // the condition computed by an earlier step into slot `index`
    kNumber,     // the number computed by an earlier step into slot `index`
  };
  Kind kind = Kind::kLiteral;
  int index = -1;
  double literal = 0;
};

enum class ProgramOp : std::uint8_t {
  // The answer to question a.index compared with the literal b: one op per
  // comparison, in CompareOp's order (the most common step, kept to one switch).
  kAnswerEq,
  kAnswerNe,
  kAnswerLt,
  kAnswerLe,
  kAnswerGt,
  kAnswerGe,
  kCompare,         // a `cmp` b
  kIn,              // a is one of items[begin, begin + count)
  kContains,        // list question `index` holds enum value enum_items[begin]
  kContainsAny,     // list question `index` holds one of enum_items[begin, begin + count)
  kMedicationClass, // a medication in class `index`
  kNot,             // not a
  kAnd,             // operands[begin, begin + count), each a condition
  kOr,
  kTruth,           // a (a question or a literal) as a condition: a condition written as one reference
  kNegate,          // -a
  kRound,           // round(a, digits)
  kArith,           // a `arith` b
  kSetAsked,        // whether question `index` is asked, from the condition a (its asked_when)
  kSetDerived,      // derived value `index` = a
};

struct ProgramStep {
  ProgramOp op = ProgramOp::kTruth;
  CompareOp cmp = CompareOp::kEq;  // kCompare
  char arith = '+';                // kArith
  int slot = -1;   // the value id the step computes (none for kSetAsked / kSetDerived)
  int index = -1;  // a question, class or derived value, by op
  int begin = 0;   // into items, enum_items or operands, by op
  int count = 0;
  double digits = 0;  // kRound
  ProgramOperand a, b;
};

struct Program {
  std::vector<ProgramStep> steps;
  // steps[0, asked_end) decide which questions are asked; the evaluator sets
  // the medication classes present after them, then runs the rest (the
  // derived values in rulebook order, then the rules' conditions).
  std::size_t asked_end = 0;
  std::vector<ProgramOperand> operands;  // kAnd / kOr
  std::vector<double> items;             // kIn: the list's literal values
  std::vector<int> enum_items;           // kContains / kContainsAny: enum value indices

  // The same steps after asked_end as the evaluator runs them (made by
  // Take), for tight loops. First the answer comparisons (kAnswerEq to
  // kAnswerGe), which read only an answer, its asked state and a literal,
  // and so can come before any other step there, by operator
  // (compares[op - kAnswerEq], in step order); then the medication classes
  // (kMedicationClass: the slot and the class), which read only the
  // medications answer and the classes present; then the other steps'
  // indices, in step order.
  struct AnswerCompare {
    int slot;      // the step's
    int question;  // its a.index
    double literal;  // its b.literal
  };
  std::vector<AnswerCompare> compares[6];
  std::vector<std::pair<int, int>> classes;
  std::vector<std::uint32_t> rest;
};

// Compiles expressions into a Program, in the order they are added. Their
// value ids must be set (ValueNumbering) and below `value_count`. Marks every
// node whose value a step leaves in a slot (Node::compiled).
class ProgramBuilder {
 public:
  explicit ProgramBuilder(int value_count) : emitted_(static_cast<std::size_t>(value_count), 0) {}

  // Question `question`'s asked_when (all of them before any other call).
  void AskedWhen(int question, Node* root);
  // Derived value `index`, in rulebook order (after every AskedWhen).
  void Derived(int index, Node* root);
  // A rule's condition (after every Derived).
  void Condition(Node* root);
  Program Take();

 private:
  // The operand that reads `n`'s value as a number or as a condition: in
  // place for a leaf, else from the slot its step (emitted here) fills.
  ProgramOperand Number(Node* n);
  ProgramOperand Condition(Node* n, bool as_root);
  // Emits the steps of `n` (an operator) and below, each value id once.
  void Emit(Node* n);

  Program p_;
  std::vector<std::uint8_t> emitted_;  // by value id
  bool derived_started_ = false;
};

}  // namespace candidacy::internal
