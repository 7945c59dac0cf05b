// The flat program (expr/program.h): each operator one step, leaves read in
// place, a comparison of an answer with a literal fused into one step, a
// sub-expression that several conditions share compiled once, every node
// that has a slot marked, the asked_when steps first, and the answer
// comparisons and medication classes after them listed apart for the evaluator.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "expr/program.h"
#include "expr/value_ids.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

using namespace candidacy::internal;

namespace {

Expression Checked(const std::string& text) { return candidacy::testing::CheckedMiniCondition(text); }

const char* OpName(ProgramOp op) {
  switch (op) {
    case ProgramOp::kAnswerEq: return "answer==";
    case ProgramOp::kAnswerNe: return "answer!=";
    case ProgramOp::kAnswerLt: return "answer<";
    case ProgramOp::kAnswerLe: return "answer<=";
    case ProgramOp::kAnswerGt: return "answer>";
    case ProgramOp::kAnswerGe: return "answer>=";
    case ProgramOp::kCompare: return "compare";
    case ProgramOp::kIn: return "in";
    case ProgramOp::kContains: return "contains";
    case ProgramOp::kContainsAny: return "contains-any";
    case ProgramOp::kMedicationClass: return "class";
    case ProgramOp::kNot: return "not";
    case ProgramOp::kAnd: return "and";
    case ProgramOp::kOr: return "or";
    case ProgramOp::kTruth: return "truth";
    case ProgramOp::kNegate: return "negate";
    case ProgramOp::kRound: return "round";
    case ProgramOp::kArith: return "arith";
    case ProgramOp::kSetAsked: return "set-asked";
    case ProgramOp::kSetDerived: return "set-derived";
  }
  return "?";
}

std::string Ops(const Program& p, size_t begin = 0) {
  std::string out;
  for (size_t i = begin; i < p.steps.size(); ++i) out += (out.empty() ? "" : " ") + std::string(OpName(p.steps[i].op));
  return out;
}

// The ops of the steps after asked_end that are neither answer comparisons nor classes, in the order run (Program::rest).
std::string RestOps(const Program& p) {
  std::string out;
  for (std::uint32_t i : p.rest) out += (out.empty() ? "" : " ") + std::string(OpName(p.steps[i].op));
  return out;
}

// The conditions compiled together, their value ids shared.
Program Compile(std::vector<Expression>* conditions) {
  ValueNumbering values;
  for (auto& e : *conditions) values.Share(e.root.get());
  ProgramBuilder b(values.count());
  for (auto& e : *conditions) b.Condition(e.root.get());
  return b.Take();
}

bool AllMarked(const Node& n) {  // every operator; leaves never (a root leaf is marked by the builder itself)
  const bool leaf = n.kind == NodeKind::kNumber || n.kind == NodeKind::kString || n.kind == NodeKind::kBoolean ||
                    n.kind == NodeKind::kRef || n.kind == NodeKind::kList;
  if (leaf == n.compiled) return false;
  for (const auto& c : n.children)
    if (!AllMarked(*c)) return false;
  return true;
}

}  // namespace

TEST_CASE("each operator is one step, in evaluation order; leaves are read in place", "[program]") {
  auto [text, ops] = GENERATE(table<std::string, std::string>({
      {"n > 5", "answer>"},
      {"n == 5", "answer=="},
      {"n != 5", "answer!="},
      {"n < 5", "answer<"},
      {"n <= 5", "answer<="},
      {"n >= 5", "answer>="},
      {"sex == 'male'", "answer=="},
      {"5 < n", "compare"},                  // the literal first: not fused
      {"n > x", "compare"},                  // two answers
      {"ratio > 1", "compare"},              // a derived value
      {"a", "truth"},                        // a condition that is one answer
      {"a and b", "and"},
      {"a and (n > 5 or b)", "answer> or and"},
      {"not a", "not"},
      {"not (a or b)", "or not"},
      {"n in [1, 2]", "in"},
      {"tags contains 'p'", "contains"},
      {"tags contains any ['p', 'q']", "contains-any"},
      {"any medication in class 'opioid'", "class"},
      {"n * 2 > x", "arith compare"},
      {"-n < 3", "negate compare"},
      {"round(x, 1) > 2", "round compare"},
      {"round(n / x, 1) > 2 and -(x - 1) < n", "arith round compare arith negate compare and"},
      {"(n > 5) == true", "answer> compare"},
      {"n > 5 and n > 5", "answer> and"},    // equal operands: one step
      {"(a or b) and not (a or b)", "or not and"},
  }));
  CAPTURE(text);
  std::vector<Expression> e;
  e.push_back(Checked(text));
  const Program p = Compile(&e);
  CHECK(Ops(p) == ops);
  CHECK(p.asked_end == 0);
  CHECK(e[0].root->compiled);
  CHECK(AllMarked(*e[0].root) == (e[0].root->kind != NodeKind::kRef));  // a root reference is marked, unlike any other leaf
}

TEST_CASE("a step reads its operands where they are", "[program]") {
  SECTION("an answer against a literal") {
    std::vector<Expression> e;
    e.push_back(Checked("sex == 'male'"));
    const Program p = Compile(&e);
    REQUIRE(p.steps.size() == 1);
    CHECK(p.steps[0].a.kind == ProgramOperand::Kind::kQuestion);
    CHECK(p.steps[0].a.index == e[0].root->children[0]->index);
    CHECK(p.steps[0].b.kind == ProgramOperand::Kind::kLiteral);
    CHECK(p.steps[0].b.literal == 1);  // male: the enum's second value
    CHECK(p.steps[0].slot == e[0].root->value_id);
  }
  SECTION("a list's values and an enum list's indices") {
    std::vector<Expression> e;
    e.push_back(Checked("n in [1, 2, 30]"));
    e.push_back(Checked("sex in ['male']"));
    e.push_back(Checked("tags contains any ['r', 'p']"));
    const Program p = Compile(&e);
    CHECK(p.items == std::vector<double>{1, 2, 30, 1});
    CHECK(p.enum_items == std::vector<int>{2, 0});
    CHECK(p.steps[2].begin == 0);
    CHECK(p.steps[2].count == 2);
  }
  SECTION("an operator's value from its slot, as a number or as a condition") {
    std::vector<Expression> e;
    e.push_back(Checked("n * 2 > x and (a or b) == true"));
    const Program p = Compile(&e);
    CHECK(Ops(p) == "arith compare or compare and");
    CHECK(p.steps[1].a.kind == ProgramOperand::Kind::kNumber);
    CHECK(p.steps[1].a.index == p.steps[0].slot);
    CHECK(p.steps[3].a.kind == ProgramOperand::Kind::kCondition);
    CHECK(p.steps[3].a.index == p.steps[2].slot);
    REQUIRE(p.steps[4].count == 2);
    CHECK(p.operands[static_cast<size_t>(p.steps[4].begin)].index == p.steps[1].slot);
  }
}

TEST_CASE("a sub-expression several conditions share is one step, and every copy is marked", "[program]") {
  std::vector<Expression> e;
  e.push_back(Checked("a and (n > 5 or b)"));
  e.push_back(Checked("(n > 5 or b) and tags contains 'p'"));
  e.push_back(Checked("a and (n > 5 or b)"));  // the whole of the first
  const Program p = Compile(&e);
  CHECK(Ops(p) == "answer> or and contains and");
  for (const auto& x : e) CHECK(AllMarked(*x.root));
  CHECK(e[2].root->value_id == e[0].root->value_id);
}

TEST_CASE("a rulebook's program: asked_when first, then the derived values, then the conditions", "[program]") {
  const Model& m = ModelOf(candidacy::testing::MiniRulebook());
  const Program& p = m.program;
  // preg is asked when sex != 'male'; ratio is round(n / x, 1); the rule R1 reads everything.
  REQUIRE(p.asked_end == 2);
  CHECK(Ops(p).substr(0, Ops(p).find(" arith")) == "answer!= set-asked");
  CHECK(p.steps[1].index == m.question_index.at("preg"));
  CHECK(OpName(p.steps[4].op) == std::string("set-derived"));
  CHECK(Ops(p, 2) == "arith round set-derived answer> compare contains class or");
  for (const auto& r : m.rules) CHECK(r.when.root->compiled);
}

TEST_CASE("after asked_end, the answer comparisons are listed by operator, the classes apart, and every other step once, in order", "[program]") {
  auto [text, compares, rest] = GENERATE(table<std::string, std::string, std::string>({
      // the comparisons counted by operator, in Program::compares order (== != < <= > >=); the rest by op
      {"n > 5", "0 0 0 0 1 0", ""},
      {"a and (n > 5 or b)", "0 0 0 0 1 0", "or and"},
      {"n == 1 and n != 2 and n < 3 and n <= 4 and n > 5 and n >= 6", "1 1 1 1 1 1", "and"},
      {"(n == 1 or n == 2) and 5 < n", "2 0 0 0 0 0", "or compare and"},
      {"round(x, 1) > 2", "0 0 0 0 0 0", "round compare"},
      {"any medication in class 'opioid' and n > 5", "0 0 0 0 1 0", "and"},  // the class listed apart too
  }));
  CAPTURE(text);
  std::vector<Expression> e;
  e.push_back(Checked(text));
  const Program p = Compile(&e);
  std::string counts;
  for (const auto& list : p.compares) counts += (counts.empty() ? "" : " ") + std::to_string(list.size());
  CHECK(counts == compares);
  CHECK(RestOps(p) == rest);
  // Each step after asked_end is in exactly one of them, a comparison with its own slot, question and
  // literal, a class with its own slot and class.
  size_t listed = p.rest.size() + p.classes.size();
  for (const auto& [slot, cls] : p.classes) {
    bool found = false;
    for (const ProgramStep& s : p.steps) found |= s.op == ProgramOp::kMedicationClass && s.slot == slot && s.index == cls;
    CHECK(found);
  }
  CHECK(p.classes.size() == (text.find("class") != std::string::npos ? 1u : 0u));
  for (int op = 0; op < 6; ++op)
    for (const Program::AnswerCompare& c : p.compares[op]) {
      ++listed;
      bool found = false;
      for (const ProgramStep& s : p.steps)
        found |= static_cast<int>(s.op) == static_cast<int>(ProgramOp::kAnswerEq) + op && s.slot == c.slot &&
                 s.a.index == c.question && s.b.literal == c.literal;
      CHECK(found);
    }
  CHECK(listed == p.steps.size() - p.asked_end);
  for (size_t k = 1; k < p.rest.size(); ++k) CHECK(p.rest[k - 1] < p.rest[k]);
}

TEST_CASE("a rulebook's program lists its comparisons after asked_end only", "[program]") {
  const Model& m = ModelOf(candidacy::testing::MiniRulebook());
  const Program& p = m.program;
  // The asked_when's answer!= stays a step before asked_end; R1's answer> and its class are listed;
  // arith, round, the derived value, compare, contains and or are the rest, in order.
  size_t compares = 0;
  for (const auto& list : p.compares) compares += list.size();
  CHECK(compares == 1);
  CHECK(p.compares[4].size() == 1);
  CHECK(p.classes.size() == 1);
  CHECK(RestOps(p) == "arith round set-derived compare contains or");
}
