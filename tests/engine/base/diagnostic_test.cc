// Diagnostic formatting (file:line:col, source line, caret), sorting and the
// code names (base/diagnostic.cc).
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "candidacy/status.h"

using candidacy::Diagnostic;
using candidacy::DiagnosticCode;
using candidacy::DiagnosticSeverity;

TEST_CASE("diagnostics print file:line:col, the line and a caret", "[diagnostic]") {
  struct Row {
    Diagnostic d;
    const char* expected;
  };
  auto make = [](DiagnosticSeverity s, DiagnosticCode c, std::string file, int line, int col, std::string msg,
                 std::string src) {
    Diagnostic d;
    d.severity = s;
    d.code = c;
    d.location = {std::move(file), line, col};
    d.message = std::move(msg);
    d.source_line = std::move(src);
    return d;
  };
  const Row rows[] = {
      {make(DiagnosticSeverity::kError, DiagnosticCode::kUnknownKey, "r.yaml", 3, 5, "unknown key 'sevrity'", "    sevrity: exclude"),
       "r.yaml:3:5: error: unknown key 'sevrity' [unknown-key]\n      sevrity: exclude\n      ^\n"},
      {make(DiagnosticSeverity::kWarning, DiagnosticCode::kUnused, "r.yaml", 1, 0, "unused", "x"),
       "r.yaml:1: warning: unused [unused]\n  x\n"},
      {make(DiagnosticSeverity::kError, DiagnosticCode::kBadAnswer, "q.json", 0, 0, "patient.age: bad", ""),
       "q.json: error: patient.age: bad [bad-answer]\n"},
      {make(DiagnosticSeverity::kError, DiagnosticCode::kTypeError, "", 2, 3, "m", "ab"), "<input>:2:3: error: m [type-error]\n  ab\n    ^\n"},
      // Multi-byte characters count as one column; tabs are kept so the caret lines up.
      {make(DiagnosticSeverity::kError, DiagnosticCode::kTypeError, "f", 1, 5, "m", "\xC3\xA9\t x"), "f:1:5: error: m [type-error]\n  \xC3\xA9\t x\n   \t ^\n"},
  };
  for (const auto& row : rows) CHECK(candidacy::FormatDiagnostic(row.d) == row.expected);
}

TEST_CASE("diagnostics sort by file, line, column and keep ties stable", "[diagnostic]") {
  std::vector<Diagnostic> ds(4);
  ds[0].location = {"b", 1, 1};
  ds[1].location = {"a", 9, 2};
  ds[2].location = {"a", 9, 1};
  ds[3].location = {"a", 9, 1};
  ds[2].message = "first";
  ds[3].message = "second";
  candidacy::SortDiagnostics(&ds);
  CHECK(ds[0].message == "first");
  CHECK(ds[1].message == "second");
  CHECK(ds[2].location.column == 2);
  CHECK(ds[3].location.file == "b");
  CHECK(candidacy::HasErrors(ds));
  for (auto& d : ds) d.severity = DiagnosticSeverity::kWarning;
  CHECK_FALSE(candidacy::HasErrors(ds));
}

TEST_CASE("every diagnostic code has a distinct stable name", "[diagnostic]") {
  std::set<std::string> names;
  for (int c = 0; c <= static_cast<int>(DiagnosticCode::kStaleReview); ++c) {
    const std::string name = candidacy::DiagnosticCodeName(static_cast<DiagnosticCode>(c));
    CHECK(name != "unknown");
    CHECK(names.insert(name).second);
  }
}
