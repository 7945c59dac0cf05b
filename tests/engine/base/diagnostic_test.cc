// Diagnostic formatting (file:line:col, source line, caret), sorting,
// SourceText line lookup, and the message table (diagnostic_messages.cc).
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/args.h>

#include "base/diagnostic_messages.h"
#include "base/source_text.h"
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

TEST_CASE("source text finds lines and offsets", "[diagnostic]") {
  candidacy::internal::SourceText t("f", "ab\r\ncd\n\nef");
  CHECK(t.Line(1) == "ab");
  CHECK(t.Line(2) == "cd");
  CHECK(t.Line(3) == "");
  CHECK(t.Line(4) == "ef");
  CHECK(t.Line(5) == "");
  CHECK(t.Line(0) == "");
  int line = 0, col = 0;
  t.LineColumnOf(t.OffsetOf(1, 1), &line, &col);
  CHECK(line == 2);
  CHECK(col == 2);
  CHECK(t.OffsetOf(99, 0) == t.text().size());
}

TEST_CASE("status carries a code and a message", "[diagnostic]") {
  CHECK(candidacy::Status::Ok().ok());
  CHECK(candidacy::Status::Ok().ToString() == "OK");
  const auto s = candidacy::Status::Error(candidacy::StatusCode::kIoError, "x: gone");
  CHECK_FALSE(s.ok());
  CHECK(s.ToString() == "I/O error: x: gone");
}

// The message table (diagnostic_messages.cc): one entry per id, in id order,
// each with a code and a text that formats with as many arguments as it has
// placeholders; no two ids share a text.
TEST_CASE("every diagnostic message has a code and a text that formats", "[diagnostic]") {
  using candidacy::internal::kMessageCount;
  using candidacy::internal::MessageTable;
  using candidacy::internal::Msg;
  using candidacy::internal::PlaceholderCount;
  REQUIRE(kMessageCount > 0);
  std::set<std::string> texts;
  for (size_t i = 0; i < kMessageCount; ++i) {
    const auto& m = MessageTable()[i];
    INFO("message #" << i << ": " << (m.text ? m.text : "(null)"));
    CHECK(static_cast<size_t>(m.id) == i);
    REQUIRE(m.text != nullptr);
    CHECK(std::string(m.text).size() > 0);
    CHECK(std::string(candidacy::DiagnosticCodeName(m.code)) != "unknown");
    CHECK(texts.insert(m.text).second);
    const int placeholders = PlaceholderCount(m.text);
    REQUIRE(placeholders >= 0);
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (int a = 0; a < placeholders; ++a) args.push_back(std::string("<") + std::to_string(a) + ">");
    std::string out;
    CHECK_NOTHROW(out = fmt::vformat(m.text, args));
    if (placeholders > 0) CHECK(out.find("<" + std::to_string(placeholders - 1) + ">") != std::string::npos);
  }
  CHECK(PlaceholderCount("a {} b {{literal}} {name}") == 2);
  CHECK(PlaceholderCount("lone }") == -1);
  CHECK(candidacy::internal::CodeOf(Msg::kIncludePathInsideRulebook) == DiagnosticCode::kBadValue);
  CHECK(candidacy::internal::MessageText(Msg::kIncludePathInsideRulebook, "../x.yaml") ==
        "include '../x.yaml' must be a path inside the rulebook directory");
  CHECK(candidacy::internal::MessageText(Msg::kSourcesListLabelCitation) == "'sources' must be a list of {label, citation, url}");
}
