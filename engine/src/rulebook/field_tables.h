// The keys each mapping of a rule file may and must have, in one table: the
// loader checks every mapping against it, and the JSON Schemas in schemas/
// are checked against it (tests/engine/rulebook/field_tables_test.cc), so the
// schemas an editor validates with cannot drift from what the loader accepts.
#pragma once

#include <string_view>
#include <vector>

#include "base/yaml_util.h"

namespace candidacy::internal {

// Every kind of mapping in a rulebook's files.
enum class Mapping {
  kRulebookFile,  // rulebook.yaml's top level
  kMetadata,      // rulebook:
  kPolicy,        // policy:
  kBand,          // policy: bands: - ...
  kSource,        // sources: - ...
  kRuleFile,      // an included file's top level
  kQuestion,      // questions: - ...
  kDerived,       // derived: - ...
  kClass,         // classes: - ...
  kDrug,          // drugs: - ...
  kCombination,   // combinations: - ...
  kRule,          // rules: - ...
  kTestFile,      // tests/*.yaml top level
  kTestCase,      // cases: - ...
  kExpectation,   // cases: - expect:
  kFhirMappingFile,  // fhir/mapping.yaml's top level
  kFhirSettings,     // fhir:
  kFhirPatient,      // fhir: patient:
  kFhirGender,       // fhir: patient: gender:
  kFhirCodeFile,     // a code file's top level (fhir/observations.yaml, ...)
  kFhirObservation,  // observations: - ...
  kFhirCondition,    // conditions: - ...
  kFhirMedication,   // medications: - ...
  kFhirAllergy,      // allergies: - ...
};

struct FieldTable {
  Mapping mapping;
  std::string_view what;  // as diagnostics name it: "question", "score band"
  std::vector<std::string_view> allowed;
  std::vector<std::string_view> required;  // a subset of allowed
};

// The table of `mapping`.
const FieldTable& FieldsOf(Mapping mapping);
// Every table, in the order of Mapping.
const std::vector<FieldTable>& AllFieldTables();

// YamlFile::CheckMapping with the table of `mapping`: reports a node that is
// not a mapping, an unknown key and a missing one; false when it is no mapping.
bool CheckFields(YamlFile* f, const YAML::Node& node, Mapping mapping);

}  // namespace candidacy::internal
