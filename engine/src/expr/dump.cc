// Expression dump. Test: tests/engine/expr/dump_test.cc.
#include "expr/dump.h"

#include <fmt/format.h>

namespace candidacy::internal {

std::string DumpExpression(const Node& n) {
  auto kids = [&](const char* head) {
    std::string out = std::string("(") + head;
    for (const auto& c : n.children) out += " " + DumpExpression(*c);
    return out + ")";
  };
  switch (n.kind) {
    case NodeKind::kNumber: return fmt::format("{}", n.number);
    case NodeKind::kString: return "'" + n.text + "'";
    case NodeKind::kBoolean: return n.boolean ? "true" : "false";
    case NodeKind::kRef: return n.text;
    case NodeKind::kNot: return kids("not");
    case NodeKind::kAnd: return kids("and");
    case NodeKind::kOr: return kids("or");
    case NodeKind::kCompare: return kids(CompareOpText(n.op));
    case NodeKind::kIn: return kids("in");
    case NodeKind::kContains: return kids("contains");
    case NodeKind::kContainsAny: return kids("contains-any");
    case NodeKind::kArith: {
      const char op[2] = {n.arith, '\0'};
      return kids(op);
    }
    case NodeKind::kNegate: return kids("neg");
    case NodeKind::kRound: return fmt::format("(round {} {})", DumpExpression(*n.children[0]), n.number);
    case NodeKind::kMedicationClass: return "(class '" + n.text + "')";
    case NodeKind::kList: return kids("list");
  }
  return "?";
}

}  // namespace candidacy::internal
