// Rulebook units <-> UCUM codes. Test: tests/engine/input/fhir_units_test.cc.
#include "input/fhir_units.h"

#include <string_view>
#include <utility>

namespace candidacy::internal {
namespace {

// Rulebook unit (as clinicians write it) -> UCUM code. Units already written
// in UCUM (kg, cm, %, h, mg) map to themselves.
// (string_views: a lookup compares lengths first; every FHIR quantity is checked against it.)
constexpr std::pair<std::string_view, std::string_view> kUnits[] = {
    {"mmHg", "mm[Hg]"},     {"mm[Hg]", "mm[Hg]"},    {"kg", "kg"},          {"g", "g"},
    {"mg", "mg"},           {"cm", "cm"},            {"m", "m"},            {"%", "%"},
    {"beats/min", "/min"},  {"/min", "/min"},        {"breaths/min", "/min"},
    {"years", "a"},         {"year", "a"},           {"a", "a"},            {"months", "mo"},
    {"month", "mo"},        {"mo", "mo"},            {"weeks", "wk"},       {"wk", "wk"},
    {"days", "d"},          {"d", "d"},              {"hours", "h"},        {"h", "h"},
    {"minutes", "min"},     {"min", "min"},          {"drinks/week", "{drinks}/wk"},
    {"trials", "{trials}"}, {"kg/m2", "kg/m2"},      {"mL", "mL"},          {"L", "L"},
};

}  // namespace

std::string UcumCode(const std::string& unit) {
  if (unit.empty()) return "";
  for (const auto& [written, ucum] : kUnits)
    if (unit == written) return std::string(ucum);
  std::string annotation = "{";
  for (char c : unit)
    if (c != ' ' && c != '{' && c != '}') annotation += c;
  return annotation + "}";
}

bool UnitMatches(const std::string& unit, std::string_view text) {
  return !unit.empty() && (text == unit || text == UcumCode(unit));
}

}  // namespace candidacy::internal
