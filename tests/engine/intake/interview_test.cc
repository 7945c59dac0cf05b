// The interview core against the shipped rulebook: answer checking (good and
// bad answers, with the reader's reasons), the step function (order,
// asked_when, passes, exclusion short-circuit), medication echo, the saved
// document read back, and resuming.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/interview.h"
#include "candidacy/report.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

std::vector<std::string> Check(const std::string& id, const std::string& typed, std::string* reason) {
  std::vector<std::string> values;
  reason->clear();
  (void)CheckInterviewAnswer(Shipped(), id, typed, &values, reason);
  return values;
}

void Answer(InterviewState* s, const std::string& id, std::vector<std::string> values) {
  RecordInterviewAnswer(Shipped(), {id, false, std::move(values)}, s);
}

TEST_CASE("interview: good answers are accepted in canonical form", "[interview]") {
  struct Row {
    std::string id, typed;
    std::vector<std::string> values;
  };
  const std::vector<Row> rows = {
      {"patient.age", "38", {"38"}},
      {"patient.age", " 120 ", {"120"}},
      {"patient.weight_kg", "68.40", {"68.4"}},
      {"patient.weight_kg", "70", {"70"}},
      {"patient.pregnant", "no", {"false"}},
      {"patient.pregnant", "YES", {"true"}},
      {"patient.pregnant", "false", {"false"}},
      {"patient.sex", "Female", {"female"}},
      {"history.heart_failure", "compensated", {"compensated"}},
      {"indications", "ptsd, crps", {"ptsd", "crps"}},
      {"indications", "treatment_resistant_depression", {"treatment_resistant_depression"}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.id, r.typed);
    std::string reason;
    CHECK(Check(r.id, r.typed, &reason) == r.values);
    CHECK(reason.empty());
  }
}

TEST_CASE("interview: bad answers are refused with the reader's reason", "[interview]") {
  struct Row {
    std::string id, typed, reason;
  };
  const std::vector<Row> rows = {
      {"patient.age", "130", "130 is outside the allowed range 0..120 years"},
      {"patient.age", "-1", "-1 is outside the allowed range 0..120 years"},
      {"patient.age", "38.5", "expected a whole number years, found 38.5"},
      {"patient.age", "thirty", "expected a whole number years, found text 'thirty'"},
      {"patient.age", "12:30", "expected a whole number years, found text '12:30'"},
      {"patient.weight_kg", "heavy", "expected a number kg, found text 'heavy'"},
      {"patient.pregnant", "maybe", "expected true or false, found 'maybe'"},
      {"patient.sex", "woman", "'woman' is not one of the allowed values: female, male, intersex, unknown"},
      {"indications", "ptsd, flu",
       "indications[1]: 'flu' is not one of the allowed values: treatment_resistant_depression, major_depression, "
       "bipolar_depression, ptsd, ocd, generalized_anxiety, crps, neuropathic_pain, fibromyalgia, phantom_limb_pain, "
       "other_chronic_pain"},
      {"patient.age", "", "no answer was given"},
      {"no.such", "1", "'no.such' is not a question of this rulebook"},
      {"medications", "Xanax", "give the entries one at a time"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.id, r.typed);
    std::string reason;
    CHECK(Check(r.id, r.typed, &reason).empty());
    CHECK(reason == r.reason);
  }
}

TEST_CASE("interview: ids and medication entries are checked like the reader", "[interview]") {
  std::string reason;
  CHECK(CheckInterviewId(Shipped(), "q-1", &reason).ok());
  CHECK_FALSE(CheckInterviewId(Shipped(), "   ", &reason).ok());
  CHECK(reason == "id: is empty; give the questionnaire's identifier");
  CHECK_FALSE(CheckInterviewId(Shipped(), std::string(1001, 'x'), &reason).ok());
  CHECK(reason == "id: is 1001 bytes long; the limit is 1000");
  CHECK(CheckInterviewItem(Shipped(), "medications", "Xanax \"0.5\" mg: as needed", 0, &reason).ok());
  CHECK_FALSE(CheckInterviewItem(Shipped(), "medications", std::string(1001, 'x'), 0, &reason).ok());
  CHECK(reason == "medications[0]: is 1001 bytes long; the limit is 1000");
  CHECK_FALSE(CheckInterviewItem(Shipped(), "medications", "Xanax", 200, &reason).ok());
  CHECK(reason == "the list already holds 200 entries; the limit is 200");
  CHECK_FALSE(CheckInterviewItem(Shipped(), "patient.age", "Xanax", 0, &reason).ok());
}

TEST_CASE("interview: the id first, then the questions that apply in rulebook order", "[interview]") {
  InterviewState s;
  CHECK(NextInterviewStep(Shipped(), s).kind == InterviewStep::Kind::kAskId);
  s.id = "q-1";
  InterviewStep step = NextInterviewStep(Shipped(), s);
  REQUIRE(step.kind == InterviewStep::Kind::kAsk);
  CHECK(step.question.id == "patient.age");
  CHECK(step.asked == 0);
  CHECK(step.remaining == static_cast<int>(Shipped().questions().size()));

  Answer(&s, "patient.age", {"40"});
  CHECK(NextInterviewStep(Shipped(), s).question.id == "patient.sex");
  SECTION("a male patient is not asked about pregnancy or breastfeeding") {
    Answer(&s, "patient.sex", {"male"});
    step = NextInterviewStep(Shipped(), s);
    CHECK(step.question.id == "patient.weight_kg");
    CHECK(step.remaining == static_cast<int>(Shipped().questions().size()) - 4);
  }
  SECTION("a female patient is, and an optional question may be passed") {
    Answer(&s, "patient.sex", {"female"});
    CHECK(NextInterviewStep(Shipped(), s).question.id == "patient.pregnant");
    Answer(&s, "patient.pregnant", {"false"});
    CHECK(NextInterviewStep(Shipped(), s).question.id == "patient.breastfeeding");
    RecordInterviewAnswer(Shipped(), {"patient.breastfeeding", true, {}}, &s);
    CHECK(NextInterviewStep(Shipped(), s).question.id == "patient.weight_kg");
  }
  SECTION("a passed required question is not asked again, and an unknown asked_when asks") {
    RecordInterviewAnswer(Shipped(), {"patient.sex", true, {}}, &s);
    CHECK(NextInterviewStep(Shipped(), s).question.id == "patient.pregnant");
  }
}

TEST_CASE("interview: once an exclusion fires the interview is over", "[interview]") {
  struct Row {
    std::string question;
    std::vector<std::string> values;
    std::string exclusion;
  };
  const std::vector<Row> rows = {
      {"patient.age", {"17"}, "EX-01"},
      {"history.psychosis", {"true"}, "EX-03"},
      {"vitals.systolic_bp", {"190"}, "EX-06"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.question);
    InterviewState s;
    s.id = "q-1";
    Answer(&s, r.question, r.values);
    const InterviewStep step = NextInterviewStep(Shipped(), s);
    CHECK(step.kind == InterviewStep::Kind::kDoneExcluded);
    CHECK(step.exclusions == std::vector<std::string>{r.exclusion});
    CHECK(step.skipped.size() == Shipped().questions().size() - 1);
    CHECK(std::find(step.skipped.begin(), step.skipped.end(), r.question) == step.skipped.end());
  }
}

TEST_CASE("interview: medications are echoed as recognised, probable, or with suggestions", "[interview]") {
  struct Row {
    std::string text;
    bool recognized;
    std::vector<std::string> generics, classes, suggestions, probable;
  };
  const std::vector<Row> rows = {
      {"XANAX 0.5mg prn", true, {"alprazolam"}, {"benzodiazepine"}, {}, {}},
      {"Norco 10/325", true, {"hydrocodone", "acetaminophen"}, {"opioid", "analgesic"}, {}, {}},
      {"Xanaks 0.5 mg", false, {}, {}, {"Xanax"}, {}},  // two edits from a name of 5: no guess, a suggestion
      {"lorazepan 1 mg", false, {"lorazepam"}, {"benzodiazepine"}, {}, {"lorazepam"}},  // one edit: probable
      {"qqqqzzzz", false, {}, {}, {}, {}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    const MedicationEcho echo = RecognizeMedication(Shipped(), r.text);
    CHECK(echo.entry.recognized == r.recognized);
    CHECK(echo.entry.generics == r.generics);
    CHECK(echo.entry.probable_names == r.probable);
    CHECK(echo.suggestions == r.suggestions);
  }
}

TEST_CASE("interview: the saved document reads back to the same answers, and resumes", "[interview]") {
  InterviewState s;
  s.id = "q \"1\"";
  Answer(&s, "patient.sex", {"female"});
  Answer(&s, "patient.age", {"40"});  // recorded out of order: saved in rulebook order
  Answer(&s, "indications", {"ptsd", "crps"});
  RecordInterviewAnswer(Shipped(), {"vitals.spo2", true, {}}, &s);
  Answer(&s, "medications", {"Xanax 0.5 mg: \"as needed\"", "#1 vitamin"});
  const std::string yaml = InterviewYaml(Shipped(), s);
  CHECK(yaml ==
        "id: \"q \\\"1\\\"\"\n"
        "patient:\n"
        "  age: 40\n"
        "  sex: female\n"
        "vitals:\n"
        "  spo2: null\n"
        "indications:\n"
        "  - ptsd\n"
        "  - crps\n"
        "medications:\n"
        "  - \"Xanax 0.5 mg: \\\"as needed\\\"\"\n"
        "  - \"#1 vitamin\"\n");
  InterviewState back;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(ResumeInterview(Shipped(), yaml, ReadOptions{}, &back, &diagnostics).ok());
  CHECK(back.id == s.id);
  REQUIRE(back.answers.size() == s.answers.size());
  for (size_t i = 0; i < s.answers.size(); ++i) {
    CHECK(back.answers[i].question == s.answers[i].question);
    CHECK(back.answers[i].passed == s.answers[i].passed);
    CHECK(back.answers[i].values == s.answers[i].values);
  }
  CHECK(InterviewYaml(Shipped(), back) == yaml);
  CHECK(NextInterviewStep(Shipped(), back).question.id == "patient.pregnant");
}

TEST_CASE("interview: an empty medication list is saved as []", "[interview]") {
  InterviewState s;
  s.id = "q-1";
  Answer(&s, "medications", {});
  CHECK(InterviewYaml(Shipped(), s) == "id: \"q-1\"\nmedications: []\n");
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(InterviewQuestionnaire(Shipped(), s, &q, &diagnostics).ok());
  CHECK(Screen(Shipped(), q).medications.empty());
}

TEST_CASE("interview: files that cannot be resumed", "[interview]") {
  struct Row {
    std::string text, expect;
  };
  const std::vector<Row> rows = {
      {"id: q-1\npatient:\n  age: 300\n", "patient.age: 300 is outside the allowed range 0..120 years"},
      {"id: q-1\npatient:\n  agee: 30\n", "unknown field 'patient.agee' is ignored; the rulebook asks no such question (resuming would drop it"},
      {"patient:\n  age: 30\n", "the questionnaire has no 'id'"},
      {"id: [\n", "<input>:"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    InterviewState s;
    std::vector<Diagnostic> diagnostics;
    CHECK(ResumeInterview(Shipped(), r.text, ReadOptions{}, &s, &diagnostics).code() == StatusCode::kQuestionnaireInvalid);
    std::string all;
    for (const auto& d : diagnostics) all += FormatDiagnostic(d);
    CHECK_THAT(all, Catch::Contains(r.expect));
    CHECK(s.id.empty());
  }
}

TEST_CASE("interview: a full interview of the base questionnaire screens like the file", "[interview]") {
  // Answer every question the step function asks with the base questionnaire's values.
  std::vector<Diagnostic> diagnostics;
  InterviewState base;
  REQUIRE(ResumeInterview(Shipped(), BaseQuestionnaire(), ReadOptions{}, &base, &diagnostics).ok());
  InterviewState s;
  s.id = base.id;
  int steps = 0;
  for (InterviewStep step = NextInterviewStep(Shipped(), s); step.kind == InterviewStep::Kind::kAsk;
       step = NextInterviewStep(Shipped(), s)) {
    REQUIRE(++steps < 100);
    InterviewAnswer a{step.question.id, true, {}};
    for (const auto& b : base.answers)
      if (b.question == step.question.id) a = b;
    RecordInterviewAnswer(Shipped(), a, &s);
  }
  CHECK(NextInterviewStep(Shipped(), s).kind == InterviewStep::Kind::kDoneComplete);
  Questionnaire q;
  REQUIRE(InterviewQuestionnaire(Shipped(), s, &q, &diagnostics).ok());
  CHECK(RenderText(Screen(Shipped(), q)) == RenderText(ScreenText(Shipped(), BaseQuestionnaire())));
}

}  // namespace
}  // namespace candidacy::testing
