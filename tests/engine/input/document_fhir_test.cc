// FHIR R4 in (input/document_fhir.cc): QuestionnaireResponse reading (a table
// of bad documents with their exact diagnostics, what is accepted, the
// samples/fhir twins). The Questionnaire writer: authoring/fhir_questionnaire_test.cc.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/limits.h"
#include "candidacy/report.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using Read = ReadAttempt;

Read ReadFhir(const std::string& doc, InputFormat format = InputFormat::kAuto) { return TryRead(doc, format, "qr.json"); }

// A one-line QuestionnaireResponse with these items. With status completed the items start at column 80.
std::string QR(const std::string& items, const std::string& status = "completed") {
  return R"({"resourceType":"QuestionnaireResponse","id":"t1","status":")" + status + R"(","item":[)" + items + "]}";
}
const int kItemsColumn = 80;

std::string Col(int offset_in_items) { return std::to_string(kItemsColumn + offset_in_items); }

struct Bad {
  std::string name;
  std::string doc;
  std::string expect;  // the exact formatted diagnostics
};

// Where a value sits in a one-line document: column of the first occurrence of `needle`.
std::string At(const std::string& doc, const std::string& needle) {
  const size_t p = doc.find(needle);
  return p == std::string::npos ? "?" : std::to_string(p + 1);
}

std::vector<Bad> BadDocuments() {
  std::vector<Bad> rows;
  auto add = [&rows](std::string name, std::string doc, std::string needle, std::string message) {
    const std::string col = At(doc, needle);
    rows.push_back({std::move(name), doc, "qr.json:1:" + col + ": error: " + message + "\n"});
  };
  add("wrong resourceType", R"({"resourceType":"Patient","id":"p1"})", "\"Patient\"",
      "resourceType 'Patient' is not read; only a QuestionnaireResponse or a Bundle can be screened (at resourceType) [bad-value]");
  add("resourceType not text", R"({"resourceType":7,"id":"p1"})", "7",
      "a resourceType of a whole number is not read; only a QuestionnaireResponse or a Bundle can be screened (at resourceType) [bad-value]");
  add("item is not an array", R"({"resourceType":"QuestionnaireResponse","id":"t1","status":"completed","item":{"linkId":"patient.age"}})",
      "{\"linkId\"", "item: expected a list of items, found a mapping (at item) [wrong-type]");
  add("an item is not an object", QR(R"("patient.age")"), "\"patient.age\"",
      "expected an item (a mapping with a linkId), found text (at item[0]) [wrong-type]");
  add("item without linkId", QR(R"({"answer":[{"valueInteger":40}]})"), "{\"answer\"",
      "the item has no linkId (at item[0]) [missing-key]");
  add("linkId not text", QR(R"({"linkId":12})"), "12", "linkId: expected text, found a whole number (at item[0].linkId) [wrong-type]");
  add("answer is not an array", QR(R"({"linkId":"patient.age","answer":{"valueInteger":40}})"), "{\"valueInteger\"",
      "answer: expected a list of answers, found a mapping (linkId 'patient.age', at item[0].answer) [wrong-type]");
  add("answer without value[x]", QR(R"({"linkId":"patient.age","answer":[{}]})"), "{}",
      "patient.age: the answer has no value[x]; expected valueInteger or valueQuantity (linkId 'patient.age', at item[0].answer[0]) [missing-key]");
  add("two value[x]", QR(R"({"linkId":"patient.age","answer":[{"valueInteger":40,"valueString":"40"}]})"), "\"40\"",
      "patient.age: the answer has both valueInteger and valueString; give one value (linkId 'patient.age', at item[0].answer[0].valueString) [bad-answer]");
  add("valueQuantity unit mismatch",
      QR(R"({"linkId":"vitals","item":[{"linkId":"systolic_bp","answer":[{"valueQuantity":{"value":16,"unit":"kPa"}}]}]})"), "\"kPa\"",
      "vitals.systolic_bp: unit 'kPa' is not the question's unit; expected mmHg (UCUM 'mm[Hg]') (linkId 'systolic_bp', at item[0].item[0].answer[0].valueQuantity.unit) [bad-answer]");
  add("valueQuantity code mismatch",
      QR(R"({"linkId":"patient.weight_kg","answer":[{"valueQuantity":{"value":70,"system":"http://unitsofmeasure.org","code":"[lb_av]"}}]})"), "\"[lb_av]\"",
      "patient.weight_kg: unit code '[lb_av]' is not the question's unit; expected kg (UCUM 'kg') (linkId 'patient.weight_kg', at item[0].answer[0].valueQuantity.code) [bad-answer]");
  add("valueQuantity code not UCUM",
      QR(R"({"linkId":"patient.weight_kg","answer":[{"valueQuantity":{"value":70,"system":"http://snomed.info/sct","code":"kg"}}]})"), "\"http://snomed",
      "patient.weight_kg: the unit code must be UCUM (system http://unitsofmeasure.org), not 'http://snomed.info/sct' (linkId 'patient.weight_kg', at item[0].answer[0].valueQuantity.system) [bad-answer]");
  add("valueQuantity without unit", QR(R"({"linkId":"vitals.heart_rate","answer":[{"valueQuantity":{"value":70}}]})"), "{\"value\"",
      "vitals.heart_rate: valueQuantity has no unit and no code; expected beats/min (UCUM '/min') (linkId 'vitals.heart_rate', at item[0].answer[0].valueQuantity) [missing-key]");
  add("valueQuantity without value", QR(R"({"linkId":"vitals.heart_rate","answer":[{"valueQuantity":{"unit":"/min"}}]})"), "{\"unit\"",
      "vitals.heart_rate: valueQuantity has no value (linkId 'vitals.heart_rate', at item[0].answer[0].valueQuantity) [missing-key]");
  add("valueQuantity for a question without unit", QR(R"({"linkId":"pain.average_score","answer":[{"valueQuantity":{"value":4,"unit":"1"}}]})"), "{\"value\"",
      "pain.average_score: the question has no unit; answer with valueInteger (linkId 'pain.average_score', at item[0].answer[0].valueQuantity) [bad-answer]");
  add("valueCoding without code", QR(R"({"linkId":"patient.sex","answer":[{"valueCoding":{"display":"female"}}]})"), "{\"display\"",
      "patient.sex: valueCoding has no code; the code is the answer (linkId 'patient.sex', at item[0].answer[0].valueCoding) [missing-key]");
  add("valueCoding code not allowed", QR(R"({"linkId":"patient.sex","answer":[{"valueCoding":{"code":"F"}}]})"), "\"F\"",
      "patient.sex: 'F' is not one of the allowed values: female, male, intersex, unknown (linkId 'patient.sex', at item[0].answer[0].valueCoding.code) [bad-answer]");
  add("wrong value type for the question", QR(R"({"linkId":"history.psychosis","answer":[{"valueString":"no"}]})"), "\"no\"",
      "history.psychosis: valueString does not answer a boolean question; expected valueBoolean (linkId 'history.psychosis', at item[0].answer[0].valueString) [bad-answer]");
  add("valueBoolean holding text", QR(R"({"linkId":"history.psychosis","answer":[{"valueBoolean":"false"}]})"), "\"false\"",
      "history.psychosis: valueBoolean: expected true or false, found text (linkId 'history.psychosis', at item[0].answer[0].valueBoolean) [bad-answer]");
  add("valueInteger holding a decimal", QR(R"({"linkId":"patient.age","answer":[{"valueInteger":40.5}]})"), "40.5",
      "patient.age: valueInteger: expected a whole number, found a number (linkId 'patient.age', at item[0].answer[0].valueInteger) [bad-answer]");
  add("unsupported value type", QR(R"({"linkId":"patient.age","answer":[{"valueDate":"1986-01-01"}]})"), "\"1986",
      "patient.age: valueDate does not answer a integer question; expected valueInteger or valueQuantity (linkId 'patient.age', at item[0].answer[0].valueDate) [bad-answer]");
  add("medication as a number", QR(R"({"linkId":"medications","answer":[{"valueString":"Sertraline 50 mg"},{"valueInteger":3}]})"), "3}",
      "medications: valueInteger does not answer a list_of_text question; expected valueString (linkId 'medications', at item[0].answer[1].valueInteger) [bad-answer]");
  add("repeated answers to a scalar question", QR(R"({"linkId":"patient.age","answer":[{"valueInteger":40},{"valueInteger":41}]})"), "{\"valueInteger\":41",
      "patient.age: has 2 answers; the question takes one (linkId 'patient.age', at item[0].answer[1]) [bad-answer]");
  add("out of range", QR(R"({"linkId":"vitals","item":[{"linkId":"vitals.systolic_bp","answer":[{"valueInteger":301}]}]})"), "301",
      "vitals.systolic_bp: 301 is outside the allowed range 50..300 mmHg (linkId 'vitals.systolic_bp', at item[0].item[0].answer[0].valueInteger) [out-of-range]");
  add("a group answered as a question", QR(R"({"linkId":"vitals","answer":[{"valueInteger":120}]})"), "[{\"valueInteger\"",
      "'vitals' is a group of questions, not a question: answer its items (linkId 'vitals', at item[0].answer) [bad-answer]");
  add("a list answer not among the values", QR(R"({"linkId":"indications","answer":[{"valueCoding":{"code":"ptsd"}},{"valueCoding":{"code":"migraine"}}]})"), "\"migraine\"",
      "indications[1]: 'migraine' is not one of the allowed values: treatment_resistant_depression, major_depression, bipolar_depression, ptsd, ocd, generalized_anxiety, crps, neuropathic_pain, fibromyalgia, phantom_limb_pain, other_chronic_pain (linkId 'indications', at item[0].answer[1].valueCoding.code) [bad-answer]");
  add("answered twice", QR(R"({"linkId":"patient.age","answer":[{"valueInteger":40}]},{"linkId":"patient","item":[{"linkId":"age","answer":[{"valueInteger":41}]}]})"), "41",
      "patient.age: is answered twice in this document; keep one answer (linkId 'age', at item[1].item[0].answer[0].valueInteger) [duplicate-key]");
  add("status entered-in-error", QR("", "entered-in-error"), "\"entered-in-error\"",
      "status 'entered-in-error': this response was recorded in error and is not screened (at status) [bad-value]");
  add("status not a status", QR("", "done"), "\"done\"",
      "status 'done' is not a QuestionnaireResponse status (in-progress, completed, amended, entered-in-error, stopped) (at status) [bad-value]");
  add("no status", R"({"resourceType":"QuestionnaireResponse","id":"t1"})", "{",
      "the QuestionnaireResponse has no status (completed, amended or in-progress) (at status) [missing-key]");
  add("no id", R"({"resourceType":"QuestionnaireResponse","status":"completed"})", "{",
      "id: the questionnaire has no 'id' (its identifier; no name or date of birth) (at id or identifier.value) [missing-key]");
  add("identifier as a list", R"({"resourceType":"QuestionnaireResponse","status":"completed","identifier":[{"value":"a"}]})", "[{",
      "identifier: expected one Identifier (a mapping with a value), found a list (at identifier) [wrong-type]");
  rows.back().expect = "qr.json:1:1: error: id: the questionnaire has no 'id' (its identifier; no name or date of birth) (at id or identifier.value) [missing-key]\n" +
                       rows.back().expect;  // and so there is no id
  add("id not text", R"({"resourceType":"QuestionnaireResponse","id":5,"status":"completed"})", "5",
      "id: expected text, found a whole number (at id) [bad-answer]");
  add("not an object", "[1]", "[", "a FHIR QuestionnaireResponse is a JSON object; this document is a list [wrong-type]");
  // Items within items: kMaxFhirItemDepth levels are read, one more is refused.
  std::string deep = R"({"linkId":"a","item":[{"linkId":"b","item":[{"linkId":"c","item":[{"linkId":"d","item":[{"linkId":"e","item":[{"linkId":"f"}]}]}]}]}]})";
  add("items nested one level past the limit", QR(deep), "[{\"linkId\":\"f\"",
      "items nest deeper than 5 levels (at item[0].item[0].item[0].item[0].item[0].item) [too-deep]");
  return rows;
}

TEST_CASE("fhir: bad QuestionnaireResponses give one exact, located diagnostic", "[fhir]") {
  for (const auto& row : BadDocuments()) {
    INFO(row.name << "\ndocument: " << row.doc);
    const Read r = ReadFhir(row.doc, row.name == "not an object" ? InputFormat::kFhir : InputFormat::kAuto);
    CHECK(r.status.code() == StatusCode::kQuestionnaireInvalid);
    CHECK(r.text == row.expect);
    CHECK(r.q.id().empty());
    CHECK_THAT(r.text, !Catch::Contains("Sertraline"));  // free text is never quoted
  }
}

TEST_CASE("fhir: every error of a document is reported, sorted by place", "[fhir]") {
  const Read r = ReadFhir(QR(R"({"linkId":"patient.age","answer":[{"valueInteger":"x"}]},{"linkId":"patient.sex","answer":[{"valueCoding":{}}]})", "nope"));
  CHECK(r.diagnostics.size() == 3);
  CHECK_THAT(r.text, Catch::Contains("status 'nope'"));
  CHECK_THAT(r.text, Catch::Contains("(linkId 'patient.age', at item[0].answer[0].valueInteger)"));
  CHECK_THAT(r.text, Catch::Contains("(linkId 'patient.sex', at item[1].answer[0].valueCoding)"));
}

TEST_CASE("fhir: nesting at the item depth limit is read", "[fhir][limits]") {
  // Five levels of groups; the innermost is an unknown linkId: a warning, not an error.
  const std::string at_limit = R"({"linkId":"a","item":[{"linkId":"b","item":[{"linkId":"c","item":[{"linkId":"d","item":[{"linkId":"e"}]}]}]}]})";
  const Read r = ReadFhir(QR(at_limit));
  INFO(r.text);
  CHECK(r.status.ok());
  REQUIRE(r.q.warnings().size() == 1);
  CHECK(r.q.warnings()[0].message ==
        "unknown field 'a.b.c.d.e' is ignored; the rulebook asks no such question (linkId 'e', at item[0].item[0].item[0].item[0].item[0])");
}

TEST_CASE("fhir: an unknown linkId is a warning, as an unknown field is", "[fhir]") {
  const Read r = ReadFhir(QR(R"({"linkId":"patient.shoe_size","answer":[{"valueInteger":42}]})"));
  REQUIRE(r.status.ok());
  REQUIRE(r.q.warnings().size() == 1);
  CHECK(FormatDiagnostic(r.q.warnings()[0]) ==
        "qr.json:1:" + Col(0) + ": warning: unknown field 'patient.shoe_size' is ignored; the rulebook asks no such question (linkId 'patient.shoe_size', at item[0]) [unknown-field]\n");
}

TEST_CASE("fhir: a stopped response is screened with a warning", "[fhir]") {
  const Read r = ReadFhir(QR(R"({"linkId":"patient.age","answer":[{"valueInteger":40}]})", "stopped"));
  REQUIRE(r.status.ok());
  REQUIRE(r.q.warnings().size() == 1);
  CHECK_THAT(r.q.warnings()[0].message, Catch::Contains("stopped before it was finished"));
}

TEST_CASE("fhir: what is accepted", "[fhir]") {
  // Each document answers patient.age, vitals.systolic_bp or indications; the
  // screening's answer to it is compared.
  const std::vector<std::string> accepted = {
      // short child linkId under a group, fully dotted child linkId, flat dotted linkId
      QR(R"({"linkId":"patient","item":[{"linkId":"age","answer":[{"valueInteger":40}]}]})"),
      QR(R"({"linkId":"patient","item":[{"linkId":"patient.age","answer":[{"valueInteger":40}]}]})"),
      QR(R"({"linkId":"patient.age","answer":[{"valueInteger":40}]})"),
      // an unknown grouping item around dotted linkIds
      QR(R"({"linkId":"section-1","item":[{"linkId":"patient.age","answer":[{"valueInteger":40}]}]})"),
      // Quantity: UCUM code, the rulebook's unit as display, both
      QR(R"({"linkId":"patient.age","answer":[{"valueQuantity":{"value":40,"system":"http://unitsofmeasure.org","code":"a"}}]})"),
      QR(R"({"linkId":"patient.age","answer":[{"valueQuantity":{"value":40,"unit":"years"}}]})"),
      QR(R"({"linkId":"patient.age","answer":[{"valueQuantity":{"value":40,"unit":"a","code":"a"}}]})"),
      // a whole valueDecimal for an integer question
      QR(R"({"linkId":"patient.age","answer":[{"valueDecimal":40.0}]})"),
      // items nested under an answer
      QR(R"({"linkId":"patient","item":[{"linkId":"sex","answer":[{"valueCoding":{"code":"female"},"item":[{"linkId":"age","answer":[{"valueInteger":40}]}]}]}]})"),
  };
  for (const auto& doc : accepted) {
    INFO(doc);
    const Read r = ReadFhir(doc);
    INFO(r.text);
    REQUIRE(r.status.ok());
    CHECK(r.q.id() == "t1");
    const ScreeningResult s = Screen(Shipped(), r.q);
    bool found = false;
    for (const auto& m : s.missing_questions) found = found || m.id == "patient.age";
    CHECK_FALSE(found);  // answered
  }
}

TEST_CASE("fhir: identifier.value is the id when there is no id; auto-detection and --input", "[fhir]") {
  const std::string doc = R"({"resourceType":"QuestionnaireResponse","identifier":{"system":"urn:x","value":"intake-7"},"status":"in-progress"})";
  for (InputFormat f : {InputFormat::kAuto, InputFormat::kJson, InputFormat::kFhir}) {
    const Read r = ReadFhir(doc, f);
    REQUIRE(r.status.ok());
    CHECK(r.q.id() == "intake-7");
    CHECK(r.q.warnings().empty());
  }
  // A plain JSON questionnaire forced as FHIR is refused, not misread.
  const Read plain = ReadFhir(R"({"id":"a"})", InputFormat::kFhir);
  CHECK(plain.text == "qr.json:1:1: error: not a FHIR resource: there is no resourceType (expected \"QuestionnaireResponse\") (at resourceType) [missing-key]\n");
}

TEST_CASE("fhir: list questions take repeated answers; no answer is an empty list", "[fhir]") {
  const Read r = ReadFhir(QR(R"({"linkId":"medications","answer":[]},{"linkId":"indications","answer":[{"valueCoding":{"code":"ptsd"}},{"valueString":"ocd"}]})"));
  REQUIRE(r.status.ok());
  const ScreeningResult s = Screen(Shipped(), r.q);
  CHECK(s.medications.empty());
  for (const auto& m : s.missing_questions) {
    CHECK(m.id != "medications");
    CHECK(m.id != "indications");
  }
  // An item with no answer at all is unanswered, as null is in YAML.
  const Read blank = ReadFhir(QR(R"({"linkId":"medications"})"));
  REQUIRE(blank.status.ok());
  bool missing = false;
  for (const auto& m : Screen(Shipped(), blank.q).missing_questions) missing = missing || m.id == "medications";
  CHECK(missing);
}

TEST_CASE("fhir: the samples/fhir twins screen exactly as their YAML or JSON originals", "[fhir]") {
  const std::vector<std::string> twins = {"01-eligible-trd.yaml", "03-precautions-ptsd-lorazepam.yaml", "06-review-bp-maoi.yaml",
                                          "07-review-unrecognised-medication.json", "08-review-polypharmacy.yaml",
                                          "11-ineligible-pregnant.json", "14-incomplete-missing-answers.yaml", "18-review-bmi-40.yaml"};
  for (const auto& original : twins) {
    INFO(original);
    const std::string base = original.substr(0, original.rfind('.'));
    const std::string fhir = FileText(SourceDir() + "/samples/fhir/" + base + ".json");
    REQUIRE_FALSE(fhir.empty());
    const std::string a = RenderJson(ScreenText(Shipped(), FileText(SourceDir() + "/samples/" + original)), true);
    const std::string b = RenderJson(ScreenText(Shipped(), fhir), true);
    CHECK(a == b);
  }
}

}  // namespace
}  // namespace candidacy::testing
