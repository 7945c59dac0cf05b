// The lexicon's plain names (generics, brands, combinations written as
// words), matched without RE2: a trie of the names with their letters folded,
// walked from every word boundary of an entry, read one folded character at a
// time (lexicon/entry.h); until enough entries make the trie worth building,
// every name is tried at the entry's word boundaries instead. Same results as RE2's (?i)\b<name, each space as
// \s+>\b. Tested by tests/engine/lexicon/plain_test.cc and tests/engine/lexicon/lexicon_differential_test.cc.
#pragma once

#include <array>
#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/entry.h"

namespace candidacy::internal {

class PlainNames {
 public:
  // Whether this matcher takes `text`: printable ASCII, words separated by
  // single spaces, no space first or last. Other names go to RE2.
  static bool Takes(std::string_view text);

  // Entries matched by scanning every name before the trie is built: a
  // single questionnaire (a few entries) never pays for the trie; a batch
  // builds it once, on this many entries' worth of scans.
  static constexpr int kScannedEntries = 32;

  // Adds lexicon name `index`, spelt `text` (Takes(text) holds). All Adds
  // come before Finish(), once each.
  void Reserve(size_t names);  // room for names indexed below `names`
  void Add(int index, std::string_view text);
  void Finish();

  // Appends the index of every name that occurs in `entry` (typographic
  // apostrophes already plain). A name found twice may be appended twice;
  // the order is none in particular. Thread-safe after Finish().
  void Find(std::string_view entry, std::vector<int>* hits) const;
  // The same by scanning every name (what Find does for its first
  // kScannedEntries entries); for tests.
  void Scan(std::string_view entry, std::vector<int>* hits) const;

  bool Has(int index) const {
    return index >= 0 && static_cast<size_t>(index) < slot_of_name_.size() && slot_of_name_[index] >= 0;
  }

  // The occurrences of name `index` (Has(index)) as RE2 finds them one after
  // another: leftmost first, each search starting where the previous
  // occurrence ended.
  void Spans(std::string_view entry, int index, std::vector<TextSpan>* spans) const;

 private:
  // The trie of the folded names; node 0 is the root. Node n's edges are
  // [first_edge[n], first_edge[n + 1]) in edge_byte (ascending) and edge_node.
  struct Trie {
    std::vector<int> first_edge;
    std::vector<unsigned char> edge_byte;
    std::vector<int> edge_node;
    std::vector<int> name_at;           // node -> first slot of the names that end there, or -1
    std::vector<int> next_same;         // slot -> next slot spelt the same, or -1
    std::array<int, 256> root_child{};  // the root's edges as a table, -1 for none
    std::array<bool, 256> may_start{};  // by entry byte: a name may begin with it (BuildTrie)
    int Child(int node, unsigned char c) const;  // -1 if none
  };
  void BuildTrie(Trie* trie) const;
  const Trie& BuiltTrie() const;  // built on the first call, once, whichever thread
  // Where name `slot`'s occurrence starting at entry[start] ends, or npos.
  size_t MatchAt(std::string_view entry, size_t start, const std::string& name) const;

  std::vector<std::string> folded_;  // per slot (order of Add): the name, letters folded
  std::vector<int> name_of_slot_;    // slot -> lexicon name index
  std::vector<int> slot_of_name_;    // lexicon name index -> slot, or -1
  bool finished_ = false;

  mutable std::atomic<int> entries_seen_{0};
  mutable std::atomic<bool> trie_built_{false};
  mutable std::once_flag trie_once_;
  mutable Trie trie_;  // written once, under trie_once_
};

}  // namespace candidacy::internal
