// The text result for a coordinator at a terminal (`--format text`).
// Tested by tests/engine/render/render_text_test.cc and the golden samples.
#pragma once

#include <string>

#include "candidacy/result.h"

namespace candidacy {

// Outcome first, then score and band, flags by severity with message, action
// and citations, questions to ask, medications, rulebook id/version/hash.
std::string RenderText(const ScreeningResult& result);

}  // namespace candidacy
