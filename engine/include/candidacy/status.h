// Errors as values: Status (success or a coded error with a message) and
// Diagnostic (one located problem in a rule file or questionnaire).
// No exception crosses the public API. Tested by tests/engine/base/status_test.cc and tests/engine/base/diagnostic_test.cc.
#pragma once

#include <string>
#include <vector>

namespace candidacy {

// What kind of failure a Status carries. The CLI maps each to an exit status.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,       // the caller passed something unusable (usage)
  kRulebookInvalid,       // a rule file has errors; diagnostics say where
  kQuestionnaireInvalid,  // a questionnaire cannot be screened; diagnostics say why
  kIoError,               // a file could not be read or written
  kInternal,              // a bug: an invariant did not hold
};

class Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Error(StatusCode code, std::string message) { return Status(code, std::move(message)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;  // "rulebook invalid: ..." or "OK"

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A place in a text file, 1-based. line == 0 means the place is unknown
// (only the file is known); column == 0 means the whole line.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class DiagnosticSeverity { kError, kWarning };

// Every diagnostic code the engine emits. `DiagnosticCodeName` gives the
// stable short name printed in brackets and used by editors and tests (the
// code table: engine/src/base/diagnostic.cc). The message texts live in one table
// beside it, engine/src/base/diagnostic_messages.cc: each message's id (the enum
// Msg, engine/src/base/diagnostic_messages.h), its code and its fmt-style text.
enum class DiagnosticCode {
  kYamlSyntax,            // the file is not well-formed YAML
  kJsonSyntax,            // the document is not well-formed JSON
  kFileUnreadable,        // a file could not be opened or read
  kTooLarge,              // a document, list, string or expression exceeds a named limit
  kTooDeep,               // nesting beyond the depth limit
  kUnknownKey,            // a key the format does not define (often a misspelling)
  kMissingKey,            // a required key is absent
  kWrongType,             // a value of the wrong YAML/JSON type
  kBadValue,              // a value of the right type but not allowed (format, enum, range)
  kDuplicateId,           // the same id declared twice
  kDuplicateKey,          // the same key twice in one mapping
  kUnknownReference,      // a name that refers to nothing declared
  kExpressionSyntax,      // an expression that does not parse
  kTypeError,             // an expression whose operand types do not fit
  kBadPattern,            // a medication name that does not compile as a pattern
  kMissingSource,         // a rule with no source that is not marked local policy
  kBadPlaceholder,        // a message placeholder that names nothing
  kOutOfRange,            // an answer outside its question's range
  kUnknownField,          // a questionnaire field the rulebook does not ask (warning)
  kBadAnswer,             // an answer of the wrong type or not among the allowed values
  kUnused,                // a question or source nothing uses (warning)
  kNeverFires,            // a rule no answers within the declared ranges can fire (lint warning)
  kAlwaysFires,           // a rule every complete set of answers fires (lint warning)
  kUnreachableBand,       // a score band no combination of points reaches (lint warning)
  kEmptyClass,            // a medication class with no drug (lint warning)
  kProvenance,            // a rule or rulebook without reviewer or review date (lint warning)
  kStaleReview,           // a review date older than the rulebook's review period (lint warning)
  kImpliedAnswer,         // an unanswered question read from another answer (implied_by; warning)
};

const char* DiagnosticCodeName(DiagnosticCode code);

struct Diagnostic {
  DiagnosticSeverity severity = DiagnosticSeverity::kError;
  DiagnosticCode code = DiagnosticCode::kBadValue;
  SourceLocation location;
  std::string message;
  std::string source_line;  // the offending line's text, when known; printed with a caret
};

// "path:line:col: error: message [code]" then, when the source line is known,
// the line and a caret under the column. Ends with a newline.
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// Sorted by file, line, column (stable for equal places); the order of reports.
void SortDiagnostics(std::vector<Diagnostic>* diagnostics);
bool HasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace candidacy
