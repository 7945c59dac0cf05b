// Three-valued evaluation: full Kleene truth tables with unknown, questions
// not asked, derived values, medication classes, and which unanswered
// questions an undecided expression names.
#include <catch2/catch.hpp>

#include "decide/evaluator.h"
#include "expr/parser.h"
#include "input/answers.h"
#include "input/questionnaire_access.h"
#include "mini_rulebook.h"
#include "rulebook/rulebook_access.h"
#include "rulebook/type_check.h"
#include "test_support.h"

using namespace candidacy::internal;
using candidacy::testing::TempRulebook;

namespace {

const candidacy::Rulebook& Mini() { return candidacy::testing::MiniRulebook(); }

// "true", "false" or "unknown [q1 q2]" for `text` over the answers in `yaml`.
std::string Evaluate(const std::string& text, const std::string& yaml) {
  const Model& m = candidacy::internal::ModelOf(Mini());
  Expression e;
  ParseError perr;
  REQUIRE(ParseExpression(text, &e, &perr));
  std::vector<TypeError> errors;
  REQUIRE(TypeCheck(&e, Scope{&m, static_cast<int>(m.questions.size()), static_cast<int>(m.derived.size()), ""}, ValueType::kBoolean, &errors));
  candidacy::Questionnaire q;
  std::vector<candidacy::Diagnostic> diagnostics;
  REQUIRE(candidacy::ReadQuestionnaire(Mini(), "id: t\n" + yaml, {}, &q, &diagnostics).ok());
  std::vector<MedicationMatch> meds;
  const Answer& med_answer = candidacy::internal::AnswersOf(q).by_question[m.medications_question];
  for (const auto& t : med_answer.texts) meds.push_back(m.lexicon.Match(t));
  Evaluator ev(m, candidacy::internal::AnswersOf(q), meds);
  const Tri t = ev.Eval(*e.root);
  if (t != Tri::kUnknown) return TriName(t);
  std::vector<int> missing;
  ev.CollectMissing(*e.root, &missing);
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  std::string out = "unknown [";
  for (size_t i = 0; i < missing.size(); ++i) out += (i ? " " : "") + m.questions[missing[i]].id;
  return out + "]";
}

std::string Line(const char* name, const std::string& value) { return value == "-" ? "" : std::string(name) + ": " + value + "\n"; }

}  // namespace

TEST_CASE("and / or / not follow Kleene's three-valued logic", "[eval]") {
  // a, b: true, false, or "-" (unanswered). Expected results for and, or, not a.
  auto [a, b, and_r, or_r, not_a] = GENERATE(table<std::string, std::string, std::string, std::string, std::string>({
      {"true", "true", "true", "true", "false"},
      {"true", "false", "false", "true", "false"},
      {"true", "-", "unknown [b]", "true", "false"},
      {"false", "true", "false", "true", "true"},
      {"false", "false", "false", "false", "true"},
      {"false", "-", "false", "unknown [b]", "true"},
      {"-", "true", "unknown [a]", "true", "unknown [a]"},
      {"-", "false", "false", "unknown [a]", "unknown [a]"},
      {"-", "-", "unknown [a b]", "unknown [a b]", "unknown [a]"},
  }));
  const std::string yaml = Line("a", a) + Line("b", b);
  CAPTURE(a, b);
  CHECK(Evaluate("a and b", yaml) == and_r);
  CHECK(Evaluate("a or b", yaml) == or_r);
  CHECK(Evaluate("not a", yaml) == not_a);
  CHECK(Evaluate("b and a", yaml) == and_r);  // commutative, unknowns included
  CHECK(Evaluate("b or a", yaml) == or_r);
  CHECK(Evaluate("not (a and b)", yaml) == Evaluate("not a or not b", yaml));  // De Morgan holds
}

TEST_CASE("comparisons, membership and lists with answers present, missing or not asked", "[eval]") {
  auto [expr, yaml, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"n > 5", "n: 6", "true"},
      {"n > 5", "n: 5", "false"},
      {"n >= 5", "n: 5", "true"},
      {"n > 5", "", "unknown [n]"},
      {"n in [1, 2]", "n: 2", "true"},
      {"n in [1, 2]", "n: 3", "false"},
      {"n in [1, 2]", "", "unknown [n]"},
      {"n + 1 == 3", "n: 2", "true"},
      {"-n < -1", "n: 2", "true"},
      {"x / 2 > 1", "x: 2.5", "true"},
      {"sex == 'male'", "sex: male", "true"},
      {"sex != 'male'", "sex: female", "true"},
      {"sex in ['female']", "", "unknown [sex]"},
      {"tags contains 'p'", "tags: [q, p]", "true"},
      {"tags contains 'p'", "tags: []", "false"},
      {"tags contains any ['p', 'r']", "tags: [q]", "false"},
      {"tags contains any ['p', 'r']", "", "unknown [tags]"},
      {"a == true", "a: true", "true"},
      {"a == false", "a: false", "true"},
      {"a != true", "", "unknown [a]"},
      // preg is asked only when sex is not male.
      {"preg", "sex: male", "false"},
      {"preg == true", "sex: male", "false"},
      {"preg == false", "sex: male", "false"},  // not asked: every comparison is false
      {"preg", "sex: female", "unknown [preg]"},
      {"preg", "", "unknown [sex preg]"},  // whether it is asked is itself unknown
      {"preg", "sex: male\npreg: true", "true"},  // an answer given is used
      // Derived values.
      {"ratio > 1", "n: 30\nx: 20", "true"},    // 1.5
      {"ratio == 1.5", "n: 30\nx: 20", "true"},
      {"ratio > 1", "n: 30", "unknown [x]"},
      {"ratio > 1", "n: 30\nx: 0", "unknown []"},  // division by zero: undecidable, never false
      // Medication classes.
      {"any medication in class 'opioid'", "medications: ['MS CONTIN 15 mg bid']", "true"},
      {"any medication in class 'opioid'", "medications: ['Tylenol with Codeine #3']", "true"},
      {"any medication in class 'opioid'", "medications: ['Tylenol 500 mg']", "false"},
      {"any medication in class 'opioid'", "medications: []", "false"},
      {"any medication in class 'opioid'", "", "unknown [medications]"},
      {"any medication in class 'quiet' and a", "medications: [tylenol]\na: true", "true"},
  }));
  CAPTURE(expr, yaml);
  CHECK(Evaluate(expr, yaml) == expected);
}
