// A rule's explanation (`candidacy explain`) as indented text.
// Tested by tests/engine/render/render_explanation_test.cc and tests/cli/explain_test.sh.
#pragma once

#include <string>

#include "candidacy/result.h"

namespace candidacy {

// The explanation as indented text, one line per step.
std::string RenderExplanation(const Explanation& explanation);

}  // namespace candidacy
