// A Bundle's clinical resources read through the shipped rulebook's FHIR
// mappings (input/fhir_clinical.cc): FHIR dates, and a table of single
// resources with the facts, the not-used lines and the errors they give.
// Whole Bundles: fhir_bundle_test.cc and tests/cli/fhir_bundle_test.sh.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "input/fhir_clinical.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using internal::DocNode;

TEST_CASE("fhir dates: days and back", "[fhir][clinical]") {
  struct Row {
    const char* text;
    bool ok;
    const char* day;  // as FhirDayText writes it back
  };
  const std::vector<Row> rows = {
      {"2026-12-06", true, "2026-12-06"},          {"2026-12-06T09:30:00Z", true, "2026-12-06"},
      {"2024-02-29", true, "2024-02-29"},          {"1970-01-01", true, "1970-01-01"},
      {"1899-12-31T23:59:59+01:00", true, "1899-12-31"},
      {"2026-02-29", false, ""},                   {"2026-13-01", false, ""},
      {"2026-12", false, ""},                      {"2026", false, ""},
      {"2026-12-06 09:30", false, ""},             {"yesterday", false, ""},
      {"", false, ""},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    int day = 0;
    REQUIRE(internal::ParseFhirDay(r.text, &day) == r.ok);
    if (r.ok) CHECK(internal::FhirDayText(day) == r.day);
  }
  int a = 0, b = 0;
  internal::ParseFhirDay("2026-10-01", &a);
  internal::ParseFhirDay("2026-12-06", &b);
  CHECK(b - a == 66);
}

struct Read {
  std::string facts;     // "question=value <- source" lines
  std::string not_used;  // lines
  std::string errors;    // messages
};

Read ReadResource(const std::string& json, int day = -1, const Rulebook* rulebook = nullptr) {
  if (day == -1) internal::ParseFhirDay("2026-12-06", &day);
  std::vector<Diagnostic> errors;
  DocNode resource;
  REQUIRE(internal::ParseJsonDocument(json, "r.json", &resource, &errors));
  internal::FhirResourceRef ref;
  ref.resource = &resource;
  for (const auto& [k, v] : resource.members) {
    if (k == "resourceType") ref.type = v.text;
    if (k == "id") ref.id = v.text;
  }
  ref.at = "entry[0].resource";
  internal::EhrFacts facts;
  const auto& model = internal::ModelOf(rulebook != nullptr ? *rulebook : Shipped());
  internal::ReadClinicalResources({ref}, model, day, "r.json", &facts, &errors);
  Read out;
  for (const auto& f : facts.answers) {
    const std::string v = f.value.kind == DocNode::Kind::kBool ? (f.value.boolean ? "true" : "false")
                          : f.value.kind == DocNode::Kind::kInt ? std::to_string(f.value.integer)
                          : f.value.kind == DocNode::Kind::kFloat ? std::to_string(f.value.real) : f.value.text;
    out.facts += model.questions[f.question].id + "=" + v + " <- " + f.source + "\n";
  }
  for (const auto& m : facts.medications) out.facts += "medications=" + m.text.text + " <- " + m.source + "\n";
  for (const auto& n : facts.not_used) out.not_used += n + "\n";
  for (const auto& e : errors) out.errors += e.message + "\n";
  return out;
}

const std::string kActive = R"("clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"code":"confirmed"}]})";

TEST_CASE("fhir resources: what each gives", "[fhir][clinical]") {
  struct Row {
    std::string name, json;
    Read want;
  };
  const std::vector<Row> rows = {
      {"age on the day before the birthday", R"({"resourceType":"Patient","id":"p","birthDate":"1988-12-07","gender":"female"})",
       {"patient.age=37 <- Patient/p birthDate 1988-12-07\npatient.sex=female <- Patient/p gender female\n", "", ""}},
      {"age on the birthday", R"({"resourceType":"Patient","id":"p","birthDate":"1988-12-06"})", {"patient.age=38 <- Patient/p birthDate 1988-12-06\n", "", ""}},
      {"a partial birth date", R"({"resourceType":"Patient","id":"p","birthDate":"1988"})", {"", "Patient/p birthDate 1988: not a full date, so no age\n", ""}},
      {"gender other is not mapped", R"({"resourceType":"Patient","id":"p","gender":"other"})", {"", "Patient/p gender 'other': not mapped to patient.sex\n", ""}},
      {"a BP panel's components",
       R"({"resourceType":"Observation","id":"bp","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"effectiveDateTime":"2026-12-01","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":142,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":91,"code":"mm[Hg]"}}]})",
       {"vitals.systolic_bp=142 <- Observation/bp LOINC 8480-6 of 2026-12-01\nvitals.diastolic_bp=91 <- Observation/bp LOINC 8462-4 of 2026-12-01\n", "", ""}},
      {"a decimal SpO2 rounds for the integer question",
       R"({"resourceType":"Observation","id":"s","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"59408-5"}]},"effectivePeriod":{"start":"2026-12-06T08:00:00Z"},"valueQuantity":{"value":93.5,"unit":"%"}})",
       {"vitals.spo2=94 <- Observation/s LOINC 59408-5 of 2026-12-06\n", "", ""}},
      {"30 days old is still used",
       R"({"resourceType":"Observation","id":"h","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"effectiveDateTime":"2026-11-06","valueQuantity":{"value":72,"code":"/min"}})",
       {"vitals.heart_rate=72 <- Observation/h LOINC 8867-4 of 2026-11-06\n", "", ""}},
      {"31 days old is stale",
       R"({"resourceType":"Observation","id":"h","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"effectiveDateTime":"2026-11-05","valueQuantity":{"value":72,"code":"/min"}})",
       {"", "Observation/h LOINC 8867-4: taken 2026-11-05, 31 days before the screening date; stale (older than 30 days)\n", ""}},
      {"a preliminary reading",
       R"({"resourceType":"Observation","id":"h","status":"preliminary","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"effectiveDateTime":"2026-12-06","valueQuantity":{"value":72,"code":"/min"}})",
       {"", "Observation/h LOINC 8867-4: status 'preliminary' (only final, amended or corrected are used)\n", ""}},
      {"no status",
       R"({"resourceType":"Observation","id":"h","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"effectiveDateTime":"2026-12-06","valueQuantity":{"value":72,"code":"/min"}})",
       {"", "Observation/h LOINC 8867-4: status not given (only final, amended or corrected are used)\n", ""}},
      {"no date",
       R"({"resourceType":"Observation","id":"h","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueQuantity":{"value":72,"code":"/min"}})",
       {"", "Observation/h LOINC 8867-4: no effective date, so its age is unknown\n", ""}},
      {"a weight in pounds",
       R"({"resourceType":"Observation","id":"w","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},"effectiveDateTime":"2026-12-06","valueQuantity":{"value":150,"code":"[lb_av]"}})",
       {"", "Observation/w LOINC 29463-7: unit '[lb_av]' is not kg (UCUM 'kg'); not converted\n", ""}},
      {"an unmapped LOINC code is not read, and said",
       R"({"resourceType":"Observation","id":"t","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8310-5"}]},"valueQuantity":{"value":37}})",
       {"", "Observation/t LOINC 8310-5: in no mapping of the rulebook\n", ""}},
      {"BMI is derived here, not read: said",
       R"({"resourceType":"Observation","id":"b","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"39156-5"}]},"valueQuantity":{"value":24.5,"code":"kg/m2"}})",
       {"", "Observation/b LOINC 39156-5: in no mapping of the rulebook\n", ""}},
      {"a clinical resource not read: said",
       R"({"resourceType":"Procedure","id":"p1","status":"completed","code":{"text":"appendectomy"}})",
       {"", "Procedure/p1: a resourceType this rulebook does not read\n", ""}},
      {"an active ketamine allergy, confirmed",
       R"({"resourceType":"AllergyIntolerance","id":"a1","clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"code":"confirmed"}]},"code":{"text":"Ketamine hydrochloride"}})",
       {"history.ketamine_allergy=true <- AllergyIntolerance/a1 'Ketamine hydrochloride' (ketamine or esketamine)\n", "", ""}},
      {"unconfirmed, named by a coding's display",
       R"({"resourceType":"AllergyIntolerance","id":"a2","clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"code":"unconfirmed"}]},"code":{"coding":[{"system":"http://example.org/drugs","code":"x1","display":"Spravato 28 MG nasal spray"}]}})",
       {"history.ketamine_allergy=true <- AllergyIntolerance/a2 'Spravato 28 MG nasal spray' (ketamine or esketamine)\n", "", ""}},
      {"refuted: not used",
       R"({"resourceType":"AllergyIntolerance","id":"a3","clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"code":"refuted"}]},"code":{"text":"ketamine"}})",
       {"", "AllergyIntolerance/a3 'ketamine': verification status 'refuted'\n", ""}},
      {"resolved: not used",
       R"({"resourceType":"AllergyIntolerance","id":"a4","clinicalStatus":{"coding":[{"code":"resolved"}]},"code":{"text":"ketamine"}})",
       {"", "AllergyIntolerance/a4 'ketamine': clinical status 'resolved' (only active is used)\n", ""}},
      {"another substance: said",
       R"({"resourceType":"AllergyIntolerance","id":"a5","clinicalStatus":{"coding":[{"code":"active"}]},"code":{"text":"Penicillin"}})",
       {"", "AllergyIntolerance/a5 'Penicillin': in no allergy mapping of the rulebook\n", ""}},
      {"no substance named: said",
       R"({"resourceType":"AllergyIntolerance","id":"a6","clinicalStatus":{"coding":[{"code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"91936005"}]}})",
       {"", "AllergyIntolerance/a6: no substance named (code.text or a coding's display)\n", ""}},
      {"an administrative resource: passed over",
       R"({"resourceType":"Encounter","id":"e1","status":"finished"})",
       {"", "", ""}},
      {"an Observation with no LOINC code: said",
       R"({"resourceType":"Observation","id":"n","status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"271649006"}]},"valueQuantity":{"value":120}})",
       {"", "Observation/n: no LOINC code (the rulebook reads vital signs by LOINC)\n", ""}},
      {"a malformed value",
       R"({"resourceType":"Observation","id":"h","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"effectiveDateTime":"2026-12-06","valueQuantity":{"value":"72"}})",
       {"", "", "Observation.valueQuantity.value expected a number, found text (Observation/h, at entry[0].resource.valueQuantity.value)\n"}},
      {"schizophrenia, active and confirmed",
       R"({"resourceType":"Condition","id":"c",)" + kActive + R"(,"code":{"coding":[{"system":"http://snomed.info/sct","code":"58214004"}]}})",
       {"history.psychosis=true <- Condition/c SNOMED CT 58214004 (schizophrenia and other psychotic disorders)\n", "", ""}},
      {"cirrhosis answers the enum",
       R"({"resourceType":"Condition","id":"c",)" + kActive + R"(,"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"K74.60"}]}})",
       {"history.liver_disease=cirrhosis <- Condition/c ICD-10-CM K74.60 (cirrhosis of the liver)\n", "", ""}},
      {"in remission",
       R"({"resourceType":"Condition","id":"c","clinicalStatus":{"coding":[{"code":"remission"}]},"verificationStatus":{"coding":[{"code":"confirmed"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"13746004"}]}})",
       {"", "Condition/c SNOMED CT 13746004: clinical status 'remission' (only active, recurrence or relapse are used)\n", ""}},
      {"refuted",
       R"({"resourceType":"Condition","id":"c","clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"code":"refuted"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"13746004"}]}})",
       {"", "Condition/c SNOMED CT 13746004: verification status 'refuted' (only confirmed is used)\n", ""}},
      {"a code in no value set",
       R"({"resourceType":"Condition","id":"c",)" + kActive + R"(,"code":{"coding":[{"system":"http://snomed.info/sct","code":"39065001"}]}})",
       {"", "Condition/c SNOMED CT 39065001: in no value set of the rulebook\n", ""}},
      {"RxNorm ingredient",
       R"({"resourceType":"MedicationStatement","id":"m","status":"active","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"7804","display":"oxycodone"}]}})",
       {"medications=oxycodone <- MedicationStatement/m RxNorm 7804\n", "", ""}},
      {"an unmapped RxCUI falls back to the display",
       R"({"resourceType":"MedicationRequest","id":"m","status":"active","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1","display":"Phenelzine 15 MG Oral Tablet"}]}})",
       {"medications=Phenelzine 15 MG Oral Tablet <- MedicationRequest/m display of RxNorm 1\n", "", ""}},
      {"the text wins over a display",
       R"({"resourceType":"MedicationStatement","id":"m","status":"active","medicationCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"1","display":"x"}],"text":"Nardil 15 mg"}})",
       {"medications=Nardil 15 mg <- MedicationStatement/m text (SNOMED CT 1 not mapped)\n", "", ""}},
      {"a contained Medication",
       R"({"resourceType":"MedicationStatement","id":"m","status":"active","contained":[{"resourceType":"Medication","id":"x","code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"596"}]}}],"medicationReference":{"reference":"#x"}})",
       {"medications=alprazolam <- MedicationStatement/m RxNorm 596\n", "", ""}},
      {"no code, no name: kept",
       R"({"resourceType":"MedicationStatement","id":"m","status":"active","medicationCodeableConcept":{}})",
       {"medications=medication with no code or name <- MedicationStatement/m\n", "", ""}},
      {"stopped",
       R"({"resourceType":"MedicationStatement","id":"m","status":"stopped","medicationCodeableConcept":{"text":"lorazepam"}})",
       {"", "MedicationStatement/m: status 'stopped' (only active medications are used)\n", ""}},
      {"an unresolved reference",
       R"({"resourceType":"MedicationRequest","id":"m","status":"active","medicationReference":{"reference":"Medication/none"}})",
       {"", "", "medicationReference 'Medication/none' names no Medication in this Bundle or the resource's contained (MedicationRequest/m, at entry[0].resource.medicationReference.reference)\n"}},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    const Read got = ReadResource(r.json);
    CHECK(got.facts == r.want.facts);
    CHECK(got.not_used == r.want.not_used);
    CHECK(got.errors == r.want.errors);
  }
}

// A rulebook whose FHIR mapping has no allergies reads no AllergyIntolerance,
// and says so (the engine names no question of its own).
TEST_CASE("fhir resources: an allergy, with a mapping that has none", "[fhir][clinical]") {
  std::map<std::string, std::string> files;
  for (const char* f : {"rulebook.yaml", "questions.yaml", "derived.yaml", "medications.yaml", "common-words.yaml", "rules/indication.yaml",
                        "rules/exclusions.yaml", "rules/review.yaml", "rules/interactions.yaml", "rules/logistics.yaml", "fhir/mapping.yaml",
                        "fhir/observations.yaml", "fhir/conditions.yaml", "fhir/medications.yaml"})
    files[f] = FileText(SourceDir() + "/rules/ketamine/" + f);
  std::string& mapping = files.at("fhir/mapping.yaml");
  const auto at = mapping.find("  - allergies.yaml\n");
  REQUIRE(at != std::string::npos);
  mapping.erase(at, std::string("  - allergies.yaml\n").size());
  TempRulebook none(files);
  REQUIRE(none.Load().ok());
  CHECK(internal::ModelOf(*none.rulebook()).ehr.allergies.empty());
  const Read got = ReadResource(
      R"({"resourceType":"AllergyIntolerance","id":"a1","clinicalStatus":{"coding":[{"code":"active"}]},"code":{"text":"ketamine"}})", -1,
      none.rulebook().get());
  CHECK(got.facts.empty());
  CHECK(got.not_used == "AllergyIntolerance/a1: a resourceType this rulebook does not read (its FHIR mapping has no allergies)\n");
}

}  // namespace
}  // namespace candidacy::testing
