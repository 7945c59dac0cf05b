// The engine's own way into a loaded Rulebook: its checked model. Kept out of
// the public header so that no public call returns an internal type.
// Used by every stage above rulebook/; tested through all of them.
#pragma once

#include "candidacy/rulebook.h"
#include "rulebook/model.h"

namespace candidacy::internal {

struct RulebookAccess {
  static const Model& Of(const Rulebook& rulebook) { return *rulebook.model_; }
};

// The checked model of `rulebook`, which must outlive the reference.
inline const Model& ModelOf(const Rulebook& rulebook) { return RulebookAccess::Of(rulebook); }

}  // namespace candidacy::internal
