// The expression dump (expr/dump.h): every node kind as its one-line form,
// on trees built by hand so the parser is not what is tested (a table).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "expr/ast.h"
#include "expr/dump.h"

namespace candidacy::testing {
namespace {

using internal::CompareOp;
using internal::Node;
using internal::NodeKind;
using Ptr = std::unique_ptr<Node>;

Ptr Make(NodeKind kind, std::vector<Ptr> children = {}) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->children = std::move(children);
  return n;
}
Ptr Num(double v) {
  auto n = Make(NodeKind::kNumber);
  n->number = v;
  return n;
}
Ptr Text(NodeKind kind, const std::string& text) {
  auto n = Make(kind);
  n->text = text;
  return n;
}
std::vector<Ptr> Kids(Ptr a, Ptr b = nullptr) {
  std::vector<Ptr> out;
  out.push_back(std::move(a));
  if (b) out.push_back(std::move(b));
  return out;
}
Ptr Compare(CompareOp op, Ptr a, Ptr b) {
  auto n = Make(NodeKind::kCompare, Kids(std::move(a), std::move(b)));
  n->op = op;
  return n;
}
Ptr Arith(char op, Ptr a, Ptr b) {
  auto n = Make(NodeKind::kArith, Kids(std::move(a), std::move(b)));
  n->arith = op;
  return n;
}

TEST_CASE("dump: every node kind in its one-line form", "[dump]") {
  struct Row {
    std::function<Ptr()> tree;
    const char* dump;
  };
  const std::vector<Row> rows = {
      {[] { return Num(18); }, "18"},
      {[] { return Num(-2.5); }, "-2.5"},
      {[] { return Num(0.1); }, "0.1"},
      {[] { return Num(1e20); }, "1e+20"},
      {[] { return Text(NodeKind::kString, "mild"); }, "'mild'"},
      {[] { auto b = Make(NodeKind::kBoolean); b->boolean = true; return b; }, "true"},
      {[] { return Make(NodeKind::kBoolean); }, "false"},
      {[] { return Text(NodeKind::kRef, "patient.age"); }, "patient.age"},
      {[] { return Make(NodeKind::kNot, Kids(Text(NodeKind::kRef, "a"))); }, "(not a)"},
      {[] { return Make(NodeKind::kAnd, Kids(Text(NodeKind::kRef, "a"), Text(NodeKind::kRef, "b"))); }, "(and a b)"},
      {[] {
         std::vector<Ptr> three = Kids(Text(NodeKind::kRef, "a"), Text(NodeKind::kRef, "b"));
         three.push_back(Text(NodeKind::kRef, "c"));
         return Make(NodeKind::kOr, std::move(three));
       }, "(or a b c)"},
      {[] { return Compare(CompareOp::kEq, Text(NodeKind::kRef, "x"), Num(1)); }, "(== x 1)"},
      {[] { return Compare(CompareOp::kNe, Text(NodeKind::kRef, "x"), Num(1)); }, "(!= x 1)"},
      {[] { return Compare(CompareOp::kLt, Text(NodeKind::kRef, "x"), Num(1)); }, "(< x 1)"},
      {[] { return Compare(CompareOp::kLe, Text(NodeKind::kRef, "x"), Num(1)); }, "(<= x 1)"},
      {[] { return Compare(CompareOp::kGt, Text(NodeKind::kRef, "x"), Num(1)); }, "(> x 1)"},
      {[] { return Compare(CompareOp::kGe, Text(NodeKind::kRef, "x"), Num(1)); }, "(>= x 1)"},
      {[] {
         return Make(NodeKind::kIn, Kids(Text(NodeKind::kRef, "x"),
                                         Make(NodeKind::kList, Kids(Text(NodeKind::kString, "a"), Text(NodeKind::kString, "b")))));
       }, "(in x (list 'a' 'b'))"},
      {[] { return Make(NodeKind::kContains, Kids(Text(NodeKind::kRef, "i"), Text(NodeKind::kString, "crps"))); }, "(contains i 'crps')"},
      {[] {
         return Make(NodeKind::kContainsAny, Kids(Text(NodeKind::kRef, "i"), Make(NodeKind::kList, Kids(Text(NodeKind::kString, "ocd")))));
       }, "(contains-any i (list 'ocd'))"},
      {[] { return Arith('+', Text(NodeKind::kRef, "a"), Arith('*', Text(NodeKind::kRef, "b"), Num(2))); }, "(+ a (* b 2))"},
      {[] { return Arith('/', Text(NodeKind::kRef, "w"), Arith('-', Text(NodeKind::kRef, "h"), Num(1))); }, "(/ w (- h 1))"},
      {[] { return Make(NodeKind::kNegate, Kids(Text(NodeKind::kRef, "a"))); }, "(neg a)"},
      {[] { auto r = Make(NodeKind::kRound, Kids(Text(NodeKind::kRef, "bmi"))); r->number = 1; return r; }, "(round bmi 1)"},
      {[] { return Text(NodeKind::kMedicationClass, "opioid"); }, "(class 'opioid')"},
      {[] { return Make(NodeKind::kList); }, "(list)"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.dump);
    CHECK(internal::DumpExpression(*row.tree()) == row.dump);
  }
}

}  // namespace
}  // namespace candidacy::testing
