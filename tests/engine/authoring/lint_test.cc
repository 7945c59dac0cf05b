// Lint (candidacy/lint.h) through its public API on temporary rulebooks:
// rules that never or always fire given the questions' ranges and values
// (and the rules not analysed: arithmetic, derived values), unreachable score
// bands, empty classes, unused questions and sources, review provenance and
// staleness with its date boundaries, the status, the sort order, the source
// lines and the JSON form. The end-to-end corpus is tests/lint/ with
// tests/cli/lint_test.sh.
#include <algorithm>
#include <ctime>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/lint.h"
#include "test_support.h"

using candidacy::Diagnostic;
using candidacy::DiagnosticSeverity;
using candidacy::LintOptions;
using candidacy::LintRulebook;
using candidacy::Status;
using candidacy::StatusCode;
using candidacy::testing::TempRulebook;

namespace {

// A reviewed rulebook.yaml: one band from 0, source S, review period `period`
// months (none when 0), reviewed on `reviewed_on` (no reviewer and no date when empty).
std::string Root(const std::string& reviewed_on = "2026-06-01", int period = 12,
                 const std::string& bands = "    - {name: low, from: 0}\n",
                 const std::string& extra_sources = "") {
  std::string s =
      "rulebook:\n"
      "  id: unit\n"
      "  title: Unit\n"
      "  version: 0.1.0\n"
      "  effective: 2026-01-01\n";
  if (!reviewed_on.empty()) s += "  reviewed_by: Dr U\n  reviewed_on: " + reviewed_on + "\n";
  if (period > 0) s += "  review_period_months: " + std::to_string(period) + "\n";
  s += "policy:\n  bands:\n" + bands;
  s += "sources:\n  - {label: S, citation: A source}\n" + extra_sources;
  s += "include: [main.yaml]\n";
  return s;
}

// Every question is for_the_record, so no row warns about an unused question
// unless it means to. 23 lines, so main.yaml's rules start on line 24.
const char* kHead = R"yaml(questions:
  - {id: age, type: integer, range: [0, 120], required: true, for_the_record: true, prompt: "Age?"}
  - {id: sex, type: enum, values: [female, male], for_the_record: true, prompt: "Sex?"}
  - {id: pregnant, type: boolean, for_the_record: true, prompt: "Pregnant?"}
  - {id: temp, type: number, range: [30, 45], for_the_record: true, prompt: "Temperature?"}
  - {id: weight, type: number, for_the_record: true, prompt: "Weight (no range)?"}
  - {id: sbp, type: integer, range: [50, 300], for_the_record: true, prompt: "Systolic?"}
  - {id: dbp, type: integer, range: [30, 200], for_the_record: true, prompt: "Diastolic?"}
  - {id: indications, type: list_of_enum, values: [a, b, c], for_the_record: true, prompt: "Indications?"}
  - {id: medications, type: list_of_text, for_the_record: true, prompt: "Medications?"}
derived:
  - id: twice_age
    expr: age * 2
classes:
  - {id: opioid, title: Opioids}
  - {id: benzodiazepine, title: Benzodiazepines}
drugs:
  - {generic: morphine, classes: [opioid]}
  - {generic: diazepam, classes: [benzodiazepine]}
combinations:
  - {name: Codeine-Diazepam, ingredients: [morphine, diazepam]}
# (a made-up combination, so both classes have a drug and a combination loads)
rules:
)yaml";
constexpr int kFirstRuleLine = 24;

// One rule as a flow mapping on one line, reviewed unless told otherwise.
std::string Rule(const std::string& id, const std::string& when, int points = 0,
                 const std::string& review = "reviewed_by: Dr U, reviewed_on: 2026-06-01") {
  return "  - {id: " + id + ", title: T, severity: review, points: " + std::to_string(points) + ", when: \"" + when +
         "\", message: m, action: a, sources: [S]" + (review.empty() ? "" : ", " + review) + "}\n";
}

struct Result {
  Status status;
  std::vector<Diagnostic> diagnostics;
  std::string dir;
  // "severity code file:line:col" per diagnostic, file relative to the rulebook, joined by newlines.
  std::string Summary() const {
    std::string out;
    for (const auto& d : diagnostics) {
      std::string file = d.location.file;
      if (file.rfind(dir + "/", 0) == 0) file = file.substr(dir.size() + 1);
      out += std::string(d.severity == DiagnosticSeverity::kError ? "error " : "warning ") +
             candidacy::DiagnosticCodeName(d.code) + " " + file + ":" + std::to_string(d.location.line) + ":" +
             std::to_string(d.location.column) + "\n";
    }
    return out;
  }
  // Every diagnostic formatted, the temporary directory replaced by RB.
  std::string Text() const {
    std::string out;
    for (const auto& d : diagnostics) out += candidacy::FormatDiagnostic(d);
    for (size_t pos; (pos = out.find(dir)) != std::string::npos;) out.replace(pos, dir.size(), "RB");
    return out;
  }
};

Result Lint(const std::string& root, const std::string& main, const std::string& today = "2026-11-23") {
  TempRulebook rb({{"rulebook.yaml", root}, {"main.yaml", main}});
  Result r;
  r.dir = rb.dir();
  LintOptions options;
  options.today = today;
  r.status = LintRulebook(rb.dir(), options, &r.diagnostics);
  return r;
}

std::string At(const char* severity_code, int line, int column, const char* file = "main.yaml") {
  return std::string(severity_code) + " " + file + ":" + std::to_string(line) + ":" + std::to_string(column) + "\n";
}

}  // namespace

TEST_CASE("lint: a clean rulebook gives no diagnostics and OK", "[lint]") {
  const Result r = Lint(Root(), std::string(kHead) + Rule("R1", "age < 18"));
  INFO(r.Text());
  CHECK(r.status.ok());
  CHECK(r.diagnostics.empty());
}

TEST_CASE("lint: the shipped rulebook is clean on 2026-11-23", "[lint]") {
  std::vector<Diagnostic> diagnostics;
  LintOptions options;
  options.today = "2026-11-23";
  const Status s = LintRulebook(candidacy::testing::SourceDir() + "/rules/ketamine", options, &diagnostics);
  std::string text;
  for (const auto& d : diagnostics) text += candidacy::FormatDiagnostic(d);
  INFO(text);
  CHECK(s.ok());
  CHECK(diagnostics.empty());
}

TEST_CASE("lint: rules that never fire, always fire, or vary over the declared ranges and values", "[lint]") {
  enum Reach { kVaries, kNever, kAlways };
  const auto [when, reach] = GENERATE(table<std::string, Reach>({
      // outside a range, at and just inside its ends
      {"age > 150", kNever},
      {"age < 0", kNever},
      {"age > 120", kNever},
      {"age >= 120", kVaries},
      {"age <= 0", kVaries},
      {"temp > 45", kNever},
      {"temp >= 45", kVaries},
      {"weight > 1000000", kVaries},  // no range: any number may be answered
      {"weight < -5", kVaries},
      // contradictions
      {"age > 5 and age < 3", kNever},
      {"age > 17 and age < 18", kNever},  // no whole number between
      {"age > 17 and age < 19", kVaries},  // only 18
      {"age in [17, 18] and age > 18", kNever},
      {"age == 18 and age != 18", kNever},
      {"sex == 'male' and sex == 'female'", kNever},
      {"sex in ['male'] and sex != 'male'", kNever},
      {"pregnant and not pregnant", kNever},
      {"pregnant == true and pregnant == false", kNever},
      {"indications contains 'a' and not (indications contains any ['a', 'b'])", kNever},
      {"any medication in class 'opioid' and not any medication in class 'opioid'", kNever},
      {"(age < 18 or age > 65) and age >= 18 and age <= 65", kNever},
      // tautologies
      {"pregnant or not pregnant", kAlways},
      {"age >= 0", kAlways},
      {"age <= 120", kAlways},
      {"not (age > 200)", kAlways},
      {"sex == 'female' or sex == 'male'", kAlways},
      {"sex in ['female', 'male']", kAlways},
      {"age < 18 or age >= 18", kAlways},
      {"indications contains 'a' or not (indications contains 'a')", kAlways},
      {"any medication in class 'opioid' or not any medication in class 'opioid'", kAlways},
      // ordinary rules
      {"age < 18", kVaries},
      {"age == 18", kVaries},
      {"sex == 'male'", kVaries},
      {"pregnant", kVaries},
      {"temp > 38.5 and temp < 38.6", kVaries},
      {"sbp > 180 or dbp > 100", kVaries},
      {"sbp < dbp", kVaries},
      {"indications contains any ['a', 'b']", kVaries},
      {"any medication in class 'opioid' and any medication in class 'benzodiazepine'", kVaries},
      // not analysed: arithmetic and derived values, however impossible
      {"age * 2 > 500", kVaries},
      {"-age > 0", kVaries},
      {"round(temp, 0) > 100", kVaries},
      {"twice_age > 1000", kVaries},
      {"twice_age > 1000 and age > 5 and age < 3", kVaries},
  }));
  const Result r = Lint(Root(), std::string(kHead) + Rule("R1", when));
  INFO(when << "\n" << r.Text());
  REQUIRE(r.status.ok());
  // `when` starts after `  - {id: R1, ... when: "` on the rule's line.
  const int column = static_cast<int>(Rule("R1", when).find(when)) + 1;
  switch (reach) {
    case kVaries: CHECK(r.Summary() == ""); break;
    case kNever: CHECK(r.Summary() == At("warning never-fires", kFirstRuleLine, column)); break;
    case kAlways: CHECK(r.Summary() == At("warning always-fires", kFirstRuleLine, column)); break;
  }
  if (reach == kNever)
    CHECK_THAT(r.Text(), Catch::Contains("rule 'R1' can never fire: no answers within the questions' ranges and values make it true [never-fires]"));
  if (reach == kAlways)
    CHECK_THAT(r.Text(), Catch::Contains("rule 'R1' fires for every complete questionnaire: no answers make it false [always-fires]"));
}

// Once false positives (issue 18): the analysis tried only the ends of a range
// and the constants a rule compares with, so a comparison of two questions
// (sbp == dbp) or a gap under 0.001 between two constants was called
// never-fires although `candidacy screen` fires the rule (sbp = dbp = 120;
// temp = 37.5002). Two questions compared now try each other's critical
// points, and close constants the value between them.
TEST_CASE("lint: comparisons of two questions and close constants are not reported as never firing", "[lint]") {
  const auto when = GENERATE(as<std::string>{}, "sbp == dbp", "temp > 37.5 and temp < 37.5005", "sbp < dbp", "dbp >= sbp");
  const Result r = Lint(Root(), std::string(kHead) + Rule("R1", when));
  INFO(when << "\n" << r.Text());
  REQUIRE(r.status.ok());
  CHECK(r.Summary() == "");
}

TEST_CASE("lint: warnings about the rulebook's parts, each at its place", "[lint]") {
  struct Row {
    const char* name;
    std::string root;
    std::string main;
    std::string expected;  // the formatted diagnostics, directory as RB
  };
  const std::string head = kHead;
  const Row rows[] = {
      {"an unused question", Root(), "questions:\n  - {id: age, type: integer, prompt: \"Age?\"}\n  - {id: weight, type: number, prompt: \"Weight?\"}\nrules:\n" + Rule("R1", "age < 18"),
       "RB/main.yaml:3:10: warning: question 'weight' is used by no rule, derived value or asked_when (mark it for_the_record: true if that is intended) [unused]\n"
       "    - {id: weight, type: number, prompt: \"Weight?\"}\n"
       "           ^\n"},
      {"a question read only by asked_when or a derived value is used", Root(),
       "questions:\n  - {id: sex, type: enum, values: [female, male], prompt: \"Sex?\"}\n"
       "  - {id: pregnant, type: boolean, asked_when: \"sex != 'male'\", prompt: \"Pregnant?\"}\n"
       "  - {id: kg, type: number, prompt: \"Kg?\"}\n"
       "derived:\n  - {id: half_kg, expr: kg / 2}\nrules:\n" + Rule("R1", "pregnant") + Rule("R2", "half_kg > 100"),
       ""},
      {"an uncited source", Root("2026-06-01", 12, "    - {name: low, from: 0}\n", "  - {label: T, citation: Nobody cites this}\n"),
       head + Rule("R1", "age < 18"),
       "RB/rulebook.yaml:14:13: warning: source 'T' is cited by no rule [unused]\n"
       "    - {label: T, citation: Nobody cites this}\n"
       "              ^\n"},
      {"a class with no drug", Root(), "questions:\n  - {id: medications, type: list_of_text, prompt: \"Meds?\"}\n"
                                       "classes:\n  - {id: opioid, title: Opioids}\n  - {id: maoi, title: MAOIs}\n"
                                       "drugs:\n  - {generic: morphine, classes: [opioid]}\nrules:\n" + Rule("R1", "any medication in class 'opioid'"),
       "RB/main.yaml:5:5: warning: medication class 'maoi' has no drug, so no medication can be in it [empty-class]\n"
       "    - {id: maoi, title: MAOIs}\n"
       "      ^\n"},
      {"a band between the reachable scores", Root("2026-06-01", 12, "    - {name: low, from: 0}\n    - {name: mid, from: 4}\n    - {name: high, from: 6}\n"),
       head + Rule("R1", "age < 18", 3) + Rule("R2", "pregnant", 3),
       "RB/rulebook.yaml:12:7: warning: band 'mid' (from 4) is reached by no combination of rule points (at most 6) [unreachable-band]\n"
       "      - {name: mid, from: 4}\n"
       "        ^\n"},
      {"a band above every sum", Root("2026-06-01", 12, "    - {name: low, from: 0}\n    - {name: high, from: 10, outcome: needs_review}\n"),
       head + Rule("R1", "age < 18", 3) + Rule("R2", "pregnant", 4),
       "RB/rulebook.yaml:12:7: warning: band 'high' (from 10) is reached by no combination of rule points (at most 7) [unreachable-band]\n"
       "      - {name: high, from: 10, outcome: needs_review}\n"
       "        ^\n"},
      {"the points of a rule that never fires do not count", Root("2026-06-01", 12, "    - {name: low, from: 0}\n    - {name: high, from: 5}\n"),
       head + Rule("R1", "age > 200", 5) + Rule("R2", "pregnant", 1),
       "RB/main.yaml:24:60: warning: rule 'R1' can never fire: no answers within the questions' ranges and values make it true [never-fires]\n"
       "    - {id: R1, title: T, severity: review, points: 5, when: \"age > 200\", message: m, action: a, sources: [S], reviewed_by: Dr U, reviewed_on: 2026-06-01}\n"
       "                                                             ^\n"
       "RB/rulebook.yaml:12:7: warning: band 'high' (from 5) is reached by no combination of rule points (at most 1) [unreachable-band]\n"
       "      - {name: high, from: 5}\n"
       "        ^\n"},
      {"every band reached", Root("2026-06-01", 12, "    - {name: low, from: 0}\n    - {name: mid, from: 3}\n    - {name: high, from: 7}\n"),
       head + Rule("R1", "age < 18", 3) + Rule("R2", "pregnant", 4),
       ""},
      {"rules no answers fire together are not summed", Root("2026-06-01", 12, "    - {name: low, from: 0}\n    - {name: high, from: 6}\n"),
       head + Rule("R1", "age < 18", 3) + Rule("R2", "age >= 65", 3) + Rule("R3", "age >= 65 and pregnant", 0),
       "RB/rulebook.yaml:12:7: warning: band 'high' (from 6) is reached by no combination of rule points (at most 6) [unreachable-band]\n"
       "      - {name: high, from: 6}\n"
       "        ^\n"},
      {"rules on one question that can fire together are summed", Root("2026-06-01", 12, "    - {name: low, from: 0}\n    - {name: high, from: 6}\n"),
       head + Rule("R1", "age < 18", 3) + Rule("R2", "age < 30 and not pregnant", 3),
       ""},
      {"the rulebook names no reviewer", Root(""), head + Rule("R1", "age < 18"),
       "RB/rulebook.yaml:2:3: warning: the rulebook names no reviewer (reviewed_by) or review date (reviewed_on) [provenance]\n"
       "    id: unit\n"
       "    ^\n"},
      {"a rule names no reviewer, another no date", Root(),
       head + Rule("R1", "age < 18", 0, "") + Rule("R2", "pregnant", 0, "reviewed_by: Dr U"),
       "RB/main.yaml:24:5: warning: rule 'R1' names no reviewer (reviewed_by) [provenance]\n"
       "    - {id: R1, title: T, severity: review, points: 0, when: \"age < 18\", message: m, action: a, sources: [S]}\n"
       "      ^\n"
       "RB/main.yaml:25:5: warning: rule 'R2' names no review date (reviewed_on) [provenance]\n"
       "    - {id: R2, title: T, severity: review, points: 0, when: \"pregnant\", message: m, action: a, sources: [S], reviewed_by: Dr U}\n"
       "      ^\n"},
      {"a stale rule and a stale rulebook", Root("2025-10-01"),
       head + Rule("R1", "age < 18", 0, "reviewed_by: Dr U, reviewed_on: 2025-11-22") + Rule("R2", "pregnant", 0, "reviewed_by: Dr U, reviewed_on: 2025-11-23"),
       "RB/main.yaml:24:5: warning: rule 'R1' was last reviewed on 2025-11-22, more than 12 months before 2026-11-23 (the rulebook's review period) [stale-review]\n"
       "    - {id: R1, title: T, severity: review, points: 0, when: \"age < 18\", message: m, action: a, sources: [S], reviewed_by: Dr U, reviewed_on: 2025-11-22}\n"
       "      ^\n"
       "RB/rulebook.yaml:2:3: warning: the rulebook was last reviewed on 2025-10-01, more than 12 months before 2026-11-23 [stale-review]\n"
       "    id: unit\n"
       "    ^\n"},
  };
  for (const Row& row : rows) {
    const Result r = Lint(row.root, row.main);
    INFO(row.name << "\n" << row.main);
    CHECK(r.status.ok());
    CHECK(r.Text() == row.expected);
  }
}

TEST_CASE("lint: a review is stale from the day after its period ends", "[lint]") {
  const auto [reviewed_on, period, today, stale] = GENERATE(table<std::string, int, std::string, bool>({
      {"2026-06-01", 12, "2027-06-01", false},
      {"2026-06-01", 12, "2027-06-02", true},
      {"2026-06-01", 6, "2026-12-01", false},
      {"2026-06-01", 6, "2026-12-02", true},
      {"2025-12-15", 1, "2026-01-15", false},  // across the new year
      {"2025-12-15", 1, "2026-01-16", true},
      {"2026-06-01", 120, "2036-06-01", false},
      {"2026-06-01", 120, "2036-06-02", true},
      {"2026-06-01", 0, "2099-12-31", false},  // no review period: never stale
      {"2026-06-01", 12, "2026-01-01", false},  // reviewed after "today"
  }));
  // The rulebook and its one rule share the date, so both or neither are stale.
  const Result r = Lint(Root(reviewed_on, period),
                        std::string(kHead) + Rule("R1", "age < 18", 0, "reviewed_by: Dr U, reviewed_on: " + reviewed_on), today);
  INFO(reviewed_on << " + " << period << " months, today " << today << "\n" << r.Text());
  REQUIRE(r.status.ok());
  CHECK(r.Summary() == (stale ? At("warning stale-review", kFirstRuleLine, 5) + At("warning stale-review", 2, 3, "rulebook.yaml") : ""));
}

TEST_CASE("lint: an empty today means the current date", "[lint]") {
  // Reviewed in 2000 with a 12-month period: stale on any current date.
  const Result old_review = Lint(Root("2000-01-01"), std::string(kHead) + Rule("R1", "age < 18", 0, "reviewed_by: Dr U, reviewed_on: 2000-01-01"), "");
  CHECK(old_review.Summary() == At("warning stale-review", kFirstRuleLine, 5) + At("warning stale-review", 2, 3, "rulebook.yaml"));
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char today[16];
  std::strftime(today, sizeof today, "%Y-%m-%d", &utc);
  CHECK_THAT(old_review.Text(), Catch::Contains(std::string("more than 12 months before ") + today + " [stale-review]"));
  // Reviewed in 2999: not stale yet.
  const Result future = Lint(Root("2999-01-01"), std::string(kHead) + Rule("R1", "age < 18", 0, "reviewed_by: Dr U, reviewed_on: 2999-01-01"), "");
  CHECK(future.Summary() == "");
}

TEST_CASE("lint: errors give kRulebookInvalid, located and sorted", "[lint]") {
  struct Row {
    const char* name;
    std::string main;
    std::string expected;  // the errors, as Summary() lines
  };
  const std::string head = kHead;
  const Row rows[] = {
      {"misspelt key", head + "  - {id: R1, title: T, sevrity: review, when: age < 18, message: m, action: a, sources: [S]}\n",
       At("error missing-key", 24, 5) + At("error unknown-key", 24, 24)},
      {"unknown question", head + Rule("R1", "agee < 18"), At("error unknown-reference", 24, 60)},
      {"unknown class", head + Rule("R1", "any medication in class 'opiod'"), At("error unknown-reference", 24, 60)},
      {"enum value not allowed", head + Rule("R1", "sex == 'mael'"), At("error bad-value", 24, 67)},
      {"number compared with text", head + Rule("R1", "age > 'ten'"), At("error type-error", 24, 60)},
      {"duplicate rule id", head + Rule("R1", "age < 18") + Rule("R1", "pregnant"), At("error duplicate-id", 25, 10)},
      {"no source, not local policy",
       head + "  - {id: R1, title: T, severity: review, when: age < 18, message: m, action: a}\n", At("error missing-source", 24, 5)},
      {"bad pattern", "questions:\n  - {id: medications, type: list_of_text, prompt: M}\nclasses: [{id: herbal}]\n"
                      "drugs:\n  - {generic: hypericum, classes: [herbal], patterns: [\"st john(s\"]}\nrules:\n" +
                          Rule("R1", "any medication in class 'herbal'"),
       At("error bad-pattern", 5, 56)},
      {"asked_when uses a later question",
       "questions:\n  - {id: pregnant, type: boolean, asked_when: \"sex != 'male'\", prompt: P}\n"
       "  - {id: sex, type: enum, values: [female, male], prompt: S}\nrules:\n" + Rule("R1", "pregnant"),
       At("error unknown-reference", 2, 48)},
      {"several, sorted by place", head + Rule("R2", "agee < 18") + Rule("R1", "sex == 'mael'") +
                                       "  - {id: R3, title: T, severity: high, when: age < 18, message: \"{agee}\", action: a, sources: [X]}\n",
       At("error unknown-reference", 24, 60) + At("error bad-value", 25, 67) + At("error bad-value", 26, 34) +
           At("error bad-placeholder", 26, 67) + At("error unknown-reference", 26, 96)},
  };
  for (const Row& row : rows) {
    const Result r = Lint(Root(), row.main);
    INFO(row.name << "\n" << r.Text());
    CHECK(r.status.code() == StatusCode::kRulebookInvalid);
    // Only the errors are compared: with errors, lint reports no warnings today (see the report).
    std::string errors;
    std::string summary = r.Summary();
    for (size_t start = 0, end; (end = summary.find('\n', start)) != std::string::npos; start = end + 1)
      if (summary.compare(start, 6, "error ") == 0) errors += summary.substr(start, end - start + 1);
    CHECK(errors == row.expected);
    CHECK(std::is_sorted(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.location.file, a.location.line, a.location.column) < std::tie(b.location.file, b.location.line, b.location.column);
    }));
  }
}

TEST_CASE("lint: a directory without rulebook.yaml gives kIoError and one located error", "[lint]") {
  TempRulebook empty({});
  std::vector<Diagnostic> diagnostics;
  const Status s = LintRulebook(empty.dir() + "/nothing-here", LintOptions{"2026-11-23"}, &diagnostics);
  CHECK(s.code() == StatusCode::kIoError);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == DiagnosticSeverity::kError);
  CHECK(diagnostics[0].code == candidacy::DiagnosticCode::kFileUnreadable);
  CHECK(diagnostics[0].location.file == empty.dir() + "/nothing-here/rulebook.yaml");
}

TEST_CASE("lint: diagnostics are appended, sorted across files, each with its source line", "[lint]") {
  TempRulebook rb({{"rulebook.yaml", Root("", 12, "    - {name: low, from: 0}\n    - {name: high, from: 50}\n",
                                          "  - {label: T, citation: Uncited}\n")},
                   {"main.yaml", std::string(kHead) + Rule("R9", "age > 500", 1, "") + Rule("R1", "age >= 0", 2)}});
  Diagnostic earlier;
  earlier.message = "from an earlier check";
  std::vector<Diagnostic> diagnostics{earlier};
  REQUIRE(LintRulebook(rb.dir(), LintOptions{"2026-11-23"}, &diagnostics).ok());
  REQUIRE(diagnostics.size() == 7);
  CHECK(diagnostics[0].message == "from an earlier check");
  Result r;
  r.dir = rb.dir();
  r.diagnostics.assign(diagnostics.begin() + 1, diagnostics.end());
  CHECK(r.Summary() == At("warning provenance", 24, 5) + At("warning never-fires", 24, 60) +
                           At("warning always-fires", 25, 60) + At("warning provenance", 2, 3, "rulebook.yaml") +
                           At("warning unreachable-band", 10, 7, "rulebook.yaml") + At("warning unused", 13, 13, "rulebook.yaml"));
  for (const auto& d : r.diagnostics) {
    CHECK(d.severity == DiagnosticSeverity::kWarning);
    CHECK_FALSE(d.source_line.empty());
  }
}

TEST_CASE("lint: DiagnosticsJson gives file, line, column, severity, code and message", "[lint]") {
  CHECK(candidacy::DiagnosticsJson({}) == "[]\n");
  const Result r = Lint(Root("", 12, "    - {name: low, from: 0}\n", "  - {label: T, citation: \"Uncited \\\"quoted\\\"\"}\n"),
                        std::string(kHead) + Rule("R1", "age > 500"));
  REQUIRE(r.diagnostics.size() == 3);
  const std::string text = candidacy::DiagnosticsJson(r.diagnostics);
  CHECK(text.back() == '\n');
  const auto j = nlohmann::ordered_json::parse(text);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 3);
  for (size_t i = 0; i < j.size(); ++i) {
    const auto& d = r.diagnostics[i];
    std::vector<std::string> keys;
    for (const auto& item : j[i].items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"file", "line", "column", "severity", "code", "message"});
    CHECK(j[i]["file"] == d.location.file);
    CHECK(j[i]["line"] == d.location.line);
    CHECK(j[i]["column"] == d.location.column);
    CHECK(j[i]["severity"] == "warning");
    CHECK(j[i]["code"] == candidacy::DiagnosticCodeName(d.code));
    CHECK(j[i]["message"] == d.message);
  }
  CHECK(j[0]["code"] == "never-fires");
  CHECK(j[0]["line"] == kFirstRuleLine);
  CHECK(j[1]["code"] == "provenance");
  CHECK(j[2]["code"] == "unused");
  CHECK(j[2]["message"] == "source 'T' is cited by no rule");
}
