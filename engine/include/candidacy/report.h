// Renderers: a screening result as text for a coordinator or as JSON for an
// EHR. Renderers never re-evaluate; they only format the result.
// Tested by tests/render_test.cc and the golden samples (tests/samples_test.cmake).
#pragma once

#include <string>
#include <vector>

#include "candidacy/screening.h"

namespace candidacy {

// The version of the JSON result's shape; docs/output.md says what bumps it.
inline constexpr const char* kResultSchemaVersion = "1.1";

// A medication entry's drugs as every output words them: the generics found
// as written joined by " + ", then for a misspelt word "probable: quetiapine
// (read as Seroquel), check the spelling"; "" when nothing was recognised.
std::string MedicationWording(const MedicationEntry& entry);

// Outcome first, then score and band, flags by severity with message, action
// and citations, questions to ask, medications, rulebook id/version/hash.
std::string RenderText(const ScreeningResult& result);

// The JSON result of docs/output.md. `pretty`: indented over several lines;
// otherwise one line (NDJSON). Byte-identical for identical results.
std::string RenderJson(const ScreeningResult& result, bool pretty);

// The compact JSON result of docs/output.md (`--format compact`), one line:
// for an urgent screening first "urgent" and the urgent rules' ids; then id,
// outcome, score, the ids of the flags that fired (result order), the ids of
// the questions to ask, and the unrecognised and probable medication entries.
std::string RenderJsonCompact(const ScreeningResult& result);
// The same line appended to *out (a batch's output buffer), no copy made.
void AppendJsonCompact(const ScreeningResult& result, std::string* out);

// One line of a batch whose questionnaire could not be read: the input line
// number, the id when it could be read, and every diagnostic (code, message,
// line and column within that input line). Never includes free text.
std::string RenderJsonError(long input_line, const std::string& id, const std::vector<Diagnostic>& diagnostics);

// A CDS Hooks response (docs/cds-hooks.md, schema docs/cds-hooks.schema.json):
// {"cards": [...]}, first a card for the outcome (with the questions to ask),
// then one card per flag in the result's order. `pretty` as for RenderJson.
// Byte-identical for identical results; card ids come from CardUuid.
std::string RenderCdsHooks(const ScreeningResult& result, bool pretty);

// A card's id: the RFC 4122 version-5 (SHA-1, name-based) UUID of
// "<questionnaire id>\n<rulebook sha256>\n<rule id>" in Candidacy's namespace
// 9fa262b8-bade-5652-a32e-2c3c69df3de5; the outcome card's rule id is "".
// Lower-case canonical form. The same inputs always give the same id.
std::string CardUuid(const std::string& questionnaire_id, const std::string& rulebook_sha256,
                     const std::string& rule_id);

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
