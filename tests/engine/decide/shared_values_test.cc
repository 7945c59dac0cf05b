// Sub-expressions shared by several rules (Node::value_id): a summary
// screening computes each once, and every rule's verdict must be what it is
// when the rule is screened alone, and what a full screening (which shares
// nothing) gives: fired, undecided with the same missing questions, or not
// evaluated; the flags in the same order. Over a table of questionnaires
// with answers missing, not asked, and a division by zero.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/screening.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "mini_rulebook.h"
#include "test_support.h"

using candidacy::testing::TempRulebook;

namespace {

struct RuleRow {
  const char* id;
  const char* severity;
  const char* when;
};

// Rules that share "(b or c)", "n > 10", "ratio > 1", "a", whole conditions
// (S1 and S3), in orders where a shared operand is reached by one rule and
// passed by a short-circuit in another.
const std::vector<RuleRow> kRules = {
    {"S1", "review", "a and (b or c)"},
    {"S2", "caution", "(b or c) and n > 10"},
    {"S3", "info", "a and (b or c)"},
    {"S4", "caution", "not (b or c) or x > 2"},
    {"S5", "review", "preg and (b or c)"},
    {"S6", "info", "ratio > 1 and a"},
    {"S7", "caution", "tags contains 'p' and (b or c) and n > 10"},
    {"S8", "review", "any medication in class 'opioid' or n > 10"},
    {"S9", "caution", "(n > 10 or ratio > 1) and not a"},
    {"S10", "info", "a or (b or c)"},
};

std::string RuleFile(const std::vector<RuleRow>& rules) {
  std::string out = candidacy::testing::MiniDeclarations() + "rules:\n";  // the mini rulebook's questions and lexicon
  for (const auto& r : rules)
    out += std::string("  - {id: ") + r.id + ", title: T, severity: " + r.severity + ", sources: [S], message: \"m\", action: \"act\", when: \"" +
           r.when + "\"}\n";
  return out;
}

std::shared_ptr<TempRulebook> Load(const std::vector<RuleRow>& rules) {
  auto rb = std::make_shared<TempRulebook>(std::map<std::string, std::string>{
      {"rulebook.yaml", candidacy::testing::MiniRoot()}, {"main.yaml", RuleFile(rules)}});
  REQUIRE(rb->Load().ok());
  return rb;
}

candidacy::ScreeningResult ScreenYaml(const candidacy::Rulebook& rb, const std::string& yaml, candidacy::ScreenDetail detail) {
  candidacy::Questionnaire q;
  std::vector<candidacy::Diagnostic> diagnostics;
  REQUIRE(candidacy::ReadQuestionnaire(rb, "id: t\n" + yaml, {}, &q, &diagnostics).ok());
  return candidacy::Screen(rb, q, detail);
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

// One rule's verdict in a result: "fired", "undecided [missing] blocking",
// "not evaluated [missing]" or "false".
std::string Verdict(const candidacy::ScreeningResult& r, const std::string& id) {
  for (const auto& f : r.flags)
    if (f.id == id) return "fired";
  for (const auto& u : r.undecided)
    if (u.id == id) return "undecided [" + Join(u.missing) + "]" + (u.blocking ? " blocking" : "");
  for (const auto& u : r.not_evaluated)
    if (u.id == id) return "not evaluated [" + Join(u.missing) + "]";
  return "false";
}

// The whole result, as far as a summary holds it.
std::string Summary(const candidacy::ScreeningResult& r) {
  std::string out = "score " + std::to_string(r.score) + "; flags";
  for (const auto& f : r.flags) out += " " + f.id;
  out += "; undecided";
  for (const auto& u : r.undecided) out += " " + u.id + "[" + Join(u.missing) + "]";
  out += "; not evaluated";
  for (const auto& u : r.not_evaluated) out += " " + u.id + "[" + Join(u.missing) + "]";
  out += "; ask";
  for (const auto& m : r.missing_questions) out += " " + m.id;
  return out;
}

}  // namespace

TEST_CASE("equal sub-expressions of several rules share one value id", "[shared]") {
  auto rb = Load(kRules);
  const auto& m = candidacy::internal::ModelOf(*rb->rulebook());
  const auto& rules = m.rules;
  REQUIRE(rules.size() == kRules.size());
  CHECK(m.value_count < m.node_count);
  // S1 and S3 are the same condition; S2's "(b or c)" is S1's right operand.
  CHECK(rules[0].when.root->value_id == rules[2].when.root->value_id);
  CHECK(rules[0].when.root->id != rules[2].when.root->id);
  CHECK(rules[1].when.root->children[0]->value_id == rules[0].when.root->children[1]->value_id);
  // "a and (b or c)" is not "a or (b or c)", nor "n > 10" "(b or c)".
  CHECK(rules[0].when.root->value_id != rules[9].when.root->value_id);
  CHECK(rules[1].when.root->children[1]->value_id != rules[1].when.root->children[0]->value_id);
  // Only shared values are kept to reuse, and never a literal's.
  CHECK(rules[0].when.root->shared_value);
  CHECK(rules[1].when.root->children[0]->shared_value);
  CHECK(!rules[5].when.root->shared_value);                 // "ratio > 1 and a": S6's alone
  CHECK(!rules[1].when.root->children[1]->children[1]->shared_value);  // the 10 of "n > 10", in S2, S7, S8, S9
  // The asked_when condition and the derived value share with nothing.
  CHECK(m.questions[6].asked_when.root->value_id != rules[4].when.root->children[0]->value_id);
}

TEST_CASE("a shared sub-expression gives every rule the verdict it has alone", "[shared]") {
  static const auto shared = Load(kRules);
  static const auto alone = [] {
    std::vector<std::shared_ptr<TempRulebook>> out;
    for (const auto& r : kRules) out.push_back(Load({r}));
    return out;
  }();
  const std::string answers = GENERATE(as<std::string>{},
      "a: true\nb: true\nc: true\nn: 20\nx: 5\nsex: female\npreg: false\ntags: [p]\nmedications: []",
      "a: true\nn: 20\nsex: male\ntags: []\nmedications: ['MS Contin']",             // b, c missing; preg not asked
      "a: false\nb: false\nc: false\nn: 5\nsex: female\ntags: [q]\nmedications: []",  // preg missing
      "",                                                                             // nothing answered
      "b: true\nx: 0\nn: 3",                                                          // ratio: a division by zero
      "a: true\nc: false\nsex: female\npreg: true\ntags: [p, r]\nx: 2\nn: 50",
      "c: true\nn: 11\ntags: [p]",                                                    // (b or c) true with b missing
      "a: false\nb: false\nx: 3\nsex: female");
  CAPTURE(answers);
  const auto summary = ScreenYaml(*shared->rulebook(), answers, candidacy::ScreenDetail::kSummary);
  const auto full = ScreenYaml(*shared->rulebook(), answers, candidacy::ScreenDetail::kFull);
  CHECK(Summary(summary) == Summary(full));
  CHECK(summary.outcome == full.outcome);
  for (size_t i = 0; i < kRules.size(); ++i) {
    CAPTURE(kRules[i].id, kRules[i].when);
    const auto one = ScreenYaml(*alone[i]->rulebook(), answers, candidacy::ScreenDetail::kSummary);
    CHECK(Verdict(summary, kRules[i].id) == Verdict(one, kRules[i].id));
    CHECK(Verdict(full, kRules[i].id) == Verdict(one, kRules[i].id));
  }
}

TEST_CASE("flags come by severity, in rulebook order within one", "[shared]") {
  auto rb = Load(kRules);
  for (auto detail : {candidacy::ScreenDetail::kSummary, candidacy::ScreenDetail::kFull}) {
    const auto r = ScreenYaml(*rb->rulebook(), "a: true\nb: true\nc: true\nn: 20\nx: 5\nsex: female\npreg: true\ntags: [p]\nmedications: []",
                              detail);
    std::string ids;
    for (const auto& f : r.flags) ids += (ids.empty() ? "" : " ") + f.id;
    CHECK(ids == "S1 S5 S8 S2 S4 S7 S3 S6 S10");
  }
}
