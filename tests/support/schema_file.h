// A JSON Schema file parsed once for valijson (Debian libvalijson-dev 1.0,
// which reads draft 7: our schemas keep to the keywords drafts 7 and 2020-12
// share). Used by tests/contract/schema_test.cc (docs/*.schema.json) and
// tests/contract/rule_schema_test.cc (schemas/*.schema.json).
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <valijson/schema.hpp>

namespace candidacy::testing {

class SchemaFile {
 public:
  explicit SchemaFile(const std::string& path);
  // "" when `value` is valid; otherwise every error with its JSON path, one a line.
  std::string Errors(const nlohmann::json& value) const;

 private:
  nlohmann::json document_;
  valijson::Schema schema_;
};

}  // namespace candidacy::testing
