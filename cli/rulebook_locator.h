// Finds and loads the rulebook a command should use: --rulebook, else
// $CANDIDACY_RULEBOOK, else the installed one beside the binary
// (<prefix>/share/candidacy/rules/ketamine), else the source tree's; through
// the user's image cache unless --no-cache or CANDIDACY_CACHE=off.
// Tested by tests/cli/ (screening with and without --rulebook, installed;
// rulebook_cache_test.sh).
#pragma once

#include <memory>
#include <string>

#include "candidacy/rulebook.h"

namespace candidacy::cli {

std::string DefaultRulebookDirectory();

// The global --no-cache flag; main() sets it before running a command.
void DisableRulebookCache();

// Where compiled rulebook images go (docs/rulebook-cache.md):
// $CANDIDACY_CACHE_DIR, else $XDG_CACHE_HOME/candidacy (an absolute
// XDG_CACHE_HOME), else $HOME/.cache/candidacy (a HOME that exists). Empty
// when the cache is off (--no-cache, CANDIDACY_CACHE=off) or no such place
// is known.
std::string RulebookCacheDirectory();

// Loads `directory` (or the default when empty), printing diagnostics to
// stderr, reading and writing an image in RulebookCacheDirectory(). Returns
// an exit code (kExitOk on success).
// How the commands load a rulebook: through the user's image cache
// (docs/rulebook-cache.md) unless disabled, logging at debug level.
LoadOptions RulebookLoadOptions();

int LoadRulebookOrReport(const std::string& directory, std::shared_ptr<const Rulebook>* out);

}  // namespace candidacy::cli
