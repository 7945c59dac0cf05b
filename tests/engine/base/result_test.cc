// The names and wordings of the result types (base/result.cc): every outcome
// and severity name of the contract, and a medication entry in words.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/result.h"

using candidacy::Outcome;
using candidacy::Severity;

TEST_CASE("outcome and severity names are the contract's", "[outcome]") {
  CHECK(std::string(candidacy::OutcomeName(Outcome::kEligibleWithPrecautions)) == "eligible_with_precautions");
  CHECK(std::string(candidacy::OutcomeName(Outcome::kNeedsReview)) == "needs_review");
  CHECK(std::string(candidacy::SeverityName(Severity::kExclude)) == "exclude");
  CHECK(std::string(candidacy::SeverityName(Severity::kInfo)) == "info");
}

TEST_CASE("result: every outcome and severity has its name", "[result]") {
  auto [outcome, name] = GENERATE(table<Outcome, std::string>({
      {Outcome::kIneligible, "ineligible"},
      {Outcome::kIncomplete, "incomplete"},
      {Outcome::kNeedsReview, "needs_review"},
      {Outcome::kEligibleWithPrecautions, "eligible_with_precautions"},
      {Outcome::kEligible, "eligible"},
  }));
  CHECK(candidacy::OutcomeName(outcome) == name);
  auto [severity, severity_name] = GENERATE(table<Severity, std::string>({
      {Severity::kExclude, "exclude"}, {Severity::kReview, "review"}, {Severity::kCaution, "caution"}, {Severity::kInfo, "info"}}));
  CHECK(candidacy::SeverityName(severity) == severity_name);
}

TEST_CASE("result: a medication entry in words, probable matches said so", "[result]") {
  using V = std::vector<std::string>;
  struct Row {
    V generics, probable_names, probable_generics;
    const char* wording;
  };
  const Row row = GENERATE(values<Row>({
      {{}, {}, {}, ""},
      {{"alprazolam"}, {}, {}, "alprazolam"},
      {{"hydrocodone", "acetaminophen"}, {}, {}, "hydrocodone + acetaminophen"},
      {{"amphetamine", "dextroamphetamine"}, {"Adderall"}, {"amphetamine", "dextroamphetamine"},
       "probable: amphetamine + dextroamphetamine (read as Adderall), check the spelling"},
      {{"sertraline"}, {"sertraline"}, {"sertraline"}, "probable: sertraline, check the spelling"},  // the name is the generic
      {{"lisinopril", "alprazolam"}, {"Xanax"}, {"alprazolam"}, "lisinopril + probable: alprazolam (read as Xanax), check the spelling"},
  }));
  candidacy::MedicationEntry e;
  e.generics = row.generics;
  e.probable_names = row.probable_names;
  e.probable_generics = row.probable_generics;
  CAPTURE(row.wording);
  CHECK(candidacy::MedicationWording(e) == row.wording);
}
