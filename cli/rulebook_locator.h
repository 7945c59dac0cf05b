// Finds and loads the rulebook a command should use: --rulebook, else
// $CANDIDACY_RULEBOOK, else the installed one beside the binary
// (<prefix>/share/candidacy/rules/ketamine), else the source tree's.
// Tested by tests/cli/ (screening with and without --rulebook, installed).
#pragma once

#include <memory>
#include <string>

#include "candidacy/rulebook.h"

namespace candidacy::cli {

std::string DefaultRulebookDirectory();

// Loads `directory` (or the default when empty), printing diagnostics to
// stderr. Returns an exit code (kExitOk on success).
int LoadRulebookOrReport(const std::string& directory, std::shared_ptr<const Rulebook>* out);

}  // namespace candidacy::cli
