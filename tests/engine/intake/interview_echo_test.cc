// The interview's medication echo (intake/interview_echo.cc): recognised,
// probable, or not recognised with the closest names.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/interview.h"
#include "candidacy/report.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

TEST_CASE("interview: medications are echoed as recognised, probable, or with suggestions", "[interview]") {
  struct Row {
    std::string text;
    bool recognized;
    std::vector<std::string> generics, classes, suggestions, probable;
  };
  const std::vector<Row> rows = {
      {"XANAX 0.5mg prn", true, {"alprazolam"}, {"benzodiazepine"}, {}, {}},
      {"Norco 10/325", true, {"hydrocodone", "acetaminophen"}, {"opioid", "analgesic"}, {}, {}},
      {"Xanaks 0.5 mg", false, {}, {}, {"Xanax"}, {}},  // two edits from a name of 5: no guess, a suggestion
      {"lorazepan 1 mg", false, {"lorazepam"}, {"benzodiazepine"}, {}, {"lorazepam"}},  // one edit: probable
      {"qqqqzzzz", false, {}, {}, {}, {}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    const MedicationEcho echo = RecognizeMedication(Shipped(), r.text);
    CHECK(echo.entry.recognized == r.recognized);
    CHECK(echo.entry.generics == r.generics);
    CHECK(echo.entry.probable_names == r.probable);
    CHECK(echo.suggestions == r.suggestions);
  }
}

}  // namespace
}  // namespace candidacy::testing
