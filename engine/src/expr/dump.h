// A compact, deterministic one-line dump of an expression tree, e.g.
// (or (> vitals.systolic_bp 180) (> vitals.diastolic_bp 100)), for tests
// and --debug output. Tested by tests/engine/expr/dump_test.cc.
#pragma once

#include <string>

#include "expr/ast.h"

namespace candidacy::internal {

std::string DumpExpression(const Node& node);

}  // namespace candidacy::internal
