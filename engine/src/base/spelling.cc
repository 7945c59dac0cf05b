// Edit distance and closest-name suggestions. Tests: tests/engine/base/spelling_test.cc, tests/engine/rulebook/type_check_test.cc.
#include "base/spelling.h"

#include <algorithm>
#include <utility>

namespace candidacy::internal {

size_t EditDistance(std::string_view a, std::string_view b, size_t bound) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() >= bound) return bound;
  // Three rows of the optimal string alignment table: two back, one back, this one.
  std::vector<size_t> before(a.size() + 1), previous(a.size() + 1), row(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) previous[i] = i;
  size_t previous_lowest = 0;
  for (size_t j = 1; j <= b.size(); ++j) {
    row[0] = j;
    size_t lowest = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t d = std::min({previous[i] + 1, row[i - 1] + 1, previous[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[i - 2] + 1);
      row[i] = d;
      lowest = std::min(lowest, d);
    }
    // A cell reads only the two rows above it, each step adding 0 or 1: when
    // both are at the bound, so is every later row.
    if (lowest >= bound && previous_lowest >= bound) return bound;
    previous_lowest = lowest;
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return std::min(previous[a.size()], bound);
}

std::string ClosestName(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  size_t best_distance = std::max<size_t>(1, name.size() / 3) + 1;  // suggest only below this
  for (auto c : candidates) {
    const size_t d = EditDistance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return std::string(best);
}

}  // namespace candidacy::internal
