// Plain text made safe for (GitHub Flavored) Markdown, and cut to a number of
// characters at a UTF-8 boundary: for the CDS Hooks cards' `detail` and
// `summary`. Tested by tests/engine/base/markdown_text_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace candidacy::internal {

// `text` as literal inline Markdown: control characters (line breaks
// included) become spaces, so the text cannot start a block of its own, and
// every character that could start markup (\ ` * _ [ ] < > | ~ & # ! { })
// gets a backslash, as does a list marker ('-', '+', "1." or "1)" followed
// by a space) at the very start.
std::string EscapeMarkdown(std::string_view text);

// The number of Unicode code points in UTF-8 `text` (a stray continuation
// byte counts as none, a stray lead byte as one).
size_t CodePoints(std::string_view text);

// `text` with control characters replaced by spaces, and when longer than
// `max_code_points`, cut at a code point boundary (trailing spaces dropped)
// and ended with "…" (U+2026): never more than `max_code_points` code points.
// Requires max_code_points >= 1.
std::string ShortLine(std::string_view text, size_t max_code_points);

}  // namespace candidacy::internal
