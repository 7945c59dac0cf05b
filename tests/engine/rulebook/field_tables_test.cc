// The loader's key tables (rulebook/field_tables.h) against the JSON Schemas
// in schemas/, both ways: every table is one schema object whose properties
// are exactly its allowed keys and whose required list is its required keys,
// with no other key allowed; and every object a schema describes is a table.
#include "rulebook/field_tables.h"

#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "yaml_json.h"

using namespace candidacy::internal;
using candidacy::testing::SchemaJson;

namespace {

struct Place {
  Mapping mapping;
  const char* schema;
  const char* pointer;  // JSON pointer of the object in that schema
};

const Place kPlaces[] = {
    {Mapping::kRulebookFile, "rulebook.schema.json", ""},
    {Mapping::kMetadata, "rulebook.schema.json", "/$defs/metadata"},
    {Mapping::kPolicy, "rulebook.schema.json", "/$defs/policy"},
    {Mapping::kBand, "rulebook.schema.json", "/$defs/band"},
    {Mapping::kSource, "rulebook.schema.json", "/$defs/source"},
    {Mapping::kRuleFile, "rule-file.schema.json", ""},
    {Mapping::kQuestion, "rule-file.schema.json", "/$defs/question"},
    {Mapping::kDerived, "rule-file.schema.json", "/$defs/derived"},
    {Mapping::kClass, "rule-file.schema.json", "/$defs/class"},
    {Mapping::kDrug, "rule-file.schema.json", "/$defs/drug"},
    {Mapping::kCombination, "rule-file.schema.json", "/$defs/combination"},
    {Mapping::kRule, "rule-file.schema.json", "/$defs/rule"},
    {Mapping::kTestFile, "tests.schema.json", ""},
    {Mapping::kTestCase, "tests.schema.json", "/$defs/case"},
    {Mapping::kExpectation, "tests.schema.json", "/$defs/expectation"},
    {Mapping::kFhirMappingFile, "fhir-mapping.schema.json", ""},
    {Mapping::kFhirSettings, "fhir-mapping.schema.json", "/$defs/settings"},
    {Mapping::kFhirPatient, "fhir-mapping.schema.json", "/$defs/patient"},
    {Mapping::kFhirGender, "fhir-mapping.schema.json", "/$defs/gender"},
    {Mapping::kFhirCodeFile, "fhir-codes.schema.json", ""},
    {Mapping::kFhirObservation, "fhir-codes.schema.json", "/$defs/observation"},
    {Mapping::kFhirCondition, "fhir-codes.schema.json", "/$defs/condition"},
    {Mapping::kFhirMedication, "fhir-codes.schema.json", "/$defs/medication"},
    {Mapping::kFhirAllergy, "fhir-codes.schema.json", "/$defs/allergy"},
};

std::set<std::string> Keys(const std::vector<std::string_view>& list) { return {list.begin(), list.end()}; }

// Every JSON pointer under `j` of an object schema with "properties".
void ObjectSchemas(const nlohmann::json& j, const std::string& at, std::set<std::string>* out) {
  if (!j.is_object()) return;
  if (j.contains("properties")) out->insert(at);
  for (const auto& [key, value] : j.items())
    if (key == "$defs" || key == "properties")
      for (const auto& [name, sub] : value.items()) ObjectSchemas(sub, at + "/" + key + "/" + name, out);
}

}  // namespace

TEST_CASE("every loader field table is a schema object with the same keys") {
  REQUIRE(std::size(kPlaces) == AllFieldTables().size());
  const Place& p = GENERATE(Catch::Generators::from_range(std::begin(kPlaces), std::end(kPlaces)));
  const FieldTable& t = FieldsOf(p.mapping);
  CAPTURE(t.what, p.schema, p.pointer);
  REQUIRE(t.mapping == p.mapping);
  const nlohmann::json schema = SchemaJson(p.schema);
  const nlohmann::json& object = schema.at(nlohmann::json::json_pointer(p.pointer));
  std::set<std::string> properties, required;
  for (const auto& [key, value] : object.at("properties").items()) properties.insert(key);
  if (object.contains("required")) required = object["required"].get<std::set<std::string>>();
  CHECK(properties == Keys(t.allowed));
  CHECK(required == Keys(t.required));
  CHECK(object.at("additionalProperties") == false);
  for (auto key : t.required) CHECK(std::find(t.allowed.begin(), t.allowed.end(), key) != t.allowed.end());
}

TEST_CASE("every object a schema describes has a loader field table") {
  const std::string name = GENERATE("rulebook.schema.json", "rule-file.schema.json", "tests.schema.json",
                                    "fhir-mapping.schema.json", "fhir-codes.schema.json");
  const nlohmann::json schema = SchemaJson(name);
  CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
  std::set<std::string> objects, tabled;
  ObjectSchemas(schema, "", &objects);
  for (const auto& p : kPlaces)
    if (p.schema == name) tabled.insert(p.pointer);
  CHECK(objects == tabled);
}
