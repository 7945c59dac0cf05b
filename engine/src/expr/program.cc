// Compiling checked expressions into a flat Program. Test:
// tests/engine/expr/program_test.cc.
#include "expr/program.h"

#include <utility>

namespace candidacy::internal {
namespace {

bool IsLeaf(const Node& n) {
  return n.kind == NodeKind::kNumber || n.kind == NodeKind::kBoolean || n.kind == NodeKind::kString || n.kind == NodeKind::kRef;
}

// A leaf read in place, as the tree walk reads it (Evaluator::LeafValue).
ProgramOperand Leaf(const Node& n) {
  ProgramOperand o;
  switch (n.kind) {
    case NodeKind::kNumber: o.literal = n.number; break;
    case NodeKind::kBoolean: o.literal = n.boolean ? 1 : 0; break;
    case NodeKind::kString: o.literal = n.index; break;
    default:  // kRef
      o.kind = n.ref_is_derived ? ProgramOperand::Kind::kDerived : ProgramOperand::Kind::kQuestion;
      o.index = n.index;
  }
  return o;
}

// A member of a list literal as `in` compares it (the tree walk's LiteralValue).
double ListItem(const Node& n) { return n.kind == NodeKind::kString ? n.index : n.number; }

static_assert(static_cast<int>(ProgramOp::kAnswerGe) - static_cast<int>(ProgramOp::kAnswerEq) ==
                  static_cast<int>(CompareOp::kGe) - static_cast<int>(CompareOp::kEq) &&
              static_cast<int>(CompareOp::kEq) == 0 && static_cast<int>(CompareOp::kNe) == 1 && static_cast<int>(CompareOp::kLt) == 2 &&
              static_cast<int>(CompareOp::kLe) == 3 && static_cast<int>(CompareOp::kGt) == 4,
              "the kAnswer* ops follow CompareOp's order");

}  // namespace

ProgramOperand ProgramBuilder::Number(Node* n) {
  if (IsLeaf(*n)) return Leaf(*n);
  Emit(n);
  ProgramOperand o;
  o.kind = IsNumberOperator(n->kind) ? ProgramOperand::Kind::kNumber : ProgramOperand::Kind::kCondition;
  o.index = n->value_id;
  return o;
}

ProgramOperand ProgramBuilder::Condition(Node* n, bool as_root) {
  if (!IsLeaf(*n)) return Number(n);  // (an operator that is a condition reads as one)
  if (!as_root) return Leaf(*n);
  // A rule whose whole condition is one reference: its value is given a slot
  // like any other condition's, for the screening to read.
  n->compiled = true;
  if (emitted_[static_cast<std::size_t>(n->value_id)] == 0) {
    emitted_[static_cast<std::size_t>(n->value_id)] = 1;
    ProgramStep s;
    s.op = ProgramOp::kTruth;
    s.slot = n->value_id;
    s.a = Leaf(*n);
    p_.steps.push_back(s);
  }
  ProgramOperand o;
  o.kind = ProgramOperand::Kind::kCondition;
  o.index = n->value_id;
  return o;
}

void ProgramBuilder::Emit(Node* n) {
  // Every node is visited (and marked), even below a value id emitted
  // already: each node the screening may ask for must be marked.
  n->compiled = true;
  const bool first = emitted_[static_cast<std::size_t>(n->value_id)] == 0;
  emitted_[static_cast<std::size_t>(n->value_id)] = 1;
  ProgramStep s;
  s.slot = n->value_id;
  switch (n->kind) {
    case NodeKind::kCompare: {
      Node* a = n->children[0].get();
      Node* b = n->children[1].get();
      s.cmp = n->op;
      s.a = Number(a);
      s.b = Number(b);
      const bool answer_and_literal = a->kind == NodeKind::kRef && !a->ref_is_derived && b->kind != NodeKind::kRef && IsLeaf(*b);
      s.op = answer_and_literal ? static_cast<ProgramOp>(static_cast<int>(ProgramOp::kAnswerEq) + static_cast<int>(n->op)) : ProgramOp::kCompare;
      break;
    }
    case NodeKind::kIn: {
      s.op = ProgramOp::kIn;
      s.a = Number(n->children[0].get());
      s.begin = static_cast<int>(p_.items.size());
      for (const auto& item : n->children[1]->children) p_.items.push_back(ListItem(*item));
      s.count = static_cast<int>(p_.items.size()) - s.begin;
      break;
    }
    case NodeKind::kContains:
    case NodeKind::kContainsAny: {
      s.op = n->kind == NodeKind::kContains ? ProgramOp::kContains : ProgramOp::kContainsAny;
      s.index = n->children[0]->index;
      s.begin = static_cast<int>(p_.enum_items.size());
      if (n->kind == NodeKind::kContains) {
        p_.enum_items.push_back(n->children[1]->index);
      } else {
        for (const auto& item : n->children[1]->children) p_.enum_items.push_back(item->index);
      }
      s.count = static_cast<int>(p_.enum_items.size()) - s.begin;
      break;
    }
    case NodeKind::kMedicationClass:
      s.op = ProgramOp::kMedicationClass;
      s.index = n->index;
      break;
    case NodeKind::kNot:
      s.op = ProgramOp::kNot;
      s.a = Condition(n->children[0].get(), false);
      break;
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      s.op = n->kind == NodeKind::kAnd ? ProgramOp::kAnd : ProgramOp::kOr;
      std::vector<ProgramOperand> operands;  // (the children's own steps come first)
      for (const auto& c : n->children) operands.push_back(Condition(c.get(), false));
      s.begin = static_cast<int>(p_.operands.size());
      s.count = static_cast<int>(operands.size());
      if (first) p_.operands.insert(p_.operands.end(), operands.begin(), operands.end());
      break;
    }
    case NodeKind::kNegate:
      s.op = ProgramOp::kNegate;
      s.a = Number(n->children[0].get());
      break;
    case NodeKind::kRound:
      s.op = ProgramOp::kRound;
      s.a = Number(n->children[0].get());
      s.digits = n->number;
      break;
    case NodeKind::kArith:
      s.op = ProgramOp::kArith;
      s.arith = n->arith;
      s.a = Number(n->children[0].get());
      s.b = Number(n->children[1].get());
      break;
    default:  // a leaf or a list literal: read in place, never a step (the type checker admits no other)
      return;
  }
  if (first) p_.steps.push_back(s);
}

void ProgramBuilder::AskedWhen(int question, Node* root) {
  ProgramStep s;
  s.op = ProgramOp::kSetAsked;
  s.index = question;
  s.a = Condition(root, false);
  p_.steps.push_back(s);
  p_.asked_end = p_.steps.size();
}

void ProgramBuilder::Derived(int index, Node* root) {
  if (!derived_started_) p_.asked_end = p_.steps.size();
  derived_started_ = true;
  ProgramStep s;
  s.op = ProgramOp::kSetDerived;
  s.index = index;
  s.a = Number(root);
  p_.steps.push_back(s);
}

void ProgramBuilder::Condition(Node* root) {
  if (!derived_started_) p_.asked_end = p_.steps.size();
  derived_started_ = true;
  Condition(root, true);
}

static_assert(static_cast<int>(ProgramOp::kAnswerGe) - static_cast<int>(ProgramOp::kAnswerEq) == 5,
              "Program::compares holds one list per answer comparison");

Program ProgramBuilder::Take() {
  if (!derived_started_) p_.asked_end = p_.steps.size();
  for (auto& list : p_.compares) list.clear();
  p_.classes.clear();
  p_.rest.clear();
  for (std::size_t i = p_.asked_end; i < p_.steps.size(); ++i) {
    const ProgramStep& s = p_.steps[i];
    const int op = static_cast<int>(s.op) - static_cast<int>(ProgramOp::kAnswerEq);
    if (op >= 0 && op < 6)
      p_.compares[op].push_back({s.slot, s.a.index, s.b.literal});
    else if (s.op == ProgramOp::kMedicationClass)
      p_.classes.emplace_back(s.slot, s.index);
    else
      p_.rest.push_back(static_cast<std::uint32_t>(i));
  }
  return std::move(p_);
}

}  // namespace candidacy::internal
