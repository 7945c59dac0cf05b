// Places in a document as LSP counts them (0-based line, UTF-16 code units)
// and as the engine does (SourceLocation: 1-based line, 1-based byte column),
// file URIs and paths, and the token a diagnostic or a cursor is on.
// Test: tests/lsp/text_position_test.cc.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "candidacy/status.h"

namespace candidacy::lsp {

// Line `line` (0-based) of `text` without its line end; "" past the end.
std::string_view LineOf(std::string_view text, int line);

// Byte column (0-based) of UTF-16 column `character` in `line`, and back.
// Both clamp to the line's length.
int ByteColumn(std::string_view line, int character);
int Utf16Column(std::string_view line, int byte_column);

// The bytes [begin, end) of the token at byte `column` of `line`: a quoted
// scalar with its quotes, or a run up to a space or one of , [ ] { } #.
// An empty token widens to one byte so that a range is never empty.
void TokenAt(std::string_view line, int column, int* begin, int* end);

// The identifier (letters, digits, _ . -) around byte `column`, trailing
// dots dropped, with where it starts; "" when there is none.
std::string WordAt(std::string_view line, int column, int* begin);

// An LSP Range {start, end} on `line` (0-based) from byte columns.
nlohmann::json Range(std::string_view line_text, int line, int begin, int end);

// The LSP range of a located diagnostic in `text` (the file's text): its
// token, the whole line when the column is unknown, the file's start when the line is.
nlohmann::json DiagnosticRange(std::string_view text, const SourceLocation& where);

// file:///a%20b/c.yaml <-> /a b/c.yaml; "" when `uri` is not a file URI.
std::string PathOfUri(const std::string& uri);
std::string UriOfPath(const std::string& path);

}  // namespace candidacy::lsp
