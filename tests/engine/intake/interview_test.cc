// The interview's course (intake/interview.cc) against the shipped rulebook:
// the step function (order, asked_when, passes, exclusion short-circuit),
// files that cannot be resumed, and a full interview screening like the file.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/interview.h"
#include "candidacy/report.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

void Answer(InterviewState* s, const std::string& id, std::vector<std::string> values) {
  RecordInterviewAnswer(Shipped(), {id, false, std::move(values)}, s);
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
