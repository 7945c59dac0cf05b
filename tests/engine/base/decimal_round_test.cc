// engine/src/base/decimal_round: the quick rounding gives what printing to
// twelve digits and reading back gives, for every value, near a half or not.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "base/decimal_round.h"

using candidacy::internal::RoundHalfUpTwelveDigits;
using candidacy::internal::RoundHalfUpTwelveDigitsExact;

TEST_CASE("decimal rounding: charted values round halves up in decimal", "[decimal_round]") {
  struct Row {
    double scaled;  // the value times 10^digits
    double rounded;
  };
  const auto row = GENERATE(values<Row>({
      {102.272 / (1.6 * 1.6) * 10, 400},  // BMI 39.95 on paper, 39.9499... in binary
      {399.4, 399},
      {399.5, 400},
      {399.6, 400},
      {-2.5, -2},  // halves up, toward +infinity
      {-2.6, -3},
      {0, 0},
      {0.49999999999999994, 1},  // the largest double below a half: 0.5 in twelve digits
      {1e15 + 0.5, 1e15},        // past the quick range: twelve digits keep 1.00000000000e15
      {4503599627370495.5, 4503599627370000},
      {1e300, 1e300},
  }));
  INFO(row.scaled);
  CHECK(RoundHalfUpTwelveDigits(row.scaled) == row.rounded);
  CHECK(RoundHalfUpTwelveDigits(row.scaled) == RoundHalfUpTwelveDigitsExact(row.scaled));
}

TEST_CASE("decimal rounding: the quick way equals the exact way, near halves and anywhere", "[decimal_round]") {
  std::mt19937_64 random(20261207);
  std::uniform_real_distribution<double> anywhere(-1e6, 1e6);
  std::uniform_int_distribution<int> whole(-100000, 100000);
  std::uniform_int_distribution<int> ulps(-4000, 4000);
  std::uniform_int_distribution<int> power(-6, 14);
  int near = 0;
  for (int i = 0; i < 200000; ++i) {
    double x;
    switch (i % 4) {
      case 0: x = anywhere(random); break;
      case 1: {  // a few thousand ulps from k + 0.5: where twelve digits decide
        x = whole(random) + 0.5;
        const int steps = ulps(random);
        for (int s = 0; s < std::abs(steps); ++s) x = std::nextafter(x, steps > 0 ? INFINITY : -INFINITY);
        ++near;
        break;
      }
      case 2: {  // a decimal half at another magnitude, as a product computes it
        const double p = std::pow(10.0, power(random));
        x = (whole(random) + 0.5) / p * p;
        break;
      }
      default: x = anywhere(random) * std::pow(10.0, power(random)); break;
    }
    if (RoundHalfUpTwelveDigits(x) != RoundHalfUpTwelveDigitsExact(x)) FAIL_CHECK("differs at " << x);
  }
  CHECK(near == 50000);
}
