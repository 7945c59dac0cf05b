// Expression lexer: token kinds and offsets, and the bad inputs it refuses.
#include <catch2/catch.hpp>

#include "expr/lexer.h"

using namespace candidacy::internal;

namespace {
std::string Kinds(const std::string& text) {
  std::vector<Token> tokens;
  LexError error;
  REQUIRE(Tokenize(text, &tokens, &error));
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += " ";
    out += t.kind == TokenKind::kName ? "name:" + t.text
           : t.kind == TokenKind::kString ? "str:" + t.text
           : t.kind == TokenKind::kNumber ? "num:" + t.text
                                          : std::string(TokenKindText(t.kind));
    out += "@" + std::to_string(t.offset);
  }
  return out;
}
}  // namespace

TEST_CASE("the lexer splits expressions into tokens", "[lexer]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"patient.age < 18", "name:patient.age@0 '<'@12 num:18@14 the end of the expression@16"},
      {"a>=1.5", "name:a@0 '>='@1 num:1.5@3 the end of the expression@6"},
      {"x == 'active_no_plan'", "name:x@0 '=='@2 str:active_no_plan@5 the end of the expression@21"},
      {"x != \"it's\"", "name:x@0 '!='@2 str:it's@5 the end of the expression@11"},
      {"not (a or b) and c", "'not'@0 '('@4 name:a@5 'or'@7 name:b@10 ')'@11 'and'@13 name:c@17 the end of the expression@18"},
      {"i contains any ['a', 'b']", "name:i@0 'contains'@2 'any'@11 '['@15 str:a@16 ','@19 str:b@21 ']'@24 the end of the expression@25"},
      {"any medication in class 'opioid'", "'any'@0 'medication'@4 'in'@15 'class'@18 str:opioid@24 the end of the expression@32"},
      {"round(w / h * h, 1) - -2 + .5", "'round'@0 '('@5 name:w@6 '/'@8 name:h@10 '*'@12 name:h@14 ','@15 num:1@17 ')'@18 '-'@20 '-'@22 num:2@23 '+'@25 num:.5@27 the end of the expression@29"},
      {"android and notable", "name:android@0 'and'@8 name:notable@12 the end of the expression@19"},
      {"  \n\t", "the end of the expression@4"},
  }));
  CAPTURE(text);
  CHECK(Kinds(text) == expected);
}

TEST_CASE("the lexer refuses what starts no token", "[lexer]") {
  auto [text, offset, message] = GENERATE(table<std::string, int, std::string>({
      {"a = 1", 2, "'=' is not an operator; write '==' to compare"},
      {"!a", 0, "'!' is not an operator; write 'not' or '!='"},
      {"a == 'open", 5, "this string has no closing '"},
      {"a == \"open", 5, "this string has no closing \""},
      {"a & b", 2, "unexpected character '&'"},
      {"18years", 2, "a number must not run into a name; put a space or an operator between them"},
      {"1.2.3", 0, "'1.2.3' is not a number"},
      {"a $ b", 2, "unexpected character '$'"},
  }));
  std::vector<Token> tokens;
  LexError error;
  CAPTURE(text);
  REQUIRE_FALSE(Tokenize(text, &tokens, &error));
  CHECK(error.offset == offset);
  CHECK(error.message == message);
}
