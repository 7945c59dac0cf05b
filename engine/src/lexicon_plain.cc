// Plain medication names, matched without RE2. Tests: tests/lexicon_test.cc,
// tests/lexicon_differential_test.cc (against the former RE2::Set matcher).
#include "lexicon_plain.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace candidacy::internal {

bool PlainNames::Takes(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  if (text.find("  ") != std::string_view::npos) return false;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7E) return false;  // controls (\t, \n, ...) and bytes of UTF-8 sequences
  }
  return true;
}

void PlainNames::Reserve(size_t names) {
  folded_.reserve(names);
  name_of_slot_.reserve(names);
  slot_of_name_.reserve(names);
}

void PlainNames::Add(int index, std::string_view text) {
  if (static_cast<size_t>(index) >= slot_of_name_.size()) slot_of_name_.resize(static_cast<size_t>(index) + 1, -1);
  slot_of_name_[index] = static_cast<int>(folded_.size());
  std::string folded(text);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  folded_.push_back(std::move(folded));
  name_of_slot_.push_back(index);
}

void PlainNames::Finish() {
  // The names in sorted order: each one shares its first `common` bytes, and
  // so their nodes, with the one before and adds a node per byte after that,
  // each node's children in ascending byte order.
  // Sorted by spelling, then slot (a stable sort), comparing first the first
  // eight bytes as one number: the names are printable ASCII, never NUL, so
  // the zero padding of a short name orders as its end does.
  struct Key {
    std::uint64_t prefix;
    int slot;
  };
  std::vector<Key> keys(folded_.size());
  for (size_t slot = 0; slot < keys.size(); ++slot) {
    const std::string& name = folded_[slot];
    std::uint64_t prefix = 0;
    for (size_t i = 0; i < 8; ++i) prefix = prefix << 8 | (i < name.size() ? static_cast<unsigned char>(name[i]) : 0u);
    keys[slot] = {prefix, static_cast<int>(slot)};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const int c = folded_[a.slot].compare(folded_[b.slot]);
    return c != 0 ? c < 0 : a.slot < b.slot;
  });
  std::vector<int> order(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].slot;
  std::vector<std::pair<int, unsigned char>> edges;  // per child node (from 1): parent and byte
  size_t bytes = 0;
  for (const std::string& name : folded_) bytes += name.size();
  edges.reserve(bytes);  // at most one node per byte
  std::vector<int> path = {0};  // path[d]: the node after d bytes of the previous name
  std::vector<int> end_of_slot(folded_.size());
  const std::string* previous = nullptr;
  for (int slot : order) {
    const std::string& name = folded_[slot];
    size_t common = 0;
    if (previous != nullptr)
      while (common < name.size() && common < previous->size() && name[common] == (*previous)[common]) ++common;
    path.resize(common + 1);
    for (size_t d = common; d < name.size(); ++d) {
      edges.emplace_back(path[d], static_cast<unsigned char>(name[d]));
      path.push_back(static_cast<int>(edges.size()));
    }
    end_of_slot[slot] = path[name.size()];
    previous = &name;
  }
  const size_t nodes = edges.size() + 1;
  name_at_.assign(nodes, -1);
  next_same_.assign(folded_.size(), -1);
  for (size_t slot = folded_.size(); slot-- > 0;) {  // the same spelling twice: both, in lexicon order
    next_same_[slot] = name_at_[end_of_slot[slot]];
    name_at_[end_of_slot[slot]] = static_cast<int>(slot);
  }
  // Edges grouped by parent, keeping their (ascending) byte order.
  first_edge_.assign(nodes + 1, 0);
  for (const auto& [parent, byte] : edges) ++first_edge_[static_cast<size_t>(parent) + 1];
  for (size_t n = 1; n <= nodes; ++n) first_edge_[n] += first_edge_[n - 1];
  edge_byte_.assign(edges.size(), 0);
  edge_node_.assign(edges.size(), 0);
  std::vector<int> next(first_edge_.begin(), first_edge_.end() - 1);
  root_child_.fill(-1);
  for (size_t e = 0; e < edges.size(); ++e) {
    const auto [parent, byte] = edges[e];
    const int child = static_cast<int>(e) + 1;
    edge_byte_[next[parent]] = byte;
    edge_node_[next[parent]++] = child;
    if (parent == 0) root_child_[byte] = child;
  }
}

int PlainNames::Child(int node, unsigned char c) const {
  if (node == 0) return root_child_[c];
  // Past the root a node has few children (most have one): a scan of the
  // ascending bytes beats a binary search.
  for (int e = first_edge_[node], end = first_edge_[node + 1]; e < end; ++e) {
    const unsigned char b = edge_byte_[e];
    if (b >= c) return b == c ? edge_node_[e] : -1;
  }
  return -1;
}

void PlainNames::Find(std::string_view entry, std::vector<int>* hits) const {
  if (name_at_.empty()) return;  // not finished
  // A name occurs where it starts at a word boundary, its folded characters
  // follow one another, and a word boundary follows it.
  for (size_t start = 0; start < entry.size(); ++start) {
    if (!BoundaryAt(entry, start)) continue;
    int node = 0;
    for (size_t at = start; at < entry.size();) {
      unsigned char c;
      at += ReadFolded(entry, at, &c);
      node = Child(node, c);
      if (node < 0) break;
      if (name_at_[node] >= 0 && BoundaryAt(entry, at))
        for (int slot = name_at_[node]; slot >= 0; slot = next_same_[slot]) hits->push_back(name_of_slot_[slot]);
    }
  }
}

void PlainNames::Spans(std::string_view entry, int index, std::vector<TextSpan>* spans) const {
  const std::string& name = folded_[slot_of_name_[index]];
  for (size_t start = 0; start < entry.size();) {
    size_t end = start, matched = 0;
    if (BoundaryAt(entry, start)) {
      for (; matched < name.size() && end < entry.size(); ++matched) {
        unsigned char c;
        const size_t width = ReadFolded(entry, end, &c);
        if (c != static_cast<unsigned char>(name[matched])) break;
        end += width;
      }
    }
    if (matched == name.size() && BoundaryAt(entry, end)) {
      spans->emplace_back(start, end);
      start = end;
    } else {
      ++start;
    }
  }
}

}  // namespace candidacy::internal
