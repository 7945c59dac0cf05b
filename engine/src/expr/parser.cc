// Recursive-descent parser for the rule expression language; grammar in
// docs/rulebook.md. Depth is capped (limits::kMaxExpressionDepth).
// Test: tests/engine/expr/parser_test.cc.
#include "expr/parser.h"

#include <algorithm>
#include <vector>

#include "candidacy/limits.h"
#include "expr/lexer.h"

namespace candidacy::internal {
namespace {

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  std::unique_ptr<Node> ParseAll(ParseError* error) {
    auto node = ParseOr();
    if (node) FixEnds(node.get());
    if (node && Peek().kind != TokenKind::kEnd) Fail(Peek().offset, "expected 'and', 'or' or the end of the expression, found " + Describe(Peek()));
    if (failed_) {
      *error = error_;
      return nullptr;
    }
    return node;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() {
    const Token& t = tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_];
    last_end_ = t.end;
    return t;
  }
  bool Accept(TokenKind kind) {
    if (Peek().kind != kind) return false;
    Next();
    return true;
  }
  static std::string Describe(const Token& t) {
    if (t.kind == TokenKind::kName) return "'" + t.text + "'";
    if (t.kind == TokenKind::kNumber) return "the number " + t.text;
    if (t.kind == TokenKind::kString) return "'" + t.text + "'";
    return TokenKindText(t.kind);
  }
  std::nullptr_t Fail(int offset, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_ = {offset, std::move(message)};
    }
    return nullptr;
  }
  bool Expect(TokenKind kind, const char* context) {
    if (Accept(kind)) return true;
    Fail(Peek().offset, std::string("expected ") + TokenKindText(kind) + " " + context + ", found " + Describe(Peek()));
    return false;
  }
  // A node ends where its last child ends, or its own closing token (set when parsed).
  static void FixEnds(Node* n) {
    for (auto& c : n->children) {
      FixEnds(c.get());
      n->end = std::max(n->end, c->end);
    }
  }

  static std::unique_ptr<Node> Make(NodeKind kind, int offset) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    n->offset = offset;
    return n;
  }

  // Recursion happens only through '(', 'not' and unary '-'; each of those
  // takes a level, so the cap bounds the stack for any input.
  struct DepthGuard {
    Parser* p;
    explicit DepthGuard(Parser* parser) : p(parser) { ++p->depth_; }
    ~DepthGuard() { --p->depth_; }
  };
  bool TooDeep() {
    if (depth_ <= limits::kMaxExpressionDepth) return false;
    Fail(Peek().offset, "the expression nests deeper than " + std::to_string(limits::kMaxExpressionDepth) + " levels");
    return true;
  }

  std::unique_ptr<Node> ParseOr() { return ParseChain(TokenKind::kOr, NodeKind::kOr, &Parser::ParseAnd); }
  std::unique_ptr<Node> ParseAnd() { return ParseChain(TokenKind::kAnd, NodeKind::kAnd, &Parser::ParseNot); }

  std::unique_ptr<Node> ParseChain(TokenKind op, NodeKind kind, std::unique_ptr<Node> (Parser::*operand)()) {
    auto first = (this->*operand)();
    if (!first || Peek().kind != op) return first;
    auto chain = Make(kind, first->offset);
    chain->children.push_back(std::move(first));
    while (Accept(op)) {
      auto next = (this->*operand)();
      if (!next) return nullptr;
      chain->children.push_back(std::move(next));
    }
    return chain;
  }

  std::unique_ptr<Node> ParseNot() {
    if (Peek().kind == TokenKind::kNot) {
      DepthGuard guard(this);
      if (TooDeep()) return nullptr;
      auto n = Make(NodeKind::kNot, Next().offset);
      auto operand = ParseNot();
      if (!operand) return nullptr;
      n->children.push_back(std::move(operand));
      return n;
    }
    return ParseCompare();
  }

  std::unique_ptr<Node> ParseCompare() {
    auto left = ParseSum();
    if (!left) return nullptr;
    const Token& t = Peek();
    CompareOp op;
    switch (t.kind) {
      case TokenKind::kEq: op = CompareOp::kEq; break;
      case TokenKind::kNe: op = CompareOp::kNe; break;
      case TokenKind::kLt: op = CompareOp::kLt; break;
      case TokenKind::kLe: op = CompareOp::kLe; break;
      case TokenKind::kGt: op = CompareOp::kGt; break;
      case TokenKind::kGe: op = CompareOp::kGe; break;
      case TokenKind::kIn: {
        auto n = Make(NodeKind::kIn, left->offset);
        Next();
        auto list = ParseList("after 'in'");
        if (!list) return nullptr;
        n->children.push_back(std::move(left));
        n->children.push_back(std::move(list));
        return n;
      }
      case TokenKind::kContains: {
        Next();
        const bool any = Accept(TokenKind::kAny);
        auto n = Make(any ? NodeKind::kContainsAny : NodeKind::kContains, left->offset);
        auto right = any ? ParseList("after 'contains any'") : ParseLiteral("after 'contains'");
        if (!right) return nullptr;
        n->children.push_back(std::move(left));
        n->children.push_back(std::move(right));
        return n;
      }
      default:
        return left;
    }
    Next();
    auto n = Make(NodeKind::kCompare, left->offset);
    n->op = op;
    auto right = ParseSum();
    if (!right) return nullptr;
    n->children.push_back(std::move(left));
    n->children.push_back(std::move(right));
    if (Peek().kind >= TokenKind::kEq && Peek().kind <= TokenKind::kGe)
      return Fail(Peek().offset, "comparisons do not chain; join them with 'and'");
    return n;
  }

  std::unique_ptr<Node> ParseSum() {
    auto left = ParseProduct();
    while (left && (Peek().kind == TokenKind::kPlus || Peek().kind == TokenKind::kMinus)) {
      auto n = Make(NodeKind::kArith, left->offset);
      n->arith = Next().kind == TokenKind::kPlus ? '+' : '-';
      auto right = ParseProduct();
      if (!right) return nullptr;
      n->children.push_back(std::move(left));
      n->children.push_back(std::move(right));
      left = std::move(n);
    }
    return left;
  }

  std::unique_ptr<Node> ParseProduct() {
    auto left = ParseUnary();
    while (left && (Peek().kind == TokenKind::kStar || Peek().kind == TokenKind::kSlash)) {
      auto n = Make(NodeKind::kArith, left->offset);
      n->arith = Next().kind == TokenKind::kStar ? '*' : '/';
      auto right = ParseUnary();
      if (!right) return nullptr;
      n->children.push_back(std::move(left));
      n->children.push_back(std::move(right));
      left = std::move(n);
    }
    return left;
  }

  std::unique_ptr<Node> ParseUnary() {
    if (Peek().kind == TokenKind::kMinus) {
      DepthGuard guard(this);
      if (TooDeep()) return nullptr;
      auto n = Make(NodeKind::kNegate, Next().offset);
      auto operand = ParseUnary();
      if (!operand) return nullptr;
      n->children.push_back(std::move(operand));
      return n;
    }
    return ParsePrimary();
  }

  std::unique_ptr<Node> ParseLiteral(const char* context) {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kNumber: {
        auto n = Make(NodeKind::kNumber, t.offset);
        n->number = t.number;
        Next();
        n->end = last_end_;
        return n;
      }
      case TokenKind::kMinus: {
        const int offset = Next().offset;
        if (Peek().kind != TokenKind::kNumber) return Fail(Peek().offset, std::string("expected a number after '-' ") + context);
        auto n = Make(NodeKind::kNumber, offset);
        n->number = -Next().number;
        n->end = last_end_;
        return n;
      }
      case TokenKind::kString: {
        auto n = Make(NodeKind::kString, t.offset);
        n->text = t.text;
        Next();
        n->end = last_end_;
        return n;
      }
      case TokenKind::kTrue:
      case TokenKind::kFalse: {
        auto n = Make(NodeKind::kBoolean, t.offset);
        n->boolean = t.kind == TokenKind::kTrue;
        Next();
        n->end = last_end_;
        return n;
      }
      default:
        return Fail(t.offset, std::string("expected a number, a quoted string, true or false ") + context + ", found " + Describe(t));
    }
  }

  std::unique_ptr<Node> ParseList(const char* context) {
    const Token& open = Peek();
    if (open.kind != TokenKind::kLBracket) return Fail(open.offset, std::string("expected a list such as ['a', 'b'] ") + context + ", found " + Describe(open));
    auto n = Make(NodeKind::kList, Next().offset);
    if (Peek().kind == TokenKind::kRBracket) return Fail(Peek().offset, "a list must hold at least one value");
    do {
      auto item = ParseLiteral("in a list");
      if (!item) return nullptr;
      n->children.push_back(std::move(item));
    } while (Accept(TokenKind::kComma));
    if (!Expect(TokenKind::kRBracket, "to close the list")) return nullptr;
    n->end = last_end_;
    return n;
  }

  std::unique_ptr<Node> ParsePrimary() {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kNumber:
      case TokenKind::kString:
      case TokenKind::kTrue:
      case TokenKind::kFalse:
        return ParseLiteral("");
      case TokenKind::kName: {
        auto n = Make(NodeKind::kRef, t.offset);
        n->text = t.text;
        Next();
        n->end = last_end_;
        if (Peek().kind == TokenKind::kLParen) return Fail(t.offset, "'" + t.text + "' is not a function; the only function is round(x, digits)");
        return n;
      }
      case TokenKind::kLParen: {
        DepthGuard guard(this);
        if (TooDeep()) return nullptr;
        Next();
        auto inner = ParseOr();
        if (!inner) return nullptr;
        if (!Expect(TokenKind::kRParen, "to close '('")) return nullptr;
        return inner;
      }
      case TokenKind::kRound: {
        auto n = Make(NodeKind::kRound, Next().offset);
        if (!Expect(TokenKind::kLParen, "after 'round'")) return nullptr;
        auto value = ParseSum();
        if (!value) return nullptr;
        if (!Expect(TokenKind::kComma, "between round's value and its digits")) return nullptr;
        const Token& digits = Peek();
        if (digits.kind != TokenKind::kNumber || !(digits.number >= 0 && digits.number <= 6) ||
            digits.number != static_cast<int>(digits.number))
          return Fail(digits.offset, "round's digits must be a whole number from 0 to 6");
        n->number = Next().number;
        if (!Expect(TokenKind::kRParen, "to close round(")) return nullptr;
        n->end = last_end_;
        n->children.push_back(std::move(value));
        return n;
      }
      case TokenKind::kAny: {
        auto n = Make(NodeKind::kMedicationClass, Next().offset);
        if (!Expect(TokenKind::kMedication, "after 'any' (write: any medication in class 'opioid')")) return nullptr;
        if (!Expect(TokenKind::kIn, "after 'any medication'")) return nullptr;
        if (!Expect(TokenKind::kClass, "after 'any medication in'")) return nullptr;
        const Token& cls = Peek();
        if (cls.kind != TokenKind::kString) return Fail(cls.offset, "expected a class id in quotes, such as 'opioid', found " + Describe(cls));
        n->text = Next().text;
        n->end = last_end_;
        return n;
      }
      case TokenKind::kEnd:
        return Fail(t.offset, "the expression ends too early; expected a value");
      default:
        return Fail(t.offset, "expected a value, found " + Describe(t));
    }
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int last_end_ = 0;  // end of the last token consumed
  int depth_ = 0;
  bool failed_ = false;
  ParseError error_;
};

}  // namespace

bool ParseExpression(std::string_view text, Expression* out, ParseError* error) {
  out->text = std::string(text);
  out->root.reset();
  if (text.size() > limits::kMaxExpressionBytes) {
    *error = {0, "the expression is " + std::to_string(text.size()) + " bytes long; the limit is " + std::to_string(limits::kMaxExpressionBytes)};
    return false;
  }
  std::vector<Token> tokens;
  LexError lex_error;
  if (!Tokenize(text, &tokens, &lex_error)) {
    *error = {lex_error.offset, lex_error.message};
    return false;
  }
  if (tokens.size() == 1) {
    *error = {0, "the expression is empty"};
    return false;
  }
  Parser parser(std::move(tokens));
  out->root = parser.ParseAll(error);
  return out->root != nullptr;
}

}  // namespace candidacy::internal
