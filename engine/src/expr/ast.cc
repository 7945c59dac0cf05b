// The expression tree's own operations. Test: tests/engine/expr/ast_test.cc
// and tests/engine/decide/eval_recorder_test.cc (the numbering).
#include "expr/ast.h"

namespace candidacy::internal {

int NumberNodes(Node* root, int next) {
  root->value_id = next;
  root->id = next++;
  for (auto& c : root->children) next = NumberNodes(c.get(), next);
  return next;
}

}  // namespace candidacy::internal
