// Hash-consing of checked expressions into value ids. Test:
// tests/engine/expr/value_ids_test.cc.
#include "expr/value_ids.h"

#include <cstring>
#include <functional>
#include <string_view>

namespace candidacy::internal {
namespace {

std::uint64_t Mix(std::uint64_t h, std::uint64_t v) {  // boost::hash_combine, 64-bit
  return h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2));
}

std::uint64_t Bits(double d) {  // the number as its bits: 0 and -0 stay apart, as a stricter test can only
  std::uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// Everything the evaluator reads from a node, its children as value ids
// (given already).
std::uint64_t Hash(const Node& n) {
  std::uint64_t h = static_cast<std::uint64_t>(n.kind);
  h = Mix(h, static_cast<std::uint64_t>(n.type) | static_cast<std::uint64_t>(n.op) << 8 |
                 static_cast<std::uint64_t>(static_cast<unsigned char>(n.arith)) << 16 | static_cast<std::uint64_t>(n.boolean) << 24 |
                 static_cast<std::uint64_t>(n.ref_is_derived) << 32);
  h = Mix(h, static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.index)));
  h = Mix(h, Bits(n.number));
  if (!n.text.empty()) h = Mix(h, std::hash<std::string_view>()(n.text));
  for (const auto& c : n.children) h = Mix(h, static_cast<std::uint64_t>(c->value_id));
  return h;
}

bool Equal(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.type != b.type || a.op != b.op || a.arith != b.arith || a.boolean != b.boolean ||
      a.ref_is_derived != b.ref_is_derived || a.index != b.index || Bits(a.number) != Bits(b.number) || a.text != b.text ||
      a.children.size() != b.children.size())
    return false;
  for (size_t i = 0; i < a.children.size(); ++i)
    if (a.children[i]->value_id != b.children[i]->value_id) return false;
  return true;
}

}  // namespace

void ValueNumbering::Share(Node* root) {
  for (auto& c : root->children) Share(c.get());  // depth capped by the parser
  const std::uint64_t h = Hash(*root);
  const auto range = ids_.equal_range(h);
  for (auto it = range.first; it != range.second; ++it) {
    const Node* first = first_[static_cast<size_t>(it->second)];
    if (Equal(*first, *root)) {
      root->value_id = it->second;
      shared_[static_cast<size_t>(it->second)] = 1;
      return;
    }
  }
  root->value_id = next_++;
  ids_.emplace(h, root->value_id);
  first_.push_back(root);
  shared_.push_back(0);
}

void ValueNumbering::Unique(Node* root) {
  for (auto& c : root->children) Unique(c.get());
  root->value_id = next_++;
  first_.push_back(root);
  shared_.push_back(0);
}

void ValueNumbering::MarkShared(Node* root) const {
  for (auto& c : root->children) MarkShared(c.get());
  // A literal is read in place: keeping its value would cost more than reading it.
  const bool literal = root->kind == NodeKind::kNumber || root->kind == NodeKind::kString || root->kind == NodeKind::kBoolean ||
                       root->kind == NodeKind::kList;
  root->shared_value = !literal && shared_[static_cast<size_t>(root->value_id)] != 0;
}

}  // namespace candidacy::internal
