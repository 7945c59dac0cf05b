// Type checker: names resolve, enum values are checked against their
// question, operand types must fit; every error points at its operand.
#include <catch2/catch.hpp>

#include "expr/parser.h"
#include "mini_rulebook.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "rulebook/type_check.h"
#include "test_support.h"

using namespace candidacy::internal;
using candidacy::testing::TempRulebook;

namespace {

const Model& Mini() {
  static TempRulebook* rb = [] {
    auto* r = new TempRulebook({{"rulebook.yaml", candidacy::testing::MiniRoot()}, {"main.yaml", candidacy::testing::MiniMain()}});
    INFO(r->diagnostics());
    REQUIRE(r->Load().ok());
    return r;
  }();
  return candidacy::internal::ModelOf(*rb->rulebook());
}

// "" when the expression checks, else "offset: message" of each error.
std::string Check(const std::string& text, ValueType want = ValueType::kBoolean) {
  Expression e;
  ParseError perr;
  REQUIRE(ParseExpression(text, &e, &perr));
  const Model& m = Mini();
  Scope scope{&m, static_cast<int>(m.questions.size()), static_cast<int>(m.derived.size()), "hidden"};
  std::vector<TypeError> errors;
  TypeCheck(&e, scope, want, &errors);
  std::string out;
  for (const auto& err : errors) out += (out.empty() ? "" : " | ") + std::to_string(err.offset) + ": " + err.message;
  return out;
}

}  // namespace

TEST_CASE("well-typed expressions check", "[typecheck]") {
  auto text = GENERATE(as<std::string>{}, "a", "a and not b", "n > 1", "n + 1 >= x * 2", "ratio >= 40", "sex == 'male'",
                       "'male' != sex", "sex in ['female', 'male']", "n in [1, 2]", "tags contains 'p'",
                       "tags contains any ['p', 'r']", "a == true", "any medication in class 'opioid'",
                       "any medication in class 'quiet' or c");
  CAPTURE(text);
  CHECK(Check(text) == "");
}

TEST_CASE("ill-typed expressions are refused with located messages", "[typecheck]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"agee", "0: unknown question or derived value 'agee'"},
      {"nn > 1", "0: unknown question or derived value 'nn' (did you mean 'n'?)"},
      {"sex == 'malee'", "7: 'malee' is not a value of 'sex' (allowed: female, male)"},
      {"sex == 1", "7: 'sex' takes one of its values in quotes (female, male); this number is a number"},
      {"sex < 'male'", "0: 'sex' is an enum; compare it with == or !=, not <"},
      {"n == 'x'", "0: cannot compare a number with a text"},
      {"a < b", "0: booleans can only be compared with == or !=, not <"},
      {"n", "0: a condition must be true or false; 'n' is a number"},
      {"a and n", "6: 'and' joins conditions; 'n' is a number"},
      {"not n", "4: 'not' needs a condition; 'n' is a number"},
      {"a + 1 > 2", "0: arithmetic needs numbers; 'a' is a boolean"},
      {"tags == 'p'", "0: 'tags' is a list; use 'contains' or 'contains any' instead of =="},
      {"tags in ['p']", "0: 'tags' is a list; use 'contains any [...]' to test it against several values"},
      {"tags contains 's'", "14: 's' is not a value of 'tags' (allowed: p, q, r)"},
      {"sex contains 'male'", "0: 'contains' needs a list question with fixed values on its left; 'sex' is an enum"},
      {"n in ['a']", "6: the list must hold numbers to match 'n'"},
      {"a in [true]", "0: 'in' needs a number or an enum on its left; 'a' is a boolean"},
      {"any medication in class 'opiod'", "0: unknown medication class 'opiod'"},
      {"medications == 'x'", "0: 'medications' is a list; use 'contains' or 'contains any' instead of =="},
      {"sex == 'x' or n == 'y' or zz", "7: 'x' is not a value of 'sex' (allowed: female, male) | 14: cannot compare a number with a text | 26: unknown question or derived value 'zz'"},
  }));
  CAPTURE(text);
  CHECK(Check(text) == expected);
}

TEST_CASE("derived values must be numbers", "[typecheck]") {
  CHECK(Check("n / 2", ValueType::kNumber) == "");
  CHECK(Check("a", ValueType::kNumber) == "0: a derived value must be a number; 'a' is a boolean");
}
