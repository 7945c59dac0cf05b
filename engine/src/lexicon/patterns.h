// The lexicon's names that RE2 matches: the author's patterns (spelling
// variants, "tylenol\s*#?\s*[234]") and any name PlainNames does not take.
// One RE2::Set finds them in an entry; one RE2 per name, compiled once,
// gives their spans. Tested by tests/engine/lexicon/patterns_test.cc and
// tests/engine/lexicon/lexicon_differential_test.cc.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/entry.h"

namespace candidacy::internal {

struct DrugName;

class PatternNames {
 public:
  PatternNames();
  ~PatternNames();
  PatternNames(const PatternNames&) = delete;
  PatternNames& operator=(const PatternNames&) = delete;

  // Adds lexicon name `index` as the pattern (?i)\b<name>\b: an author's
  // pattern as written, a name with its spaces as \s+. False, with RE2's
  // message in *error, when that does not parse. All Adds come before Compile().
  bool Add(int index, const DrugName& name, std::string* error);

  // Compiles the Set; false when it would exceed the memory budget.
  bool Compile();

  // Appends the index of every name that occurs in `entry` (typographic
  // apostrophes already plain), each once. Thread-safe.
  void Find(std::string_view entry, std::vector<int>* hits) const;

  bool Has(int index) const {
    return index >= 0 && static_cast<size_t>(index) < slot_of_name_.size() && slot_of_name_[index] >= 0;
  }

  // The occurrences of name `index` (Has(index)), leftmost first, each
  // search starting where the previous one ended; none if its own RE2
  // did not compile.
  void Spans(std::string_view entry, int index, std::vector<TextSpan>* spans) const;

 private:
  struct Compiled;  // the RE2::Set and the RE2s
  std::unique_ptr<Compiled> re_;
  std::vector<int> name_of_slot_;  // slot (the Set's index) -> lexicon name index
  std::vector<int> slot_of_name_;  // lexicon name index -> slot, or -1
  bool compiled_ = false;
};

}  // namespace candidacy::internal
