// Markdown escaping and code-point truncation (base/markdown_text.h): a table
// of text made literal Markdown, and short lines cut at a UTF-8 boundary.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/markdown_text.h"

using candidacy::internal::CodePoints;
using candidacy::internal::EscapeMarkdown;
using candidacy::internal::ShortLine;

TEST_CASE("interpolated text is literal Markdown", "[cds-hooks]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row row = GENERATE(values<Row>({
      {"BP 150/92 mmHg: systolic 140-180", "BP 150/92 mmHg: systolic 140-180"},
      {"*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"},
      {"[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"},
      {"<script>&amp;</script>", "\\<script\\>\\&amp;\\</script\\>"},
      {"a | b ~~c~~ \\ d", "a \\| b \\~\\~c\\~\\~ \\\\ d"},
      {"# heading", "\\# heading"},
      {"- not a list", "\\- not a list"},
      {"+ not a list", "\\+ not a list"},
      {"12. not a list", "12\\. not a list"},
      {"3) not a list", "3\\) not a list"},
      {"3.5 mg", "3.5 mg"},
      {"1.0.0", "1.0.0"},
      {"-5 mg", "-5 mg"},
      {"-", "\\-"},
      {"one\ntwo\r\tthree", "one two  three"},
      {"![img](x)", "\\!\\[img\\](x)"},
      {"Zolpidem 5 mg – ½ tab", "Zolpidem 5 mg – ½ tab"},
  }));
  CAPTURE(row.in);
  CHECK(EscapeMarkdown(row.in) == row.out);
}

TEST_CASE("short lines are cut at a code point and end with an ellipsis", "[cds-hooks]") {
  CHECK(ShortLine("short", 10) == "short");
  CHECK(ShortLine("exactly10!", 10) == "exactly10!");
  CHECK(ShortLine("abcdefgh ijk", 10) == "abcdefgh\xE2\x80\xA6");  // 9 kept, the space before the ellipsis dropped
  CHECK(ShortLine("abcdefghijk", 10) == "abcdefghi\xE2\x80\xA6");  // 9 + ellipsis
  CHECK(ShortLine("a\nb", 10) == "a b");
  // Two-, three- and four-byte characters: never cut inside one.
  for (const std::string unit : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x92\x8A"}) {
    std::string text;
    for (int i = 0; i < 200; ++i) text += unit;
    const std::string cut = ShortLine(text, 139);
    CAPTURE(unit);
    CHECK(CodePoints(cut) == 139);
    CHECK(cut.size() == 138 * unit.size() + 3);
    CHECK(nlohmann::json(cut).dump() == "\"" + cut + "\"");  // valid UTF-8 (dump would throw otherwise)
  }
  CHECK(CodePoints("\xC3\xA9t\xC3\xA9") == 3);
}
