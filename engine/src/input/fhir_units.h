// Rulebook units as UCUM codes (http://unitsofmeasure.org), the unit system
// FHIR Quantities and the questionnaire-unit extension use. One table for the
// QuestionnaireResponse reader and the Questionnaire writer.
// Tested by tests/engine/input/fhir_units_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace candidacy::internal {

inline constexpr const char* kUcumSystem = "http://unitsofmeasure.org";

// The UCUM code of a rulebook unit: "mmHg" -> "mm[Hg]", "beats/min" -> "/min",
// "years" -> "a", "%" -> "%". A unit the table does not know becomes a UCUM
// annotation, "{unit}" (spaces dropped), so it still round-trips. "" for "".
std::string UcumCode(const std::string& unit);

// True when `text` (a Quantity's `unit` or `code`) names the rulebook unit:
// its UCUM code or the unit exactly as the rulebook writes it.
bool UnitMatches(const std::string& unit, std::string_view text);

}  // namespace candidacy::internal
