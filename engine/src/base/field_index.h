// The questionnaire's field names as a tree, for reading documents without
// building dotted paths: `patient: {age: 38}` is the key "age" under the
// group "patient", found by one probe of a hash table keyed by (group, key),
// no string built or hashed twice. A key may itself be dotted
// (`patient.age: 38`); it is walked one segment at a time and means what the
// whole dotted path means. Built with the question groups (IndexGroups).
// Tested by tests/engine/base/field_index_test.cc and every reader test.
#pragma once

#include <cstdint>
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
  Target Resolve(int parent, std::string_view key) const;

 private:
  struct Entry {
    int parent;
    std::string key;
    int question = -1;
    int group = -1;
  };

  static std::uint64_t Hash(int parent, std::string_view key);
  const Entry* Find(int parent, std::string_view key) const;
  Entry* Slot(int parent, std::string_view key);  // found or added (before Rehash)
  void Rehash();

  std::vector<Entry> entries_;
  std::vector<int> buckets_;  // open addressing, a power of two: entry index or -1
};

}  // namespace candidacy::internal
