// SchemaFile (schema_file.h): valijson over nlohmann's documents.
#include "schema_file.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "test_support.h"

namespace candidacy::testing {

SchemaFile::SchemaFile(const std::string& path) : document_(nlohmann::json::parse(FileText(path))) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(document_);
  parser.populateSchema(adapter, schema_);
}

std::string SchemaFile::Errors(const nlohmann::json& value) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(value);
  if (validator.validate(schema_, target, &results)) return "";
  std::string out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const auto& part : error.context) path += part;
    out += path + ": " + error.description + "\n";
  }
  return out.empty() ? "invalid\n" : out;
}

}  // namespace candidacy::testing
