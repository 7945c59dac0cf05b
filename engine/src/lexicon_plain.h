// The lexicon's plain names (generics, brands, combinations written as
// words), matched without RE2: a trie of the names with their letters folded,
// walked from every word boundary of an entry, read one folded character at a
// time (lexicon_entry.h). Same results as RE2's (?i)\b<name, each space as
// \s+>\b. Tested by tests/lexicon_test.cc and tests/lexicon_differential_test.cc.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon_entry.h"

namespace candidacy::internal {

class PlainNames {
 public:
  // Whether this matcher takes `text`: printable ASCII, words separated by
  // single spaces, no space first or last. Other names go to RE2.
  static bool Takes(std::string_view text);

  // Adds lexicon name `index`, spelt `text` (Takes(text) holds). All Adds
  // come before Finish(), which builds the trie; both once.
  void Reserve(size_t names);  // room for this many Adds
  void Add(int index, std::string_view text);
  void Finish();

  // Appends the index of every name that occurs in `entry` (typographic
  // apostrophes already plain). A name found twice is appended twice; the
  // order is none in particular.
  void Find(std::string_view entry, std::vector<int>* hits) const;

  bool Has(int index) const {
    return index >= 0 && static_cast<size_t>(index) < slot_of_name_.size() && slot_of_name_[index] >= 0;
  }

  // The occurrences of name `index` (Has(index)) as RE2 finds them one after
  // another: leftmost first, each search starting where the previous
  // occurrence ended.
  void Spans(std::string_view entry, int index, std::vector<TextSpan>* spans) const;

 private:
  int Child(int node, unsigned char c) const;  // -1 if none

  std::vector<std::string> folded_;  // per slot (order of Add): the name, letters folded
  std::vector<int> name_of_slot_;    // slot -> lexicon name index
  std::vector<int> next_same_;       // slot -> next slot spelt the same, or -1
  std::vector<int> slot_of_name_;    // lexicon name index -> slot, or -1

  // The trie; node 0 is the root. Node n's edges are [first_edge_[n],
  // first_edge_[n + 1]) in edge_byte_ (ascending) and edge_node_.
  std::vector<int> first_edge_;
  std::vector<unsigned char> edge_byte_;
  std::vector<int> edge_node_;
  std::vector<int> name_at_;           // node -> first slot of the names that end there, or -1
  std::array<int, 256> root_child_{};  // the root's edges as a table, -1 for none
};

}  // namespace candidacy::internal
