// FHIR R4 Bundles (input/fhir_bundle.cc): which answer is used when the
// questionnaire and the EHR disagree (a table over tests/fhir/bundles), every
// bad Bundle of tests/fhir/bad with its exact located message, and that the
// record is only there for Bundles (a questionnaire read after a Bundle into
// the same Questionnaire, as a batch does, has none).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/render_json.h"
#include "candidacy/screening.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

std::string Fixture(const std::string& path) { return FileText(SourceDir() + "/tests/fhir/" + path); }

ScreeningResult ScreenBundle(const std::string& name) {
  ReadAttempt r = TryRead(Fixture("bundles/" + name + ".json"), InputFormat::kAuto, name + ".json");
  INFO(r.text);
  REQUIRE(r.status.ok());
  return Screen(Shipped(), r.q, ScreenDetail::kFull);
}

TEST_CASE("fhir bundle: the safer answer, both shown", "[fhir][bundle]") {
  struct Row {
    std::string bundle;
    std::vector<std::string> disagreements;  // "question: questionnaire value / ehr value -> used"
  };
  const std::vector<Row> rows = {
      {"b01-collection-questionnaire-only", {}},
      {"b04-bp-disagree-higher-wins", {"vitals.systolic_bp: 118 / 184 -> ehr", "vitals.diastolic_bp: 76 / 104 -> ehr"}},
      {"b06-stale-ignored-questionnaire-used", {}},
      {"b07-schizophrenia-snomed-disagree", {"history.psychosis: false / true -> ehr"}},
      {"b08-pregnancy-icd10", {"patient.pregnant: false / true -> ehr"}},
      {"b16-age-disagree-neither", {"patient.age: 38 / 70 -> neither"}},
      {"b17-heart-failure-enum", {"history.heart_failure: none / compensated -> ehr"}},
      {"b18-spo2-lower-wins", {"vitals.spo2: 98 / 91 -> ehr"}},
  };
  for (const auto& r : rows) {
    INFO(r.bundle);
    const ScreeningResult result = ScreenBundle(r.bundle);
    REQUIRE(result.ehr.present);
    std::vector<std::string> got;
    for (const auto& d : result.ehr.disagreements)
      got.push_back(d.question + ": " + d.questionnaire_value + " / " + d.ehr_value + " -> " + d.used);
    CHECK(got == r.disagreements);
    for (const auto& a : result.ehr.answers) CHECK_FALSE(a.source.empty());
  }
}

TEST_CASE("fhir bundle: staleness is the rulebook's window", "[fhir][bundle]") {
  const ScreeningResult r = ScreenBundle("b05-stale-bp-not-used");
  CHECK(r.outcome == Outcome::kIncomplete);
  REQUIRE(r.ehr.not_used.size() == 2);
  CHECK(r.ehr.not_used[0] == "Observation/bp1 LOINC 8480-6: taken 2026-10-01, 66 days before the screening date; stale (older than 30 days)");
  CHECK(Has(FlagIds(ScreenBundle("b04-bp-disagree-higher-wins")), "EX-06"));
}

TEST_CASE("fhir bundle: bad Bundles give their located message", "[fhir][bundle]") {
  std::istringstream lines(Fixture("bad/EXPECTED"));
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::string name = line.substr(0, line.find('\t'));
    const std::string message = line.substr(line.find('\t') + 1);
    INFO(name);
    ReadAttempt r = TryRead(Fixture("bad/" + name + ".json"), InputFormat::kAuto, name + ".json");
    CHECK(r.status.code() == StatusCode::kQuestionnaireInvalid);
    CHECK(r.text.find(name + ".json:") == 0);
    CHECK(r.text.find(message) != std::string::npos);
    ++rows;
  }
  CHECK(rows >= 10);
}

TEST_CASE("fhir bundle: the record is for Bundles only", "[fhir][bundle]") {
  const std::string plain = FileText(SourceDir() + "/samples/04-precautions-no-escort.json");
  Questionnaire q;
  std::vector<Diagnostic> d;
  ReadOptions options;
  REQUIRE(ReadQuestionnaire(Shipped(), Fixture("bundles/b04-bp-disagree-higher-wins.json"), options, &q, &d).ok());
  CHECK(Screen(Shipped(), q, ScreenDetail::kFull).ehr.present);
  REQUIRE(ReadQuestionnaire(Shipped(), plain, options, &q, &d).ok());  // the batch's reuse of one Questionnaire
  const ScreeningResult r = Screen(Shipped(), q, ScreenDetail::kFull);
  CHECK_FALSE(r.ehr.present);
  for (const auto& f : r.flags)
    for (const auto& e : f.evidence) CHECK(e.source.empty());
  CHECK(RenderJson(r, false).rfind("{\"schema_version\":\"1.1\"", 0) == 0);
  CHECK(RenderJson(ScreenBundle("b01-collection-questionnaire-only"), false).rfind("{\"schema_version\":\"1.2\"", 0) == 0);
}

}  // namespace
}  // namespace candidacy::testing
