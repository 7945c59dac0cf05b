// Plain medication names (lexicon/plain.h): which names are matched without
// RE2, and the trie finds what scanning every name finds.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "lexicon/plain.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

const internal::Lexicon& Lex() { return candidacy::internal::ModelOf(Shipped()).lexicon; }

TEST_CASE("lexicon: which names are matched without RE2", "[lexicon]") {
  const auto row = GENERATE(values<std::pair<std::string, bool>>({
      {"Xanax", true},  {"St. John's wort", true}, {"Tylenol #3", true}, {"a b", true},   {"'", true},
      {"", false},      {" a", false},             {"a ", false},        {"a  b", false}, {"a\tb", false},
      {"a\nb", false},  {"caf\xC3\xA9", false},    {"a\x7F", false},     {"\xE2\x84\xAA", false},
  }));
  INFO("name '" << row.first << "'");
  CHECK(internal::PlainNames::Takes(row.first) == row.second);
}

// The plain-name matcher scans every name for its first entries and walks a
// trie after: both ways must find the same names in any entry.
TEST_CASE("lexicon: scanning the names finds what the trie finds", "[lexicon]") {
  internal::PlainNames plain;
  std::vector<std::string> names;
  for (size_t i = 0; i < Lex().names().size(); ++i) {
    const auto& name = Lex().names()[i];
    if (name.is_pattern || !internal::PlainNames::Takes(name.text)) continue;
    plain.Add(static_cast<int>(i), name.text);
    names.push_back(name.text);
  }
  plain.Finish();
  REQUIRE(names.size() > 1000);
  std::vector<int> scratch;
  for (int i = 0; i < internal::PlainNames::kScannedEntries; ++i) plain.Find("warm-up", &scratch);  // the trie from now on
  auto upper = [](std::string t) {
    for (char& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return t;
  };
  auto spaced = [](std::string t) {  // each space as a run of blanks (\s+)
    std::string out;
    for (char c : t) out += c == ' ' ? std::string(" \t ") : std::string(1, c);
    return out;
  };
  std::vector<std::string> entries = {"", " ", "x", "50 mg daily", "St John\u2019s wort", "\xE2\x84\xAA" "etamine", "a\xC5\xBF" "pirin"};
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    const std::string& other = names[(i * 7919 + 13) % names.size()];
    entries.insert(entries.end(), {n, upper(n) + " 50mg bid", "take " + spaced(n) + ", prn", "x" + n, n + "s", n.substr(0, n.size() - 1),
                                   n + "/" + other, other + " and " + n + " 10 mg", "(" + n + ")"});
  }
  size_t found = 0;
  for (const std::string& entry : entries) {
    std::vector<int> by_trie, by_scan;
    plain.Find(entry, &by_trie);
    plain.Scan(entry, &by_scan);
    for (auto* hits : {&by_trie, &by_scan}) {
      std::sort(hits->begin(), hits->end());
      hits->erase(std::unique(hits->begin(), hits->end()), hits->end());
    }
    INFO(entry);
    CHECK(by_trie == by_scan);
    found += by_scan.empty() ? 0 : 1;
  }
  CHECK(found > names.size() * 5);  // most variants hold a name: the comparison is not of empty lists
}

}  // namespace
}  // namespace candidacy::testing
