// Hash-consing of checked expressions into value ids. Test:
// tests/engine/expr/value_ids_test.cc.
#include "expr/value_ids.h"

#include <cstring>

namespace candidacy::internal {
namespace {

template <typename T>
void Append(std::string* key, const T& v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  key->append(bytes, sizeof(T));
}

// Everything the evaluator reads from a node, its children as value ids
// (given already): equal keys, equal values on every questionnaire. The
// number as its bits (so 0 and -0 stay apart, as a stricter test can only).
void Key(const Node& n, std::string* key) {
  key->clear();
  Append(key, static_cast<std::uint8_t>(n.kind));
  Append(key, static_cast<std::uint8_t>(n.type));
  Append(key, static_cast<std::uint8_t>(n.op));
  Append(key, n.arith);
  Append(key, static_cast<std::uint8_t>(n.boolean));
  Append(key, static_cast<std::uint8_t>(n.ref_is_derived));
  Append(key, n.index);
  Append(key, n.number);
  Append(key, static_cast<std::uint32_t>(n.text.size()));
  key->append(n.text);
  Append(key, static_cast<std::uint32_t>(n.children.size()));
  for (const auto& c : n.children) Append(key, c->value_id);
}

}  // namespace

void ValueNumbering::Share(Node* root) {
  for (auto& c : root->children) Share(c.get());  // depth capped by the parser
  Key(*root, &key_);
  const auto it = ids_.emplace(key_, next_).first;
  if (it->second == next_) ++next_;
  root->value_id = it->second;
}

void ValueNumbering::Unique(Node* root) {
  for (auto& c : root->children) Unique(c.get());
  root->value_id = next_++;
}

}  // namespace candidacy::internal
