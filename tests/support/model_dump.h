// A deterministic text dump of every field of a checked Model, one item a
// line, so two models can be compared with a readable difference. Used by
// tests/engine/rulebook/image_test.cc to prove an image reads back to the model the
// YAML gave; with the helpers both image tests load models with. A field added to the Model must be added here too
// (engine/src/rulebook/image_layout.h trips the build when one is).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rulebook/model.h"

namespace candidacy::testing {

std::string DumpModel(const internal::Model& model);

// rules/ketamine of the source tree.
std::string ShippedDir();

// The checked Model of a rulebook directory parsed from its YAML (REQUIREs it
// loads, showing the diagnostics when not); the diagnostics in *diagnostics if given.
std::unique_ptr<internal::Model> LoadYaml(const std::string& dir, std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace candidacy::testing
