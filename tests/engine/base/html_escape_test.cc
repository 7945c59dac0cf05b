// HTML escaping (base/html_escape.h): the table of every character HTML reads
// as markup or that is a control character, and the URLs allowed as links.
#include <string>

#include <catch2/catch.hpp>

#include "base/html_escape.h"

using candidacy::internal::EscapeHtml;
using candidacy::internal::SafeHref;

TEST_CASE("HTML escaping", "[render-html]") {
  auto [text, escaped] = GENERATE(table<std::string, std::string>({
      {"plain 120/80 mmHg", "plain 120/80 mmHg"},
      {"<", "&lt;"},
      {">", "&gt;"},
      {"&", "&amp;"},
      {"\"", "&quot;"},
      {"'", "&#39;"},
      {"&amp;", "&amp;amp;"},
      {"<script>alert(\"x\")</script>", "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"},
      {"tab\tand\nnewline", "tab\tand\nnewline"},
      {std::string("nul\0x", 5), "nul\\x00x"},
      {"bell\x07 esc\x1b[31m", "bell\\x07 esc\\x1b[31m"},
      {"del\x7f", "del\\x7f"},
      {"caf\xc3\xa9 \xe2\x80\x94", "caf\xc3\xa9 \xe2\x80\x94"},  // UTF-8 passes through
      {"", ""},
  }));
  CHECK(EscapeHtml(text) == escaped);
}

TEST_CASE("only plain http(s) URLs become links", "[render-html]") {
  auto [url, href] = GENERATE(table<std::string, std::string>({
      {"https://doi.org/10.1097/AAP.0000000000000808", "https://doi.org/10.1097/AAP.0000000000000808"},
      {"http://example.org/a?b=1&c=2", "http://example.org/a?b=1&amp;c=2"},
      {"javascript:alert(1)", ""},
      {"data:text/html,<script>", ""},
      {"https://x.org/\"onmouseover=\"a", ""},
      {"https://x.org/<b>", ""},
      {"https://x.org/a b", ""},
      {"//x.org/a", ""},
      {"", ""},
  }));
  CHECK(SafeHref(url) == href);
}
