// Expressions in plain words (authoring/handbook_words.h): every operator of
// the expression language read out (a table), and labels made from ids.
#include <catch2/catch.hpp>

#include "authoring/handbook_words.h"
#include "expr/parser.h"
#include "rulebook/rulebook_access.h"
#include "rulebook/type_check.h"
#include "test_support.h"

using namespace candidacy::internal;
using candidacy::testing::TempRulebook;

namespace {

const candidacy::Rulebook& Clinic() {
  static TempRulebook* rb = [] {
    auto* r = new TempRulebook({{"rulebook.yaml", candidacy::testing::MiniRoot()}, {"main.yaml", R"yaml(questions:
  - {id: vitals.systolic_bp, type: integer, unit: mmHg, range: [50, 300], prompt: "Systolic?", required: true}
  - {id: vitals.diastolic_bp, type: integer, unit: mmHg, range: [20, 200], prompt: "Diastolic?", required: true}
  - {id: vitals.spo2, type: integer, unit: "%", range: [50, 100], prompt: "SpO2?"}
  - {id: patient.weight_kg, type: number, unit: kg, range: [20, 350], prompt: "Weight?", required: true}
  - {id: patient.sex, type: enum, values: [female, male], prompt: "Sex?", required: true}
  - {id: patient.pregnant, type: boolean, prompt: "Pregnant?", required: true, asked_when: "patient.sex != 'male'"}
  - {id: history.mi_months_ago, type: integer, unit: months, prompt: "MI?"}
  - {id: history.heart_failure, type: enum, values: [none, compensated, decompensated], prompt: "HF?", required: true}
  - {id: indications, type: list_of_enum, values: [ptsd, crps, major_depression], prompt: "Why?", required: true}
  - {id: medications, type: list_of_text, prompt: "Meds?", required: true}
derived:
  - {id: bmi, unit: kg/m2, expr: "round(patient.weight_kg / 3, 1)"}
classes:
  - {id: opioid, title: Opioids}
drugs:
  - {generic: morphine, classes: [opioid], brands: [MS Contin]}
rules:
  - {id: R1, title: T, severity: review, sources: [S], message: "m", action: "a",
     when: "vitals.systolic_bp > 1 or vitals.diastolic_bp > 1 or vitals.spo2 > 1 or bmi > 1 or patient.pregnant or history.mi_months_ago < 1 or history.heart_failure == 'none' or indications contains 'ptsd' or any medication in class 'opioid'"}
)yaml"}});
    REQUIRE(r->Load().ok());
    return r;
  }();
  return *rb->rulebook();
}

std::string Words(const std::string& text) {
  const Model& m = candidacy::internal::ModelOf(Clinic());
  Expression e;
  ParseError perr;
  REQUIRE(ParseExpression(text, &e, &perr));
  std::vector<TypeError> errors;
  REQUIRE(TypeCheck(&e, Scope{&m, static_cast<int>(m.questions.size()), static_cast<int>(m.derived.size()), ""},
                    ValueType::kBoolean, &errors));
  return PlainWords(m, *e.root);
}

}  // namespace

TEST_CASE("every operator reads in plain words", "[handbook]") {
  auto [expression, words] = GENERATE(table<std::string, std::string>({
      // comparisons, with the unit after a number
      {"vitals.systolic_bp > 180", "systolic blood pressure is above 180 mmHg"},
      {"vitals.systolic_bp >= 180", "systolic blood pressure is at least 180 mmHg"},
      {"vitals.systolic_bp < 90", "systolic blood pressure is below 90 mmHg"},
      {"vitals.systolic_bp <= 90", "systolic blood pressure is at most 90 mmHg"},
      {"vitals.systolic_bp == 120", "systolic blood pressure is 120 mmHg"},
      {"vitals.systolic_bp != 120", "systolic blood pressure is not 120 mmHg"},
      {"180 < vitals.systolic_bp", "systolic blood pressure is above 180 mmHg"},
      {"vitals.spo2 < 94", "SpO2 is below 94%"},
      {"vitals.systolic_bp > vitals.diastolic_bp", "systolic blood pressure is above diastolic blood pressure"},
      // or, and, the brief's example, precedence made explicit
      {"vitals.systolic_bp > 180 or vitals.diastolic_bp > 100",
       "systolic blood pressure is above 180 mmHg, or diastolic blood pressure is above 100 mmHg"},
      {"patient.pregnant and vitals.spo2 < 94", "pregnant is answered yes and SpO2 is below 94%"},
      {"(patient.pregnant or vitals.spo2 < 94) and bmi >= 40",
       "(pregnant is answered yes, or SpO2 is below 94%) and BMI is at least 40 kg/m2"},
      {"patient.pregnant and vitals.spo2 < 94 or bmi >= 40",
       "(pregnant is answered yes and SpO2 is below 94%), or BMI is at least 40 kg/m2"},
      {"(vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or vitals.diastolic_bp > 100",
       "systolic blood pressure is between 140 and 180 mmHg (inclusive), or diastolic blood pressure is above 100 mmHg"},
      // booleans
      {"patient.pregnant", "pregnant is answered yes"},
      {"patient.pregnant == true", "pregnant is answered yes"},
      {"patient.pregnant == false", "pregnant is answered no"},
      {"patient.pregnant != true", "pregnant is answered no"},
      {"true", "always"},
      // not
      {"not patient.pregnant", "pregnant is answered no"},
      {"not (vitals.spo2 < 94)", "SpO2 is at least 94%"},
      {"not (not patient.pregnant)", "pregnant is answered yes"},
      {"not (patient.pregnant or vitals.spo2 < 94)",
       "it is not the case that (pregnant is answered yes, or SpO2 is below 94%)"},
      // enums, in, contains, contains any
      {"history.heart_failure == 'decompensated'", "heart failure is decompensated"},
      {"patient.sex != 'male'", "sex is not male"},
      {"history.heart_failure in ['compensated', 'decompensated']", "heart failure is compensated or decompensated"},
      {"not (history.heart_failure in ['none', 'compensated'])", "heart failure is none of none or compensated"},
      {"indications contains 'major_depression'", "major depression is among the indications"},
      {"not (indications contains 'ptsd')", "PTSD is not among the indications"},
      {"indications contains any ['ptsd', 'crps', 'major_depression']",
       "any of PTSD, CRPS or major depression is among the indications"},
      {"not (indications contains any ['ptsd', 'crps'])", "none of PTSD or CRPS is among the indications"},
      // medication classes
      {"any medication in class 'opioid'", "a listed medication is in the class \"Opioids\""},
      {"not (any medication in class 'opioid')", "no listed medication is in the class \"Opioids\""},
      // arithmetic, negation, round, labels from ids
      {"patient.weight_kg / 2 > 50", "weight divided by 2 is above 50"},
      {"patient.weight_kg * 2 + 1 > 50", "(weight times 2) plus 1 is above 50"},
      {"patient.weight_kg + 1 > 50", "weight plus 1 is above 50 kg"},
      {"patient.weight_kg - 1 > 50", "weight minus 1 is above 50 kg"},
      {"-patient.weight_kg < -50", "minus weight is below -50 kg"},
      {"round(patient.weight_kg, 0) > 50", "weight, rounded to 0 decimals is above 50 kg"},
      {"history.mi_months_ago < 6", "months since myocardial infarction is below 6 months"},
  }));
  CAPTURE(expression);
  CHECK(Words(expression) == words);
}

TEST_CASE("labels are made from ids", "[handbook]") {
  auto [id, unit, label] = GENERATE(table<std::string, std::string, std::string>({
      {"vitals.systolic_bp", "mmHg", "systolic blood pressure"},
      {"patient.weight_kg", "kg", "weight"},
      {"patient.weight_kg", "", "weight kg"},
      {"logistics.fasting_hours", "hours", "fasting hours"},
      {"depression.failed_antidepressant_trials", "trials", "failed antidepressant trials"},
      {"history.stroke_months_ago", "months", "months since stroke"},
      {"history.aneurysm_or_avm", "", "aneurysm or arteriovenous malformation"},
      {"bmi", "kg/m2", "BMI"},
      {"indications", "", "indications"},
      {"a.b.c_d", "", "c d"},
  }));
  CHECK(LabelFromId(id, unit) == label);
}
