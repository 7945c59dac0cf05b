// libFuzzer target: the medication matcher (a trie walk over a free-text
// entry, RE2 for authored patterns, whole words, typographic apostrophes) with the shipped
// lexicon. Checks the match's invariants: sorted, unique, in range, and
// recognised exactly when a drug matched.
#include <algorithm>
#include <cstdlib>

#include "fuzz_support.h"
#include "lexicon.h"
#include "rulebook_model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace candidacy;
  const internal::Lexicon& lexicon = fuzz::ShippedRulebook().model().lexicon;
  const internal::MedicationMatch m = lexicon.Match(fuzz::AsText(data, size));
  auto sorted_unique = [](const std::vector<int>& v, std::size_t bound) {
    return std::is_sorted(v.begin(), v.end()) && std::adjacent_find(v.begin(), v.end()) == v.end() &&
           std::all_of(v.begin(), v.end(), [bound](int i) { return i >= 0 && static_cast<std::size_t>(i) < bound; });
  };
  if (!sorted_unique(m.drugs, lexicon.drugs().size())) std::abort();
  if (!sorted_unique(m.classes, lexicon.classes().size())) std::abort();
  if (m.recognized != !m.drugs.empty()) std::abort();
  return 0;
}
