// The medication lexicon: drug classes, generics with their brand names, and
// combination products. Matches free-text entries ("XANAX 0.5mg prn") to drugs
// and classes: case-insensitive, whole words. Plain names are found with a
// trie (lexicon/plain.h), authored patterns with RE2 (lexicon/patterns.h).
// Tested by tests/engine/lexicon/lexicon_test.cc and tests/engine/lexicon/lexicon_differential_test.cc.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "candidacy/status.h"

namespace candidacy::internal {

struct CompiledNames;  // the matchers, defined in lexicon.cc

struct DrugClass {
  std::string id;
  std::string title;
  bool interacts = true;
  SourceLocation where;  // for diagnostics about the class
};

struct Drug {
  std::string generic;
  std::vector<int> classes;  // indices into Lexicon::classes()
};

// One name the matcher looks for: a generic, a brand, or a combination.
struct DrugName {
  std::string text;
  std::vector<int> drugs;  // one for generics and brands; every ingredient for a combination
  bool is_pattern = false; // text is an RE2 pattern written by the author (spelling variants)
};

struct MedicationMatch {
  bool recognized = false;   // a name of the lexicon occurs in the entry as written
  std::vector<int> drugs;    // sorted, unique, lexicon order; probable ones included
  std::vector<int> classes;  // sorted, unique; probable ones included
  // Names taken for misspelt words of the entry (indices into names(), in
  // the order of the words): probable matches, whose drugs are in `drugs`.
  std::vector<int> probable;
};

class Lexicon {
 public:
  Lexicon();
  ~Lexicon();
  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;

  // Room for this many of each, when known up front (a rulebook image).
  void Reserve(size_t classes, size_t drugs, size_t names);
  // The new entry's index; -1 (and nothing added) when its id is taken.
  int AddClass(DrugClass c);
  int AddDrug(Drug d);
  void AddName(DrugName name);
  // A word of the language patients write in ("medicine", "oral") that is
  // never taken for a misspelt drug name, however close it is to one.
  void AddCommonWord(std::string word);

  // Builds the matchers: the plain names' trie and the authored patterns'
  // RE2::Set. Returns false with the names that failed in *errors (name
  // index and RE2's message; index -1: the Set exceeds its memory budget);
  // must be called once, after all Adds.
  bool Compile(std::vector<std::pair<int, std::string>>* errors);

  // Case-insensitive, whole words, as RE2's (?i)\b<name>\b with each space
  // in a name matching a run of white space; typographic apostrophes count as
  // plain ones. Nothing is recognised before Compile(). Thread-safe.
  // With `probable`, each word of letters that no matched name covers is also
  // compared with the one-word names of 5 letters or more: a word one edit
  // from such a name (two edits for 8 letters or more) whose every such name
  // is the same drug(s) is a probable match (lexicon/probable.h), unless the
  // word is one of the common words.
  MedicationMatch Match(std::string_view entry, bool probable = false) const;
  // The same into *out, replacing what it held and keeping its vectors'
  // memory (a batch matches entry after entry into the same matches).
  void Match(std::string_view entry, MedicationMatch* out, bool probable = false) const;

  const std::vector<DrugClass>& classes() const { return classes_; }
  const std::vector<Drug>& drugs() const { return drugs_; }
  const std::vector<DrugName>& names() const { return names_; }
  const std::vector<std::string>& common_words() const { return common_words_; }  // lower case; sorted once compiled
  int FindClass(std::string_view id) const;   // -1 if absent
  int FindDrug(std::string_view generic) const;  // -1 if absent

 private:
  void DropContainedNames(std::string_view entry, std::vector<int>* hits) const;
  void SpansOf(std::string_view entry, int name, std::vector<std::pair<size_t, size_t>>* spans) const;
  void FindProbable(std::string_view entry, const std::vector<int>& hits, std::vector<int>* probable) const;

  std::vector<DrugClass> classes_;
  std::vector<Drug> drugs_;
  std::vector<DrugName> names_;
  std::vector<std::string> common_words_;
  std::unordered_map<std::string, int> class_index_;
  std::unordered_map<std::string, int> drug_index_;
  std::unique_ptr<CompiledNames> compiled_;
};

}  // namespace candidacy::internal
