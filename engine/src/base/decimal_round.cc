// Tests: tests/engine/base/decimal_round_test.cc.
#include "base/decimal_round.h"

#include <charconv>
#include <system_error>

namespace candidacy::internal {

double RoundHalfUpTwelveDigitsExact(double scaled) {
  // (std::to_chars in general form is printf's %.12g; from_chars is strtod, without the locale.)
  char buffer[64];
  const auto printed = std::to_chars(buffer, buffer + sizeof buffer, scaled, std::chars_format::general, 12);
  double shed = scaled;
  if (printed.ec == std::errc()) std::from_chars(buffer, printed.ptr, shed);
  return std::floor(shed + 0.5);
}

}  // namespace candidacy::internal
