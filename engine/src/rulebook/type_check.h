// Resolves names in an expression (questions, derived values, medication
// classes, enum values) and checks operand types, so a rulebook with a typo
// or a number compared with text never loads. Tested by tests/engine/rulebook/type_check_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/status.h"
#include "expr/ast.h"
#include "rulebook/model.h"

namespace candidacy::internal {

struct TypeError {
  int offset = 0;
  DiagnosticCode code = DiagnosticCode::kTypeError;
  std::string message;
};

// What an expression may see: questions [0, visible_questions), derived
// values [0, visible_derived), and the lexicon's classes.
struct Scope {
  const Model* model = nullptr;
  int visible_questions = 0;
  int visible_derived = 0;
  const char* why_hidden = "";  // explains a reference to a question or derived value out of scope
};

// Checks `expr` and fills the nodes' resolved types and indices. `want` is
// the type the whole expression must have (kBoolean for conditions, kNumber
// for derived values). Appends every error found to *errors; returns true
// when there are none.
bool TypeCheck(Expression* expr, const Scope& scope, ValueType want, std::vector<TypeError>* errors);

}  // namespace candidacy::internal
