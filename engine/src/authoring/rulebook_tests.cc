// Running rulebook test cases: each case's questionnaire is screened with its
// evaluation recorded (ScreenRecorded), its expectations are checked, and
// what was recorded is folded into rule coverage (rule outcomes seen, leaf conditions seen true and
// false). Also the text and JSON reports. Test: tests/engine/authoring/rulebook_tests_test.cc.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "candidacy/rulebook_tests.h"
#include "decide/evaluator.h"
#include "decide/screening_internal.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace {

using internal::Model;
using internal::Node;
using internal::NodeKind;

enum class RuleState { kFired, kNotFired, kUndecided, kNotEvaluated };

const char* StateName(RuleState s) {
  switch (s) {
    case RuleState::kFired: return "fired";
    case RuleState::kNotFired: return "not fired";
    case RuleState::kUndecided: return "undecided";
    case RuleState::kNotEvaluated: return "not evaluated";
  }
  return "?";
}

std::unordered_map<std::string, RuleState> StatesOf(const ScreeningResult& r) {
  std::unordered_map<std::string, RuleState> states;
  for (const auto& f : r.flags) states[f.id] = RuleState::kFired;
  for (const auto& u : r.undecided) states[u.id] = RuleState::kUndecided;
  for (const auto& u : r.not_evaluated) states[u.id] = RuleState::kNotEvaluated;
  return states;
}

RuleState StateOf(const std::unordered_map<std::string, RuleState>& states, const std::string& id) {
  auto it = states.find(id);
  return it == states.end() ? RuleState::kNotFired : it->second;
}

// Whether `n` reads a required question: directly, through a derived value,
// or through the medication list. Depth is capped by the expression limits.
bool ReadsRequired(const Model& m, const Node& n) {
  if (n.kind == NodeKind::kRef) {
    if (n.ref_is_derived) return m.derived[n.index].expr.root && ReadsRequired(m, *m.derived[n.index].expr.root);
    return m.questions[n.index].required;
  }
  if (n.kind == NodeKind::kMedicationClass) return m.medications_question >= 0 && m.questions[m.medications_question].required;
  return std::any_of(n.children.begin(), n.children.end(), [&](const auto& c) { return ReadsRequired(m, *c); });
}

std::string Quoted(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) {
    std::string escaped;
    for (char c : item) escaped += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    out += (out.size() > 1 ? ", \"" : "\"") + escaped + "\"";
  }
  return out + "]";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

std::vector<std::string> Check(const TestExpectation& e, const ScreeningResult& r) {
  std::vector<std::string> failures;
  if (e.outcome && *e.outcome != r.outcome)
    failures.push_back(std::string("outcome: expected ") + OutcomeName(*e.outcome) + ", got " + OutcomeName(r.outcome));
  const auto states = StatesOf(r);
  auto expect = [&](const std::vector<std::string>& ids, RuleState want, const char* wording) {
    for (const auto& id : ids) {
      const RuleState got = StateOf(states, id);
      if (got != want) failures.push_back(id + ": expected " + wording + ", was " + StateName(got));
    }
  };
  expect(e.fires, RuleState::kFired, "to fire");
  for (const auto& id : e.not_fires)
    if (StateOf(states, id) == RuleState::kFired) failures.push_back(id + ": expected not to fire, was fired");
  expect(e.undecided, RuleState::kUndecided, "to be undecided");
  expect(e.not_evaluated, RuleState::kNotEvaluated, "to be not evaluated");
  std::vector<std::string> asked;
  for (const auto& q : r.missing_questions) asked.push_back(q.id);
  for (const auto& id : e.missing)
    if (std::find(asked.begin(), asked.end(), id) == asked.end())
      failures.push_back("missing: expected " + id + " among the questions to ask, got " + Joined(asked));
  if (e.score && *e.score != r.score) failures.push_back(fmt::format("score: expected {}, got {}", *e.score, r.score));
  if (e.band && *e.band != r.band) failures.push_back("band: expected " + *e.band + ", got " + r.band);
  if (e.unrecognized && *e.unrecognized != r.unrecognized_medications)
    failures.push_back("unrecognized: expected " + Quoted(*e.unrecognized) + ", got " + Quoted(r.unrecognized_medications));
  if (e.probable && *e.probable != r.probable_medications)
    failures.push_back("probable: expected " + Quoted(*e.probable) + ", got " + Quoted(r.probable_medications));
  if (e.urgent && *e.urgent != r.urgent())
    failures.push_back(std::string("urgent: expected ") + (*e.urgent ? "true" : "false") + ", got " + (r.urgent() ? "true" : "false"));
  return failures;
}

TestCoverage EmptyCoverage(const Model& m) {
  TestCoverage c;
  for (const auto& rule : m.rules) {
    RuleCoverage rc;
    rc.id = rule.id;
    rc.where = rule.where;
    rc.undecided_possible = rule.when.root && ReadsRequired(m, *rule.when.root);
    for (const auto& [node, where] : rule.conditions) {
      ConditionCoverage cc;
      cc.text = rule.when.text.substr(static_cast<size_t>(node->offset), static_cast<size_t>(node->end - node->offset));
      cc.where = where;
      rc.conditions.push_back(std::move(cc));
    }
    c.rules.push_back(std::move(rc));
  }
  return c;
}

void Record(const Model& m, const ScreeningResult& r, const internal::EvalRecorder& recorder, TestCoverage* c) {
  const auto states = StatesOf(r);
  for (size_t i = 0; i < m.rules.size(); ++i) {
    RuleCoverage& rc = c->rules[i];
    switch (StateOf(states, rc.id)) {
      case RuleState::kFired: rc.fired = true; break;
      case RuleState::kNotFired: rc.not_fired = true; break;
      case RuleState::kUndecided: rc.undecided = true; break;
      case RuleState::kNotEvaluated: break;
    }
    const auto& conditions = m.rules[i].conditions;
    for (size_t k = 0; k < conditions.size(); ++k) {
      const internal::Node& node = *conditions[k].first;
      if (!recorder.examined(node)) continue;  // not reached: the rule was decided before it
      const internal::Tri t = recorder.condition(node);
      if (t == internal::Tri::kTrue) rc.conditions[k].seen_true = true;
      if (t == internal::Tri::kFalse) rc.conditions[k].seen_false = true;
    }
  }
}

void Total(TestCoverage* c) {
  c->outcomes_covered = c->outcomes_total = c->conditions_covered = c->conditions_total = 0;
  for (const auto& rc : c->rules) {
    c->outcomes_total += 2 + (rc.undecided_possible ? 1 : 0);
    c->outcomes_covered += rc.fired + rc.not_fired + (rc.undecided_possible && rc.undecided ? 1 : 0);
    for (const auto& cc : rc.conditions) {
      ++c->conditions_total;
      c->conditions_covered += cc.seen_true && cc.seen_false;
    }
  }
}

std::string Where(const SourceLocation& w) { return fmt::format("{}:{}:{}", w.file, w.line, w.column); }

// "12/15 (80.0%)": the percentage rounded down, so 100.0% means all.
std::string Ratio(int covered, int total) {
  const double percent = total == 0 ? 100.0 : std::floor(1000.0 * covered / total) / 10.0;
  return fmt::format("{}/{} ({:.1f}%)", covered, total, percent);
}

}  // namespace

TestRun RunRulebookTests(const Rulebook& rulebook, const std::vector<RulebookTestCase>& cases, std::string_view filter) {
  const Model& m = internal::ModelOf(rulebook);
  TestRun run;
  run.coverage = EmptyCoverage(m);
  for (const auto& c : cases) {
    if (!filter.empty() && c.name.find(filter) == std::string::npos) continue;
    internal::ScreeningRecord record;
    ScreeningResult result;
    internal::ScreenRecorded(rulebook, c.questionnaire, &record, &result);
    TestCaseResult r;
    r.name = c.name;
    r.where = c.where;
    r.failures = Check(c.expect, result);
    r.passed = r.failures.empty();
    ++(r.passed ? run.passed : run.failed);
    run.cases.push_back(std::move(r));
    Record(m, result, record.recorder, &run.coverage);
  }
  Total(&run.coverage);
  return run;
}

std::vector<std::string> UncoveredItems(const TestCoverage& coverage, bool outcomes_only) {
  std::vector<std::string> out;
  for (const auto& rc : coverage.rules) {
    const std::string rule = Where(rc.where) + ": rule " + rc.id + ": ";
    if (!rc.fired) out.push_back(rule + "never seen fired");
    if (!rc.not_fired) out.push_back(rule + "never seen not fired");
    if (rc.undecided_possible && !rc.undecided) out.push_back(rule + "never seen undecided");
    if (outcomes_only) continue;
    for (const auto& cc : rc.conditions) {
      if (cc.seen_true && cc.seen_false) continue;
      const char* missing = !cc.seen_true && !cc.seen_false ? "true or false" : !cc.seen_true ? "true" : "false";
      out.push_back(Where(cc.where) + ": rule " + rc.id + ": condition '" + cc.text + "' never seen " + missing);
    }
  }
  return out;
}

std::string RenderTestRunText(const TestRun& run, bool coverage) {
  std::string out;
  for (const auto& c : run.cases) {
    if (c.passed) continue;
    out += fmt::format("{}:{}: FAIL {}\n", c.where.file, c.where.line, c.name);
    for (const auto& f : c.failures) out += "    " + f + "\n";
  }
  if (coverage) {
    const TestCoverage& cov = run.coverage;
    size_t width = 4;
    for (const auto& rc : cov.rules) width = std::max(width, rc.id.size());
    auto seen = [](bool b) { return b ? "yes" : "NO"; };
    out += "\nRule coverage (leaf conditions: seen both true and false)\n";
    out += fmt::format("  {:<{}}  {:<6} {:<10} {:<10} {}\n", "rule", width, "fired", "not fired", "undecided", "conditions");
    for (const auto& rc : cov.rules) {
      int both = 0;
      for (const auto& cc : rc.conditions) both += cc.seen_true && cc.seen_false;
      out += fmt::format("  {:<{}}  {:<6} {:<10} {:<10} {}/{}\n", rc.id, width, seen(rc.fired), seen(rc.not_fired),
                         rc.undecided_possible ? seen(rc.undecided) : "n/a", both, rc.conditions.size());
    }
    const auto uncovered = UncoveredItems(cov);
    out += uncovered.empty() ? "\nUncovered: nothing\n" : "\nUncovered:\n";
    for (const auto& line : uncovered) out += line + "\n";
    out += "\nrule outcomes covered " + Ratio(cov.outcomes_covered, cov.outcomes_total) + "\n";
    out += "conditions covered " + Ratio(cov.conditions_covered, cov.conditions_total) + "\n";
  }
  out += fmt::format("{} passed, {} failed\n", run.passed, run.failed);
  return out;
}

std::string RenderTestRunJson(const TestRun& run) {
  using Json = nlohmann::ordered_json;
  auto place = [](Json* j, const SourceLocation& w) {
    (*j)["file"] = w.file;
    (*j)["line"] = w.line;
    (*j)["column"] = w.column;
  };
  Json cases = Json::array();
  for (const auto& c : run.cases) {
    Json j;
    j["name"] = c.name;
    j["file"] = c.where.file;
    j["line"] = c.where.line;
    j["passed"] = c.passed;
    j["failures"] = c.failures;
    cases.push_back(std::move(j));
  }
  Json rules = Json::array();
  for (const auto& rc : run.coverage.rules) {
    Json j;
    j["id"] = rc.id;
    place(&j, rc.where);
    j["fired"] = rc.fired;
    j["not_fired"] = rc.not_fired;
    j["undecided"] = rc.undecided;
    j["undecided_possible"] = rc.undecided_possible;
    Json conditions = Json::array();
    for (const auto& cc : rc.conditions) {
      Json k;
      k["text"] = cc.text;
      place(&k, cc.where);
      k["seen_true"] = cc.seen_true;
      k["seen_false"] = cc.seen_false;
      conditions.push_back(std::move(k));
    }
    j["conditions"] = std::move(conditions);
    rules.push_back(std::move(j));
  }
  Json coverage;
  coverage["rules"] = std::move(rules);
  coverage["outcomes_covered"] = run.coverage.outcomes_covered;
  coverage["outcomes_total"] = run.coverage.outcomes_total;
  coverage["conditions_covered"] = run.coverage.conditions_covered;
  coverage["conditions_total"] = run.coverage.conditions_total;
  coverage["uncovered"] = UncoveredItems(run.coverage);
  Json root;
  root["cases"] = std::move(cases);
  root["coverage"] = std::move(coverage);
  root["passed"] = run.passed;
  root["failed"] = run.failed;
  return root.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace candidacy
