// The compact one-line JSON result (`--format compact`), the batch's default.
// Tested by tests/engine/render/render_compact_test.cc and tests/cli/batch_test.sh.
#pragma once

#include <string>

#include "candidacy/result.h"

namespace candidacy {

// The compact JSON result of docs/output.md (`--format compact`), one line:
// for an urgent screening first "urgent" and the urgent rules' ids; then id,
// outcome, score, the ids of the flags that fired (result order), the ids of
// the questions to ask, and the unrecognised and probable medication entries.
std::string RenderJsonCompact(const ScreeningResult& result);
// The same line appended to *out (a batch's output buffer), no copy made.
void AppendJsonCompact(const ScreeningResult& result, std::string* out);

}  // namespace candidacy
