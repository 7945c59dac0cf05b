// Rulebook units as UCUM codes (input/fhir_units.h): the table of known
// units, unknown ones as annotations, and which Quantity units match.
#include <string>

#include <catch2/catch.hpp>

#include "input/fhir_units.h"

namespace candidacy::testing {
namespace {

TEST_CASE("fhir: UCUM codes of the rulebook's units", "[fhir]") {
  using internal::UcumCode;
  CHECK(UcumCode("mmHg") == "mm[Hg]");
  CHECK(UcumCode("beats/min") == "/min");
  CHECK(UcumCode("%") == "%");
  CHECK(UcumCode("years") == "a");
  CHECK(UcumCode("drinks/week") == "{drinks}/wk");
  CHECK(UcumCode("pack years") == "{packyears}");
  CHECK(UcumCode("").empty());
  CHECK(internal::UnitMatches("mmHg", "mm[Hg]"));
  CHECK(internal::UnitMatches("mmHg", "mmHg"));
  CHECK_FALSE(internal::UnitMatches("mmHg", "kPa"));
  CHECK_FALSE(internal::UnitMatches("", ""));
}

TEST_CASE("fhir units: each rulebook unit and its UCUM code", "[fhir]") {
  auto [unit, ucum] = GENERATE(table<std::string, std::string>({
      {"mm[Hg]", "mm[Hg]"}, {"kg", "kg"}, {"cm", "cm"}, {"breaths/min", "/min"}, {"year", "a"},
      {"months", "mo"}, {"weeks", "wk"}, {"days", "d"}, {"hours", "h"}, {"minutes", "min"},
      {"trials", "{trials}"}, {"kg/m2", "kg/m2"}, {"mL", "mL"},
      // not in the table: an annotation, spaces and braces dropped
      {"puffs per day", "{puffsperday}"}, {"{odd}", "{odd}"}, {"MMHG", "{MMHG}"},
  }));
  CAPTURE(unit);
  CHECK(internal::UcumCode(unit) == ucum);
  CHECK(internal::UnitMatches(unit, ucum));
  CHECK(internal::UnitMatches(unit, unit));
  CHECK_FALSE(internal::UnitMatches(unit, "[unrelated]"));
}

}  // namespace
}  // namespace candidacy::testing
