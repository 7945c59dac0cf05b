// The expression tree's own operations (expr/ast.h): NumberNodes numbers a
// tree in preorder from a given number and returns the next free one (a table
// of parsed expressions).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "expr/ast.h"
#include "expr/dump.h"
#include "expr/parser.h"

namespace candidacy::testing {
namespace {

using internal::Node;

// The nodes below `n` as "id:dump", in preorder.
void Collect(const Node& n, std::vector<std::string>* out) {
  out->push_back(std::to_string(n.id) + ":" + internal::DumpExpression(n));
  for (const auto& c : n.children) Collect(*c, out);
}

TEST_CASE("ast: NumberNodes numbers every node in preorder and returns the next number", "[ast]") {
  using Ids = std::vector<std::string>;
  auto [text, start, ids] = GENERATE(table<std::string, int, Ids>({
      {"a", 0, {"0:a"}},
      {"a > 1", 7, {"7:(> a 1)", "8:a", "9:1"}},
      {"a > 1 or not b", 0, {"0:(or (> a 1) (not b))", "1:(> a 1)", "2:a", "3:1", "4:(not b)", "5:b"}},
      {"x in ['p', 'q']", 3, {"3:(in x (list 'p' 'q'))", "4:x", "5:(list 'p' 'q')", "6:'p'", "7:'q'"}},
      {"round(w / 2, 1) >= 40", 10, {"10:(>= (round (/ w 2) 1) 40)", "11:(round (/ w 2) 1)", "12:(/ w 2)", "13:w", "14:2", "15:40"}},
  }));
  CAPTURE(text);
  internal::Expression e;
  internal::ParseError error;
  REQUIRE(internal::ParseExpression(text, &e, &error));
  CHECK(e.root->id == -1);  // not numbered until the Rulebook is made
  CHECK(internal::NumberNodes(e.root.get(), start) == start + static_cast<int>(ids.size()));
  std::vector<std::string> got;
  Collect(*e.root, &got);
  CHECK(got == ids);
}

}  // namespace
}  // namespace candidacy::testing
