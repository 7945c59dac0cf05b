// Tests: tests/engine/base/field_index_test.cc and every reader test (questionnaire_test.cc).
#include "base/field_index.h"

#include <cstdint>

namespace candidacy::internal {

FieldIndex::Entry* FieldIndex::Slot(int parent, std::string_view key) {
  for (Entry& e : entries_)  // building only: a few hundred names at most
    if (e.parent == parent && e.key == key) return &e;
  entries_.push_back(Entry{parent, std::string(key)});
  return &entries_.back();
}

void FieldIndex::Rehash() {
  size_t size = 16;
  while (size < 4 * entries_.size()) size *= 2;  // a quarter full: most keys found at the first probe
  const size_t mask = size - 1;
  std::vector<KeyWords> words;
  words.reserve(entries_.size());
  for (const Entry& e : entries_) words.push_back(Words(e.key));
  // The seed with the fewest probes over these names (ties: the first tried),
  // so the same rulebook always builds the same table.
  std::vector<bool> used;
  size_t best_probes = SIZE_MAX;
  for (std::uint64_t candidate = 0; candidate < 64 && best_probes > entries_.size(); ++candidate) {
    const std::uint64_t seed = candidate * 0xD6E8FEB86659FD93u;
    used.assign(size, false);
    size_t probes = 0;
    for (size_t i = 0; i < entries_.size(); ++i) {
      size_t b = Hash(entries_[i].parent, entries_[i].key.size(), words[i], seed) & mask;
      for (++probes; used[b]; ++probes) b = (b + 1) & mask;
      used[b] = true;
    }
    if (probes < best_probes) {
      best_probes = probes;
      seed_ = seed;
    }
  }
  mask_ = mask;
  buckets_.assign(size, Bucket());
  long_keys_.assign(size, std::string());
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    size_t b = Hash(e.parent, e.key.size(), words[i], seed_) & mask;
    while (buckets_[b].parent != kEmpty) b = (b + 1) & mask;
    buckets_[b] = Bucket{words[i], e.parent, static_cast<std::uint32_t>(e.key.size()), {e.question, e.group}};
    if (e.key.size() > kWordsExact) long_keys_[b] = e.key;
  }
}

FieldIndex::Target FieldIndex::ResolveDotted(int parent, std::string_view key) const {
  for (size_t start = 0;;) {
    const size_t dot = key.find('.', start);
    const Bucket* s = Find(parent, key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (s == nullptr) return {};
    if (dot == std::string_view::npos) return s->target;
    if (s->target.group < 0) return {};  // a question has no fields under it
    parent = s->target.group;
    start = dot + 1;
  }
}

}  // namespace candidacy::internal
