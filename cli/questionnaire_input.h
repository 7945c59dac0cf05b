// Reading one questionnaire file (or stdin) for a command: capped read,
// parse and validation against the rulebook, diagnostics to stderr; the
// same parse for a document held in memory (candidacy serve).
// Tested by tests/cli/ (screen, explain, questions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"

namespace candidacy::cli {

// Reads `name` ("-" is stdin) whole, refusing more than the document size
// limit. Returns kExitOk, or prints why and returns kExitIo /
// kExitQuestionnaireInvalid (too large).
int ReadDocumentFile(const std::string& name, std::string* out);

// The InputFormat of a --input name ("auto", "yaml", "json" or "fhir"; anything else is auto).
InputFormat InputFormatNamed(const std::string& format);

// Parses and validates `text` read as `format`, as the commands and the
// service do; diagnostics in *diagnostics (file `display_name`).
Status ParseQuestionnaire(const Rulebook& rulebook, std::string_view text, InputFormat format,
                          const std::string& display_name, Questionnaire* out, std::vector<Diagnostic>* diagnostics);

// Reads `file` ("-" is stdin) as `format` ("auto", "yaml", "json" or "fhir").
// Returns kExitOk, or the exit status after printing why it failed.
// When `raw` is not null it receives the document exactly as read (for the audit hash).
int LoadQuestionnaire(const Rulebook& rulebook, const std::string& file, const std::string& format, Questionnaire* out,
                      std::string* raw = nullptr);

}  // namespace candidacy::cli
