// The loader's lexicon section (rulebook/loader_lexicon.cc): authored patterns
// match spelling variants; bad patterns are located load errors.
#include <catch2/catch.hpp>

#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

using candidacy::testing::MiniRoot;
using candidacy::testing::TempRulebook;

TEST_CASE("lexicon patterns: spelling variants match; bad patterns are located load errors", "[loader][lexicon]") {
  const std::string main = R"yaml(questions:
  - {id: medications, type: list_of_text, prompt: "Meds"}
classes:
  - {id: herbal}
drugs:
  - {generic: st john's wort, classes: [herbal], patterns: ["st\\.? ?john'?s\\s+wort"]}
rules:
  - {id: R1, title: T, severity: info, when: "any medication in class 'herbal'", message: "m", action: a, sources: [S]}
)yaml";
  TempRulebook good({{"rulebook.yaml", MiniRoot()}, {"main.yaml", main}});
  REQUIRE(good.Load().ok());
  const auto& lexicon = candidacy::internal::ModelOf(*good.rulebook()).lexicon;
  for (const char* entry : {"St Johns wort 300mg", "st. john's   WORT", "ST JOHN'S WORT"}) {
    CAPTURE(entry);
    CHECK(lexicon.Match(entry).recognized);
  }
  CHECK_FALSE(lexicon.Match("St Johnswort").recognized);

  std::string bad = main;
  bad.replace(bad.find(R"("st\\.?)"), 0, R"("hyperic(um", "x*", )");
  TempRulebook broken({{"rulebook.yaml", MiniRoot()}, {"main.yaml", bad}});
  CHECK(broken.Load().code() == candidacy::StatusCode::kRulebookInvalid);
  const std::string d = broken.diagnostics();
  CHECK_THAT(d, Catch::Contains("RB/main.yaml:6:61: error: pattern 'hyperic(um' is not a valid regular expression: missing ): hyperic(um [bad-pattern]"));
  CHECK_THAT(d, Catch::Contains("RB/main.yaml:6:75: error: pattern 'x*' matches empty text, so it would recognise anything [bad-pattern]"));
}
