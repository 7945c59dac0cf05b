// `candidacy explain` in the engine: ExplainRule's trace of one rule on one
// questionnaire of the shipped rulebook (every sub-expression's value, the
// answers read, the operands that decided), for each state a rule can be in,
// the error for an unknown rule id. RenderExplanation's text:
// tests/engine/render/render_explanation_test.cc.
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/explain.h"
#include "candidacy/render_explanation.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

// One line per step: indent, text, " = " value, " (decides)", then " | " and
// each answer read.
std::vector<std::string> Dump(const Explanation& e) {
  std::vector<std::string> out;
  for (const auto& s : e.steps) {
    std::string line = std::string(static_cast<size_t>(s.depth) * 2, ' ') + s.text + " = " + s.value;
    if (s.decides && s.depth > 0) line += " (decides)";
    for (const auto& a : s.answers) line += " | " + a;
    out.push_back(std::move(line));
  }
  return out;
}

struct ExplainCase {
  const char* what;
  Sets sets;
  const char* rule;
  const char* status;
  std::vector<std::string> steps;
  std::vector<std::string> missing;
  const char* message;  // "" when the rule did not fire
};

}  // namespace

TEST_CASE("explain: every sub-expression, the answers read and what decided, per rule state", "[explain]") {
  const std::vector<ExplainCase> cases = {
      {"fired: both sides of the 'or' are true, and each alone decides",
       {{"vitals.systolic_bp", "150"}, {"vitals.diastolic_bp", "92"}},
       "RV-01",
       "fired",
       {"(vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100) = true",
        "  vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180 = true (decides)",
        "    vitals.systolic_bp >= 140 = true | vitals.systolic_bp = 150 mmHg",
        "    vitals.systolic_bp <= 180 = true | vitals.systolic_bp = 150 mmHg",
        "  vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100 = true (decides)",
        "    vitals.diastolic_bp >= 90 = true | vitals.diastolic_bp = 92 mmHg",
        "    vitals.diastolic_bp <= 100 = true | vitals.diastolic_bp = 92 mmHg"},
       {},
       "BP 150/92 mmHg: systolic 140-180 mmHg or diastolic 90-100 mmHg"},
      {"fired on the systolic alone: the false diastolic side is shown, not deciding",
       {{"vitals.systolic_bp", "150"}},
       "RV-01",
       "fired",
       {"(vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100) = true",
        "  vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180 = true (decides)",
        "    vitals.systolic_bp >= 140 = true | vitals.systolic_bp = 150 mmHg",
        "    vitals.systolic_bp <= 180 = true | vitals.systolic_bp = 150 mmHg",
        "  vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100 = false",
        "    vitals.diastolic_bp >= 90 = false (decides) | vitals.diastolic_bp = 78 mmHg",
        "    vitals.diastolic_bp <= 100 = not evaluated | vitals.diastolic_bp = 78 mmHg"},
       {},
       "BP 150/78 mmHg: systolic 140-180 mmHg or diastolic 90-100 mmHg"},
      {"not fired: the first false operand of each 'and' decides it; the rest is not evaluated",
       {},
       "RV-01",
       "not fired",
       {"(vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100) = false",
        "  vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180 = false",
        "    vitals.systolic_bp >= 140 = false (decides) | vitals.systolic_bp = 120 mmHg",
        "    vitals.systolic_bp <= 180 = not evaluated | vitals.systolic_bp = 120 mmHg",
        "  vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100 = false",
        "    vitals.diastolic_bp >= 90 = false (decides) | vitals.diastolic_bp = 78 mmHg",
        "    vitals.diastolic_bp <= 100 = not evaluated | vitals.diastolic_bp = 78 mmHg"},
       {},
       ""},
      {"undecided: the unanswered systolic is unknown, never false, and names the question",
       {{"vitals.systolic_bp", kDrop}},
       "EX-06",
       "undecided",
       {"vitals.systolic_bp > 180 or vitals.diastolic_bp > 100 = unknown",
        "  vitals.systolic_bp > 180 = unknown | vitals.systolic_bp = unanswered",
        "  vitals.diastolic_bp > 100 = false | vitals.diastolic_bp = 78 mmHg"},
       {"vitals.systolic_bp"},
       ""},
      {"fired though an operand is unknown: the true one decides the 'or'",
       {{"vitals.systolic_bp", kDrop}, {"vitals.diastolic_bp", "101"}},
       "EX-06",
       "fired",
       {"vitals.systolic_bp > 180 or vitals.diastolic_bp > 100 = true",
        "  vitals.systolic_bp > 180 = unknown | vitals.systolic_bp = unanswered",
        "  vitals.diastolic_bp > 100 = true (decides) | vitals.diastolic_bp = 101 mmHg"},
       {},
       "BP unanswered/101 mmHg is above 180/100 mmHg"},
      {"not evaluated: only an optional answer is missing",
       {{"vitals.spo2", kDrop}},
       "RV-03",
       "not evaluated",
       {"vitals.spo2 < 94 = unknown | vitals.spo2 = unanswered"},
       {"vitals.spo2"},
       ""},
      {"not asked: pregnancy for a man is false, never unknown",
       {{"patient.sex", "male"}, {"patient.pregnant", kDrop}, {"patient.breastfeeding", kDrop}},
       "EX-02",
       "not fired",
       {"patient.pregnant == true = false | patient.pregnant = not asked"},
       {},
       ""},
      {"not asked behind a false operand: depression trials for a CRPS patient",
       {{"indications", "[crps]"}, {"depression", kDrop}},
       "IND-02",
       "not fired",
       {"indications contains 'treatment_resistant_depression' and depression.failed_antidepressant_trials < 2 = false",
        "  indications contains 'treatment_resistant_depression' = false (decides) | indications = crps",
        "  depression.failed_antidepressant_trials < 2 = not evaluated | depression.failed_antidepressant_trials = not asked"},
       {},
       ""},
      {"medication classes: a benzodiazepine and an opioid, with the entries that matched",
       {{"medications", "[XANAX 0.5mg prn, sertraline 100 mg daily, Norco 10/325 q6h prn]"}},
       "IX-06",
       "fired",
       {"any medication in class 'benzodiazepine' and any medication in class 'opioid' = true",
        "  any medication in class 'benzodiazepine' = true | medications in class benzodiazepine: XANAX 0.5mg prn",
        "  any medication in class 'opioid' = true | medications in class opioid: Norco 10/325 q6h prn"},
       {},
       "Benzodiazepine (XANAX 0.5mg prn (alprazolam)) together with an opioid (Norco 10/325 q6h prn (hydrocodone, "
       "acetaminophen)): additive sedation and respiratory depression."},
      {"medication classes: no opioid, so the opioid test decides the 'and'",
       {{"medications", "[XANAX 0.5mg prn]"}},
       "IX-06",
       "not fired",
       {"any medication in class 'benzodiazepine' and any medication in class 'opioid' = false",
        "  any medication in class 'benzodiazepine' = true | medications in class benzodiazepine: XANAX 0.5mg prn",
        "  any medication in class 'opioid' = false (decides) | medications in class opioid: none"},
       {},
       ""},
      {"medication classes: the list unanswered leaves the class test unknown",
       {{"medications", kDrop}},
       "RV-22",
       "undecided",
       {"any medication in class 'theophylline' = unknown | medications = unanswered"},
       {"medications"},
       ""},
      {"a derived value shows its value and unit",
       {{"patient.weight_kg", "102.4"}, {"patient.height_cm", "160"}},
       "RV-09",
       "fired",
       {"history.sleep_apnea == true or bmi >= 40 = true",
        "  history.sleep_apnea == true = false | history.sleep_apnea = no",
        "  bmi >= 40 = true (decides) | bmi = 40.0 kg/m2"},
       {},
       "Sleep apnea: no; BMI 40.0 (threshold 40)"},
      {"'not' and its parentheses are shown as written",
       {},
       "IND-01",
       "not fired",
       {"not (indications contains any ['treatment_resistant_depression', 'major_depression', 'bipolar_depression', 'ptsd', "
        "'ocd', 'generalized_anxiety', 'crps', 'neuropathic_pain', 'fibromyalgia', 'phantom_limb_pain', 'other_chronic_pain']) = false",
        "  indications contains any ['treatment_resistant_depression', 'major_depression', 'bipolar_depression', 'ptsd', "
        "'ocd', 'generalized_anxiety', 'crps', 'neuropathic_pain', 'fibromyalgia', 'phantom_limb_pain', 'other_chronic_pain'] = true"
        " | indications = treatment_resistant_depression"},
       {},
       ""},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    Explanation e;
    const Status s = ExplainRule(Shipped(), ReadBase(c.sets), c.rule, &e);
    REQUIRE(s.ok());
    CHECK(e.rule_id == c.rule);
    CHECK(e.status == c.status);
    CHECK(Dump(e) == c.steps);
    CHECK(e.missing == c.missing);
    CHECK(e.message == c.message);
    // The state agrees with the screening of the same questionnaire.
    const ScreeningResult r = Screen(Shipped(), ReadBase(c.sets));
    const std::string state = Has(FlagIds(r), c.rule)          ? "fired"
                              : Has(UndecidedIds(r), c.rule)    ? "undecided"
                              : Has(NotEvaluatedIds(r), c.rule) ? "not evaluated"
                                                                : "not fired";
    CHECK(e.status == state);
  }
}

TEST_CASE("explain: the rule's metadata and the place of its 'when'", "[explain]") {
  Explanation e;
  REQUIRE(ExplainRule(Shipped(), ReadBase({}), "RV-01", &e).ok());
  CHECK(e.title == "Blood pressure 140-180 systolic or 90-100 diastolic");
  CHECK(e.severity == Severity::kReview);
  CHECK(e.points == 3);
  CHECK(e.when == "(vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100)");
  CHECK(e.where.file == SourceDir() + "/rules/ketamine/rules/review.yaml");
  CHECK(e.where.line == 12);
  CHECK(e.where.column == 11);
}

TEST_CASE("explain: an unknown rule id is an error naming the closest id", "[explain]") {
  const std::vector<std::pair<const char*, const char*>> rows = {
      {"RV-1", "the rulebook has no rule 'RV-1' (did you mean 'RV-01'?)"},
      {"ex-06", "the rulebook has no rule 'ex-06' (did you mean 'EX-06'?)"},
      {"ex6", "the rulebook has no rule 'ex6' (did you mean 'EX-06'?)"},
      {"IX06", "the rulebook has no rule 'IX06' (did you mean 'IX-06'?)"},
      {"RV-010", "the rulebook has no rule 'RV-010' (did you mean 'RV-10'?)"},
      {"IND-1", "the rulebook has no rule 'IND-1' (did you mean 'IND-01'?)"},
      {"LG-09", "the rulebook has no rule 'LG-09' (did you mean 'LG-01'?)"},
      {"bleeding", "the rulebook has no rule 'bleeding'"},
      {"", "the rulebook has no rule ''"},
  };
  const Questionnaire q = ReadBase({});
  for (const auto& [id, message] : rows) {
    INFO(id);
    Explanation e;
    e.rule_id = "untouched";
    const Status s = ExplainRule(Shipped(), q, id, &e);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message() == message);
    CHECK(e.rule_id == "untouched");
  }
}

TEST_CASE("explain: the same questionnaire gives the same explanation", "[explain]") {
  const Questionnaire q = ReadBase({{"vitals.heart_rate", kDrop}, {"medications", "[XANAX 0.5mg prn, Norco 10/325 q6h prn]"}});
  for (const char* rule : {"RV-02", "IX-06", "RV-01", "EX-02"}) {
    Explanation a, b;
    REQUIRE(ExplainRule(Shipped(), q, rule, &a).ok());
    REQUIRE(ExplainRule(Shipped(), q, rule, &b).ok());
    CHECK(RenderExplanation(a) == RenderExplanation(b));
  }
}

}  // namespace candidacy::testing
