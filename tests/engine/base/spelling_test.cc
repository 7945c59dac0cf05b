// Spelling suggestions (base/spelling.h): the optimal string alignment edit
// distance with its bound, and the closest name within the length's reach.
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "base/spelling.h"

namespace candidacy::testing {
namespace {

TEST_CASE("lexicon: edit distance counts a swap of neighbours as one edit and stops at its bound", "[lexicon]") {
  using internal::EditDistance;
  CHECK(EditDistance("xanax", "xanax") == 0);
  CHECK(EditDistance("xanex", "xanax") == 1);
  CHECK(EditDistance("xnaax", "xanax") == 1);
  CHECK(EditDistance("adderal", "adderall") == 1);
  CHECK(EditDistance("setralin", "sertraline") == 2);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("kitten", "sitting", 2) == 2);
  CHECK(EditDistance("a", "abcdefgh", 3) == 3);
}

TEST_CASE("spelling: the closest name, if it is close enough for the name's length", "[spelling]") {
  using Names = std::vector<std::string_view>;
  auto [name, candidates, closest] = GENERATE(table<std::string, Names, std::string>({
      {"sevrity", {"title", "severity", "when"}, "severity"},  // 7 letters: up to 2 edits
      {"mesage", {"usage", "message"}, "message"},               // the nearer of two
      {"cat", {"bat", "cut"}, "bat"},                           // a tie: the first
      {"ag", {"age", "sex"}, "age"},
      {"a", {"b"}, "b"},                                        // 1 letter: up to 1 edit
      {"a", {"bc"}, ""},
      {"abc", {"xyz"}, ""},                                     // 3 letters: 1 edit, not 3
      {"policy", {"polcy", "plicy"}, "polcy"},
      {"bmi_index", {"bmi"}, ""},                               // 6 edits are too many for 9 letters
      {"history.glaucma", {"history.glaucoma", "history.asthma"}, "history.glaucoma"},
      {"anything", {}, ""},
  }));
  CAPTURE(name);
  CHECK(internal::ClosestName(name, candidates) == closest);
}

}  // namespace
}  // namespace candidacy::testing
