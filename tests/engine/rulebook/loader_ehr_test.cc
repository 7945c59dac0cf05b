// The rulebook's FHIR code mappings (rulebook/loader_ehr.cc): the shipped
// rulebook's fhir/*.yaml, how a Condition code finds its value set (SNOMED CT
// exactly, ICD-10-CM with the codes below it), and a table of bad mapping
// files with their exact located diagnostics. The same errors end to end:
// tests/bad_rulebooks/fhir-mapping-errors.
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/rulebook.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

namespace fs = std::filesystem;
using internal::ModelOf;

TEST_CASE("fhir mapping: the shipped rulebook's codes", "[fhir][mapping]") {
  const auto& m = ModelOf(Shipped());
  const auto& e = m.ehr;
  REQUIRE(e.loaded);
  CHECK(e.vitals_max_age_days == 30);
  CHECK(e.questionnaire_url == "urn:candidacy:ketamine-iv-adult");
  CHECK(e.sha256.size() == 64);
  CHECK(e.files == std::vector<std::string>{"fhir/mapping.yaml", "fhir/observations.yaml", "fhir/conditions.yaml", "fhir/medications.yaml",
                                            "fhir/allergies.yaml"});
  const std::vector<std::pair<std::string, std::string>> loinc = {
      {"8480-6", "vitals.systolic_bp"}, {"8462-4", "vitals.diastolic_bp"}, {"8867-4", "vitals.heart_rate"},
      {"59408-5", "vitals.spo2"},       {"2708-6", "vitals.spo2"},         {"29463-7", "patient.weight_kg"},
      {"8302-2", "patient.height_cm"}};
  for (const auto& [code, question] : loinc) {
    INFO(code);
    REQUIRE(e.by_loinc.count(code) == 1);
    CHECK(m.questions[e.observations[e.by_loinc.at(code)].question].id == question);
  }
  CHECK(e.by_loinc.count("39156-5") == 0);  // BMI: derived from weight and height here
  CHECK(m.questions[e.age_question].id == "patient.age");
  CHECK(e.gender_values.at("female") == "female");
  CHECK(e.gender_values.count("other") == 0);
  const std::vector<std::pair<std::string, std::vector<std::string>>> rx = {
      {"596", {"alprazolam"}}, {"7804", {"oxycodone"}}, {"36437", {"sertraline"}}};
  for (const auto& [code, generics] : rx) CHECK(e.medications[e.by_rxcui.at(code)].generics == generics);
  for (const auto& c : e.medications) CHECK(m.lexicon.FindDrug(c.generics[0]) >= 0);
  REQUIRE(e.allergies.size() == 1);
  CHECK(m.questions[e.allergies[0].question].id == "history.ketamine_allergy");
}

TEST_CASE("fhir mapping: an allergy's substance is found by its names, as words", "[fhir][mapping]") {
  const auto& e = ModelOf(Shipped()).ehr;
  struct Row {
    const char* text;
    bool named;
  };
  const std::vector<Row> rows = {
      {"Ketamine", true},
      {"ketamine hydrochloride", true},
      {"KETAMINE HCL 50 MG/ML", true},
      {"Allergy to esketamine (Spravato)", true},
      {"SPRAVATO", true},
      {"Ketalar injection", true},
      {"ketamines", false},       // not the word
      {"esketaminex", false},
      {"metamine", false},
      {"penicillin", false},
      {"", false},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    CHECK(e.AllergiesNamedIn(r.text).empty() == !r.named);
  }
}

TEST_CASE("fhir mapping: a Condition code finds its value set", "[fhir][mapping]") {
  const auto& m = ModelOf(Shipped());
  struct Row {
    const char* system;
    const char* code;
    const char* question;  // the questions it answers, comma-separated; "" for none
  };
  const char* snomed = internal::kSnomedSystem;
  const char* icd = internal::kIcd10CmSystem;
  const std::vector<Row> rows = {
      {snomed, "58214004", "history.psychosis"},
      {snomed, "5821400", ""},  // exact ids only
      {snomed, "13746004", "history.bipolar"},
      {icd, "F20", "history.psychosis"},
      {icd, "F20.9", "history.psychosis"},
      {icd, "F20.81", "history.psychosis"},
      {icd, "F200", ""},  // not a code under F20
      {icd, "F31.0", "history.bipolar,history.recent_mania"},  // a current hypomanic episode: both
      {icd, "F31.11", "history.bipolar,history.recent_mania"},
      {icd, "F31.2", "history.bipolar,history.recent_mania"},
      {icd, "F31.62", "history.bipolar,history.recent_mania"},  // current episode mixed
      {icd, "F31.31", "history.bipolar"},                      // current episode depressed: bipolar only
      {icd, "F31.73", "history.bipolar"},                      // in remission: bipolar only
      {icd, "F30.10", "history.recent_mania"},                 // a manic episode: not by itself bipolar disorder
      {icd, "F30.3", ""},                                      // a manic episode in partial remission
      {icd, "F10.21", "history.substance_use"},                // (remission, the longer of the question's two codes)
      {icd, "H40.1131", "history.glaucoma"},
      {icd, "I25.2", "history.heart_attack"},
      {icd, "I25.10", "history.coronary_artery_disease"},
      {icd, "I25", ""},  // the category itself is in no set
      {icd, "Z33.1", "patient.pregnant"},
      {icd, "Z33.2", ""},  // elective termination: not pregnancy
      {icd, "K74.60", "history.liver_disease"},
      {"http://example.org/codes", "F20", ""},
  };
  for (const auto& r : rows) {
    INFO(r.system << " " << r.code);
    std::string questions;
    for (int set : m.ehr.ConditionsOf(r.system, r.code))
      questions += (questions.empty() ? "" : ",") + m.questions[m.ehr.conditions[set].question].id;
    CHECK(questions == r.question);
  }
  // Within one question the longest code decides: F10.21 is remission, F10.20 active.
  for (const auto& [code, value] : std::vector<std::pair<const char*, const char*>>{{"F10.21", "remission"}, {"F10.20", "active"}}) {
    const std::vector<int> sets = m.ehr.ConditionsOf(icd, code);
    REQUIRE(sets.size() == 1);
    const auto& set = m.ehr.conditions[sets[0]];
    CHECK(m.questions[set.question].values[set.value] == value);
  }
}

// A small rulebook (tests/bad_rulebooks/fhir-mapping-errors without its fhir/) with `codes` as its one mapping file.
std::string LoadErrors(const std::string& mapping, const std::string& codes) {
  const fs::path dir = fs::temp_directory_path() / ("candidacy-ehr-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "fhir");
  for (const char* f : {"rulebook.yaml", "questions.yaml", "medications.yaml", "rules.yaml"})
    fs::copy_file(fs::path(SourceDir()) / "tests/bad_rulebooks/fhir-mapping-errors" / f, dir / f);
  std::ofstream(dir / "fhir/mapping.yaml") << mapping;
  std::ofstream(dir / "fhir/codes.yaml") << codes;
  std::shared_ptr<const Rulebook> rb;
  std::vector<Diagnostic> found;
  const Status s = Rulebook::Load(dir.string(), &rb, &found);
  std::string out = s.ok() ? "ok" : "";
  for (const auto& d : found)
    out += (out.empty() ? "" : "\n") + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message +
           " [" + DiagnosticCodeName(d.code) + "]";
  fs::remove_all(dir);
  return out;
}

TEST_CASE("fhir mapping: bad mapping files give located errors", "[fhir][mapping]") {
  const std::string root = "fhir: {}\ninclude: [codes.yaml]\n";
  struct Row {
    std::string mapping, codes, expect;
  };
  const std::vector<Row> rows = {
      {root, "observations:\n  - {loinc: 8480-6, question: patient.age, safer: higher}\n", "ok"},
      {root, "observations:\n  - {loinc: 8480, question: patient.age, safer: higher}\n",
       "2:13: '8480' is not written as a LOINC code (digits, a dash and a check digit: 8480-6) [bad-value]"},
      {root, "observations:\n  - {loinc: 8480-6, question: patient.agee, safer: higher}\n",
       "2:31: 'patient.agee' is not a question of this rulebook [unknown-reference]"},
      {root, "observations:\n  - {loinc: 8480-6, question: patient.age}\n", "2:5: observation mapping has no 'safer' [missing-key]"},
      {root, "observations:\n  - {loinc: 8480-6, question: patient.age, safer: higher}\n  - {loinc: 8480-6, question: patient.age, safer: lower}\n",
       "3:13: LOINC code '8480-6' is mapped twice (also at line 2) [duplicate-id]"},
      {root, "conditions:\n  - {question: patient.pregnant, answer: yes, label: p, source: s, snomed: [\"77386006\"]}\n",
       "2:42: answer 'yes' does not answer question 'patient.pregnant' (expected true: a coded condition says yes, never no) [bad-value]"},
      {root, "conditions:\n  - {question: patient.pregnant, answer: true, label: p, snomed: [\"77386006\"]}\n",
       "2:5: condition value set has no 'source' [missing-key]"},
      {root, "conditions:\n  - {question: patient.pregnant, answer: true, label: p, source: s, icd10cm: [Z33.1.]}\n",
       "2:79: 'Z33.1.' is not written as an ICD-10-CM code (a letter, two characters, then '.' and more: F20, I50.21) [bad-value]"},
      {root, "medications:\n  - {rxcui: \"5489\", drug: oxycodone}\n",
       "2:27: 'oxycodone' is not a drug of the lexicon (a generic name of medications.yaml) [unknown-reference]"},
      {root, "medications:\n  - {rxcui: 5489, drug: [hydrocodone, acetaminophen]}\n", "ok"},
      {"fhir: {vitals_max_age_days: -1}\ninclude: [codes.yaml]\n", "",
       "1:29: 'vitals_max_age_days' must be from 0 to 3650 [bad-value]"},
      {"fhir: {patient: {age: patient.sex}}\ninclude: [codes.yaml]\n", "",
       "1:23: question 'patient.sex' is enum; Patient.birthDate maps only to an integer question [bad-value]"},
      {root, "observations:\n  - {loinc: 8480-6, question: [patient.age], safer: higher}\n",
       "2:31: '?' is not a question of this rulebook (a question id) [unknown-reference]"},
      {"include: [codes.yaml]\n", "", "1:1: FHIR mapping file has no 'fhir' [missing-key]"},
      {"fhir: {}\ninclude: [../codes.yaml]\n", "", "2:11: include '../codes.yaml' must be a path inside the rulebook directory [bad-value]"},
      {root, "allergies:\n  - {question: patient.pregnant, label: l, source: s, names: [ketamine]}\n", "ok"},
      {root, "allergies:\n  - {question: patient.age, label: l, source: s, names: [ketamine]}\n",
       "2:16: question 'patient.age' is integer; an allergy maps only to a boolean question [bad-value]"},
      {root, "allergies:\n  - {question: patient.pregnant, label: l, source: s, names: []}\n",
       "2:62: an empty list is not an allergy's substance name (expected at least one name: [ketamine]) [bad-value]"},
      {root, "allergies:\n  - {question: patient.pregnant, label: l, source: s, names: [\"keta-mine\"]}\n",
       "2:63: 'keta-mine' is not an allergy's substance name (expected words of letters and digits, one space between: ketamine, Ketalar) [bad-value]"},
      {root, "allergies:\n  - {question: patient.pregnant, label: l, names: [ketamine]}\n", "2:5: allergy mapping has no 'source' [missing-key]"},
      {root, "observations: [\n", "?"},  // a YAML syntax error: located, whatever yaml-cpp calls it
  };
  for (const auto& r : rows) {
    INFO(r.mapping << "---\n" << r.codes);
    const std::string got = LoadErrors(r.mapping, r.codes);
    if (r.expect == "?") {
      CHECK(got != "ok");
      CHECK(got.find("[yaml-syntax]") != std::string::npos);
    } else {
      CHECK(got == r.expect);
    }
  }
}

}  // namespace
}  // namespace candidacy::testing
