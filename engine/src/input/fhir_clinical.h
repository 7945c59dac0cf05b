// What a FHIR Bundle's clinical resources say about the rulebook's questions:
// Patient (age at the screening date, sex), Observation (LOINC vital signs,
// within the rulebook's staleness window), Condition (active and confirmed,
// in a SNOMED CT or ICD-10-CM value set) and MedicationStatement /
// MedicationRequest (active; RxNorm codes, else the name as written), each
// read through the rulebook's FHIR mappings (rulebook/ehr_mapping.h).
// Mapping and precedence: docs/fhir.md. Tested by tests/engine/input/fhir_clinical_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "candidacy/status.h"
#include "input/document.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// A day as days since 1970-01-01, from "YYYY-MM-DD" or a dateTime that opens
// with one; false for anything else (a partial date "2026" or "2026-12" too).
bool ParseFhirDay(std::string_view text, int* day);
std::string FhirDayText(int day);  // "2026-12-07"

// How a disagreement between the questionnaire and the EHR is settled.
enum class Precedence {
  kYesWins,        // boolean: a coded condition says yes; yes raises a flag
  kLaterValueWins, // enum: the value listed later in the question is the more severe (none < mild < cirrhosis)
  kHigherWins,     // a vital sign whose higher reading is the more concerning
  kLowerWins,      // ... whose lower reading is (SpO2, height for BMI)
  kNeither,        // no safer side (age, sex): the question is left unanswered, both shown
};

struct EhrFact {
  int question = -1;
  DocNode value;           // as the questionnaire would give it (bool, number, enum code)
  std::string source;      // "Observation/bp-1 LOINC 8480-6"
  std::string origin;      // diagnostics suffix: " (Observation/bp-1, at entry[2].resource...)"
  int day = -1;            // when it was observed (Observations), else -1
  Precedence precedence = Precedence::kNeither;
};

struct EhrMedication {
  DocNode text;            // the entry as the lexicon will read it
  std::string source;
  std::string origin;
};

// One resource of the Bundle, with its JSON path ("entry[3].resource"), over
// a document view (input/doc_node_view.h, input/simd_view.h).
template <typename View>
struct FhirResourceRefOf {
  View resource;
  std::string type, id, at, full_url;
};
// ... over the located reader's tree.
struct FhirResourceRef {
  const DocNode* resource = nullptr;
  std::string type, id, at, full_url;
};

struct EhrFacts {
  std::vector<EhrFact> answers;            // possibly several per question; the reader combines them
  std::vector<EhrMedication> medications;  // in Bundle order
  std::vector<std::string> not_used;       // read, not used, and why
  bool needs_date = false;                 // a Patient birthDate or an Observation was seen
};

// Reads every Patient, Observation, Condition, MedicationStatement and
// MedicationRequest of `resources` (other types are not read). `screening_day`
// is -1 when the Bundle gives no date: then ages and staleness cannot be
// judged and *facts->needs_date says whether that matters. Malformed
// resources are errors (located, naming the resource and the JSON path).
void ReadClinicalResources(const std::vector<FhirResourceRef>& resources, const Model& model, int screening_day,
                           const std::string& file, EhrFacts* facts, std::vector<Diagnostic>* errors);
// The same over a document view; instantiated for DocNodeView and SimdView (whose messages have no place: the
// fast path declines on any error).
template <typename View>
void ReadClinicalResources(const std::vector<FhirResourceRefOf<View>>& resources, const Model& model, int screening_day,
                           const std::string& file, EhrFacts* facts, std::vector<Diagnostic>* errors);

}  // namespace candidacy::internal
