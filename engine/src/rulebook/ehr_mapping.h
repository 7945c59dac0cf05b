// The rulebook's FHIR code mappings (rules/<book>/fhir/*.yaml, docs/fhir.md):
// which LOINC Observation codes answer which vital questions, which SNOMED CT
// and ICD-10-CM value sets answer which history questions, which RxNorm
// RxCUIs are which lexicon drugs, and how old a vital sign may be. Loaded by
// rulebook/loader_ehr.cc, read by input/fhir_clinical.cc.
// Tested by tests/engine/rulebook/loader_ehr_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "candidacy/status.h"

namespace candidacy::internal {

struct Model;

inline constexpr const char* kLoincSystem = "http://loinc.org";
inline constexpr const char* kSnomedSystem = "http://snomed.info/sct";
inline constexpr const char* kIcd10CmSystem = "http://hl7.org/fhir/sid/icd-10-cm";
inline constexpr const char* kRxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";

// One LOINC code read from Observation.code or Observation.component[].code.
struct EhrObservationCode {
  std::string loinc;
  std::string display;
  int question = -1;           // a number question
  bool higher_is_safer = true; // the higher reading is the more concerning (used on disagreement)
  SourceLocation where;
};

// A value set: Condition codes that answer one question with one value.
struct EhrConditionSet {
  int question = -1;     // boolean or enum question
  int value = 1;         // boolean: 1 (yes); enum: the value's index
  std::string label;     // what the set is ("schizophrenia and other psychotic disorders")
  std::string source;    // where the codes come from
  std::vector<std::string> snomed;   // exact concept ids
  std::vector<std::string> icd10cm;  // a code and every code below it (F20 takes F20.9)
  SourceLocation where;
};

// An allergy: an AllergyIntolerance whose substance (code.text, or a
// coding's display) names one of `names` answers a boolean question yes.
struct EhrAllergySet {
  int question = -1;               // a boolean question
  std::string label;               // what the allergy is ("ketamine or esketamine")
  std::string source;              // where the names come from
  std::vector<std::string> names;  // whole words, letters folded: "ketamine", "Spravato"
  SourceLocation where;
};

// An RxNorm concept (ingredient or product) -> the lexicon drugs it is.
struct EhrMedicationCode {
  std::string rxcui;
  std::string name;                  // as the mapping writes it
  std::vector<std::string> generics; // lexicon generic names, each known to the lexicon
  SourceLocation where;
};

struct EhrMapping {
  bool loaded = false;       // the rulebook has fhir/mapping.yaml
  std::string sha256;        // over the mapping files, as Model::sha256 is over the rule files
  std::vector<std::string> files;
  std::string questionnaire_url;  // the canonical a response must name; default urn:candidacy:<id>
  int vitals_max_age_days = 30;
  int age_question = -1, sex_question = -1;
  std::unordered_map<std::string, std::string> gender_values;  // Patient.gender -> sex value
  std::vector<EhrObservationCode> observations;
  std::vector<EhrConditionSet> conditions;
  std::vector<EhrMedicationCode> medications;
  std::vector<EhrAllergySet> allergies;
  std::unordered_map<std::string, int> by_loinc, by_rxcui, by_snomed;  // -> index
  std::vector<std::pair<std::string, int>> icd10cm;                    // (code, condition set)

  // The condition sets a coding is in, at most one a question, in set order:
  // a SNOMED CT concept's set; for ICD-10-CM, each question's longest listed
  // code that is the code or a parent of it (F31.11 is both F31, bipolar
  // disorder, and F31.1, a current manic episode). Empty: in none.
  std::vector<int> ConditionsOf(std::string_view system, std::string_view code) const;
  // The allergy sets one of whose names is a word of `text` (letters folded), in set order.
  std::vector<int> AllergiesNamedIn(std::string_view text) const;
};

// An allergy name as the mapping may write it: words of ASCII letters and
// digits, one space between them ("ketamine", "Ketalar", "St John").
bool IsAllergyName(std::string_view name);

// Reads <model->directory>/fhir/mapping.yaml and the files it includes into
// model->ehr, when the file exists; appends located diagnostics. Returns false
// when there are errors. A rulebook without the file screens no Bundle data
// but its Bundles' QuestionnaireResponses.
bool LoadEhrMapping(Model* model, std::vector<Diagnostic>* diagnostics);

}  // namespace candidacy::internal
