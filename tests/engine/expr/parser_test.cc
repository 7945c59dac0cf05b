// Expression parser: the tree each form parses to (as a compact dump),
// precedence, and the located errors for text that does not parse.
#include <catch2/catch.hpp>

#include "candidacy/limits.h"
#include "expr/dump.h"
#include "expr/parser.h"

using namespace candidacy::internal;

TEST_CASE("expressions parse to the expected tree", "[parser]") {
  auto [text, dump] = GENERATE(table<std::string, std::string>({
      {"patient.age < 18", "(< patient.age 18)"},
      {"a > 180 or b > 100", "(or (> a 180) (> b 100))"},
      {"a and b or c and d", "(or (and a b) (and c d))"},
      {"a and (b or c)", "(and a (or b c))"},
      {"not a and b", "(and (not a) b)"},
      {"not not a", "(not (not a))"},
      {"a or b or c", "(or a b c)"},
      {"x == 'mild'", "(== x 'mild')"},
      {"x in ['a', 'b']", "(in x (list 'a' 'b'))"},
      {"x in [1, -2.5]", "(in x (list 1 -2.5))"},
      {"i contains 'crps'", "(contains i 'crps')"},
      {"i contains any ['crps', 'ocd']", "(contains-any i (list 'crps' 'ocd'))"},
      {"any medication in class 'opioid' and any medication in class 'benzodiazepine'",
       "(and (class 'opioid') (class 'benzodiazepine'))"},
      {"round(w / ((h / 100) * (h / 100)), 1) >= 40", "(>= (round (/ w (* (/ h 100) (/ h 100))) 1) 40)"},
      {"a - b - c", "(- (- a b) c)"},
      {"a + b * c", "(+ a (* b c))"},
      {"-a < -1", "(< (neg a) (neg 1))"},
      {"history.psychosis", "history.psychosis"},
      {"x == true", "(== x true)"},
  }));
  Expression e;
  ParseError error;
  CAPTURE(text);
  REQUIRE(ParseExpression(text, &e, &error));
  CHECK(DumpExpression(*e.root) == dump);
}

TEST_CASE("bad expressions fail at the right offset with a clear message", "[parser]") {
  auto [text, offset, message] = GENERATE(table<std::string, int, std::string>({
      {"", 0, "the expression is empty"},
      {"a <", 3, "the expression ends too early; expected a value"},
      {"(a < 1", 6, "expected ')' to close '(', found the end of the expression"},
      {"a < 1)", 5, "expected 'and', 'or' or the end of the expression, found ')'"},
      {"a < 1 < 2", 6, "comparisons do not chain; join them with 'and'"},
      {"a b", 2, "expected 'and', 'or' or the end of the expression, found 'b'"},
      {"a in 'x'", 5, "expected a list such as ['a', 'b'] after 'in', found 'x'"},
      {"a in []", 6, "a list must hold at least one value"},
      {"a in ['x' 'y']", 10, "expected ']' to close the list, found 'y'"},
      {"a contains b", 11, "expected a number, a quoted string, true or false after 'contains', found 'b'"},
      {"any drug in class 'x'", 4, "expected 'medication' after 'any' (write: any medication in class 'opioid'), found 'drug'"},
      {"any medication in class opioid", 24, "expected a class id in quotes, such as 'opioid', found 'opioid'"},
      {"round(a)", 7, "expected ',' between round's value and its digits, found ')'"},
      {"round(a, 7)", 9, "round's digits must be a whole number from 0 to 6"},
      {"round(a, 1.5)", 9, "round's digits must be a whole number from 0 to 6"},
      {"round(a, 19999999999999999999)", 9, "round's digits must be a whole number from 0 to 6"},  // found by fuzzing: past int
      {"max(a, b)", 0, "'max' is not a function; the only function is round(x, digits)"},
      {"a and", 5, "the expression ends too early; expected a value"},
      {"a = 1", 2, "'=' is not an operator; write '==' to compare"},
      {"and a", 0, "expected a value, found 'and'"},
  }));
  Expression e;
  ParseError error;
  CAPTURE(text);
  REQUIRE_FALSE(ParseExpression(text, &e, &error));
  CHECK(error.offset == offset);
  CHECK(error.message == message);
}

TEST_CASE("nesting is capped: at the limit it parses, one past it fails", "[parser][limits]") {
  const int depth = candidacy::limits::kMaxExpressionDepth;
  auto parens = [](int n) { return std::string(n, '(') + "a" + std::string(n, ')'); };
  auto nots = [](int n) { std::string s; for (int i = 0; i < n; ++i) s += "not "; return s + "a"; };
  Expression e;
  ParseError error;
  CHECK(ParseExpression(parens(depth), &e, &error));
  CHECK(ParseExpression(nots(depth), &e, &error));
  CHECK(ParseExpression(std::string(depth, '-') + "a", &e, &error));
  const std::string message = "the expression nests deeper than " + std::to_string(depth) + " levels";
  for (const std::string& text : {parens(depth + 1), nots(depth + 1), std::string(depth + 1, '-') + "a"}) {
    REQUIRE_FALSE(ParseExpression(text, &e, &error));
    CHECK(error.message == message);
  }
  // A hostile depth fails the same way, quickly, without exhausting the stack.
  REQUIRE_FALSE(ParseExpression(std::string(2000, '(') + "a" + std::string(2000, ')'), &e, &error));
  CHECK(error.message == message);
}

TEST_CASE("expression length is capped", "[parser][limits]") {
  const size_t limit = candidacy::limits::kMaxExpressionBytes;
  std::string at_limit = "a";
  while (at_limit.size() + 6 <= limit) at_limit += " or a ";
  at_limit.resize(limit, ' ');
  Expression e;
  ParseError error;
  CHECK(ParseExpression(at_limit, &e, &error));
  REQUIRE_FALSE(ParseExpression(at_limit + " ", &e, &error));
  CHECK(error.message == "the expression is " + std::to_string(limit + 1) + " bytes long; the limit is " + std::to_string(limit));
}

TEST_CASE("every node knows the span of text it was parsed from", "[parser]") {
  const std::string text = "round(w / 2, 1) >= 40 or (x in ['a', 'b'] and not any medication in class 'opioid')";
  Expression e;
  ParseError error;
  REQUIRE(ParseExpression(text, &e, &error));
  auto span = [&](const Node& n) { return text.substr(n.offset, n.end - n.offset); };
  const Node& root = *e.root;
  CHECK(span(root) == text.substr(0, text.size() - 1));  // a group quotes without its parentheses
  CHECK(span(*root.children[0]) == "round(w / 2, 1) >= 40");
  CHECK(span(*root.children[0]->children[0]) == "round(w / 2, 1)");
  CHECK(span(*root.children[1]) == "x in ['a', 'b'] and not any medication in class 'opioid'");
  CHECK(span(*root.children[1]->children[0]->children[1]) == "['a', 'b']");
  CHECK(span(*root.children[1]->children[1]) == "not any medication in class 'opioid'");
}
