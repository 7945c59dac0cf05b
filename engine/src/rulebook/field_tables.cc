// The keys of every rule-file mapping (field_tables.h). Test: tests/engine/rulebook/field_tables_test.cc.
#include "rulebook/field_tables.h"

namespace candidacy::internal {

const std::vector<FieldTable>& AllFieldTables() {
  static const std::vector<FieldTable> kTables = {
      {Mapping::kRulebookFile, "rulebook file", {"rulebook", "policy", "sources", "include"}, {"rulebook", "sources", "include"}},
      {Mapping::kMetadata, "rulebook metadata",
       {"id", "title", "version", "effective", "reviewed_by", "reviewed_on", "review_period_months"},
       {"id", "title", "version", "effective"}},
      {Mapping::kPolicy, "policy", {"bands", "unrecognized_medication", "probable_medication_matches"}, {}},
      {Mapping::kBand, "score band", {"name", "from", "outcome"}, {"name", "from"}},
      {Mapping::kSource, "source", {"label", "citation", "url"}, {"label", "citation"}},
      {Mapping::kRuleFile, "rule file", {"questions", "derived", "classes", "drugs", "combinations", "common_words", "rules"}, {}},
      {Mapping::kQuestion, "question",
       {"id", "type", "unit", "range", "values", "required", "asked_when", "implied_by", "prompt", "for_the_record"},
       {"id", "type", "prompt"}},
      {Mapping::kDerived, "derived value", {"id", "type", "unit", "expr", "description"}, {"id", "expr"}},
      {Mapping::kClass, "medication class", {"id", "title", "interacts"}, {"id"}},
      {Mapping::kDrug, "drug", {"generic", "classes", "brands", "patterns"}, {"generic", "classes"}},
      {Mapping::kCombination, "combination", {"name", "ingredients", "patterns"}, {"name", "ingredients"}},
      {Mapping::kRule, "rule",
       {"id", "title", "severity", "points", "when", "message", "action", "sources", "local_policy", "urgent",
        "reviewed_by", "reviewed_on"},
       {"id", "title", "severity", "when", "message", "action"}},
      {Mapping::kTestFile, "test file", {"bases", "cases"}, {}},
      {Mapping::kTestCase, "test case", {"name", "base", "set", "remove", "expect"}, {"name", "base", "expect"}},
      {Mapping::kExpectation, "expectation",
       {"outcome", "fires", "not_fires", "undecided", "not_evaluated", "missing", "score", "band", "unrecognized",
        "probable", "urgent"},
       {}},
      {Mapping::kFhirMappingFile, "FHIR mapping file", {"fhir", "include"}, {"fhir"}},
      {Mapping::kFhirSettings, "fhir settings", {"questionnaire", "vitals_max_age_days", "patient"}, {}},
      {Mapping::kFhirPatient, "patient mapping", {"age", "sex", "gender"}, {}},
      {Mapping::kFhirGender, "gender mapping", {"male", "female", "other", "unknown"}, {}},
      {Mapping::kFhirCodeFile, "FHIR mapping file", {"observations", "conditions", "medications", "allergies"}, {}},
      {Mapping::kFhirObservation, "observation mapping", {"loinc", "display", "question", "safer"}, {"loinc", "question", "safer"}},
      {Mapping::kFhirCondition, "condition value set", {"question", "answer", "label", "source", "snomed", "icd10cm"},
       {"question", "answer", "label", "source"}},
      {Mapping::kFhirMedication, "medication code", {"rxcui", "name", "drug"}, {"rxcui", "drug"}},
      {Mapping::kFhirAllergy, "allergy mapping", {"question", "label", "source", "names"}, {"question", "label", "source", "names"}},
  };
  return kTables;
}

const FieldTable& FieldsOf(Mapping mapping) { return AllFieldTables()[static_cast<size_t>(mapping)]; }

bool CheckFields(YamlFile* f, const YAML::Node& node, Mapping mapping) {
  const FieldTable& t = FieldsOf(mapping);
  return f->CheckMapping(node, t.what, t.allowed, t.required);
}

}  // namespace candidacy::internal
