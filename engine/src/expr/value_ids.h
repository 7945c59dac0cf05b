// Value ids: one number for every distinct sub-expression (hash-consing), so
// that an evaluation can compute a sub-expression that several rules share
// once and reuse its value (a summary screening does, eval_recorder.h).
// Two nodes get the same value id only when they are the same expression
// over the same checked operands: same kind, operator, literal, question,
// derived value or class, type, and children with the same value ids in the
// same order; where a node stands (its text offsets, its rule) plays no part.
// Tested by tests/engine/expr/value_ids_test.cc.
#pragma once

#include <string>
#include <unordered_map>

#include "expr/ast.h"

namespace candidacy::internal {

class ValueNumbering {
 public:
  // Gives `root` and every node below it (children first) the value id of
  // an equal node given one before by Share, or the next free id.
  void Share(Node* root);
  // Gives `root` and every node below it a fresh value id each, never equal
  // to another node's (for expressions evaluated once a screening anyway).
  void Unique(Node* root);
  // The ids given so far are 0 .. count() - 1.
  int count() const { return next_; }

 private:
  std::unordered_map<std::string, int> ids_;  // a node's key (Key) -> its value id
  std::string key_;                           // scratch
  int next_ = 0;
};

}  // namespace candidacy::internal
