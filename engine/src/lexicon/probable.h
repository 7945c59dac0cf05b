// Probable matches: the lexicon's one-word names that a misspelt word of a
// medication entry is close to ("Adderal" -> Adderall, "sertaline" ->
// sertraline). A name of 5 to 7 letters is within one edit of the word, a
// name of 8 or more within two (insert, delete, substitute, swap two
// neighbours). Found through an index of each name with up to that many
// letters deleted (the symmetric-delete method), every candidate checked
// with the edit distance itself. Tested by tests/engine/lexicon/probable_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace candidacy::internal {

class ProbableNames {
 public:
  static constexpr size_t kShortest = 5;  // names shorter than this are never guessed
  static constexpr size_t kTwoEdits = 8;  // names this long or longer take two edits

  // Whether `text` can be guessed at: one word of ASCII letters, kShortest or more.
  static bool Takes(std::string_view text);
  // Lexicon name `index`, spelt `text` (Takes(text)); before Finish().
  void Add(int index, std::string_view text);
  void Finish();

  // Appends the index of every name within reach of `word` (lower-case
  // ASCII letters), the word itself excluded; none twice. Thread-safe.
  void Find(std::string_view word, std::vector<int>* names) const;

  size_t longest() const { return longest_; }

 private:
  struct Name {
    int index;
    std::string text;  // lower case
  };
  static size_t Reach(size_t length) { return length >= kTwoEdits ? 2 : 1; }
  // Every string `text` gives with up to `deletions` letters deleted, itself included.
  static void Deletions(std::string_view text, size_t deletions, std::vector<std::string>* out);

  std::vector<Name> names_;
  std::unordered_map<std::string, std::vector<int>> by_deletion_;  // -> positions in names_
  size_t longest_ = 0;
};

}  // namespace candidacy::internal
