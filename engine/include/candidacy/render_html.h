// The printable HTML report (`--format html`).
// Tested by tests/engine/render/render_html_test.cc.
#pragma once

#include <string>

#include "candidacy/result.h"

namespace candidacy {

// The printable report (docs/output.md, "The HTML report"): one
// self-contained HTML5 document with inline CSS (print rules included), no
// scripts and no external resources; links only for source URLs. Outcome
// banner, flags by severity with message, action, answers and citations,
// questions still open, medications as recognised, rulebook id, version and
// hash, questionnaire id, `screened_at` (printed as given; empty prints "not
// recorded"), and a signature block. Every interpolated string is
// HTML-escaped. Byte-identical for identical arguments.
std::string RenderHtml(const ScreeningResult& result, const std::string& screened_at);

}  // namespace candidacy
