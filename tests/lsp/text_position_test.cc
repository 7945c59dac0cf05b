// LSP and engine places, tokens and URIs (lsp/text_position.cc), as tables.
#include "text_position.h"

#include <catch2/catch.hpp>

using namespace candidacy::lsp;

TEST_CASE("UTF-16 columns and byte columns") {
  const std::string line = "a\xC3\xA9\xF0\x9F\x98\x80z";  // a, é (2 bytes, 1 unit), 😀 (4 bytes, 2 units), z
  struct Row { int character, byte; };
  const Row rows[] = {{0, 0}, {1, 1}, {2, 3}, {4, 7}, {5, 8}, {99, 8}};
  for (const Row& r : rows) {
    CAPTURE(r.character);
    CHECK(ByteColumn(line, r.character) == r.byte);
    if (r.character <= 5) CHECK(Utf16Column(line, r.byte) == r.character);
  }
}

TEST_CASE("lines of a text") {
  const std::string text = "one\r\ntwo\n\nfour";
  CHECK(LineOf(text, 0) == "one");
  CHECK(LineOf(text, 1) == "two");
  CHECK(LineOf(text, 2) == "");
  CHECK(LineOf(text, 3) == "four");
  CHECK(LineOf(text, 4) == "");
}

TEST_CASE("the token a diagnostic points at") {
  struct Row { const char* line; int column, begin, end; };
  const Row rows[] = {
      {"    sevrity: exclude", 4, 4, 11},           // a key, without its colon
      {"    when: patient.agee < 18", 10, 10, 22},  // a name in a condition
      {"    values: ['a', 'b c']", 18, 18, 23},     // a quoted scalar with its quotes
      {"    sources: [E, X]", 17, 17, 18},          // a flow item
      {"x", 5, 1, 2},                             // past the end: one byte, never empty
  };
  for (const Row& r : rows) {
    CAPTURE(r.line, r.column);
    int b = 0, e = 0;
    TokenAt(r.line, r.column, &b, &e);
    CHECK(b == r.begin);
    CHECK(e == r.end);
  }
}

TEST_CASE("the word under a cursor") {
  struct Row { const char* line; int column; const char* word; int begin; };
  const Row rows[] = {
      {"    when: patient.age < 18", 14, "patient.age", 10},
      {"    when: patient.age < 18", 21, "patient.age", 10},
      {"      fires: [EX-01]", 16, "EX-01", 14},
      {"    when: x.", 12, "x", 10},
      {"    when: a < 18", 12, "", 12},
  };
  for (const Row& r : rows) {
    CAPTURE(r.line, r.column);
    int begin = -1;
    CHECK(WordAt(r.line, r.column, &begin) == r.word);
    CHECK(begin == r.begin);
  }
}

TEST_CASE("diagnostic ranges") {
  const std::string text = "rules:\n  - id: X\n    sevrity: exclude\n";
  auto range = [&](int line, int column) { return DiagnosticRange(text, {"f", line, column}).dump(); };
  CHECK(range(3, 5) == R"({"end":{"character":11,"line":2},"start":{"character":4,"line":2}})");
  CHECK(range(3, 0) == R"({"end":{"character":20,"line":2},"start":{"character":0,"line":2}})");
  CHECK(range(0, 0) == R"({"end":{"character":0,"line":0},"start":{"character":0,"line":0}})");
}

TEST_CASE("file URIs and paths") {
  struct Row { const char* path; const char* uri; };
  const Row rows[] = {
      {"/work/rules/review.yaml", "file:///work/rules/review.yaml"},
      {"/a b/c#d.yaml", "file:///a%20b/c%23d.yaml"},
      {"/caf\xC3\xA9.yaml", "file:///caf%C3%A9.yaml"},
  };
  for (const Row& r : rows) {
    CHECK(UriOfPath(r.path) == r.uri);
    CHECK(PathOfUri(r.uri) == r.path);
  }
  CHECK(PathOfUri("untitled:Untitled-1") == "");
  CHECK(PathOfUri("file:///x%2") == "/x%2");  // a broken escape is kept as written
}
