// Checking typed interview answers (intake/interview_check.cc) against the
// shipped rulebook: good and bad answers with the reader's reasons, ids and
// medication entries.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/interview.h"
#include "candidacy/report.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

std::vector<std::string> Check(const std::string& id, const std::string& typed, std::string* reason) {
  std::vector<std::string> values;
  reason->clear();
  (void)CheckInterviewAnswer(Shipped(), id, typed, &values, reason);
  return values;
}

TEST_CASE("interview: good answers are accepted in canonical form", "[interview]") {
  struct Row {
    std::string id, typed;
    std::vector<std::string> values;
  };
  const std::vector<Row> rows = {
      {"patient.age", "38", {"38"}},
      {"patient.age", " 120 ", {"120"}},
      {"patient.weight_kg", "68.40", {"68.4"}},
      {"patient.weight_kg", "70", {"70"}},
      {"patient.pregnant", "no", {"false"}},
      {"patient.pregnant", "YES", {"true"}},
      {"patient.pregnant", "false", {"false"}},
      {"patient.sex", "Female", {"female"}},
      {"history.heart_failure", "compensated", {"compensated"}},
      {"indications", "ptsd, crps", {"ptsd", "crps"}},
      {"indications", "treatment_resistant_depression", {"treatment_resistant_depression"}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.id, r.typed);
    std::string reason;
    CHECK(Check(r.id, r.typed, &reason) == r.values);
    CHECK(reason.empty());
  }
}

TEST_CASE("interview: bad answers are refused with the reader's reason", "[interview]") {
  struct Row {
    std::string id, typed, reason;
  };
  const std::vector<Row> rows = {
      {"patient.age", "130", "130 is outside the allowed range 0..120 years"},
      {"patient.age", "-1", "-1 is outside the allowed range 0..120 years"},
      {"patient.age", "38.5", "expected a whole number years, found 38.5"},
      {"patient.age", "thirty", "expected a whole number years, found text 'thirty'"},
      {"patient.age", "12:30", "expected a whole number years, found text '12:30'"},
      {"patient.weight_kg", "heavy", "expected a number kg, found text 'heavy'"},
      {"patient.pregnant", "maybe", "expected true or false, found 'maybe'"},
      {"patient.sex", "woman", "'woman' is not one of the allowed values: female, male, intersex, unknown"},
      {"indications", "ptsd, flu",
       "indications[1]: 'flu' is not one of the allowed values: treatment_resistant_depression, major_depression, "
       "bipolar_depression, ptsd, ocd, generalized_anxiety, crps, neuropathic_pain, fibromyalgia, phantom_limb_pain, "
       "other_chronic_pain"},
      {"patient.age", "", "no answer was given"},
      {"no.such", "1", "'no.such' is not a question of this rulebook"},
      {"medications", "Xanax", "give the entries one at a time"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.id, r.typed);
    std::string reason;
    CHECK(Check(r.id, r.typed, &reason).empty());
    CHECK(reason == r.reason);
  }
}

TEST_CASE("interview: ids and medication entries are checked like the reader", "[interview]") {
  std::string reason;
  CHECK(CheckInterviewId(Shipped(), "q-1", &reason).ok());
  CHECK_FALSE(CheckInterviewId(Shipped(), "   ", &reason).ok());
  CHECK(reason == "id: is empty; give the questionnaire's identifier");
  CHECK_FALSE(CheckInterviewId(Shipped(), std::string(1001, 'x'), &reason).ok());
  CHECK(reason == "id: is 1001 bytes long; the limit is 1000");
  CHECK(CheckInterviewItem(Shipped(), "medications", "Xanax \"0.5\" mg: as needed", 0, &reason).ok());
  CHECK_FALSE(CheckInterviewItem(Shipped(), "medications", std::string(1001, 'x'), 0, &reason).ok());
  CHECK(reason == "medications[0]: is 1001 bytes long; the limit is 1000");
  CHECK_FALSE(CheckInterviewItem(Shipped(), "medications", "Xanax", 200, &reason).ok());
  CHECK(reason == "the list already holds 200 entries; the limit is 200");
  CHECK_FALSE(CheckInterviewItem(Shipped(), "patient.age", "Xanax", 0, &reason).ok());
}

}  // namespace
}  // namespace candidacy::testing
