// The text result (render/render_text.cc): the outcome first, then each flag
// explained, the questions, the medications and the sources.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/render_json.h"
#include "candidacy/render_text.h"
#include "test_support.h"

using namespace candidacy::testing;

namespace {
candidacy::ScreeningResult Sample() { return RenderSample(); }
}  // namespace

TEST_CASE("the text result starts with the outcome and explains each flag", "[render]") {
  const std::string text = candidacy::RenderText(Sample());
  CHECK(text.rfind("OUTCOME: INELIGIBLE", 0) == 0);
  for (const char* part : {"EXCLUDE (1)", "EX-06", "Action: ", "Answers: vitals.systolic_bp = 184 mmHg", "Sources: F",
                           "REVIEW", "RV-13", "QUESTIONS TO ASK (1)", "history.glaucoma: ", "UNDECIDED RULES (1)",
                           "MEDICATIONS (4, 1 not recognised, 1 probable)", "Norco 10/325 q6h prn  ->  hydrocodone + acetaminophen [opioid, analgesic]",
                           "Zorblaxine 1 mg  ->  NOT RECOGNISED",
                           "Adderal 10 mg  ->  probable: amphetamine + dextroamphetamine (read as Adderall), check the spelling [stimulant]",
                           "SOURCES\n  F  Swiss ketamine prescribing information", "Rulebook ketamine-iv-adult 1.1.0"}) {
    CAPTURE(part);
    CHECK(text.find(part) != std::string::npos);
  }
  // Severity sections in order: exclude before review before caution.
  CHECK(text.find("EXCLUDE (") < text.find("REVIEW ("));
  CHECK(text.find("REVIEW (") < text.find("CAUTION ("));
}
