// Value ids: one number for every distinct sub-expression (hash-consing), so
// that an evaluation can compute a sub-expression that several rules share
// once and reuse its value (a summary screening does, eval_recorder.h).
// Two nodes get the same value id only when they are the same expression
// over the same checked operands: same kind, operator, literal, question,
// derived value or class, type, and children with the same value ids in the
// same order; where a node stands (its text offsets, its rule) plays no part.
// Tested by tests/engine/expr/value_ids_test.cc.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

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
  // Sets Node::shared_value in `root` and below: whether the node is no
  // literal and its value id was given to more than one node (call after
  // the last Share).
  void MarkShared(Node* root) const;

 private:
  std::unordered_multimap<std::uint64_t, int> ids_;  // a node's hash -> the value ids with it
  std::vector<const Node*> first_;                   // by value id: the first node given it
  std::vector<std::uint8_t> shared_;                 // by value id: given to more than one node
  int next_ = 0;
};

}  // namespace candidacy::internal
