// "Did you mean ...?": the closest of several names to a misspelt one, by
// edit distance, within a bound that grows with the name's length.
// Also the distance behind probable medication matches (lexicon/probable.h).
// Tested by tests/engine/base/spelling_test.cc, tests/engine/rulebook/type_check_test.cc and tests/engine/rulebook/loader_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace candidacy::internal {

// Edits (insert, delete or substitute a character, or swap two adjacent ones:
// the optimal string alignment distance) that turn `a` into `b`; bytes are
// compared as they are. Stops counting at `bound`: a distance of `bound` or
// more is returned as `bound`.
size_t EditDistance(std::string_view a, std::string_view b, size_t bound = static_cast<size_t>(-1));

// The closest candidate, or "" when none is close enough to suggest.
std::string ClosestName(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace candidacy::internal
