// Lexicon names matched with RE2 (lexicon/patterns.h): authored patterns and
// names with spaces, as whole words, case-insensitive (a table of entries);
// the spans of each occurrence; a pattern that does not parse is refused.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "lexicon/lexicon.h"
#include "lexicon/patterns.h"

namespace candidacy::testing {
namespace {

using internal::DrugName;
using internal::PatternNames;

// 0: an author's spelling variants, 1: a brand and its number, 2: a plain name with a space.
const PatternNames& Names() {
  static const PatternNames* names = [] {
    auto* n = new PatternNames;
    std::string error;
    REQUIRE(n->Add(0, DrugName{"st\\.? ?john'?s\\s+wort", {0}, true}, &error));
    REQUIRE(n->Add(1, DrugName{"tylenol\\s*#?\\s*[234]", {1}, true}, &error));
    REQUIRE(n->Add(2, DrugName{"Xanax XR", {2}, false}, &error));
    REQUIRE(n->Compile());
    return n;
  }();
  return *names;
}

TEST_CASE("patterns: whole words, any case, spaces as any run of white space", "[lexicon]") {
  auto [entry, found] = GENERATE(table<std::string, std::vector<int>>({
      {"St Johns wort 300mg", {0}},
      {"ST. JOHN'S \t WORT", {0}},
      {"stjohnswort", {}},
      {"St Johnswort", {}},
      {"Tylenol #3", {1}},
      {"tylenol3 at night", {1}},
      {"Tylenol #5", {}},
      {"Tylenol #34", {}},              // no word boundary after the number
      {"xanax   xr 1 mg", {2}},
      {"Xanax\nXR", {2}},
      {"XanaxXR", {}},
      {"pre-Xanax XR", {2}},           // '-' is no word byte
      {"Xanax XRs", {}},
      {"Xanax XR and tylenol 4", {1, 2}},
      {"", {}},
  }));
  CAPTURE(entry);
  std::vector<int> hits;
  Names().Find(entry, &hits);
  std::sort(hits.begin(), hits.end());
  CHECK(hits == found);
}

TEST_CASE("patterns: every occurrence's span, leftmost first", "[lexicon]") {
  CHECK(Names().Has(0));
  CHECK(Names().Has(2));
  CHECK_FALSE(Names().Has(3));
  CHECK_FALSE(Names().Has(-1));
  std::vector<internal::TextSpan> spans;
  Names().Spans("Tylenol #3, then tylenol 4", 1, &spans);
  CHECK(spans == std::vector<internal::TextSpan>{{0, 10}, {17, 26}});
  spans.clear();
  Names().Spans("no name here", 1, &spans);
  CHECK(spans.empty());
}

TEST_CASE("patterns: a pattern RE2 cannot parse is refused with RE2's reason", "[lexicon]") {
  const auto [pattern, reason] = GENERATE(table<std::string, std::string>({
      {"hyperic(um", "missing )"},
      {"x**", "bad repetition operator"},
  }));
  CAPTURE(pattern);
  PatternNames names;
  std::string error;
  CHECK_FALSE(names.Add(0, DrugName{pattern, {0}, true}, &error));
  CHECK_THAT(error, Catch::Contains(reason));
  CHECK_FALSE(names.Has(0));
}

}  // namespace
}  // namespace candidacy::testing
