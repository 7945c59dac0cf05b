// A deterministic text dump of every field of a checked Model, one item a
// line, so two models can be compared with a readable difference. Used by
// tests/rulebook_image_test.cc to prove an image reads back to the model the
// YAML gave. A field added to the Model must be added here too
// (engine/src/rulebook_image_layout.h trips the build when one is).
#pragma once

#include <string>

#include "rulebook_model.h"

namespace candidacy::testing {

std::string DumpModel(const internal::Model& model);

}  // namespace candidacy::testing
