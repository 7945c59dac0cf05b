// Editing and re-emitting a rule test's questionnaire YAML (rulebook_tests_yaml.cc).
// Answers may be nested (vitals: {systolic_bp: 120}) or flat (vitals.systolic_bp: 120).
// Private to the engine. Test: tests/engine/authoring/rulebook_tests_yaml_test.cc.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

namespace candidacy::internal {

// Sets the answer at dotted `path`, into an existing nested mapping when one holds it.
void SetPath(YAML::Node map, const std::string& path, const YAML::Node& value);
// Removes the answer at dotted `path`, nested or flat.
void RemovePath(YAML::Node map, const std::string& path);
// The node answering `path` in `map`, or an undefined node.
YAML::Node FindPath(const YAML::Node& map, const std::string& path);
// Emits `node` keeping quoted scalars quoted: a test's '5' stays text.
void Emit(YAML::Emitter& out, const YAML::Node& node);

}  // namespace candidacy::internal
