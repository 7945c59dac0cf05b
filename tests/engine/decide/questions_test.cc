// `candidacy questions --for` in the engine: PlanQuestions on questionnaires
// of the shipped rulebook, complete, partly filled, already excluded, and
// with questions whose asked_when holds, does not hold or cannot be ruled
// out: which questions are due, in which order, and which rules each could fire.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/questions.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

// "question: RULE RULE" per due question, in plan order.
std::vector<std::string> Dump(const QuestionPlan& plan) {
  std::vector<std::string> out;
  for (const auto& d : plan.due) {
    std::string line = d.question.id + ":";
    for (const auto& r : d.could_fire) line += " " + r;
    out.push_back(std::move(line));
  }
  return out;
}

struct PlanCase {
  const char* what;
  Sets sets;
  Outcome outcome;
  std::vector<std::string> exclusions;
  std::vector<std::string> due;  // Dump() lines
};

}  // namespace

TEST_CASE("questions: what is due, what could change the outcome, in which order", "[questions]") {
  using O = Outcome;
  const std::vector<PlanCase> cases = {
      {"complete: nothing is due", {}, O::kEligible, {}, {}},
      {"complete with flags: still nothing is due", {{"history.arrhythmia", "true"}}, O::kNeedsReview, {}, {}},
      {"one answer missing: the rule it leaves undecided", {{"history.glaucoma", kDrop}}, O::kIncomplete, {}, {"history.glaucoma: RV-06"}},
      {"partly filled: those that could change the outcome first, each group in rulebook order",
       {{"history.glaucoma", kDrop}, {"patient.sex", kDrop}, {"logistics.agrees_no_driving", kDrop}, {"history.psychosis", kDrop},
        {"vitals.heart_rate", kDrop}},
       O::kIncomplete,
       {},
       {"vitals.heart_rate: RV-02", "history.psychosis: EX-03", "history.glaucoma: RV-06", "logistics.agrees_no_driving: LG-03",
        "patient.sex:"}},
      {"an enum with two rules on it: every value that fires one is tried",
       {{"history.heart_failure", kDrop}},
       O::kIncomplete,
       {},
       {"history.heart_failure: EX-09 RV-19"}},
      {"a rule that already fired is not listed as one the answer could fire",
       {{"vitals.systolic_bp", "150"}, {"vitals.diastolic_bp", kDrop}},
       O::kIncomplete,
       {},
       {"vitals.diastolic_bp: EX-06"}},
      {"a derived value needs both answers: neither weight nor height alone can fire RV-09",
       {{"patient.weight_kg", kDrop}, {"patient.height_cm", kDrop}},
       O::kIncomplete,
       {},
       {"patient.weight_kg:", "patient.height_cm:"}},
      {"the medication list: every class rule above info, the two-class one included",
       {{"medications", kDrop}},
       O::kIncomplete,
       {},
       {"medications: RV-22 IX-01 IX-03 IX-04 IX-05 IX-06 IX-07 IX-09 IX-10 IX-11 IX-12 IX-13"}},
      {"an exclusion already fired: the outcome is settled, nothing could change it",
       {{"history.psychosis", "true"}, {"history.glaucoma", kDrop}, {"vitals.heart_rate", kDrop}},
       O::kIneligible,
       {"EX-03"},
       {"vitals.heart_rate:", "history.glaucoma:"}},
      {"two exclusions, and nothing due", {{"history.psychosis", "true"}, {"patient.age", "17"}}, O::kIneligible, {"EX-01", "EX-03"}, {}},
      // asked_when: patient.sex != 'male' for pregnancy.
      {"asked_when false: a man is not asked about pregnancy",
       {{"patient.sex", "male"}, {"patient.pregnant", kDrop}, {"patient.breastfeeding", kDrop}},
       O::kEligible,
       {},
       {}},
      {"asked_when true: a woman's pregnancy is due",
       {{"patient.pregnant", kDrop}},
       O::kIncomplete,
       {},
       {"patient.pregnant: EX-02"}},
      {"asked_when not yet decidable: sex unanswered, so pregnancy cannot be ruled out",
       {{"patient.sex", kDrop}, {"patient.pregnant", kDrop}},
       O::kIncomplete,
       {},
       {"patient.pregnant: EX-02", "patient.sex:"}},
      // asked_when: history.bipolar == true for recent mania.
      {"asked_when true: bipolar, so recent mania is due, and either answer fires a rule",
       {{"history.bipolar", "true"}, {"history.recent_mania", kDrop}},
       O::kIncomplete,
       {},
       {"history.recent_mania: EX-04 RV-12"}},
      {"asked_when false: no bipolar disorder, recent mania is not due", {{"history.recent_mania", kDrop}}, O::kEligible, {}, {}},
      {"asked_when not yet decidable: bipolar unanswered leaves recent mania due",
       {{"history.bipolar", kDrop}},
       O::kIncomplete,
       {},
       {"history.bipolar:", "history.recent_mania:"}},
      // asked_when on the indications, for the depression questions.
      {"asked_when false: no depression indication, no depression questions",
       {{"indications", "[crps]"}, {"depression", kDrop}},
       O::kEligible,
       {},
       {}},
      {"asked_when not yet decidable: indications unanswered leave the depression questions due",
       {{"indications", kDrop}, {"depression", kDrop}},
       O::kIncomplete,
       {},
       {"indications: IND-01", "depression.suicidal_ideation: RV-17 RV-18", "depression.failed_antidepressant_trials:"}},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const Questionnaire q = ReadBase(c.sets);
    const QuestionPlan plan = PlanQuestions(Shipped(), q);
    CHECK(OutcomeName(plan.outcome) == std::string(OutcomeName(c.outcome)));
    CHECK(plan.exclusions == c.exclusions);
    CHECK(Dump(plan) == c.due);
    // Every due question is among the screening's questions to ask, and
    // the other way round: the plan only reorders them.
    const ScreeningResult r = Screen(Shipped(), q);
    std::vector<std::string> planned, missing;
    for (const auto& d : plan.due) planned.push_back(d.question.id);
    for (const auto& m : r.missing_questions) missing.push_back(m.id);
    std::sort(planned.begin(), planned.end());
    std::sort(missing.begin(), missing.end());
    CHECK(planned == missing);
  }
}

TEST_CASE("questions: a due question carries its prompt and how to answer it", "[questions]") {
  const QuestionPlan plan = PlanQuestions(Shipped(), ReadBase({{"vitals.heart_rate", kDrop}, {"history.heart_failure", kDrop}}));
  REQUIRE(plan.due.size() == 2);
  const QuestionInfo& hr = plan.due[0].question;
  CHECK(hr.id == "vitals.heart_rate");
  CHECK(hr.type == "integer");
  CHECK(hr.unit == "beats/min");
  CHECK(hr.required);
  CHECK(hr.has_range);
  CHECK(hr.min == 20);
  CHECK(hr.max == 250);
  CHECK_FALSE(hr.prompt.empty());
  const QuestionInfo& hf = plan.due[1].question;
  CHECK(hf.id == "history.heart_failure");
  CHECK(hf.values == std::vector<std::string>{"none", "compensated", "decompensated"});
}

TEST_CASE("questions: planning leaves the questionnaire as it was and is deterministic", "[questions]") {
  const Questionnaire q = ReadBase({{"history.glaucoma", kDrop}, {"medications", kDrop}, {"patient.sex", kDrop}});
  const ScreeningResult before = Screen(Shipped(), q);
  const QuestionPlan a = PlanQuestions(Shipped(), q);
  const QuestionPlan b = PlanQuestions(Shipped(), q);
  const ScreeningResult after = Screen(Shipped(), q);
  CHECK(Dump(a) == Dump(b));
  CHECK(after.outcome == before.outcome);
  CHECK(FlagIds(after) == FlagIds(before));
  CHECK(UndecidedIds(after) == UndecidedIds(before));
}

}  // namespace candidacy::testing

namespace candidacy::testing {

// Pairs of due questions that change the outcome only together.
TEST_CASE("questions: what two unanswered questions can change only together", "[questions]") {
  struct Row {
    const char* what;
    Sets sets;
    std::vector<std::string> together;  // "A + B: RULE RULE"
  };
  const Row rows[] = {
      {"one answer missing: no pair", {{"history.glaucoma", kDrop}}, {}},
      {"a condition on two answers: bipolar and recent mania", {{"history.bipolar", kDrop}},
       {"history.bipolar + history.recent_mania: EX-04 RV-12"}},
      {"a derived value of two answers: weight and height for the BMI rule",
       {{"patient.weight_kg", kDrop}, {"patient.height_cm", kDrop}},
       {"patient.weight_kg + patient.height_cm: RV-09"}},
      {"answers each of which can change the outcome alone are no pair",
       {{"history.glaucoma", kDrop}, {"history.psychosis", kDrop}}, {}},
      {"an exclusion already fired: nothing is tried", {{"history.psychosis", "true"}, {"history.bipolar", kDrop}}, {}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.what);
    const QuestionPlan plan = PlanQuestions(Shipped(), ReadBase(r.sets));
    std::vector<std::string> got;
    for (const auto& t : plan.together) {
      std::string line = t.questions[0] + " + " + t.questions[1] + ":";
      for (const auto& id : t.could_fire) line += " " + id;
      got.push_back(std::move(line));
    }
    CHECK(got == r.together);
  }
}

}  // namespace candidacy::testing
