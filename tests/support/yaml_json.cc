// YAML as JSON for schema tests (yaml_json.h).
#include "yaml_json.h"

#include <regex>

#include <yaml-cpp/yaml.h>

#include "test_support.h"

namespace candidacy::testing {
namespace {

nlohmann::json Scalar(const YAML::Node& n) {
  const std::string& s = n.Scalar();
  if (n.Tag() != "?") return s;  // quoted, or tagged: text
  static const std::regex kInt("[-+]?[0-9]+"), kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (std::regex_match(s, kInt)) return std::stoll(s);
  if (std::regex_match(s, kFloat)) return std::stod(s);
  return s;
}

nlohmann::json Convert(const YAML::Node& n, int depth) {
  if (depth > 64) return nullptr;
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& kv : n) out[kv.first.Scalar()] = Convert(kv.second, depth + 1);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : n) out.push_back(Convert(item, depth + 1));
      return out;
    }
    case YAML::NodeType::Scalar: return Scalar(n);
    default: return nullptr;
  }
}

}  // namespace

nlohmann::json YamlToJson(const std::string& yaml) { return Convert(YAML::Load(yaml), 0); }

nlohmann::json SchemaJson(const std::string& name) {
  return nlohmann::json::parse(FileText(SourceDir() + "/schemas/" + name));
}

}  // namespace candidacy::testing
