// The questionnaire's field names as a tree, for reading documents without
// building dotted paths: `patient: {age: 38}` is the key "age" under the
// group "patient", found by one probe of a hash table keyed by (group, key),
// no string built or hashed twice. A bucket holds its key's bytes as two
// words (KeyWords), so a key of up to 16 bytes, nearly every field name, is
// compared in two loads without a memcmp, and the table's seed is chosen
// when it is built for the fewest probes over the rulebook's own names. A
// key may itself be dotted (`patient.age: 38`); it is walked one segment at
// a time and means what the whole dotted path means. Built with the question
// groups (IndexQuestions).
// Tested by tests/engine/base/field_index_test.cc and every reader test.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace candidacy::internal {

class FieldIndex {
 public:
  static constexpr int kRoot = -1;  // the document itself, parent of the top-level keys

  // What a path names: a question, a group of questions, both (a question
  // whose id is also the prefix of others: the question wins, as a whole
  // path), or nothing.
  struct Target {
    int question = -1;
    int group = -1;
    bool found() const { return question >= 0 || group >= 0; }
  };

  // From `questions` as Model::questions (each with an `id`), numbering in
  // *groups every dotted prefix of their ids ("patient", "history.cardiac")
  // as it is first met: Model::groups.
  template <typename Questions>
  void Build(const Questions& questions, std::unordered_map<std::string, int>* groups) {
    entries_.clear();
    groups->clear();
    for (size_t q = 0; q < questions.size(); ++q) {
      const std::string& id = questions[q].id;
      int parent = kRoot;
      size_t start = 0;
      for (size_t dot = id.find('.'); dot != std::string::npos; dot = id.find('.', start)) {
        const int group = groups->emplace(id.substr(0, dot), static_cast<int>(groups->size())).first->second;
        Slot(parent, std::string_view(id).substr(start, dot - start))->group = group;
        parent = group;
        start = dot + 1;
      }
      Slot(parent, std::string_view(id).substr(start))->question = static_cast<int>(q);
    }
    Rehash();
  }

  // What `key` (dotted or not) names under `parent` (a group index or kRoot).
  Target Resolve(int parent, std::string_view key) const {
    // Most keys are one segment: found as they are (no entry's key has a dot).
    if (const Bucket* s = Find(parent, key)) return s->target;
    return ResolveDotted(parent, key);
  }

 private:
  struct Entry {
    int parent;
    std::string key;
    int question = -1;
    int group = -1;
  };

  // A key's bytes in two words: for a key of at most 16 bytes, equal words
  // and an equal length mean an equal key (the loads overlap to cover it).
  struct KeyWords {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
  };
  static constexpr size_t kWordsExact = 16;
  static KeyWords Words(std::string_view key) {
    KeyWords w;
    const char* p = key.data();
    const size_t n = key.size();
    if (n >= 8) {
      std::memcpy(&w.head, p, 8);
      std::memcpy(&w.tail, p + n - 8, 8);
    } else if (n >= 4) {
      std::uint32_t head = 0, tail = 0;
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
      w.head = head;
      w.tail = tail;
    } else if (n > 0) {  // bytes 0, n/2 and n-1: every byte of a key of one to three
      w.head = static_cast<unsigned char>(p[0]) | static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8 |
               static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    return w;
  }

  // One slot of the open-addressed table (32 bytes): what Find compares, and the target.
  static constexpr int kEmpty = -2;  // a parent no entry has
  struct Bucket {
    KeyWords words;
    int parent = kEmpty;
    std::uint32_t size = 0;
    Target target;
  };

  static std::uint64_t Hash(int parent, size_t size, KeyWords w, std::uint64_t seed) {
    std::uint64_t h = (w.head ^ seed) * 0x9E3779B97F4A7C15u;
    h ^= (w.tail + (static_cast<std::uint64_t>(size) << 40) + static_cast<std::uint32_t>(parent)) * 0xC2B2AE3D27D4EB4Fu;
    return h ^ (h >> 32);
  }
  // The bucket of (parent, key), or null.
  const Bucket* Find(int parent, std::string_view key) const {
    const KeyWords w = Words(key);
    for (size_t b = Hash(parent, key.size(), w, seed_) & mask_;; b = (b + 1) & mask_) {
      const Bucket& s = buckets_[b];
      if (s.parent == kEmpty) return nullptr;
      if (s.words.head == w.head && s.words.tail == w.tail && s.size == key.size() && s.parent == parent &&
          (key.size() <= kWordsExact || long_keys_[b] == key))
        return &s;
    }
  }
  Target ResolveDotted(int parent, std::string_view key) const;  // one segment at a time
  Entry* Slot(int parent, std::string_view key);  // found or added (before Rehash)
  void Rehash();

  std::vector<Entry> entries_;
  std::vector<Bucket> buckets_ = std::vector<Bucket>(1);  // open addressing, a power of two (one empty until built)
  std::vector<std::string> long_keys_;                   // by bucket: a key longer than kWordsExact, else empty
  size_t mask_ = 0;
  std::uint64_t seed_ = 0;       // chosen by Rehash: the fewest probes
};

}  // namespace candidacy::internal
