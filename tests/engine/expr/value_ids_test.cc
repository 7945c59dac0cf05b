// Value ids (expr/value_ids.h): equal checked expressions share one, any
// difference a value could depend on keeps them apart; Unique never shares.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "expr/value_ids.h"
#include "test_support.h"

using namespace candidacy::internal;

namespace {

Expression Checked(const std::string& text) { return candidacy::testing::CheckedMiniCondition(text); }

}  // namespace

TEST_CASE("value ids: equal expressions share one, different ones do not", "[value_ids]") {
  struct Row {
    const char* a;
    const char* b;
    bool same;
  };
  const Row row = GENERATE(values<Row>({
      {"a and b", "a and b", true},
      {"a and b", "(a and b)", true},         // parentheses are no node
      {"n > 1", "n  >  1", true},             // nor spacing
      {"n > 1", "n > 1.0", true},             // the same number
      {"a and b", "b and a", false},          // order matters (short-circuit, explanations)
      {"a and b", "a or b", false},
      {"n > 1", "n >= 1", false},
      {"n > 1", "n > 2", false},
      {"n > 1", "x > 1", false},
      {"n + 1 > 2", "n - 1 > 2", false},
      {"round(n / x, 1) > 1", "round(n / x, 2) > 1", false},
      {"ratio > 1", "round(n / x, 1) > 1", false},  // a derived value is not its expression
      {"sex == 'male'", "sex == 'female'", false},
      {"tags contains 'p'", "tags contains 'q'", false},
      {"tags contains any ['p', 'q']", "tags contains any ['q', 'p']", false},
      {"any medication in class 'opioid'", "any medication in class 'quiet'", false},
      {"a", "not a", false},
      {"-n < 1", "n < 1", false},
  }));
  CAPTURE(row.a, row.b);
  Expression a = Checked(row.a), b = Checked(row.b);
  ValueNumbering shared;
  shared.Share(a.root.get());
  const int after_a = shared.count();
  shared.Share(b.root.get());
  CHECK((a.root->value_id == b.root->value_id) == row.same);
  if (row.same) CHECK(shared.count() == after_a);  // nothing new below either
  ValueNumbering apart;
  apart.Unique(a.root.get());
  apart.Unique(b.root.get());
  CHECK(a.root->value_id != b.root->value_id);
}

TEST_CASE("value ids: operands shared inside different expressions", "[value_ids]") {
  Expression a = Checked("a and (b or c)"), b = Checked("(b or c) and n > 10"), c = Checked("n > 10 or a");
  ValueNumbering v;
  for (auto* e : {&a, &b, &c}) v.Share(e->root.get());
  CHECK(a.root->children[1]->value_id == b.root->children[0]->value_id);
  CHECK(b.root->children[1]->value_id == c.root->children[0]->value_id);
  CHECK(a.root->children[0]->value_id == c.root->children[1]->value_id);  // the question a
  CHECK(a.root->value_id != b.root->value_id);
  // a, b, c, (b or c), a and (...), n, 10, n > 10, (...) and n > 10, (n > 10) or a: 10 distinct.
  CHECK(v.count() == 10);
}
