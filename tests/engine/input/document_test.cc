// The document readers' shared helpers (input/document.h): kind names, the
// UTF-8 check (a table of good and bad byte sequences) and the size limit.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/limits.h"
#include "input/document.h"

namespace candidacy::testing {
namespace {

using internal::DocNode;

TEST_CASE("document: every kind has the name diagnostics use", "[document]") {
  auto [kind, name] = GENERATE(table<DocNode::Kind, std::string>({
      {DocNode::Kind::kNull, "null"}, {DocNode::Kind::kBool, "true/false"}, {DocNode::Kind::kInt, "a whole number"},
      {DocNode::Kind::kFloat, "a number"}, {DocNode::Kind::kString, "text"}, {DocNode::Kind::kArray, "a list"},
      {DocNode::Kind::kObject, "a mapping"},
  }));
  CHECK(internal::DocKindName(kind) == name);
}

TEST_CASE("document: UTF-8 is checked byte by byte", "[document]") {
  auto [text, valid] = GENERATE(table<std::string, bool>({
      {"", true},
      {"plain ASCII", true},
      {"caf\xC3\xA9", true},                  // two bytes
      {"\xE2\x82\xAC 5", true},               // three
      {"\xF0\x9F\x92\x8A", true},             // four
      {"\xF4\x8F\xBF\xBF", true},             // U+10FFFF, the last code point
      {"\xFF", false},                        // never a UTF-8 byte
      {"\x80", false},                        // a continuation byte alone
      {"caf\xC3", false},                     // truncated at the end
      {"\xE2\x82", false},
      {"\xC3(", false},                       // not followed by a continuation byte
      {"\xC0\xAF", false},                    // overlong '/'
      {"\xE0\x80\xAF", false},                // overlong, three bytes
      {"\xED\xA0\x80", false},                // a surrogate, U+D800
      {"\xF4\x90\x80\x80", false},            // above U+10FFFF
      {"\xF8\x88\x80\x80\x80", false},        // five bytes
  }));
  CAPTURE(text);
  CHECK(internal::IsValidUtf8(text) == valid);
}

TEST_CASE("document: the size limit is checked before parsing", "[document][limits]") {
  std::vector<Diagnostic> diagnostics;
  CHECK(internal::WithinDocumentSizeLimit(std::string(limits::kMaxDocumentBytes, 'x'), "q.yaml", &diagnostics));
  CHECK(diagnostics.empty());
  CHECK_FALSE(internal::WithinDocumentSizeLimit(std::string(limits::kMaxDocumentBytes + 1, 'x'), "q.yaml", &diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == DiagnosticCode::kTooLarge);
  CHECK(diagnostics[0].severity == DiagnosticSeverity::kError);
  CHECK(diagnostics[0].location.file == "q.yaml");
  CHECK(diagnostics[0].source_line.empty());
}

}  // namespace
}  // namespace candidacy::testing
