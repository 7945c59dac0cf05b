// Tests: tests/engine/base/field_index_test.cc and every reader test (questionnaire_test.cc).
#include "base/field_index.h"

#include <cstring>

namespace candidacy::internal {

std::uint64_t FieldIndex::Hash(int parent, std::string_view key) {
  // The first and the last eight bytes, the length and the parent: field
  // names differ there, and a probe compares the whole key anyway.
  std::uint64_t head = 0, tail = 0;
  const size_t n = key.size();
  if (n >= 8) {
    std::memcpy(&head, key.data(), 8);
    std::memcpy(&tail, key.data() + n - 8, 8);
  } else {
    for (size_t i = 0; i < n; ++i) head = head << 8 | static_cast<unsigned char>(key[i]);
  }
  std::uint64_t h = (head ^ (static_cast<std::uint64_t>(n) << 56)) * 0x9E3779B97F4A7C15u;
  h ^= (tail ^ static_cast<std::uint64_t>(static_cast<std::uint32_t>(parent))) * 0xC2B2AE3D27D4EB4Fu;
  return h ^ (h >> 31);
}

FieldIndex::Entry* FieldIndex::Slot(int parent, std::string_view key) {
  for (Entry& e : entries_)  // building only: a few hundred names at most
    if (e.parent == parent && e.key == key) return &e;
  entries_.push_back(Entry{parent, std::string(key)});
  return &entries_.back();
}

void FieldIndex::Rehash() {
  size_t size = 8;
  while (size < 2 * entries_.size()) size *= 2;
  buckets_.assign(size, -1);
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t b = Hash(entries_[i].parent, entries_[i].key) & (size - 1);
    while (buckets_[b] >= 0) b = (b + 1) & (size - 1);
    buckets_[b] = static_cast<int>(i);
  }
}

const FieldIndex::Entry* FieldIndex::Find(int parent, std::string_view key) const {
  if (buckets_.empty()) return nullptr;
  const size_t mask = buckets_.size() - 1;
  for (size_t b = Hash(parent, key) & mask; buckets_[b] >= 0; b = (b + 1) & mask) {
    const Entry& e = entries_[static_cast<size_t>(buckets_[b])];
    if (e.parent == parent && e.key == key) return &e;
  }
  return nullptr;
}

FieldIndex::Target FieldIndex::Resolve(int parent, std::string_view key) const {
  // Most keys are one segment: found as they are (no entry's key has a dot).
  if (const Entry* e = Find(parent, key)) return {e->question, e->group};
  for (size_t start = 0;;) {
    const size_t dot = key.find('.', start);
    const Entry* e = Find(parent, key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (e == nullptr) return {};
    if (dot == std::string_view::npos) return {e->question, e->group};
    if (e->group < 0) return {};  // a question has no fields under it
    parent = e->group;
    start = dot + 1;
  }
}

}  // namespace candidacy::internal
