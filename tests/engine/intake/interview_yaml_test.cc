// The interview's saved document (intake/interview_yaml.cc): it reads back
// to the same answers and resumes; an empty medication list is saved as [].
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

}  // namespace
}  // namespace candidacy::testing
