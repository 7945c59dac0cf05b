// Quoted YAML scalars closed before the end of the text (base/yaml_quotes.h):
// the guard that refuses a file cut off inside a quoted value.
#include <catch2/catch.hpp>

#include <string>

#include "base/yaml_quotes.h"

using candidacy::internal::QuotedScalarClosed;

TEST_CASE("a quoted scalar is closed, or the text ends inside it") {
  struct Row {
    const char* text;
    std::size_t pos;
    bool closed;
  };
  const Row rows[] = {
      {R"(a: "x")", 3, true},
      {R"(a: "x)", 3, false},
      {"a: \"x\n", 3, false},                 // cut off, with the line break yaml-cpp forgives
      {R"(a: "x\"")", 3, true},               // an escaped quote, then the closing one
      {R"(a: "x\")", 3, false},               // only an escaped quote
      {R"(a: "x\\")", 3, true},               // an escaped backslash, then the quote
      {"a: \"two\n  lines\"\n", 3, true},     // a folded scalar over two lines
      {"a: 'x'", 3, true},
      {"a: 'x", 3, false},
      {"a: 'it''s'", 3, true},                // '' is a quote inside
      {"a: 'it''", 3, false},                 // '' and then the end
      {"a: 'back\\'", 3, true},               // no escapes in single quotes
      {"a: plain", 3, true},                  // not a quoted scalar
      {"a: |\n  x\n", 3, true},               // a block scalar
      {"\"", 0, false},
      {"", 0, true},
      {"a: \"x\"", 99, true},                 // past the end: nothing to check
  };
  for (const auto& r : rows) {
    INFO(r.text << " at " << r.pos);
    CHECK(QuotedScalarClosed(r.text, r.pos) == r.closed);
  }
}
