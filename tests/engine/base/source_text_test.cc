// Source text (base/source_text.h): lines found by number, offsets turned to
// line and column and back.
#include <catch2/catch.hpp>

#include "base/source_text.h"

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
