// Editing and re-emitting a rule test's questionnaire YAML: `set` and `remove`
// applied to its base document, then emitted for ReadQuestionnaire. Test: tests/engine/authoring/rulebook_tests_yaml_test.cc.
#include "authoring/rulebook_tests_yaml.h"

namespace candidacy::internal {
namespace {

// yaml-cpp: a missing key gives an invalid node whose IsMap() throws; IsDefined() does not.
bool HasMap(const YAML::Node& map, const std::string& key) {
  const YAML::Node n = map[key];
  return n.IsDefined() && n.IsMap();
}

}  // namespace

void SetPath(YAML::Node map, const std::string& path, const YAML::Node& value) {
  const YAML::Node& view = map;
  if (view[path].IsDefined()) {
    map[path] = value;
    return;
  }
  for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
    if (HasMap(view, path.substr(0, dot))) return SetPath(map[path.substr(0, dot)], path.substr(dot + 1), value);
  }
  const size_t dot = path.find('.');
  if (dot == std::string::npos) {
    map[path] = value;
    return;
  }
  map[path.substr(0, dot)] = YAML::Node(YAML::NodeType::Map);
  SetPath(map[path.substr(0, dot)], path.substr(dot + 1), value);
}

void RemovePath(YAML::Node map, const std::string& path) {
  const YAML::Node& view = map;
  if (view[path].IsDefined()) map.remove(path);
  for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1))
    if (HasMap(view, path.substr(0, dot))) RemovePath(map[path.substr(0, dot)], path.substr(dot + 1));
}

// The node answering `path` in `map`, or an undefined node.
YAML::Node FindPath(const YAML::Node& map, const std::string& path) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  if (map[path].IsDefined()) return map[path];
  for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1))
    if (HasMap(map, path.substr(0, dot))) {
      YAML::Node found = FindPath(map[path.substr(0, dot)], path.substr(dot + 1));
      if (found.IsDefined()) return found;
    }
  return YAML::Node(YAML::NodeType::Undefined);
}

// Emits `node` keeping quoted scalars quoted: a test's '5' stays text.
void Emit(YAML::Emitter& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      out << YAML::BeginMap;
      for (const auto& kv : node) {
        out << YAML::Key << kv.first.Scalar() << YAML::Value;
        Emit(out, kv.second);
      }
      out << YAML::EndMap;
      return;
    case YAML::NodeType::Sequence:
      out << YAML::BeginSeq;
      for (const auto& item : node) Emit(out, item);
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Scalar:
      if (node.Tag() == "?")
        out << node.Scalar();
      else
        out << YAML::DoubleQuoted << node.Scalar();
      return;
    default:
      out << YAML::Null;
  }
}

}  // namespace candidacy::internal
