// Renderers: a screening result as text for a coordinator or as JSON for an
// EHR. Renderers never re-evaluate; they only format the result.
// Tested by tests/render_test.cc and the golden samples (tests/samples_test.cmake).
#pragma once

#include <string>
#include <vector>

#include "candidacy/screening.h"

namespace candidacy {

// The version of the JSON result's shape; docs/output.md says what bumps it.
inline constexpr const char* kResultSchemaVersion = "1.0";

// Outcome first, then score and band, flags by severity with message, action
// and citations, questions to ask, medications, rulebook id/version/hash.
std::string RenderText(const ScreeningResult& result);

// The JSON result of docs/output.md. `pretty`: indented over several lines;
// otherwise one line (NDJSON). Byte-identical for identical results.
std::string RenderJson(const ScreeningResult& result, bool pretty);

// One line of a batch whose questionnaire could not be read: the input line
// number, the id when it could be read, and every diagnostic (code, message,
// line and column within that input line). Never includes free text.
std::string RenderJsonError(long input_line, const std::string& id, const std::vector<Diagnostic>& diagnostics);

}  // namespace candidacy
