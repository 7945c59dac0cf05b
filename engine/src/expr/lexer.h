// Splits expression text into tokens: numbers, quoted strings, dotted names,
// keywords, brackets and operators. Tested by tests/engine/expr/lexer_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace candidacy::internal {

enum class TokenKind {
  kNumber, kString, kName,
  kAnd, kOr, kNot, kIn, kContains, kAny, kMedication, kClass, kTrue, kFalse, kRound,
  kLParen, kRParen, kLBracket, kRBracket, kComma,
  kEq, kNe, kLt, kLe, kGt, kGe, kPlus, kMinus, kStar, kSlash,
  kEnd,
};
const char* TokenKindText(TokenKind kind);  // for "expected X" messages

struct Token {
  TokenKind kind = TokenKind::kEnd;
  int offset = 0;      // byte offset in the expression
  int end = 0;         // byte offset just past the token
  std::string text;    // kName: the name; kString: the unquoted value; kNumber: as written
  double number = 0;   // kNumber
};

struct LexError {
  int offset = 0;
  std::string message;
};

// Tokenizes `text`; the last token is always kEnd. Returns false and sets
// *error at the first character that starts no token.
bool Tokenize(std::string_view text, std::vector<Token>* tokens, LexError* error);

}  // namespace candidacy::internal
