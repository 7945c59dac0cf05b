// Expression lexer: text -> tokens. Test: tests/engine/expr/lexer_test.cc.
#include "expr/lexer.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace candidacy::internal {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

const std::unordered_map<std::string_view, TokenKind>& Keywords() {
  static const auto* keywords = new std::unordered_map<std::string_view, TokenKind>{
      {"and", TokenKind::kAnd},       {"or", TokenKind::kOr},
      {"not", TokenKind::kNot},       {"in", TokenKind::kIn},
      {"contains", TokenKind::kContains}, {"any", TokenKind::kAny},
      {"medication", TokenKind::kMedication}, {"class", TokenKind::kClass},
      {"true", TokenKind::kTrue},     {"false", TokenKind::kFalse},
      {"round", TokenKind::kRound},
  };
  return *keywords;
}

}  // namespace

const char* TokenKindText(TokenKind kind) {
  switch (kind) {
    case TokenKind::kNumber: return "a number";
    case TokenKind::kString: return "a quoted string";
    case TokenKind::kName: return "a question or derived name";
    case TokenKind::kAnd: return "'and'";
    case TokenKind::kOr: return "'or'";
    case TokenKind::kNot: return "'not'";
    case TokenKind::kIn: return "'in'";
    case TokenKind::kContains: return "'contains'";
    case TokenKind::kAny: return "'any'";
    case TokenKind::kMedication: return "'medication'";
    case TokenKind::kClass: return "'class'";
    case TokenKind::kTrue: return "'true'";
    case TokenKind::kFalse: return "'false'";
    case TokenKind::kRound: return "'round'";
    case TokenKind::kLParen: return "'('";
    case TokenKind::kRParen: return "')'";
    case TokenKind::kLBracket: return "'['";
    case TokenKind::kRBracket: return "']'";
    case TokenKind::kComma: return "','";
    case TokenKind::kEq: return "'=='";
    case TokenKind::kNe: return "'!='";
    case TokenKind::kLt: return "'<'";
    case TokenKind::kLe: return "'<='";
    case TokenKind::kGt: return "'>'";
    case TokenKind::kGe: return "'>='";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kStar: return "'*'";
    case TokenKind::kSlash: return "'/'";
    case TokenKind::kEnd: return "the end of the expression";
  }
  return "?";
}

bool Tokenize(std::string_view text, std::vector<Token>* tokens, LexError* error) {
  tokens->clear();
  size_t i = 0;
  const size_t n = text.size();
  auto push = [&](TokenKind kind, size_t start, size_t len) {
    Token t;
    t.kind = kind;
    t.offset = static_cast<int>(start);
    t.text = std::string(text.substr(start, len));
    t.end = static_cast<int>(start + len);
    tokens->push_back(std::move(t));
    i = start + len;
  };
  while (i < n) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
    const size_t start = i;
    if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(text[i + 1]))) {
      while (i < n && (IsDigit(text[i]) || text[i] == '.')) ++i;
      std::string literal(text.substr(start, i - start));
      if (i < n && IsNameStart(text[i])) {
        *error = {static_cast<int>(i), "a number must not run into a name; put a space or an operator between them"};
        return false;
      }
      char* end = nullptr;
      errno = 0;
      const double value = std::strtod(literal.c_str(), &end);
      if (end != literal.c_str() + literal.size() || errno == ERANGE || !std::isfinite(value)) {
        *error = {static_cast<int>(start), "'" + literal + "' is not a number"};
        return false;
      }
      Token t;
      t.kind = TokenKind::kNumber;
      t.offset = static_cast<int>(start);
      t.text = literal;
      t.number = value;
      t.end = static_cast<int>(i);
      tokens->push_back(std::move(t));
      continue;
    }
    if (IsNameStart(c)) {
      // A dotted name: segments of letters, digits and underscores joined by dots.
      while (i < n && (IsNameChar(text[i]) || (text[i] == '.' && i + 1 < n && IsNameStart(text[i + 1])))) ++i;
      std::string_view word = text.substr(start, i - start);
      auto kw = Keywords().find(word);
      Token t;
      t.kind = kw == Keywords().end() ? TokenKind::kName : kw->second;
      t.offset = static_cast<int>(start);
      t.end = static_cast<int>(i);
      t.text = std::string(word);
      tokens->push_back(std::move(t));
      continue;
    }
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < n && text[j] != c) ++j;
      if (j >= n) {
        *error = {static_cast<int>(start), std::string("this string has no closing ") + c};
        return false;
      }
      Token t;
      t.kind = TokenKind::kString;
      t.offset = static_cast<int>(start);
      t.text = std::string(text.substr(i + 1, j - i - 1));
      t.end = static_cast<int>(j + 1);
      tokens->push_back(std::move(t));
      i = j + 1;
      continue;
    }
    const char next = i + 1 < n ? text[i + 1] : '\0';
    switch (c) {
      case '(': push(TokenKind::kLParen, start, 1); continue;
      case ')': push(TokenKind::kRParen, start, 1); continue;
      case '[': push(TokenKind::kLBracket, start, 1); continue;
      case ']': push(TokenKind::kRBracket, start, 1); continue;
      case ',': push(TokenKind::kComma, start, 1); continue;
      case '+': push(TokenKind::kPlus, start, 1); continue;
      case '-': push(TokenKind::kMinus, start, 1); continue;
      case '*': push(TokenKind::kStar, start, 1); continue;
      case '/': push(TokenKind::kSlash, start, 1); continue;
      case '<': push(next == '=' ? TokenKind::kLe : TokenKind::kLt, start, next == '=' ? 2 : 1); continue;
      case '>': push(next == '=' ? TokenKind::kGe : TokenKind::kGt, start, next == '=' ? 2 : 1); continue;
      case '=':
        if (next == '=') { push(TokenKind::kEq, start, 2); continue; }
        *error = {static_cast<int>(start), "'=' is not an operator; write '==' to compare"};
        return false;
      case '!':
        if (next == '=') { push(TokenKind::kNe, start, 2); continue; }
        *error = {static_cast<int>(start), "'!' is not an operator; write 'not' or '!='"};
        return false;
      default: break;
    }
    *error = {static_cast<int>(start), std::string("unexpected character '") + c + "'"};
    return false;
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.offset = static_cast<int>(n);
  end.end = static_cast<int>(n);
  tokens->push_back(std::move(end));
  return true;
}

}  // namespace candidacy::internal
