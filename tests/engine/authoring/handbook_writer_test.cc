// The handbook's writers (authoring/handbook_writer.h): rulebook text made
// literal Markdown (a table).
#include <string>

#include <catch2/catch.hpp>

#include "authoring/handbook_writer.h"

using namespace candidacy::internal;

TEST_CASE("Markdown escaping keeps rulebook text literal", "[handbook]") {
  auto [text, escaped] = GENERATE(table<std::string, std::string>({
      {"plain words 1.0", "plain words 1.0"},
      {"a_b*c", "a\\_b\\*c"},
      {"<b>&</b>", "&lt;b&gt;&amp;&lt;/b&gt;"},
      {"[x](y)", "\\[x\\](y)"},
      {"a | b", "a \\| b"},
      {"`code` #1 !", "\\`code\\` \\#1 \\!"},
      {"back\\slash", "back\\\\slash"},
      {"two\nlines", "two lines"},
      {std::string("bell\x07"), "bell\\x07"},
  }));
  CHECK(EscapeMarkdown(text) == escaped);
}
