// A YAML document as JSON, the way an editor's YAML language server sees it
// for schema validation: plain scalars typed by the YAML 1.2 core schema
// (null, true/false, integers, floats), quoted ones kept as text. Used by
// tests/contract/rule_schema_test.cc and tests/engine/rulebook/field_tables_test.cc.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace candidacy::testing {

// Throws YAML::Exception when `yaml` is not well-formed (a test's REQUIRE catches it).
nlohmann::json YamlToJson(const std::string& yaml);

// A JSON Schema in schemas/ (by file name), parsed.
nlohmann::json SchemaJson(const std::string& name);

}  // namespace candidacy::testing
