// Parses expression text into a tree (expr/ast.h), with a cap on length and
// nesting depth so hostile text cannot exhaust the stack.
// Tested by tests/engine/expr/parser_test.cc.
#pragma once

#include <string>
#include <string_view>

#include "expr/ast.h"

namespace candidacy::internal {

struct ParseError {
  int offset = 0;  // byte offset in the expression where the problem is
  std::string message;
};

// Parses `text` into *out. Returns false and fills *error on the first error.
bool ParseExpression(std::string_view text, Expression* out, ParseError* error);

}  // namespace candidacy::internal
