// The evaluator's recorder: the values it records, which nodes the decision
// reached once and/or stop short-circuiting, evidence read from the recorded
// values (the same reads, in the same order, as evaluating again gave),
// missing questions from the recorded values, the summary mode recording
// only values, and no recorder recording nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <memory>

#include "decide/eval_recorder.h"
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

// One expression checked against the mini rulebook, its nodes numbered after
// the model's, over the answers in `yaml`.
struct Case {
  Expression expr;
  int node_count = 0;
  candidacy::Questionnaire q;
  std::vector<MedicationMatch> meds;

  Case(const std::string& text, const std::string& yaml) {
    const Model& m = candidacy::internal::ModelOf(Mini());
    ParseError perr;
    REQUIRE(ParseExpression(text, &expr, &perr));
    std::vector<TypeError> errors;
    REQUIRE(TypeCheck(&expr, Scope{&m, static_cast<int>(m.questions.size()), static_cast<int>(m.derived.size()), ""}, ValueType::kBoolean,
                      &errors));
    node_count = NumberNodes(expr.root.get(), m.node_count);
    std::vector<candidacy::Diagnostic> diagnostics;
    REQUIRE(candidacy::ReadQuestionnaire(Mini(), "id: t\n" + yaml, {}, &q, &diagnostics).ok());
    for (const auto& t : candidacy::internal::AnswersOf(q).by_question[m.medications_question].texts) meds.push_back(m.lexicon.Match(t));
  }
  const Node& root() const { return *expr.root; }
  std::string Text(const Node& n) const { return expr.text.substr(static_cast<size_t>(n.offset), static_cast<size_t>(n.end - n.offset)); }
};

// The conditions of the tree in preorder as "text=value", "(not reached)"
// after those the decision did not reach; nodes never evaluated left out.
// (A node's text runs from its first token to its last: "a or b) and (c"
// for the whole of "(a or b) and (c)".)
void Describe(const Case& c, const EvalRecorder& r, const Node& n, std::string* out) {
  if (r.evaluated(n) && n.type == ValueType::kBoolean) {
    *out += (out->empty() ? "" : "; ") + c.Text(n) + "=" + TriName(r.condition(n)) + (r.reached(n) ? "" : " (not reached)");
  }
  for (const auto& child : n.children) Describe(c, r, *child, out);
}

// CollectReads as it was before the recorder: evaluating again.
void ReadsByEvaluating(const Evaluator& ev, const Node& n, std::vector<Read>* reads) {
  switch (n.kind) {
    case NodeKind::kRef: reads->push_back({n.ref_is_derived ? Read::Kind::kDerived : Read::Kind::kQuestion, n.index}); return;
    case NodeKind::kMedicationClass: reads->push_back({Read::Kind::kClass, n.index}); return;
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      const Tri whole = ev.Eval(n);
      const Tri deciding = n.kind == NodeKind::kOr ? Tri::kTrue : Tri::kFalse;
      for (const auto& c : n.children)
        if (whole != deciding || ev.Eval(*c) == deciding) ReadsByEvaluating(ev, *c, reads);
      return;
    }
    default:
      for (const auto& c : n.children) ReadsByEvaluating(ev, *c, reads);
  }
}

std::vector<int> Sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

const std::vector<std::string>& Expressions() {
  static const std::vector<std::string> e = {
      "a or b",
      "a and b",
      "a or b or c",
      "a and b and c",
      "(a and b) or (c and n > 5)",
      "(a or b) and (c or n > 5)",
      "not (a and b) or c",
      "a and (b or (c and not a))",
      "n > 5 and ratio > 1 or preg",
      "tags contains 'p' or tags contains any ['q', 'r'] and sex == 'female'",
      "any medication in class 'opioid' and (a or n in [1, 2, 3])",
      "(a or b) == true and c",
      "preg or sex == 'male' and a",
  };
  return e;
}

const std::vector<std::string>& AnswerSets() {
  static const std::vector<std::string> y = {
      "",
      "a: true\nb: true\nc: true\nn: 6\nx: 2\nsex: female\npreg: true\ntags: [p]\nmedications: ['MS Contin 15 mg']",
      "a: false\nb: false\nc: false\nn: 1\nx: 0\nsex: male\ntags: []\nmedications: []",
      "a: true\nb: false\nn: 9\nsex: female\ntags: [q]",
      "b: true\nc: false\nx: 3\nmedications: [tylenol]",
      "a: false\nc: true\nn: 2\nx: 1\nsex: male\npreg: false\ntags: [r, q]",
  };
  return y;
}

}  // namespace

TEST_CASE("a full recorder records each operand once and which ones the decision reached", "[recorder]") {
  auto [text, yaml, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"a or b", "a: true\nb: false", "a or b=true; a=true; b=false (not reached)"},
      {"a or b", "a: false\nb: true", "a or b=true; a=false; b=true"},
      {"a and b", "a: false\nb: true", "a and b=false; a=false; b=true (not reached)"},
      {"a and b", "a: true", "a and b=unknown; a=true; b=unknown"},
      {"a or b or c", "b: true\nc: false", "a or b or c=true; a=unknown; b=true; c=false (not reached)"},
      // Everything below an operand past the deciding one is not reached either.
      {"a or (b and c)", "a: true\nb: true\nc: false", "a or (b and c=true; a=true; b and c=false (not reached); b=true (not reached); c=false (not reached)"},
      {"(a or b) and (c or n > 5)", "a: false\nb: false\nn: 9",
       "a or b) and (c or n > 5=false; a or b=false; a=false; b=false; c or n > 5=true (not reached); c=unknown (not reached); n > 5=true (not reached)"},
      {"not (a and b)", "a: false\nb: true", "not (a and b=true; a and b=false; a=false; b=true (not reached)"},
      {"n > 5 and ratio > 1", "n: 3\nx: 1", "n > 5 and ratio > 1=false; n > 5=false; ratio > 1=true (not reached)"},
  }));
  CAPTURE(text, yaml);
  Case c(text, yaml);
  EvalRecorder r;
  r.Start(c.node_count, EvalRecorder::Mode::kFull);
  const Evaluator ev(candidacy::internal::ModelOf(Mini()), candidacy::internal::AnswersOf(c.q), c.meds, nullptr, &r);
  const Tri t = ev.Eval(c.root());
  std::string described;
  Describe(c, r, c.root(), &described);
  CHECK(described == expected);
  // The decision is the one short-circuit evaluation gives.
  CHECK(t == Evaluator(candidacy::internal::ModelOf(Mini()), candidacy::internal::AnswersOf(c.q), c.meds).Eval(c.root()));
  // Numbers too: every operand, leaves included.
  if (text == "n > 5 and ratio > 1") {
    const Node& ratio = *c.root().children[1]->children[0];
    CHECK(r.number(ratio).state == NumValue::State::kKnown);
    CHECK(r.number(ratio).value == 3.0);
    CHECK(!r.reached(ratio));
  }
}

TEST_CASE("recorded values give the decision, the evidence and the missing questions evaluating again gave", "[recorder]") {
  const Model& m = candidacy::internal::ModelOf(Mini());
  int fired = 0, undecided = 0;
  for (const auto& text : Expressions()) {
    for (const auto& yaml : AnswerSets()) {
      CAPTURE(text, yaml);
      Case c(text, yaml);
      const Evaluator plain(m, candidacy::internal::AnswersOf(c.q), c.meds);
      EvalRecorder full, values;
      full.Start(c.node_count, EvalRecorder::Mode::kFull);
      values.Start(c.node_count, EvalRecorder::Mode::kValues);
      const Evaluator by_full(m, candidacy::internal::AnswersOf(c.q), c.meds, nullptr, &full);
      const Evaluator by_values(m, candidacy::internal::AnswersOf(c.q), c.meds, nullptr, &values);
      const Tri t = plain.Eval(c.root());
      REQUIRE(by_full.Eval(c.root()) == t);
      REQUIRE(by_values.Eval(c.root()) == t);
      if (t == Tri::kUnknown) {
        ++undecided;
        std::vector<int> expected, expected_deciding, from_full, full_deciding, from_values, values_deciding;
        plain.CollectMissing(c.root(), &expected, &expected_deciding);
        by_full.CollectMissing(c.root(), &from_full, &full_deciding);
        by_values.CollectMissing(c.root(), &from_values, &values_deciding);
        CHECK(from_full == expected);
        CHECK(full_deciding == expected_deciding);
        CHECK(from_values == expected);
        CHECK(values_deciding == expected_deciding);
        CHECK(!Sorted(expected).empty());
        continue;
      }
      if (t == Tri::kTrue) ++fired;
      std::vector<Read> expected, recorded;
      ReadsByEvaluating(plain, c.root(), &expected);
      full.CollectReads(c.root(), &recorded);
      CHECK(recorded == expected);
      CHECK(full.examined(c.root()));
    }
  }
  CHECK(fired > 10);  // the table exercises all three
  CHECK(undecided > 10);
}

TEST_CASE("the evidence looks at the operands past a short-circuit, and says so", "[recorder]") {
  // a decides the 'or'; b is not reached, but the evidence looks at it to
  // see whether it holds too (explain shows its value, coverage counts it).
  Case c("a or (b and c)", "a: true\nb: true\nc: false");
  EvalRecorder r;
  r.Start(c.node_count, EvalRecorder::Mode::kFull);
  const Evaluator ev(candidacy::internal::ModelOf(Mini()), candidacy::internal::AnswersOf(c.q), c.meds, nullptr, &r);
  REQUIRE(ev.Eval(c.root()) == Tri::kTrue);
  const Node& b_and_c = *c.root().children[1];
  CHECK(!r.reached(b_and_c));
  CHECK(!r.examined(b_and_c));
  std::vector<Read> reads;
  r.CollectReads(c.root(), &reads);
  REQUIRE(reads.size() == 1);
  CHECK(reads[0].index == candidacy::internal::ModelOf(Mini()).question_index.at("a"));
  CHECK(r.examined(b_and_c));                     // looked at: false, so not evidence
  CHECK(r.examined(*b_and_c.children[0]));        // b, as far as the 'and' itself goes
  CHECK(r.examined(*b_and_c.children[1]));        // c decides it
  CHECK(!r.reached(*b_and_c.children[1]));
}

TEST_CASE("the summary recorder keeps values only, short-circuiting; no recorder records nothing", "[recorder]") {
  Case c("a or b", "a: true\nb: true");

  SECTION("values") {
    // Only which nodes were unknown, and short-circuiting still: b is never evaluated.
    Case u("a and b or c", "a: true\nc: true");
    EvalRecorder r;
    r.Start(u.node_count, EvalRecorder::Mode::kValues);
    const Evaluator ev(candidacy::internal::ModelOf(Mini()), candidacy::internal::AnswersOf(u.q), u.meds, nullptr, &r);
    REQUIRE(ev.Eval(u.root()) == Tri::kTrue);
    const Node& a_and_b = *u.root().children[0];
    CHECK(r.unknown(a_and_b));
    CHECK(r.unknown(*a_and_b.children[1]));
    CHECK(!r.unknown(u.root()));
    CHECK(!r.unknown(*a_and_b.children[0]));
    CHECK(!r.unknown(*u.root().children[1]));
    // A new screening forgets them.
    r.Start(u.node_count, EvalRecorder::Mode::kValues);
    CHECK(!r.unknown(a_and_b));
    // Short-circuit kept: with a false the 'and' stops and b is never looked at.
    Case s("a and b", "a: false");
    r.Start(s.node_count, EvalRecorder::Mode::kValues);
    const Evaluator ev2(candidacy::internal::ModelOf(Mini()), candidacy::internal::AnswersOf(s.q), s.meds, nullptr, &r);
    REQUIRE(ev2.Eval(s.root()) == Tri::kFalse);
    CHECK(!r.unknown(*s.root().children[1]));  // b is unanswered but was not evaluated
  }
  SECTION("none") {
    EvalRecorder r;
    r.Start(c.node_count, EvalRecorder::Mode::kFull);  // started, never attached
    const Evaluator ev(candidacy::internal::ModelOf(Mini()), candidacy::internal::AnswersOf(c.q), c.meds);
    REQUIRE(ev.Eval(c.root()) == Tri::kTrue);
    for (int id = 0; id < c.node_count; ++id) {
      Node probe;
      probe.id = id;
      CHECK(!r.evaluated(probe));
      CHECK(r.condition(probe) == Tri::kUnknown);
      CHECK(r.number(probe).value == 0);
    }
  }
}

TEST_CASE("every node of a rulebook is numbered, loaded from YAML or from its image", "[recorder]") {
  candidacy::testing::TempDir cache;
  candidacy::LoadOptions options;
  options.cache_directory = cache.path();
  std::string log;
  options.log = [&log](const std::string& line) { log += line + "\n"; };
  for (const char* how : {"yaml", "image"}) {
    CAPTURE(how);
    std::shared_ptr<const candidacy::Rulebook> rb;
    std::vector<candidacy::Diagnostic> diagnostics;
    // (The mini rulebook's files, written once; the second load reads the image the first wrote.)
    static TempRulebook files({{"rulebook.yaml", candidacy::testing::MiniRoot()}, {"main.yaml", candidacy::testing::MiniMain()}});
    REQUIRE(candidacy::Rulebook::Load(files.dir(), options, &rb, &diagnostics).ok());
    const Model& m = candidacy::internal::ModelOf(*rb);
    std::vector<int> ids;
    std::function<void(const Node&)> walk = [&](const Node& n) {
      ids.push_back(n.id);
      for (const auto& c : n.children) walk(*c);
    };
    for (const auto& q : m.questions)
      if (q.asked_when.root) walk(*q.asked_when.root);
    for (const auto& d : m.derived) walk(*d.expr.root);
    for (const auto& r : m.rules) walk(*r.when.root);
    REQUIRE(m.node_count > 20);
    REQUIRE(static_cast<int>(ids.size()) == m.node_count);
    for (int i = 0; i < m.node_count; ++i) CHECK(ids[static_cast<size_t>(i)] == i);
  }
  CHECK_THAT(log, Catch::Contains("wrote"));
  CHECK_THAT(log, Catch::Contains("used"));  // the second load was the image's
}
