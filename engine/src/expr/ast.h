// The expression tree shared by the parser, type checker, evaluator and dump.
// Nodes carry the byte offset of their first token so every diagnostic can
// point inside the expression text. Tested by tests/engine/expr/ast_test.cc.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace candidacy::internal {

// Static types of the expression language.
enum class ValueType { kBoolean, kNumber, kText, kEnum, kEnumList, kTextList };
const char* ValueTypeName(ValueType type);

enum class NodeKind {
  kNumber,           // 18, 0.5
  kString,           // 'decompensated' (an enum value once type-checked)
  kBoolean,          // true, false
  kRef,              // patient.age, bmi: a question or a derived value
  kNot,              // not a
  kAnd,              // a and b and ...
  kOr,               // a or b or ...
  kCompare,          // a < b
  kIn,               // a in [x, y]
  kContains,         // list contains x
  kContainsAny,      // list contains any [x, y]
  kArith,            // a + b, a - b, a * b, a / b
  kNegate,           // -a
  kRound,            // round(a, digits)
  kMedicationClass,  // any medication in class 'opioid'
  kList,             // [x, y]: only as the right side of in / contains any
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };
const char* CompareOpText(CompareOp op);

struct Node {
  NodeKind kind = NodeKind::kNumber;
  int offset = 0;  // byte offset of the node's first token in the expression text
  int end = 0;     // byte offset just past its last token: text.substr(offset, end - offset) quotes it

  double number = 0;     // kNumber; kRound: digits
  bool boolean = false;  // kBoolean
  std::string text;      // kString value, kRef name, kMedicationClass class id
  CompareOp op = CompareOp::kEq;  // kCompare
  char arith = '+';               // kArith: + - * /
  std::vector<std::unique_ptr<Node>> children;

  // Filled in by the type checker.
  ValueType type = ValueType::kBoolean;
  bool ref_is_derived = false;  // kRef: derived value rather than question
  int index = -1;               // kRef: question/derived index; kMedicationClass: class index;
                                // kString compared with an enum: the value's index

  // Filled in when the Rulebook is made (NumberNodes): 0, 1, ... over every
  // node of the model, so an EvalRecorder keeps a value a node in a dense array.
  int id = -1;
  // Filled in then too (ValueNumbering, expr/value_ids.h): equal for equal
  // sub-expressions of the rules, so a summary screening computes a value
  // the rules share once. NumberNodes(Node*, int) sets it to the node's id.
  int value_id = -1;
  bool shared_value = false;  // no literal, and another node has the same value_id: its value is kept to reuse
  // Filled in then too (ProgramBuilder, expr/program.h): a step of the
  // Model's program leaves this node's value in the slot of its value_id.
  bool compiled = false;
};

// An operator whose value is a number (arithmetic, negation, round); every
// other operator's is a condition.
inline bool IsNumberOperator(NodeKind kind) {
  return kind == NodeKind::kArith || kind == NodeKind::kNegate || kind == NodeKind::kRound;
}

// One expression as written in a rule file, with where its text starts.
struct Expression {
  std::string text;
  std::unique_ptr<Node> root;
};

// Numbers `root` and every node below it from `next` on, in preorder (the
// Node::id an evaluation's record is indexed by); returns the next free
// number; each node's value_id is set to its id (none shared). A whole
// rulebook's model is numbered by NumberNodes(Model*).
int NumberNodes(Node* root, int next);

}  // namespace candidacy::internal
