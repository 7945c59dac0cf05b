// Linting a rulebook for its authors: every load error, plus warnings about
// rules that can never or always fire, unreachable score bands, unused
// questions and sources, empty classes, and missing or stale review
// provenance. Tested by tests/engine/authoring/lint_test.cc and tests/cli/lint_test.sh.
#pragma once

#include <string>
#include <vector>

#include "candidacy/rulebook.h"
#include "candidacy/status.h"

namespace candidacy {

struct LintOptions {
  std::string today;  // YYYY-MM-DD for the review-date check; empty: today (UTC)
  // Files an editor holds unsaved, linted in place of the disk's (Rulebook::Load's LoadOptions::unsaved).
  std::vector<UnsavedFile> unsaved;
};

// Loads and checks the rulebook in `directory`. Appends every finding to
// *diagnostics, sorted by place, each with its source line. Returns OK when
// the rulebook loads (warnings may remain), kRulebookInvalid when it has
// errors, kIoError when its root cannot be read.
Status LintRulebook(const std::string& directory, const LintOptions& options, std::vector<Diagnostic>* diagnostics);

// Diagnostics as a JSON array for editors: file, line, column, severity, code, message.
std::string DiagnosticsJson(const std::vector<Diagnostic>& diagnostics);

}  // namespace candidacy
