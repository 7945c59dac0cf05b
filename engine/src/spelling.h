// "Did you mean ...?": the closest of several names to a misspelt one, by
// edit distance, within a bound that grows with the name's length.
// Tested by tests/expr_typecheck_test.cc and tests/rulebook_loader_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace candidacy::internal {

// The closest candidate, or "" when none is close enough to suggest.
std::string ClosestName(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace candidacy::internal
