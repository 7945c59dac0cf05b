// The FHIR Questionnaire writer (authoring/fhir_questionnaire.cc): every
// shipped asked_when as enableWhen, the forms FHIR cannot express carried in
// an extension, and a deterministic Questionnaire that carries the rulebook.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "authoring/fhir_questionnaire.h"
#include "candidacy/fhir_questionnaire.h"
#include "expr/parser.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "rulebook/type_check.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

std::string Translate(const std::string& expression) {
  const internal::Model& m = candidacy::internal::ModelOf(Shipped());
  internal::Expression e;
  internal::ParseError perr;
  REQUIRE(internal::ParseExpression(expression, &e, &perr));
  internal::Scope scope{&m, static_cast<int>(m.questions.size()), static_cast<int>(m.derived.size()), ""};
  std::vector<internal::TypeError> errors;
  REQUIRE(internal::TypeCheck(&e, scope, internal::ValueType::kBoolean, &errors));
  return internal::DumpEnableCondition(internal::TranslateAskedWhen(m, *e.root));
}

TEST_CASE("fhir: every shipped asked_when becomes the right enableWhen", "[fhir]") {
  // question id -> the enableWhen conditions and enableBehavior it must get.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"patient.pregnant", "patient.sex != 'male'\n"},
      {"patient.breastfeeding", "patient.sex != 'male'\n"},
      {"depression.failed_antidepressant_trials",
       "indications = 'treatment_resistant_depression'\nindications = 'major_depression'\nindications = 'bipolar_depression'\nbehavior: any\n"},
      {"depression.suicidal_ideation",
       "indications = 'treatment_resistant_depression'\nindications = 'major_depression'\nindications = 'bipolar_depression'\n"
       "indications = 'ptsd'\nindications = 'ocd'\nindications = 'generalized_anxiety'\nbehavior: any\n"},
      {"pain.average_score",
       "indications = 'crps'\nindications = 'neuropathic_pain'\nindications = 'fibromyalgia'\nindications = 'phantom_limb_pain'\n"
       "indications = 'other_chronic_pain'\nbehavior: any\n"},
      {"history.recent_mania", "history.bipolar = true\n"},
      {"history.mi_months_ago", "history.heart_attack = true\n"},
      {"history.stroke_months_ago", "history.stroke = true\n"},
  };
  const internal::Model& m = candidacy::internal::ModelOf(Shipped());
  size_t with_asked_when = 0;
  for (const auto& q : m.questions) {
    if (!q.asked_when.root) continue;
    ++with_asked_when;
    INFO(q.id << ": " << q.asked_when.text);
    auto it = std::find_if(expected.begin(), expected.end(), [&](const auto& e) { return e.first == q.id; });
    REQUIRE(it != expected.end());  // a new asked_when needs its row here
    CHECK(internal::DumpEnableCondition(internal::TranslateAskedWhen(m, *q.asked_when.root)) == it->second);
  }
  CHECK(with_asked_when == expected.size());
}

TEST_CASE("fhir: asked_when forms FHIR can and cannot express", "[fhir]") {
  CHECK(Translate("patient.age >= 65") == "patient.age >= 65\n");
  CHECK(Translate("65 < patient.age") == "patient.age > 65\n");
  CHECK(Translate("patient.weight_kg > 100.5") == "patient.weight_kg > 100.5\n");
  CHECK(Translate("history.bipolar") == "history.bipolar = true\n");
  CHECK(Translate("not history.bipolar") == "history.bipolar != true\n");
  CHECK(Translate("history.bipolar == false") == "history.bipolar = false\n");
  CHECK(Translate("indications contains 'ptsd'") == "indications = 'ptsd'\n");
  CHECK(Translate("patient.sex in ['female', 'intersex']") == "patient.sex = 'female'\npatient.sex = 'intersex'\nbehavior: any\n");
  CHECK(Translate("patient.sex == 'female' and patient.age < 50") == "patient.sex = 'female'\npatient.age < 50\nbehavior: all\n");
  CHECK(Translate("history.bipolar or indications contains any ['ptsd', 'ocd']") ==
        "history.bipolar = true\nindications = 'ptsd'\nindications = 'ocd'\nbehavior: any\n");
  // Not expressible: an extension carries the expression instead.
  CHECK(Translate("bmi >= 40") == "not expressible\n");  // a derived value
  CHECK(Translate("any medication in class 'opioid'") == "not expressible\n");
  CHECK(Translate("patient.sex == 'female' and indications contains any ['ptsd', 'ocd']") == "not expressible\n");
  CHECK(Translate("(patient.age > 60 or history.bipolar) and patient.sex == 'male'") == "not expressible\n");
  CHECK(Translate("not (patient.age > 60)") == "not expressible\n");
  CHECK(Translate("patient.age + 1 > 60") == "not expressible\n");
  CHECK(Translate("patient.age > 40.5") == "not expressible\n");  // an integer question takes answerInteger
}

TEST_CASE("fhir: an asked_when FHIR cannot express travels in the asked-when extension", "[fhir]") {
  TempRulebook rb({{"rulebook.yaml", MiniRoot()}, {"main.yaml", R"yaml(questions:
  - id: sex
    type: enum
    values: [female, male]
    required: true
    prompt: "Sex?"
  - id: smoking.smoker
    type: boolean
    required: true
    prompt: "Smoker?"
  - id: smoking.pack_years
    type: number
    unit: pack years
    required: true
    asked_when: (smoking.smoker or sex == 'male') and sex == 'female'
    prompt: "Pack years?"
rules:
  - id: R1
    title: T
    severity: review
    when: smoking.pack_years > 20
    message: "m"
    action: a
    sources: [S]
)yaml"}});
  const Status loaded = rb.Load();
  INFO(rb.diagnostics());
  REQUIRE(loaded.ok());
  const auto j = nlohmann::json::parse(RenderFhirQuestionnaire(*rb.rulebook()));
  CHECK(j["item"][0]["linkId"] == "sex");  // a question without a prefix stays at the top
  const auto& item = j["item"][1]["item"][1];
  CHECK(item["linkId"] == "smoking.pack_years");
  CHECK(item["type"] == "decimal");
  CHECK_FALSE(item.contains("enableWhen"));
  CHECK(item["extension"][0]["valueCoding"]["code"] == "{packyears}");
  CHECK(item["extension"].back()["url"] == "urn:candidacy:mini:asked-when");
  CHECK(item["extension"].back()["valueString"] == "(smoking.smoker or sex == 'male') and sex == 'female'");
}

TEST_CASE("fhir: the Questionnaire is deterministic and carries the rulebook", "[fhir]") {
  const std::string a = RenderFhirQuestionnaire(Shipped());
  CHECK(a == RenderFhirQuestionnaire(Shipped()));
  const auto j = nlohmann::json::parse(a);
  CHECK(j["resourceType"] == "Questionnaire");
  CHECK(j["url"] == "urn:candidacy:ketamine-iv-adult");
  CHECK(j["version"] == Shipped().version());
  CHECK(j["identifier"][0]["value"] == Shipped().sha256());
  // Every question appears once, as a linkId, in a group named by its prefix or at the top.
  size_t questions = 0;
  for (const auto& item : j["item"]) {
    if (item["type"] == "group") {
      for (const auto& child : item["item"]) {
        ++questions;
        CHECK(child["linkId"].get<std::string>().rfind(item["linkId"].get<std::string>() + ".", 0) == 0);
      }
    } else {
      ++questions;
    }
  }
  CHECK(questions == Shipped().questions().size());
  // vitals.systolic_bp: integer, mm[Hg], 50..300, required.
  const auto& vitals = *std::find_if(j["item"].begin(), j["item"].end(), [](const auto& i) { return i["linkId"] == "vitals"; });
  const auto& sbp = vitals["item"][0];
  CHECK(sbp["linkId"] == "vitals.systolic_bp");
  CHECK(sbp["type"] == "integer");
  CHECK(sbp["required"] == true);
  CHECK(sbp["extension"][0]["valueCoding"]["code"] == "mm[Hg]");
  CHECK(sbp["extension"][1]["valueInteger"] == 50);
  CHECK(sbp["extension"][2]["valueInteger"] == 300);
}

}  // namespace
}  // namespace candidacy::testing
