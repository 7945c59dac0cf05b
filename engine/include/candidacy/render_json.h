// The JSON result for an EHR (`--format json`, docs/output.md), and the line a
// batch writes for a questionnaire it could not read.
// Tested by tests/engine/render/render_json_test.cc and tests/contract/schema_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/result.h"

namespace candidacy {

// The version of the JSON result's shape; docs/output.md says what bumps it.
inline constexpr const char* kResultSchemaVersion = "1.1";
// A result with the `ehr` record (a FHIR Bundle's screening) says 1.2: the
// keys 1.2 added appear only there, so every other result reads as before.
inline constexpr const char* kResultSchemaVersionEhr = "1.2";

// The JSON result of docs/output.md. `pretty`: indented over several lines;
// otherwise one line (NDJSON). Byte-identical for identical results.
std::string RenderJson(const ScreeningResult& result, bool pretty);

// One line of a batch whose questionnaire could not be read: the input line
// number, the id when it could be read, and every diagnostic (code, message,
// line and column within that input line). Never includes free text.
std::string RenderJsonError(long input_line, const std::string& id, const std::vector<Diagnostic>& diagnostics);

}  // namespace candidacy
