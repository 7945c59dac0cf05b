// Rulebook diff: the shipped rulebook against copies with one edit each
// (threshold, points, sources, message, action, severity, question range and
// values, asked_when, brand, drug, class, band, version), the rendered text,
// and screenings compared rule by rule.
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/rulebook_diff.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

// The shipped rule and FHIR mapping files (no tests), with `from` replaced by `to` once in `file`.
std::map<std::string, std::string> Edited(const std::string& file, const std::string& from, const std::string& to) {
  std::map<std::string, std::string> files;
  for (const char* f : {"rulebook.yaml", "questions.yaml", "derived.yaml", "medications.yaml", "common-words.yaml", "rules/indication.yaml",
                        "rules/exclusions.yaml", "rules/review.yaml", "rules/interactions.yaml", "rules/logistics.yaml", "fhir/mapping.yaml",
                        "fhir/observations.yaml", "fhir/conditions.yaml", "fhir/medications.yaml", "fhir/allergies.yaml"})
    files[f] = FileText(SourceDir() + "/rules/ketamine/" + f);
  if (!file.empty()) {
    std::string& text = files.at(file);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }
  return files;
}

std::string Describe(const RulebookDiff& d) {
  std::string out;
  for (const auto& e : d.entries) {
    out += e.section + " " + e.id + " " +
           (e.change == DiffEntry::Change::kAdded ? "added" : e.change == DiffEntry::Change::kRemoved ? "removed" : "changed");
    for (const auto& f : e.fields) out += " " + f.field + ": " + f.before + " -> " + f.after;
    out += "\n";
  }
  return out;
}

TEST_CASE("diff: a rulebook against itself, and a comment-only change", "[diff]") {
  TempRulebook same(Edited("", "", ""));
  REQUIRE(same.Load().ok());
  RulebookDiff d = DiffRulebooks(Shipped(), *same.rulebook());
  CHECK(d.entries.empty());
  CHECK(RenderDiffText(d, nullptr).find("\nNo differences.\n") != std::string::npos);

  TempRulebook comment(Edited("rules/review.yaml", "\n", "\n# a comment\n"));
  REQUIRE(comment.Load().ok());
  d = DiffRulebooks(Shipped(), *comment.rulebook());
  CHECK(d.entries.empty());
  CHECK(d.before.sha256 != d.after.sha256);
  CHECK(RenderDiffText(d, nullptr).find("differ only in comments or layout") != std::string::npos);
}

TEST_CASE("diff: one edit, one entry", "[diff]") {
  struct Row {
    std::string file, from, to, expect;
  };
  const std::vector<Row> rows = {
      {"rules/exclusions.yaml", "vitals.systolic_bp > 180", "vitals.systolic_bp > 170",
       "rules EX-06 changed when: vitals.systolic_bp > 180 or vitals.diastolic_bp > 100 -> vitals.systolic_bp > 170 or "
       "vitals.diastolic_bp > 100\n"},
      {"rules/review.yaml", "points: 10", "points: 9", "rules RV-18 changed points: 10 -> 9\n"},
      {"rules/review.yaml", "severity: review", "severity: caution", "rules RV-01 changed severity: review -> caution\n"},
      {"questions.yaml", "range: [0, 120]", "range: [0, 110]", "questions patient.age changed range: 0..120 -> 0..110\n"},
      {"questions.yaml", "values: [female, male, intersex, unknown]", "values: [female, male, intersex, unknown, other]",
       "questions patient.sex changed values: female, male, intersex, unknown -> female, male, intersex, unknown, other\n"},
      {"questions.yaml", "asked_when: patient.sex != 'male'", "asked_when: patient.sex == 'female'",
       "questions patient.pregnant changed asked_when: patient.sex != 'male' -> patient.sex == 'female'\n"},
      {"medications.yaml", "brands: [Xanax, Xanax XR, Niravam]", "brands: [Xanax, Xanax XR, Niravam, Alprax]",
       "names Alprax added\n"},
      {"medications.yaml", "brands: [Xanax, Xanax XR, Niravam]", "brands: [Xanax, Xanax XR]", "names Niravam removed\n"},
      {"rulebook.yaml", "version: 1.1.0", "version: 1.2.0", "metadata rulebook changed version: 1.1.0 -> 1.2.0\n"},
      {"rulebook.yaml", "{name: moderate, from: 5, outcome: needs_review}", "{name: moderate, from: 6, outcome: needs_review}",
       "policy policy changed bands: low from 0, moderate from 5 (needs_review), high from 10 (needs_review) -> low from 0, "
       "moderate from 6 (needs_review), high from 10 (needs_review)\n"},
      // The FHIR code mappings (docs/fhir.md), hashed apart but compared the same way.
      {"fhir/mapping.yaml", "vitals_max_age_days: 30", "vitals_max_age_days: 14",
       "fhir mapping mapping changed vitals_max_age_days: 30 -> 14\n"},
      {"fhir/observations.yaml", "question: vitals.heart_rate, safer: higher", "question: vitals.heart_rate, safer: lower",
       "loinc 8867-4 changed safer: higher -> lower\n"},
      {"fhir/conditions.yaml", "snomed: [\"13746004\"]", "snomed: [\"13746004\", \"371596008\"]",
       "value sets history.bipolar = true changed snomed: 13746004 -> 13746004, 371596008\n"},
      {"fhir/medications.yaml", "{rxcui: \"15996\", name: mirtazapine, drug: mirtazapine}", "{rxcui: \"15996\", name: mirtazapine, drug: trazodone}",
       "rxnorm 15996 changed drugs: mirtazapine -> trazodone\n"},
      {"fhir/medications.yaml", "{rxcui: \"15996\", name: mirtazapine, drug: mirtazapine}", "{rxcui: \"30121\", name: mirtazapine, drug: mirtazapine}",
       "rxnorm 15996 removed\nrxnorm 30121 added\n"},
      {"fhir/allergies.yaml", "names: [ketamine, esketamine, Ketalar, Ketanest, Spravato]", "names: [ketamine, esketamine, Ketalar, Spravato]",
       "allergies history.ketamine_allergy changed names: ketamine, esketamine, Ketalar, Ketanest, Spravato -> ketamine, esketamine, Ketalar, Spravato\n"},
      // A second set answering the same question is an entry of its own, not lost under the first's id.
      {"fhir/allergies.yaml", "names: [ketamine, esketamine, Ketalar, Ketanest, Spravato]",
       "names: [ketamine, esketamine, Ketalar, Ketanest, Spravato]\n  - {question: history.ketamine_allergy, label: arketamine, source: s, names: [arketamine]}",
       "allergies history.ketamine_allergy (2) added\n"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.file, r.from, r.to);
    TempRulebook edited(Edited(r.file, r.from, r.to));
    REQUIRE(edited.Load().ok());
    CHECK(Describe(DiffRulebooks(Shipped(), *edited.rulebook())) == r.expect);
  }
}

TEST_CASE("diff: added and removed the other way round", "[diff]") {
  TempRulebook edited(Edited("medications.yaml", "brands: [Xanax, Xanax XR, Niravam]", "brands: [Xanax, Xanax XR, Niravam, Alprax]"));
  REQUIRE(edited.Load().ok());
  const RulebookDiff d = DiffRulebooks(*edited.rulebook(), Shipped());
  REQUIRE(d.entries.size() == 1);
  CHECK(d.entries[0].change == DiffEntry::Change::kRemoved);
  CHECK(d.entries[0].summary == "alprazolam");
  const std::string text = RenderDiffText(d, nullptr);
  CHECK(text.find("\nNAMES: 0 added, 1 removed, 0 changed\n  - Alprax  alprazolam\n") != std::string::npos);
}

TEST_CASE("diff: screenings compared rule by rule", "[diff]") {
  TempRulebook edited(Edited("rules/review.yaml", "vitals.systolic_bp >= 140", "vitals.systolic_bp >= 150"));
  REQUIRE(edited.Load().ok());
  const Rulebook& after = *edited.rulebook();
  struct Row {
    std::string path, value;
    bool changed;
    std::string before, after;
  };
  const std::vector<Row> rows = {
      {"vitals.systolic_bp", "145", true, "fired", "not fired"},
      {"vitals.systolic_bp", "155", false, "", ""},
      {"vitals.systolic_bp", "120", false, "", ""},
  };
  for (const auto& r : rows) {
    CAPTURE(r.value);
    const std::string doc = WithAnswer(WithAnswer(BaseQuestionnaire(), r.path, r.value), "vitals.diastolic_bp", "70");
    ScreeningDiff d;
    CompareScreenings(Shipped(), ScreenText(Shipped(), doc), after, ScreenText(after, doc), &d);
    CHECK(d.changed() == r.changed);
    if (r.changed) {
      REQUIRE(d.rules.size() == 1);
      CHECK(d.rules[0].rule == "RV-01");
      CHECK(d.rules[0].before == r.before);
      CHECK(d.rules[0].after == r.after);
      CHECK(d.score_before == d.score_after + 3);
    } else {
      CHECK(d.rules.empty());
    }
  }
}

TEST_CASE("diff: a removed rule that fired is reported absent", "[diff]") {
  TempRulebook edited(Edited("rules/exclusions.yaml", "id: EX-01", "id: EX-01X"));
  REQUIRE(edited.Load().ok());
  const std::string doc = WithAnswer(BaseQuestionnaire(), "patient.age", "17");
  ScreeningDiff d;
  CompareScreenings(Shipped(), ScreenText(Shipped(), doc), *edited.rulebook(), ScreenText(*edited.rulebook(), doc), &d);
  REQUIRE(d.rules.size() == 2);
  CHECK(d.rules[0].rule == "EX-01");
  CHECK(d.rules[0].before == "fired");
  CHECK(d.rules[0].after == "absent");
  CHECK(d.rules[1].rule == "EX-01X");
  CHECK(d.rules[1].before == "absent");
  CHECK(d.rules[1].after == "fired");
  CHECK_FALSE(d.outcome_before != d.outcome_after);
  std::vector<ScreeningDiff> batch = {d};
  const std::string json = RenderDiffJson(DiffRulebooks(Shipped(), *edited.rulebook()), &batch);
  CHECK(json.find("\"changed\": 1") != std::string::npos);
}

}  // namespace
}  // namespace candidacy::testing
