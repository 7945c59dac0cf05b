// Where completion applies (lsp/lsp_features.cc, InCondition): inside the value of
// when, asked_when and expr, on its line or a block scalar's later lines,
// and nowhere else. Hover, definition, references and completion themselves:
// tests/lsp/lsp_server_test.cc.
#include "lsp_features.h"

#include <catch2/catch.hpp>

using candidacy::lsp::InCondition;

TEST_CASE("completion applies inside conditions only") {
  const std::string text =
      "rules:\n"                       // 0
      "  - id: R1\n"                   // 1
      "    title: when: no\n"          // 2
      "    when: >\n"                  // 3
      "      age > 17 and\n"           // 4
      "      sex == 'f'\n"             // 5
      "    message: m\n"               // 6
      "  - asked_when: age > 1\n"      // 7
      "    expr: age * 2\n"            // 8
      "    values:\n"                  // 9
      "      - x\n";                   // 10
  struct Row { int line, column; bool in; };
  const Row rows[] = {
      {0, 3, false}, {1, 9, false}, {2, 17, false},  // a title that says "when:" is text
      {3, 4, false},                                 // on the key itself
      {3, 11, true}, {4, 8, true}, {5, 14, true},    // the condition and its folded lines
      {6, 13, false}, {7, 16, true}, {8, 12, true}, {10, 8, false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.line, r.column);
    CHECK(InCondition(text, r.line, r.column) == r.in);
  }
}
