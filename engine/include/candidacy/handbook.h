// The rulebook handbook: a loaded rulebook rendered for clinical review
// (committees read this, not YAML). Metadata, score bands and outcome policy,
// every question with when it is asked, every rule with its condition in
// plain words, severity, points, message, action, sources and review, the
// medication lexicon by class, and the sources catalogue.
// Tested by tests/engine/authoring/handbook_test.cc and tests/cli/docs_test.sh.
#pragma once

#include <string>

#include "candidacy/rulebook.h"

namespace candidacy {

enum class HandbookFormat {
  kMarkdown,  // GitHub-flavoured Markdown
  kHtml,      // one self-contained HTML5 page: inline CSS, no scripts; links only to source URLs
};

// The handbook of `rulebook`. Deterministic: the same rulebook files give
// byte-identical output wherever the rulebook directory is. Every rulebook
// string is escaped for the format. Never fails.
std::string RenderHandbook(const Rulebook& rulebook, HandbookFormat format);

}  // namespace candidacy
