// The evaluator running a rulebook's flat program (a summary screening,
// expr/program.h) against the same evaluator walking the trees: every
// question's asked state, every derived value, every condition's value and
// an undecided one's missing questions are the same, over expressions of
// every kind of step and answer sets with answers missing, not asked, and a
// division by zero.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "decide/eval_recorder.h"
#include "decide/evaluator.h"
#include "input/answers.h"
#include "input/questionnaire_access.h"
#include "mini_rulebook.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

using namespace candidacy::internal;
using candidacy::testing::TempRulebook;

namespace {

const std::vector<std::string>& Conditions() {
  static const std::vector<std::string> c = {
      "n == 5", "n != 5", "n < 18", "n <= 18", "n > 60", "n >= 60", "18 > n", "x * 2 == n", "n in [1, 2, 3, 50]",
      "sex in ['female']", "sex == 'male'", "tags contains 'p'", "tags contains any ['q', 'r']", "any medication in class 'opioid'",
      "not a", "a and b", "a or b", "a and (b or n > 10) and not (x < 1)", "a or b or preg", "preg and c", "ratio > 2",
      "ratio == 0.5", "-(ratio - n) * 2 < 0", "-x < -3", "(a or b) == true", "a", "b", "c or preg",
      "not (tags contains 'p') and any medication in class 'quiet'", "n > 10 and n > 10 or b", "n / x > 1 or c",
      "(preg or c) and (n > 10 or ratio > 1)",
  };
  return c;
}

std::shared_ptr<TempRulebook> Load() {
  std::string main = candidacy::testing::MiniDeclarations() + "rules:\n";
  for (size_t i = 0; i < Conditions().size(); ++i)
    main += "  - {id: P" + std::to_string(i) + ", title: T, severity: review, sources: [S], message: \"m\", action: \"act\", when: \"" +
            Conditions()[i] + "\"}\n";
  auto rb = std::make_shared<TempRulebook>(
      std::map<std::string, std::string>{{"rulebook.yaml", candidacy::testing::MiniRoot()}, {"main.yaml", main}});
  REQUIRE(rb->Load().ok());
  return rb;
}

// Answer sets drawn from each question's values (or none), reproducibly.
std::vector<std::string> AnswerSets() {
  const std::vector<std::pair<std::string, std::vector<std::string>>> values = {
      {"a", {"true", "false", "-"}}, {"b", {"true", "false", "-"}}, {"c", {"true", "false", "-"}},
      {"n", {"0", "5", "17", "18", "50", "60", "99", "-"}}, {"x", {"0", "0.5", "2.5", "10", "-"}},
      {"sex", {"female", "male", "-"}}, {"preg", {"true", "false", "-"}}, {"tags", {"[]", "[p]", "[q, r]", "[p, r]", "-"}},
      {"medications", {"[]", "['MS Contin 15 mg']", "[Tylenol]", "[Tylenol, MS Contin]", "['unheard-of 5 mg']", "-"}},
  };
  std::mt19937 rng(19);
  std::vector<std::string> out = {""};
  for (int i = 0; i < 300; ++i) {
    std::string yaml;
    for (const auto& [id, vs] : values) {
      const std::string& v = vs[rng() % vs.size()];
      if (v != "-") yaml += id + ": " + v + "\n";
    }
    out.push_back(yaml);
  }
  return out;
}

std::vector<int> Missing(const Evaluator& ev, const Node& n) {
  std::vector<int> q, d;
  ev.CollectMissing(n, &q, &d);
  std::sort(q.begin(), q.end());
  std::sort(d.begin(), d.end());
  q.push_back(-1);  // (the two lists, apart)
  q.insert(q.end(), d.begin(), d.end());
  return q;
}

}  // namespace

TEST_CASE("the program gives every value the tree walk gives", "[program]") {
  static const auto rb = Load();
  static const std::vector<std::string> sets = AnswerSets();
  const Model& m = ModelOf(*rb->rulebook());
  REQUIRE(!m.program.steps.empty());
  int unknown = 0, decided = 0;
  EvalRecorder recorder;  // one, as a batch thread keeps it
  EvalTables tables;
  for (const auto& yaml : sets) {
    CAPTURE(yaml);
    candidacy::Questionnaire q;
    std::vector<candidacy::Diagnostic> diagnostics;
    REQUIRE(candidacy::ReadQuestionnaire(*rb->rulebook(), "id: t\n" + yaml, {}, &q, &diagnostics).ok());
    const Answers& answers = AnswersOf(q);
    std::vector<MedicationMatch> meds;
    if (answers.by_question[m.medications_question].present)
      for (const auto& t : answers.by_question[m.medications_question].texts) meds.push_back(m.lexicon.Match(t));
    recorder.Start(m.value_count, EvalRecorder::Mode::kValues);
    const Evaluator program(m, answers, meds, &tables, &recorder);
    const Evaluator walk(m, answers, meds);
    for (size_t i = 0; i < m.questions.size(); ++i) CHECK(program.asked(static_cast<int>(i)) == walk.asked(static_cast<int>(i)));
    for (size_t d = 0; d < m.derived.size(); ++d) {
      CHECK(program.derived(static_cast<int>(d)).state == walk.derived(static_cast<int>(d)).state);
      CHECK(program.derived(static_cast<int>(d)).value == walk.derived(static_cast<int>(d)).value);
    }
    for (size_t r = 0; r < m.rules.size(); ++r) {
      CAPTURE(Conditions()[r]);
      const Node& root = *m.rules[r].when.root;
      const Tri t = program.Eval(root);
      REQUIRE(t == walk.Eval(root));
      if (t == Tri::kUnknown) {
        ++unknown;
        CHECK(Missing(program, root) == Missing(walk, root));
      } else {
        ++decided;
      }
    }
  }
  // Neither side trivial: many conditions decided, many left unknown.
  CHECK(decided > 2000);
  CHECK(unknown > 1000);
}
