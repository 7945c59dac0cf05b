// Probable matches: the lexicon's one-word names that a misspelt word of a
// medication entry is close to ("Adderal" -> Adderall, "sertaline" ->
// sertraline). A name of 5 to 7 letters is within one edit of the word, a
// name of 8 or more within two (insert, delete, substitute, swap two
// neighbours). Found through an index of each name with up to that many
// letters deleted (the symmetric-delete method), every candidate checked
// with the edit distance itself. The index holds a 64-bit hash of each
// deleted form, not the form: a sorted array, built in a tenth of the time
// of a map of strings. A hash shared by two different forms can only add a
// candidate, which the edit distance then decides. The index costs about
// fifty scans of every name, so the first kScanLookups words are checked
// against every name of a near length instead, and the index is built only
// for a run that looks up more: a single screening never builds it. Both
// ways find the same names (tests/engine/lexicon/probable_test.cc).
// Tested by tests/engine/lexicon/probable_test.cc.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <cstdint>
#include <vector>

namespace candidacy::internal {

class ProbableNames {
 public:
  static constexpr size_t kShortest = 5;  // names shorter than this are never guessed
  static constexpr size_t kTwoEdits = 8;  // names this long or longer take two edits
  static constexpr size_t kScanLookups = 64;  // words looked up by a scan before the index is built

  // Whether `text` can be guessed at: one word of ASCII letters, kShortest or more.
  static bool Takes(std::string_view text);
  // Lexicon name `index`, spelt `text` (Takes(text)); every name before the first Find.
  void Add(int index, std::string_view text);

  // Appends the index of every name within reach of `word` (lower-case
  // ASCII letters), the word itself excluded; none twice; in the order the
  // names were added. Thread-safe. By a scan for the first kScanLookups
  // words, then by the index.
  void Find(std::string_view word, std::vector<int>* names) const;
  // The same, each way on its own (the index built on its first use).
  void FindByScan(std::string_view word, std::vector<int>* names) const;
  void FindByIndex(std::string_view word, std::vector<int>* names) const;

  size_t longest() const { return longest_; }

 private:
  struct Name {
    int index;
    std::string text;  // lower case
  };
  struct Variant {
    std::uint64_t hash;  // of a deleted form
    int name;            // a position in names_
    bool operator<(const Variant& o) const { return hash != o.hash ? hash < o.hash : name < o.name; }
  };
  static size_t Reach(size_t length) { return length >= kTwoEdits ? 2 : 1; }
  // Calls emit(hash) for every form of `text` with up to `deletions` (1 or 2)
  // letters deleted, itself included; a form may come more than once.
  template <typename Emit>
  static void DeletionHashes(std::string_view text, size_t deletions, Emit emit);
  bool InReach(std::string_view word) const { return word.size() + 2 >= kShortest && word.size() <= longest_ + 2; }
  // Appends names_[c].index when `word` is 1 to Reach edits from it.
  void Check(std::string_view word, int c, std::vector<int>* names) const;
  void BuildIndex() const;

  std::vector<Name> names_;
  size_t longest_ = 0;
  mutable std::atomic<size_t> lookups_{0};
  mutable std::once_flag index_built_;
  mutable std::vector<Variant> by_deletion_;  // sorted by hash, then name; no pair twice
};

}  // namespace candidacy::internal
