// Plain medication names, matched without RE2. Tests: tests/engine/lexicon/plain_test.cc,
// tests/engine/lexicon/lexicon_differential_test.cc (against the former RE2::Set matcher).
#include "lexicon/plain.h"

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
  if (slot_of_name_.size() < names) slot_of_name_.resize(names, -1);
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

void PlainNames::Finish() { finished_ = true; }

void PlainNames::BuildTrie(Trie* trie) const {
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
  std::vector<std::pair<int, unsigned char>> edges;  // per child node (from 1): parent and byte
  size_t bytes = 0;
  for (const std::string& name : folded_) bytes += name.size();
  edges.reserve(bytes);  // at most one node per byte
  std::vector<int> path = {0};  // path[d]: the node after d bytes of the previous name
  std::vector<int> end_of_slot(folded_.size());
  const std::string* previous = nullptr;
  for (const Key& key : keys) {
    const std::string& name = folded_[key.slot];
    size_t common = 0;
    if (previous != nullptr)
      while (common < name.size() && common < previous->size() && name[common] == (*previous)[common]) ++common;
    path.resize(common + 1);
    for (size_t d = common; d < name.size(); ++d) {
      edges.emplace_back(path[d], static_cast<unsigned char>(name[d]));
      path.push_back(static_cast<int>(edges.size()));
    }
    end_of_slot[key.slot] = path[name.size()];
    previous = &name;
  }
  const size_t nodes = edges.size() + 1;
  trie->name_at.assign(nodes, -1);
  trie->next_same.assign(folded_.size(), -1);
  for (size_t slot = folded_.size(); slot-- > 0;) {  // the same spelling twice: both, in lexicon order
    trie->next_same[slot] = trie->name_at[end_of_slot[slot]];
    trie->name_at[end_of_slot[slot]] = static_cast<int>(slot);
  }
  // Edges grouped by parent, keeping their (ascending) byte order.
  trie->first_edge.assign(nodes + 1, 0);
  for (const auto& [parent, byte] : edges) ++trie->first_edge[static_cast<size_t>(parent) + 1];
  for (size_t n = 1; n <= nodes; ++n) trie->first_edge[n] += trie->first_edge[n - 1];
  trie->edge_byte.assign(edges.size(), 0);
  trie->edge_node.assign(edges.size(), 0);
  std::vector<int> next(trie->first_edge.begin(), trie->first_edge.end() - 1);
  trie->root_child.fill(-1);
  for (size_t e = 0; e < edges.size(); ++e) {
    const auto [parent, byte] = edges[e];
    const int child = static_cast<int>(e) + 1;
    trie->edge_byte[next[parent]] = byte;
    trie->edge_node[next[parent]++] = child;
    if (parent == 0) trie->root_child[byte] = child;
  }
  // Whether a name may begin at each byte: its character as ReadFolded reads
  // it (a run of \s as ' ', A-Z as a-z) begins one. A byte past ASCII may
  // begin a two- or three-byte character that folds to a letter: always tried.
  for (int b = 0; b < 256; ++b) {
    const unsigned char folded = IsSpaceByte(static_cast<unsigned char>(b)) ? ' '
                                 : kFoldBytes.to[b] != 0                   ? kFoldBytes.to[b]
                                                                           : static_cast<unsigned char>(b);
    trie->may_start[b] = b >= 0x80 || trie->root_child[folded] >= 0;
  }
}

int PlainNames::Trie::Child(int node, unsigned char c) const {
  if (node == 0) return root_child[c];
  // Past the root a node has few children (most have one): a scan of the
  // ascending bytes beats a binary search.
  for (int e = first_edge[node], end = first_edge[node + 1]; e < end; ++e) {
    const unsigned char b = edge_byte[e];
    if (b >= c) return b == c ? edge_node[e] : -1;
  }
  return -1;
}

const PlainNames::Trie& PlainNames::BuiltTrie() const {
  std::call_once(trie_once_, [this] {
    BuildTrie(&trie_);
    trie_built_.store(true, std::memory_order_release);
  });
  return trie_;
}

void PlainNames::Find(std::string_view entry, std::vector<int>* hits) const {
  if (!finished_) return;
  if (!trie_built_.load(std::memory_order_acquire) &&
      entries_seen_.fetch_add(1, std::memory_order_relaxed) < kScannedEntries) {
    Scan(entry, hits);
    return;
  }
  const Trie& trie = BuiltTrie();
  // A name occurs where it starts at a word boundary, its folded characters
  // follow one another, and a word boundary follows it. The boundaries are
  // where a run of word bytes meets a run of others (the entry's start, if
  // it is a word byte); each run is crossed in a tight loop, and a start
  // whose byte begins no name costs one table look-up.
  const char* const text = entry.data();
  const size_t n = entry.size();
  bool word = false;  // the kind of the run before `start`
  for (size_t start = 0;; ++start) {
    while (start < n && IsWordByte(static_cast<unsigned char>(text[start])) == word) ++start;
    if (start >= n) break;
    word = !word;  // entry[start] begins a run of the other kind: a boundary
    if (!trie.may_start[static_cast<unsigned char>(text[start])]) continue;
    unsigned char c;
    size_t at = start + ReadFolded(entry, start, &c);
    int node = trie.root_child[c];
    while (node >= 0) {
      if (trie.name_at[node] >= 0 && BoundaryAt(entry, at))
        for (int slot = trie.name_at[node]; slot >= 0; slot = trie.next_same[slot]) hits->push_back(name_of_slot_[slot]);
      if (at >= n) break;
      at += ReadFolded(entry, at, &c);
      node = trie.Child(node, c);
    }
  }
}

void PlainNames::Scan(std::string_view entry, std::vector<int>* hits) const {
  // The entry's word boundaries and the folded character after each: a name
  // is tried only where its first character stands.
  struct Start {
    size_t at;
    unsigned char c;
  };
  std::vector<Start> starts;
  std::array<bool, 256> any{};
  for (size_t i = 0; i < entry.size(); ++i) {
    if (!BoundaryAt(entry, i)) continue;
    unsigned char c;
    ReadFolded(entry, i, &c);
    starts.push_back({i, c});
    any[c] = true;
  }
  for (size_t slot = 0; slot < folded_.size(); ++slot) {
    const std::string& name = folded_[slot];
    const unsigned char first = static_cast<unsigned char>(name[0]);  // (names are never empty)
    if (!any[first]) continue;
    for (const Start& start : starts) {
      if (start.c == first && MatchAt(entry, start.at, name) != std::string_view::npos) {
        hits->push_back(name_of_slot_[slot]);
        break;
      }
    }
  }
}

size_t PlainNames::MatchAt(std::string_view entry, size_t start, const std::string& name) const {
  size_t end = start;
  for (size_t matched = 0; matched < name.size(); ++matched) {
    if (end >= entry.size()) return std::string_view::npos;
    unsigned char c;
    const size_t width = ReadFolded(entry, end, &c);
    if (c != static_cast<unsigned char>(name[matched])) return std::string_view::npos;
    end += width;
  }
  return BoundaryAt(entry, end) ? end : std::string_view::npos;
}

void PlainNames::Spans(std::string_view entry, int index, std::vector<TextSpan>* spans) const {
  const std::string& name = folded_[slot_of_name_[index]];
  for (size_t start = 0; start < entry.size();) {
    const size_t end = BoundaryAt(entry, start) ? MatchAt(entry, start, name) : std::string_view::npos;
    if (end != std::string_view::npos) {
      spans->emplace_back(start, end);
      start = end;
    } else {
      ++start;
    }
  }
}

}  // namespace candidacy::internal
