// The rule files' JSON Schemas (schemas/) checked with valijson: every file
// of the shipped rulebook validates against the schema its first line names,
// and a table of broken files, one kind of mistake each, fails both the
// schema and the loader (with the loader's diagnostic in the broken file), so
// neither a schema that accepts anything nor one stricter than the loader
// passes. valijson 1.0 reads draft 7; the schemas keep to the keywords draft
// 7 and 2020-12 share ($defs is reached by JSON pointer).
#include <filesystem>
#include <fstream>
#include <cstring>
#include <regex>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/rulebook.h"
#include "candidacy/rulebook_tests.h"
#include "schema_file.h"
#include "test_support.h"
#include "yaml_json.h"

using namespace candidacy;
using namespace candidacy::testing;
namespace fs = std::filesystem;

namespace {

// "" when `value` is valid against schemas/`name`; otherwise every error with its JSON path.
std::string SchemaErrors(const std::string& name, const nlohmann::json& value) {
  return SchemaFile(SourceDir() + "/schemas/" + name).Errors(value);
}

// The schema path a rule file names on its first line, or "".
std::string SchemaNamed(const std::string& text) {
  static const std::regex kLine("^# yaml-language-server: \\$schema=((\\.\\./)+schemas/[a-z-]+\\.schema\\.json)\n");
  std::smatch m;
  return std::regex_search(text, m, kLine) ? m[1].str() : "";
}

std::string ShippedDir() { return SourceDir() + "/rules/ketamine"; }

std::vector<std::string> ShippedFiles() {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(ShippedDir()))
    if (e.is_regular_file() && e.path().extension() == ".yaml")
      files.push_back(fs::relative(e.path(), ShippedDir()).string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string ExpectedSchema(const std::string& relative) {
  if (relative == "rulebook.yaml") return "rulebook.schema.json";
  if (relative.rfind("tests/", 0) == 0) return "tests.schema.json";
  if (relative == "fhir/mapping.yaml") return "fhir-mapping.schema.json";
  if (relative.rfind("fhir/", 0) == 0) return "fhir-codes.schema.json";
  return "rule-file.schema.json";
}

struct Broken {
  const char* kind;
  const char* file;  // relative to the rulebook
  const char* from;  // text of the shipped file, replaced once
  const char* to;
  const char* code;  // the loader's diagnostic, in that file
};

const Broken kBroken[] = {
    {"unknown metadata key", "rulebook.yaml", "  title: Adult", "  titel: Adult", "unknown-key"},
    {"review period not a number", "rulebook.yaml", "  review_period_months: 12", "  review_period_months: twelve", "wrong-type"},
    {"effective date with month 13", "rulebook.yaml", "  effective: 2026-12-06", "  effective: 2026-13-06", "bad-value"},
    {"band without from", "rulebook.yaml", "    - {name: low, from: 0}", "    - {name: low}", "missing-key"},
    {"unknown question type", "questions.yaml", "    type: integer\n    unit: years", "    type: integr\n    unit: years", "bad-value"},
    {"question id not lower case", "questions.yaml", "  - id: patient.age\n", "  - id: Patient.Age\n", "bad-value"},
    {"range of one number", "questions.yaml", "    range: [0, 120]", "    range: [0]", "wrong-type"},
    {"unknown severity", "rules/exclusions.yaml", "    severity: exclude\n    points: 0\n    when: patient.age < 18",
     "    severity: exclusion\n    points: 0\n    when: patient.age < 18", "bad-value"},
    {"negative points", "rules/exclusions.yaml", "    points: 0\n    when: patient.age < 18", "    points: -1\n    when: patient.age < 18", "bad-value"},
    {"rule without title", "rules/exclusions.yaml", "    title: Age under 18\n", "", "missing-key"},
    {"interacts: yes is no boolean", "medications.yaml", "    interacts: true\n  - id: lamotrigine", "    interacts: yes\n  - id: lamotrigine", "wrong-type"},
    {"derived value of type text", "derived.yaml", "    type: number\n    unit: kg/m2", "    type: text\n    unit: kg/m2", "bad-value"},
    {"common word a number", "common-words.yaml", "common_words:\n  - ", "common_words:\n  - 42\n  - ", "bad-value"},
    {"unknown test outcome", "tests/logistics.yaml", "      outcome: eligible_with_precautions\n      fires: [LG-01]",
     "      outcome: eligble\n      fires: [LG-01]", "bad-value"},
    {"unknown test case key", "tests/logistics.yaml", "    base: no-escort\n", "    bse: no-escort\n", "unknown-key"},
    {"observation safer neither way", "fhir/observations.yaml", "question: vitals.heart_rate, safer: higher}",
     "question: vitals.heart_rate, safer: up}", "bad-value"},
    {"LOINC code without its check digit", "fhir/observations.yaml", "loinc: 8867-4,", "loinc: \"88674\",", "bad-value"},
    {"condition value set without a source", "fhir/conditions.yaml", "    label: bipolar disorder\n    source:",
     "    label: bipolar disorder\n    sourc:", "unknown-key"},
    {"staleness window in weeks", "fhir/mapping.yaml", "vitals_max_age_days: 30", "vitals_max_age_weeks: 4", "unknown-key"},
};

}  // namespace

TEST_CASE("every shipped rule file names its schema on line 1 and validates against it") {
  const auto files = ShippedFiles();
  REQUIRE(files.size() >= 10);
  for (const auto& relative : files) {
    CAPTURE(relative);
    const std::string text = FileText(ShippedDir() + "/" + relative);
    const std::string named = SchemaNamed(text);
    CHECK(fs::path(named).filename() == ExpectedSchema(relative));
    // The path resolves from the file's folder, in the tree as when installed (share/candidacy/{rules/ketamine,schemas}).
    CHECK(fs::equivalent(fs::path(ShippedDir()) / fs::path(relative).parent_path() / named,
                         fs::path(SourceDir()) / "schemas" / ExpectedSchema(relative)));
    CHECK(SchemaErrors(ExpectedSchema(relative), YamlToJson(text)) == "");
  }
}

TEST_CASE("a broken rule file fails both its schema and the loader") {
  const Broken& b = GENERATE(Catch::Generators::from_range(std::begin(kBroken), std::end(kBroken)));
  CAPTURE(b.kind);
  TempDir tmp;
  const std::string dir = tmp.path() + "/rb";
  fs::copy(ShippedDir(), dir, fs::copy_options::recursive);
  const std::string path = dir + "/" + b.file;
  std::string text = FileText(path);
  const size_t at = text.find(b.from);
  REQUIRE(at != std::string::npos);
  text.replace(at, std::strlen(b.from), b.to);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;

  CHECK(SchemaErrors(ExpectedSchema(b.file), YamlToJson(text)) != "");

  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const Rulebook> rulebook;
  Status status = Rulebook::Load(dir, &rulebook, &diagnostics);
  if (std::string(b.file).rfind("tests/", 0) == 0) {
    REQUIRE(status.ok());
    std::vector<RulebookTestCase> cases;
    status = LoadRulebookTests(*rulebook, dir + "/tests", &cases, &diagnostics);
  }
  CHECK_FALSE(status.ok());
  bool found = false;
  std::string all;
  for (const auto& d : diagnostics) {
    all += FormatDiagnostic(d);
    found = found || (d.severity == DiagnosticSeverity::kError && d.location.file == path && d.location.line > 0 &&
                      DiagnosticCodeName(d.code) == std::string(b.code));
  }
  INFO(all);
  CHECK(found);
}
