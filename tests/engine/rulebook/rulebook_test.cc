// The public Rulebook (rulebook/rulebook.cc): Load's statuses for a missing
// directory, a directory without rulebook.yaml and broken rule files (a table),
// nothing set on failure; a loaded rulebook's accessors.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/rulebook.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

TEST_CASE("rulebook: Load on a directory it cannot use says why, and sets nothing", "[rulebook]") {
  struct Row {
    const char* name;
    std::map<std::string, std::string> files;  // empty: a directory that does not exist
    StatusCode code;
    const char* diagnostic;  // a substring of the formatted diagnostics
  };
  const Row row = GENERATE(values<Row>({
      {"no such directory", {}, StatusCode::kIoError, "rulebook.yaml: error: No such file or directory"},
      {"no rulebook.yaml", {{"rules.yaml", "rules: []\n"}}, StatusCode::kIoError,
       "(a rulebook directory holds rulebook.yaml) [file-unreadable]"},
      {"rulebook.yaml is not YAML", {{"rulebook.yaml", "rulebook: [\n"}}, StatusCode::kRulebookInvalid, "[yaml-syntax]"},
      {"rulebook.yaml is a list", {{"rulebook.yaml", "- a\n- b\n"}}, StatusCode::kRulebookInvalid, "error:"},
      {"a rule file with an error", {{"rulebook.yaml", MiniRoot()}, {"main.yaml", "rules:\n  - {id: R1}\n"}},
       StatusCode::kRulebookInvalid, "main.yaml:2:"},
  }));
  CAPTURE(row.name);
  std::unique_ptr<TempRulebook> temp;
  std::string dir = "/nonexistent/candidacy-rulebook";
  if (!row.files.empty()) {
    temp = std::make_unique<TempRulebook>(row.files);
    dir = temp->dir();
  }
  std::shared_ptr<const Rulebook> rb;
  std::vector<Diagnostic> diagnostics;
  const Status s = Rulebook::Load(dir, &rb, &diagnostics);
  CHECK(s.code() == row.code);
  CHECK(rb == nullptr);
  std::string text;
  for (const auto& d : diagnostics) text += FormatDiagnostic(d);
  CHECK_FALSE(diagnostics.empty());
  CHECK_THAT(text, Catch::Contains(row.diagnostic));
}

TEST_CASE("rulebook: a loaded rulebook names itself and counts its parts", "[rulebook]") {
  TempRulebook temp({{"rulebook.yaml", MiniRoot()}, {"main.yaml", R"yaml(questions:
  - {id: age, type: integer, range: [0, 120], required: true, prompt: "Age?"}
rules:
  - {id: R1, title: T, severity: info, when: age > 1, message: m, action: a, sources: [S]}
  - {id: R2, title: T, severity: info, when: age > 2, message: m, action: a, sources: [S]}
)yaml"}});
  REQUIRE(temp.Load().ok());
  const Rulebook& rb = *temp.rulebook();
  CHECK(rb.rule_count() == 2);
  CHECK(rb.questions().size() == 1);
  CHECK(rb.sha256().size() == 64);
  CHECK(rb.id() == "mini");
}

}  // namespace
}  // namespace candidacy::testing
