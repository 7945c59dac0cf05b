// libFuzzer target: the medication matcher (a trie walk over a free-text
// entry, RE2 for authored patterns, whole words, typographic apostrophes) with the shipped
// lexicon, with and without probable matches of misspelt words. Checks the
// match's invariants: sorted, unique, in range; recognised exactly when a
// drug matched as written; a probable match only adds to what was found.
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "lexicon/lexicon.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace candidacy;
  const internal::Lexicon& lexicon = candidacy::internal::ModelOf(fuzz::ShippedRulebook()).lexicon;
  const std::string_view text = fuzz::AsText(data, size);
  const internal::MedicationMatch m = lexicon.Match(text);
  const internal::MedicationMatch p = lexicon.Match(text, true);
  auto sorted_unique = [](const std::vector<int>& v, std::size_t bound) {
    return std::is_sorted(v.begin(), v.end()) && std::adjacent_find(v.begin(), v.end()) == v.end() &&
           std::all_of(v.begin(), v.end(), [bound](int i) { return i >= 0 && static_cast<std::size_t>(i) < bound; });
  };
  if (!sorted_unique(m.drugs, lexicon.drugs().size())) std::abort();
  if (!sorted_unique(m.classes, lexicon.classes().size())) std::abort();
  if (m.recognized != !m.drugs.empty()) std::abort();
  if (!m.probable.empty()) std::abort();  // no guessing unless asked
  if (!sorted_unique(p.drugs, lexicon.drugs().size()) || !sorted_unique(p.classes, lexicon.classes().size())) std::abort();
  if (p.recognized != m.recognized) std::abort();
  if (!std::includes(p.drugs.begin(), p.drugs.end(), m.drugs.begin(), m.drugs.end())) std::abort();
  if (p.probable.empty() && (p.drugs != m.drugs || p.classes != m.classes)) std::abort();
  for (int n : p.probable)
    if (n < 0 || static_cast<std::size_t>(n) >= lexicon.names().size()) std::abort();
  return 0;
}
