// ReadQuestionnaire against the shipped rulebook: bad answers and documents, what is accepted, and all-or-nothing reads.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "input/answers.h"
#include "input/questionnaire_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using Read = ReadAttempt;

Read ReadDoc(const std::string& doc, InputFormat format = InputFormat::kAuto) { return TryRead(doc, format, "test.yaml"); }

std::string Base() { return BaseQuestionnaire(); }
std::string Set(const std::string& path, const std::string& value) { return WithAnswer(Base(), path, value); }

// Free text from the documents below that no diagnostic may quote.
const std::vector<std::string> kFreeText = {"sertraline", "Xanax", "Klonopin"};

struct Bad {
  std::string doc;
  std::string code;
  std::vector<std::string> expect;  // substrings of the formatted diagnostics
};

const std::vector<Bad> kBad = {
    // integer and number questions: wrong type, not whole, out of range
    {Set("patient.age", "121"), "out-of-range", {"test.yaml:2:", "patient.age: 121 is outside the allowed range 0..120 years"}},
    {Set("patient.age", "-1"), "out-of-range", {"patient.age: -1 is outside the allowed range 0..120 years"}},
    {Set("patient.age", "40.5"), "bad-answer", {"patient.age: expected a whole number years, found 40.5"}},
    {Set("patient.age", "'forty'"), "bad-answer", {"patient.age: expected a whole number years, found text 'forty'"}},
    {Set("patient.age", "true"), "bad-answer", {"patient.age: expected a whole number years, found true/false"}},
    {Set("patient.age", "[40]"), "bad-answer", {"patient.age: expected a whole number years, found a list"}},
    {Set("patient.age", "{years: 40}"), "bad-answer", {"patient.age: expected a whole number years, found a mapping"}},
    {Set("patient.weight_kg", "19.9"), "out-of-range", {"patient.weight_kg: 19.9 is outside the allowed range 20..350 kg"}},
    {Set("patient.weight_kg", ".nan"), "bad-answer", {"patient.weight_kg: expected a finite number, found nan"}},
    {Set("patient.weight_kg", ".inf"), "bad-answer", {"patient.weight_kg: expected a finite number, found inf"}},
    {Set("patient.weight_kg", "'70kg'"), "bad-answer", {"patient.weight_kg: expected a number kg, found text '70kg'"}},
    {Set("patient.height_cm", "251"), "out-of-range", {"patient.height_cm: 251 is outside the allowed range 100..250 cm"}},
    {Set("vitals.systolic_bp", "301"), "out-of-range", {"test.yaml:3:", "vitals.systolic_bp: 301 is outside the allowed range 50..300 mmHg"}},
    {Set("vitals.spo2", "101"), "out-of-range", {"vitals.spo2: 101 is outside the allowed range 50..100"}},
    {Set("vitals.heart_rate", "72.5"), "bad-answer", {"vitals.heart_rate: expected a whole number beats/min, found 72.5"}},
    {Set("depression.failed_antidepressant_trials", "31"), "out-of-range", {"depression.failed_antidepressant_trials: 31 is outside the allowed range 0..30"}},
    {Set("history.alcohol_drinks_per_week", "201"), "out-of-range", {"history.alcohol_drinks_per_week: 201 is outside the allowed range 0..200"}},
    // enums
    {Set("patient.sex", "other"), "bad-answer", {"patient.sex: 'other' is not one of the allowed values: female, male, intersex, unknown"}},
    {Set("patient.sex", "Female"), "bad-answer", {"patient.sex: 'Female' is not one of the allowed values: female, male"}},
    {Set("patient.sex", "1"), "bad-answer", {"patient.sex: 1 is not one of the allowed values: female"}},
    {Set("history.heart_failure", "severe"), "bad-answer", {"history.heart_failure: 'severe' is not one of the allowed values: none, compensated, decompensated"}},
    {Set("depression.suicidal_ideation", "'yes'"), "bad-answer", {"depression.suicidal_ideation: 'yes' is not one of the allowed values: none, passive, active_no_plan, active_with_plan"}},
    // booleans
    {Set("patient.pregnant", "'yes'"), "bad-answer", {"patient.pregnant: expected true or false, found 'yes'"}},
    {Set("history.psychosis", "0"), "bad-answer", {"history.psychosis: expected true or false, found 0"}},
    {"id: a\nhistory: {glaucoma: 'false'}\n", "bad-answer", {"test.yaml:2:21:", "history.glaucoma: expected true or false, found 'false'"}},
    // lists of enums and of free text
    {Set("indications", "ptsd"), "bad-answer", {"indications: expected a list, found text"}},
    {Set("indications", "[ptsd, migraine]"), "bad-answer", {"indications[1]: 'migraine' is not one of the allowed values: treatment_resistant_depression, major_depression"}},
    {Set("indications", "[[ptsd]]"), "bad-answer", {"indications[0]: a list is not one of the allowed values"}},
    {Set("medications", "Xanax 2mg"), "bad-answer", {"medications: expected a list, found text"}},
    {Set("medications", "[Xanax 2mg, 12]"), "bad-answer", {"medications[1]: expected text, found a whole number"}},
    {Set("medications", "['Xanax 2mg', '  ']"), "bad-answer", {"medications[1]: is empty; remove it or write the medication"}},
    {Set("medications", "[{Xanax: 2mg}]"), "bad-answer", {"medications[0]: expected text, found a mapping"}},
    // id
    {Set("id", "12"), "bad-answer", {"test.yaml:1:5: error: id: expected text, found a whole number"}},
    {Set("id", "''"), "bad-answer", {"id: is empty; give the questionnaire's identifier"}},
    {Without(Base(), "id"), "missing-key", {"id: the questionnaire has no 'id'"}},
    {"{\"id\": null}", "bad-answer", {"id: expected text, found null"}},
    // YAML syntax, duplicate keys, encoding, shape
    {"id: a\n  bad: indent\n", "yaml-syntax", {"test.yaml:2:6: error: illegal map value"}},
    {"id: a\nmedications: [Xanax 2mg\n", "yaml-syntax", {"test.yaml:3:1: error: end of sequence flow not found"}},
    {"id: a\nmedications: [Xanax 2mg]]\n", "yaml-syntax", {"test.yaml:2:25: error: illegal flow end"}},
    {"id: a\n---\nid: b\n", "yaml-syntax", {"the file holds 2 YAML documents"}},
    {"id: a\nid: b\n", "duplicate-key", {"test.yaml:2:1: error: key 'id' appears twice in one mapping"}},
    {"id: a\npatient: {age: 40, age: 41}\n", "duplicate-key", {"test.yaml:2:20: error: key 'age' appears twice in one mapping"}},
    {"id: \"\xff\"\n", "bad-value", {"test.yaml:1:5: error: a value is not valid UTF-8"}},
    {"[1, 2]", "wrong-type", {"this document is a list"}},
    {"just some text", "wrong-type", {"this document is text"}},
    {"", "wrong-type", {"this document is null"}},
    // JSON syntax (with line:col), duplicate keys, answers
    {"{\"id\": \"a\",\n \"patient\": {\"age\": }\n}", "json-syntax", {"test.yaml:2:21: error: syntax error while parsing value - unexpected '}'"}},
    {"{\"id\": \"a\",\n \"indications\": [\"ptsd\",]\n}", "json-syntax", {"test.yaml:2:", "unexpected ']'"}},
    {"{", "json-syntax", {"test.yaml:1:2: error: syntax error while parsing object key"}},
    {"{id: a}", "json-syntax", {"test.yaml:1:2:"}},  // auto-detected as JSON: YAML flow style is not JSON
    {"{\"id\": \"a\", \"id\": \"b\"}", "duplicate-key", {"key 'id' appears twice in one object"}},
    {"{\"id\": \"a\", \"patient\": {\"age\": 40, \"age\": 41}}", "duplicate-key", {"key 'age' appears twice in one object"}},
    {"{\"id\": \"j\", \"patient\": {\"age\": \"40\"}}", "bad-answer", {"patient.age: expected a whole number years, found text '40'"}},
    {"{\"id\": \"j\", \"vitals\": {\"systolic_bp\": 49}}", "out-of-range", {"vitals.systolic_bp: 49 is outside the allowed range 50..300 mmHg"}},
    {"{\"id\": \"j\", \"patient\": {\"sex\": \"F\"}}", "bad-answer", {"patient.sex: 'F' is not one of the allowed values"}},
    {"{\"id\": \"j\", \"medications\": [\"Xanax 2mg\", false]}", "bad-answer", {"medications[1]: expected text, found true/false"}},
};

TEST_CASE("questionnaire: bad inputs give located, coded, quiet diagnostics", "[questionnaire]") {
  const Bad row = GENERATE(from_range(kBad));
  INFO("document:\n" << row.doc);
  const Read r = ReadDoc(row.doc);
  INFO("diagnostics:\n" << r.text);
  CHECK(r.status.code() == StatusCode::kQuestionnaireInvalid);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].severity == DiagnosticSeverity::kError);
  CHECK(DiagnosticCodeName(r.diagnostics[0].code) == row.code);
  CHECK(r.diagnostics[0].source_line.empty());  // documents may hold patient data
  for (const auto& s : row.expect) CHECK_THAT(r.text, Catch::Contains(s));
  for (const auto& s : kFreeText) CHECK_THAT(r.text, !Catch::Contains(s, Catch::CaseSensitive::No));
  CHECK(r.q.id().empty());
}

TEST_CASE("questionnaire: accepted inputs", "[questionnaire]") {
  SECTION("the base reads cleanly, as YAML and with a byte-order mark") {
    for (const std::string& doc : {Base(), "\xEF\xBB\xBF" + Base()}) {
      const Read r = ReadDoc(doc);
      INFO(r.text);
      CHECK(r.status.ok());
      CHECK(r.diagnostics.empty());
      CHECK(r.q.id() == "base-001");
      CHECK(ScreenText(Shipped(), doc).outcome == Outcome::kEligible);
    }
    const Read json = ReadDoc("\xEF\xBB\xBF  \n{\"id\": \"j\", \"patient\": {\"age\": 40}}");
    CHECK(json.status.ok());
    CHECK(json.q.id() == "j");
  }
  SECTION("integral floats answer integer questions") {
    CHECK(ReadDoc(Set("patient.age", "40.0")).status.ok());
    CHECK(ReadDoc("{\"id\": \"j\", \"patient\": {\"age\": 40.0}, \"vitals\": {\"heart_rate\": 7.2e1}}").status.ok());
    const auto r = ScreenText(Shipped(), Set("patient.age", "40.0"));
    CHECK(r.outcome == Outcome::kEligible);
  }
  SECTION("null answers are accepted and unanswered") {
    for (const std::string& doc : {Set("patient.age", "~"), Set("patient.age", "null")}) {
      const Read r = ReadDoc(doc);
      CHECK(r.status.ok());
      const auto result = ScreenText(Shipped(), doc);
      CHECK(result.outcome == Outcome::kIncomplete);
      bool asks_age = false;
      for (const auto& m : result.missing_questions) asks_age = asks_age || m.id == "patient.age";
      CHECK(asks_age);
    }
    CHECK(ReadDoc("{\"id\": \"j\", \"patient\": {\"age\": null}, \"medications\": null}").status.ok());
  }
  SECTION("unknown fields are accepted with a warning naming the dotted path") {
    const std::string doc = WithAnswer(Set("patient.nickname", "'Bob'"), "extra", "{a: 1}");
    const Read r = ReadDoc(doc);
    REQUIRE(r.status.ok());
    CHECK(r.diagnostics.empty());
    REQUIRE(r.q.warnings().size() == 2);
    std::string warnings;
    for (const auto& w : r.q.warnings()) {
      CHECK(w.severity == DiagnosticSeverity::kWarning);
      CHECK(w.code == DiagnosticCode::kUnknownField);
      CHECK(w.location.line > 0);
      warnings += FormatDiagnostic(w);
    }
    CHECK_THAT(warnings, Catch::Contains("unknown field 'patient.nickname' is ignored"));
    CHECK_THAT(warnings, Catch::Contains("unknown field 'extra' is ignored"));
    const auto result = ScreenText(Shipped(), doc);
    CHECK(result.outcome == Outcome::kEligible);
    CHECK(result.warnings.size() == 2);
  }
  SECTION("auto-detection: '{' first means JSON, anything else YAML; an explicit format wins") {
    CHECK(ReadDoc(" \t\r\n{\"id\": \"j\"}").status.ok());
    CHECK(ReadDoc("id: y\n").status.ok());
    CHECK(ReadDoc("{id: y}", InputFormat::kYaml).status.ok());
    CHECK(ReadDoc("{\"id\": \"j\"}", InputFormat::kYaml).status.ok());  // JSON is YAML
    const Read as_json = ReadDoc("id: y\n", InputFormat::kJson);
    REQUIRE_FALSE(as_json.diagnostics.empty());
    CHECK(as_json.diagnostics[0].code == DiagnosticCode::kJsonSyntax);
  }
}

TEST_CASE("questionnaire: every error is reported together, sorted by line", "[questionnaire]") {
  std::string doc = Set("patient.age", "121");
  doc = WithAnswer(doc, "history.glaucoma", "'maybe'");
  doc = WithAnswer(doc, "medications", "[sertraline 100 mg, 5]");
  const Read r = ReadDoc(doc);
  INFO(r.text);
  CHECK(r.status.code() == StatusCode::kQuestionnaireInvalid);
  CHECK_THAT(r.status.message(), Catch::Contains("3 errors"));
  REQUIRE(r.diagnostics.size() == 3);
  CHECK_THAT(r.diagnostics[0].message, Catch::StartsWith("patient.age:"));
  CHECK_THAT(r.diagnostics[1].message, Catch::StartsWith("history.glaucoma:"));
  CHECK_THAT(r.diagnostics[2].message, Catch::StartsWith("medications[1]:"));
  CHECK(r.diagnostics[0].location.line < r.diagnostics[1].location.line);
  CHECK(r.diagnostics[1].location.line < r.diagnostics[2].location.line);
  CHECK_THAT(r.text, !Catch::Contains("sertraline"));
}

TEST_CASE("questionnaire: a failed read leaves the questionnaire empty", "[questionnaire]") {
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(ReadQuestionnaire(Shipped(), Set("patient.nickname", "x"), {}, &q, &diagnostics).ok());
  REQUIRE(q.id() == "base-001");
  REQUIRE(q.warnings().size() == 1);
  const Status s = ReadQuestionnaire(Shipped(), Set("patient.age", "121"), {}, &q, &diagnostics);
  CHECK(s.code() == StatusCode::kQuestionnaireInvalid);
  CHECK(diagnostics.size() == 1);
  CHECK(q.id().empty());
  CHECK(q.warnings().empty());
  CHECK(candidacy::internal::AnswersOf(q).by_question.empty());
}

}  // namespace
}  // namespace candidacy::testing
