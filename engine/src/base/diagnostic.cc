// Diagnostic codes (one table) and the "file:line:col: error: message [code]"
// format with the source line and a caret. Test: tests/engine/base/diagnostic_test.cc.
#include <algorithm>
#include <string>
#include <tuple>

#include "candidacy/status.h"

namespace candidacy {
namespace {

struct CodeInfo {
  DiagnosticCode code;
  const char* name;
};

// The one table of diagnostic codes and their stable names.
constexpr CodeInfo kCodes[] = {
    {DiagnosticCode::kYamlSyntax, "yaml-syntax"},
    {DiagnosticCode::kJsonSyntax, "json-syntax"},
    {DiagnosticCode::kFileUnreadable, "file-unreadable"},
    {DiagnosticCode::kTooLarge, "too-large"},
    {DiagnosticCode::kTooDeep, "too-deep"},
    {DiagnosticCode::kUnknownKey, "unknown-key"},
    {DiagnosticCode::kMissingKey, "missing-key"},
    {DiagnosticCode::kWrongType, "wrong-type"},
    {DiagnosticCode::kBadValue, "bad-value"},
    {DiagnosticCode::kDuplicateId, "duplicate-id"},
    {DiagnosticCode::kDuplicateKey, "duplicate-key"},
    {DiagnosticCode::kUnknownReference, "unknown-reference"},
    {DiagnosticCode::kExpressionSyntax, "expression-syntax"},
    {DiagnosticCode::kTypeError, "type-error"},
    {DiagnosticCode::kBadPattern, "bad-pattern"},
    {DiagnosticCode::kMissingSource, "missing-source"},
    {DiagnosticCode::kBadPlaceholder, "bad-placeholder"},
    {DiagnosticCode::kOutOfRange, "out-of-range"},
    {DiagnosticCode::kUnknownField, "unknown-field"},
    {DiagnosticCode::kBadAnswer, "bad-answer"},
    {DiagnosticCode::kUnused, "unused"},
    {DiagnosticCode::kNeverFires, "never-fires"},
    {DiagnosticCode::kAlwaysFires, "always-fires"},
    {DiagnosticCode::kUnreachableBand, "unreachable-band"},
    {DiagnosticCode::kEmptyClass, "empty-class"},
    {DiagnosticCode::kProvenance, "provenance"},
    {DiagnosticCode::kStaleReview, "stale-review"},
    {DiagnosticCode::kImpliedAnswer, "implied-answer"},
};

// Display width of the first `bytes` bytes of a UTF-8 line: one column per
// code point, tabs kept so the caret lines up under them.
std::string CaretPadding(const std::string& line, int bytes) {
  std::string pad;
  for (int i = 0; i < bytes && i < static_cast<int>(line.size()); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    pad += c == '\t' ? '\t' : ' ';
  }
  return pad;
}

}  // namespace

const char* DiagnosticCodeName(DiagnosticCode code) {
  for (const auto& info : kCodes)
    if (info.code == code) return info.name;
  return "unknown";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.location.file.empty() ? "<input>" : d.location.file;
  if (d.location.line > 0) {
    out += ":" + std::to_string(d.location.line);
    if (d.location.column > 0) out += ":" + std::to_string(d.location.column);
  }
  out += d.severity == DiagnosticSeverity::kError ? ": error: " : ": warning: ";
  out += d.message;
  out += " [";
  out += DiagnosticCodeName(d.code);
  out += "]\n";
  if (!d.source_line.empty() && d.location.line > 0) {
    out += "  " + d.source_line + "\n";
    if (d.location.column > 0) out += "  " + CaretPadding(d.source_line, d.location.column - 1) + "^\n";
  }
  return out;
}

void SortDiagnostics(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == DiagnosticSeverity::kError; });
}

}  // namespace candidacy
