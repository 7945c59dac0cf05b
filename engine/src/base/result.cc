// The names and wordings of the plain result types (candidacy/result.h).
// Tested by tests/engine/base/result_test.cc.
#include "candidacy/result.h"

#include <algorithm>

#include "base/ascii.h"

namespace candidacy {

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kIneligible: return "ineligible";
    case Outcome::kIncomplete: return "incomplete";
    case Outcome::kNeedsReview: return "needs_review";
    case Outcome::kEligibleWithPrecautions: return "eligible_with_precautions";
    case Outcome::kEligible: return "eligible";
  }
  return "?";
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kExclude: return "exclude";
    case Severity::kReview: return "review";
    case Severity::kCaution: return "caution";
    case Severity::kInfo: return "info";
  }
  return "?";
}

std::string MedicationWording(const MedicationEntry& entry) {
  std::string out, probable, names;
  for (const auto& g : entry.generics) {
    const bool guessed = std::find(entry.probable_generics.begin(), entry.probable_generics.end(), g) != entry.probable_generics.end();
    std::string& to = guessed ? probable : out;
    to += (to.empty() ? "" : " + ") + g;
  }
  // The name read, unless it is the generic itself ("sertaline": probable sertraline).
  for (const auto& n : entry.probable_names)
    if (std::find(entry.probable_generics.begin(), entry.probable_generics.end(), internal::AsciiLower(n)) ==
        entry.probable_generics.end())
      names += (names.empty() ? "" : ", ") + n;
  if (!probable.empty())
    out += (out.empty() ? "" : " + ") + ("probable: " + probable + (names.empty() ? "" : " (read as " + names + ")") + ", check the spelling");
  return out;
}

}  // namespace candidacy
