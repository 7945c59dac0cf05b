// Rulebook loader: the shipped rulebook loads clean; broken rule files give
// every error at once, sorted by place, as file:line:col with the source
// line and a caret inside the offending text (exact text compared).
#include <filesystem>

#include <catch2/catch.hpp>

#include "candidacy/limits.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

using candidacy::testing::MiniRoot;
using candidacy::testing::TempRulebook;

namespace {

const char* kQuestions = R"yaml(questions:
  - id: age
    type: integer
    range: [0, 120]
    required: true
    prompt: "Age?"
  - id: sex
    type: enum
    values: [female, male]
    required: true
    prompt: "Sex?"
  - id: medications
    type: list_of_text
    prompt: "Medications?"
)yaml";

// Loads MiniRoot + main.yaml (kQuestions + `rest`, or `rest` alone); returns the diagnostics.
std::string Diagnose(const std::string& rest, bool whole_file = false) {
  TempRulebook rb({{"rulebook.yaml", MiniRoot()}, {"main.yaml", whole_file ? rest : std::string(kQuestions) + rest}});
  rb.Load();
  return rb.diagnostics();
}

}  // namespace

TEST_CASE("the shipped rulebook loads without errors or warnings", "[loader]") {
  std::shared_ptr<const candidacy::Rulebook> rb;
  std::vector<candidacy::Diagnostic> diagnostics;
  REQUIRE(candidacy::Rulebook::Load(candidacy::testing::SourceDir() + "/rules/ketamine", &rb, &diagnostics).ok());
  std::string text;
  for (const auto& d : diagnostics) text += candidacy::FormatDiagnostic(d);
  CHECK(text == "");
  CHECK(rb->id() == "ketamine-iv-adult");
  CHECK(rb->rule_count() == 59);
  CHECK(rb->sha256().size() == 64);
  CHECK(rb->medication_name_count() >= 300);
}

TEST_CASE("the rulebook hash changes with any byte of any file", "[loader]") {
  const std::string rules = "rules:\n  - {id: R1, title: T, severity: info, when: age > 1, message: m, action: a, sources: [S]}\n";
  TempRulebook a({{"rulebook.yaml", MiniRoot()}, {"main.yaml", std::string(kQuestions) + rules}});
  TempRulebook b({{"rulebook.yaml", MiniRoot()}, {"main.yaml", std::string(kQuestions) + rules + "\n"}});
  TempRulebook c({{"rulebook.yaml", MiniRoot()}, {"main.yaml", std::string(kQuestions) + rules}});
  REQUIRE(a.Load().ok());
  REQUIRE(b.Load().ok());
  REQUIRE(c.Load().ok());
  CHECK(a.rulebook()->sha256() != b.rulebook()->sha256());
  CHECK(a.rulebook()->sha256() == c.rulebook()->sha256());
}

TEST_CASE("broken rule files report every error, located, with the exact text", "[loader]") {
  struct Row {
    const char* name;
    bool whole_file;  // `rest` is all of main.yaml rather than what follows the questions
    std::string rest;
    std::string expected;
  };
  const Row rows[] = {
      {"misspelt key", false,
       R"yaml(rules:
  - id: R1
    title: T
    sevrity: review
    when: age > 1
    message: m
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:16:5: error: rule has no 'severity' [missing-key]\n"
       "    - id: R1\n"
       "      ^\n"
       "RB/main.yaml:18:5: error: unknown key 'sevrity' in rule (did you mean 'severity'?) [unknown-key]\n"
       "      sevrity: review\n"
       "      ^\n"
       ""},
      {"unknown question in when", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: agee > 1
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:19:11: error: unknown question or derived value 'agee' (did you mean 'age'?) [unknown-reference]\n"
       "      when: agee > 1\n"
       "            ^\n"
       ""},
      {"enum value not allowed", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: sex == 'mal'
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:19:18: error: 'mal' is not a value of 'sex' (allowed: female, male) [bad-value]\n"
       "      when: sex == 'mal'\n"
       "                   ^\n"
       ""},
      {"number compared with text", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: age == 'old'
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:19:11: error: cannot compare a number with a text [type-error]\n"
       "      when: age == 'old'\n"
       "            ^\n"
       ""},
      {"unbalanced parenthesis", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: (age > 1
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:19:19: error: expected ')' to close '(', found the end of the expression [expression-syntax]\n"
       "      when: (age > 1\n"
       "                    ^\n"
       ""},
      {"expression in double quotes", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: "sex == 'malee' or age > 1"
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:19:19: error: 'malee' is not a value of 'sex' (allowed: female, male) [bad-value]\n"
       "      when: \"sex == 'malee' or age > 1\"\n"
       "                    ^\n"
       ""},
      {"folded expression", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: >
      age > 1 and
      sex == 'femal'
    message: m
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:21:14: error: 'femal' is not a value of 'sex' (allowed: female, male) [bad-value]\n"
       "        sex == 'femal'\n"
       "               ^\n"
       ""},
      {"unknown class", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: any medication in class 'opioid'
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:19:11: error: unknown medication class 'opioid' [unknown-reference]\n"
       "      when: any medication in class 'opioid'\n"
       "            ^\n"
       ""},
      {"no source", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: age > 1
    message: "m"
    action: a
    sources: []
)yaml",
       "RB/main.yaml:16:5: error: rule 'R1' cites no source; add sources: [..] or mark it local_policy: true [missing-source]\n"
       "    - id: R1\n"
       "      ^\n"
       ""},
      {"unknown source", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: age > 1
    message: "m"
    action: a
    sources: [S, Q]
)yaml",
       "RB/main.yaml:22:18: error: source 'Q' is not in the rulebook's sources [unknown-reference]\n"
       "      sources: [S, Q]\n"
       "                   ^\n"
       ""},
      {"bad placeholder", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: age > 1
    message: "Age {agee} and {class:opioid"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:20:20: error: placeholder {agee} names no question, derived value or class:id [bad-placeholder]\n"
       "      message: \"Age {agee} and {class:opioid\"\n"
       "                     ^\n"
       "RB/main.yaml:20:30: error: '{' is not closed; placeholders look like {vitals.heart_rate} [bad-placeholder]\n"
       "      message: \"Age {agee} and {class:opioid\"\n"
       "                               ^\n"
       ""},
      {"duplicate rule id", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: review
    when: age > 1
    message: "m"
    action: a
    sources: [S]
  - id: R1
    title: T
    severity: review
    when: age > 1
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:23:9: error: rule 'R1' is declared twice [duplicate-id]\n"
       "    - id: R1\n"
       "          ^\n"
       ""},
      {"bad severity and points", false,
       R"yaml(rules:
  - id: R1
    title: T
    severity: severe
    when: age > 1
    message: "m"
    action: a
    sources: [S]
    points: -1
)yaml",
       "RB/main.yaml:18:15: error: severity must be exclude, review, caution or info, not 'severe' [bad-value]\n"
       "      severity: severe\n"
       "                ^\n"
       "RB/main.yaml:23:13: error: 'points' must be from 0 to 1000 [bad-value]\n"
       "      points: -1\n"
       "              ^\n"
       ""},
      {"asked_when uses a later question", true,
       R"yaml(questions:
  - {id: later_user, type: boolean, prompt: "X", asked_when: "zzz == true"}
  - {id: zzz, type: boolean, prompt: "Z"}
rules:
  - id: R1
    title: T
    severity: review
    when: later_user or zzz
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:2:63: error: 'zzz' cannot be used here: asked_when may only use questions declared before this one [unknown-reference]\n"
       "    - {id: later_user, type: boolean, prompt: \"X\", asked_when: \"zzz == true\"}\n"
       "                                                                ^\n"
       ""},
      {"duplicate medication name", false,
       R"yaml(classes:
  - {id: c1}
drugs:
  - {generic: alprazolam, classes: [c1], brands: [Xanax]}
  - {generic: xanax, classes: [c1]}
rules:
  - id: R1
    title: T
    severity: review
    when: any medication in class 'c1'
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:19:15: error: medication name 'xanax' is listed more than once (names match regardless of case) [duplicate-id]\n"
       "    - {generic: xanax, classes: [c1]}\n"
       "                ^\n"
       ""},
      {"unknown ingredient and class", false,
       R"yaml(classes:
  - {id: c1}
drugs:
  - {generic: morphine, classes: [c2]}
combinations:
  - {name: Combo, ingredients: [morphine, nosuch]}
rules:
  - id: R1
    title: T
    severity: review
    when: age > 1
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:18:35: error: unknown medication class 'c2' [unknown-reference]\n"
       "    - {generic: morphine, classes: [c2]}\n"
       "                                    ^\n"
       "RB/main.yaml:20:43: error: ingredient 'nosuch' is not a generic listed under drugs [unknown-reference]\n"
       "    - {name: Combo, ingredients: [morphine, nosuch]}\n"
       "                                            ^\n"
       ""},
      {"yaml syntax", false,
       R"yaml(rules:
  - id: R1
    title: [unclosed
)yaml",
       "RB/main.yaml:18:1: error: end of sequence flow not found [yaml-syntax]\n"
       ""},
      {"wrong types", true,
       R"yaml(questions:
  - {id: q, type: integer, prompt: "Q", range: [5, 1], required: maybe}
rules:
  - id: R1
    title: T
    severity: review
    when: age > 1
    message: "m"
    action: a
    sources: [S]
)yaml",
       "RB/main.yaml:2:48: error: the range's min is above its max [bad-value]\n"
       "    - {id: q, type: integer, prompt: \"Q\", range: [5, 1], required: maybe}\n"
       "                                                 ^\n"
       "RB/main.yaml:2:66: error: 'required' must be true or false [wrong-type]\n"
       "    - {id: q, type: integer, prompt: \"Q\", range: [5, 1], required: maybe}\n"
       "                                                                   ^\n"
       "RB/main.yaml:7:11: error: unknown question or derived value 'age' [unknown-reference]\n"
       "      when: age > 1\n"
       "            ^\n"
       ""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(Diagnose(row.rest, row.whole_file) == row.expected);
  }
}

TEST_CASE("rulebook-level problems: missing root, bad include, bad metadata", "[loader]") {
  SECTION("no rulebook.yaml") {
    TempRulebook rb(std::map<std::string, std::string>{{"other.yaml", "x: 1\n"}});
    const auto status = rb.Load();
    CHECK(status.code() == candidacy::StatusCode::kIoError);
    CHECK(rb.diagnostics() == "RB/rulebook.yaml: error: No such file or directory (a rulebook directory holds rulebook.yaml) [file-unreadable]\n");
  }
  SECTION("an include that does not exist, and one outside the directory") {
    std::string root = MiniRoot();
    root.replace(root.find("include: [main.yaml]"), 20, "include: [main.yaml, nosuch.yaml, ../etc.yaml]");
    TempRulebook rb({{"rulebook.yaml", root}, {"main.yaml", "rules: []\n"}});
    CHECK(rb.Load().code() == candidacy::StatusCode::kRulebookInvalid);
    CHECK(rb.diagnostics() ==
          "RB/rulebook.yaml:9:22: error: cannot read included file 'nosuch.yaml': No such file or directory [file-unreadable]\n"
          "  include: [main.yaml, nosuch.yaml, ../etc.yaml]\n"
          "                       ^\n"
          "RB/rulebook.yaml:9:35: error: include '../etc.yaml' must be a path inside the rulebook directory [bad-value]\n"
          "  include: [main.yaml, nosuch.yaml, ../etc.yaml]\n"
          "                                    ^\n");
  }
  SECTION("metadata and policy") {
    const std::string root =
        "rulebook: {id: 'bad id', title: T, version: 1, effective: 2026-13-01}\n"
        "policy:\n"
        "  bands: [{name: low, from: 1}, {name: high, from: 1, outcome: ineligible}]\n"
        "  unrecognized_medication: ignore\n"
        "sources: [{label: S, citation: C, url: ftp://x}]\n"
        "include: [main.yaml]\n";
    TempRulebook rb({{"rulebook.yaml", root}, {"main.yaml", "rules: []\n"}});
    CHECK(rb.Load().code() == candidacy::StatusCode::kRulebookInvalid);
    const std::string d = rb.diagnostics();
    CHECK_THAT(d, Catch::Contains("rulebook.yaml:1:16: error: rulebook id 'bad id' must be letters, digits, '-', '_' or '.'"));
    CHECK_THAT(d, Catch::Contains("rulebook.yaml:1:59: error: 'effective' must be a date written YYYY-MM-DD"));
    CHECK_THAT(d, Catch::Contains("rulebook.yaml:3:29: error: the first band must start from 0"));
    CHECK_THAT(d, Catch::Contains("error: bands must be listed by rising 'from'; 1 is not above 1"));
    CHECK_THAT(d, Catch::Contains("error: a band's outcome can only be needs_review (leave it out for none)"));
    CHECK_THAT(d, Catch::Contains("rulebook.yaml:4:28: error: 'unrecognized_medication' must be needs_review or report, not 'ignore'"));
    CHECK_THAT(d, Catch::Contains("rulebook.yaml:5:40: error: a source url must start with https://"));
  }
}

// LoadOptions::unsaved: an editor's text read in place of the file on disk.
TEST_CASE("unsaved text is loaded in place of the file, the image cache left alone", "[loader]") {
  const std::string main = std::string(kQuestions) + R"yaml(rules:
  - id: R1
    title: t
    severity: info
    when: age > 17
    message: m
    action: a
    sources: [S]
)yaml";
  TempRulebook rb({{"rulebook.yaml", MiniRoot()}, {"main.yaml", main}});
  REQUIRE(rb.Load().ok());
  struct Row {
    const char* what;
    std::string text;
    bool loads;
    const char* diagnostic;  // a part of the diagnostics, "" for any
  };
  std::string typo = main;
  typo.replace(typo.find("age > 17"), 8, "agee > 17");
  const Row rows[] = {
      {"the same text", main, true, ""},
      {"a typo only the editor holds", typo, false, "main.yaml:19:11: error: unknown question or derived value 'agee'"},
      {"text over the limit", std::string(candidacy::limits::kMaxRuleFileBytes + 1, '#'), false, "larger than the limit"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.what);
    candidacy::LoadOptions options;
    options.cache_directory = rb.dir() + "/cache";  // never used with unsaved text
    options.unsaved.push_back({"main.yaml", r.text});
    std::shared_ptr<const candidacy::Rulebook> loaded;
    std::vector<candidacy::Diagnostic> diagnostics;
    CHECK(candidacy::Rulebook::Load(rb.dir(), options, &loaded, &diagnostics).ok() == r.loads);
    std::string all;
    for (const auto& d : diagnostics) all += candidacy::FormatDiagnostic(d);
    INFO(all);
    CHECK(all.find(r.diagnostic) != std::string::npos);
    if (r.loads) CHECK(loaded->sha256() == rb.rulebook()->sha256());
    CHECK_FALSE(std::filesystem::exists(rb.dir() + "/cache"));
  }
}
