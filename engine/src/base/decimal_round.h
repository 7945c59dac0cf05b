// round(x, digits) as charts report it: halves up in decimal. 102.272 kg at
// 160 cm is BMI 39.95 on paper but 39.9499... in binary; twelve significant
// digits shed that noise before rounding, so it reports 40.0.
// Tested by tests/engine/base/decimal_round_test.cc.
#pragma once

#include <cmath>

namespace candidacy::internal {

// floor(s + 0.5), where s is `scaled` printed to twelve significant digits
// (printf's %.12g) and read back: the exact, slower way.
double RoundHalfUpTwelveDigitsExact(double scaled);

// The same, at once when `scaled` is far enough from a half that twelve
// digits cannot move it across one: printing to twelve significant digits
// moves a value by at most half a unit in its twelfth digit, below 1e-11 of
// it, so a value more than 1e-10 of itself from k + 0.5 rounds as it is.
inline double RoundHalfUpTwelveDigits(double scaled) {
  const double magnitude = std::fabs(scaled);
  if (magnitude < 1e15) {  // (floor(x) + 0.5 is exact here)
    const double half = std::floor(scaled) + 0.5;
    if (std::fabs(scaled - half) > magnitude * 1e-10) return std::floor(scaled + 0.5);
  }
  return RoundHalfUpTwelveDigitsExact(scaled);
}

}  // namespace candidacy::internal
