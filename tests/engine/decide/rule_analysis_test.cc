// Never-fires / always-fires analysis (decide/rule_analysis.h): a table of
// rules over declared ranges and values, each with its reach; arithmetic and
// derived values are not analysed; two questions compared are tried at each other's critical points.
#include <string>

#include <catch2/catch.hpp>

#include "decide/rule_analysis.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using internal::RuleReach;

TEST_CASE("rule analysis: whether a rule can fire, and can not fire, over the declared answers", "[rule-analysis]") {
  auto [when, reach] = GENERATE(table<std::string, RuleReach>({
      {"age > 60", RuleReach::kVaries},
      {"age > 200", RuleReach::kNeverFires},           // above the range
      {"age >= 0", RuleReach::kAlwaysFires},           // the whole range
      {"age > 60 and age < 30", RuleReach::kNeverFires},
      {"age < 30 or age >= 30", RuleReach::kAlwaysFires},
      {"age == 120", RuleReach::kVaries},              // a range end
      {"sex == 'male' or sex == 'female'", RuleReach::kAlwaysFires},
      {"sex == 'male' and sex == 'female'", RuleReach::kNeverFires},
      {"smoker and not smoker", RuleReach::kNeverFires},
      {"indications contains 'ptsd'", RuleReach::kVaries},
      {"indications contains any ['ptsd', 'crps'] and not (indications contains 'ptsd') and not (indications contains 'crps')",
       RuleReach::kNeverFires},
      // Two questions compared: each tried at the other's critical points too.
      {"age == weight", RuleReach::kVaries},           // equal only where the ranges meet (20 to 120)
      {"age > height", RuleReach::kNeverFires},        // age at most 120, height at least 130
      {"age < height", RuleReach::kAlwaysFires},
      {"age <= weight and age >= weight", RuleReach::kVaries},
      {"height > 200 and age > height", RuleReach::kNeverFires},
      {"weight > height", RuleReach::kVaries},
      {"age * 2 > 10", RuleReach::kNotAnalysed},      // arithmetic
      {"twice > 10", RuleReach::kNotAnalysed},        // a derived value
  }));
  CAPTURE(when);
  TempRulebook rb({{"rulebook.yaml", MiniRoot()}, {"main.yaml", R"yaml(questions:
  - {id: age, type: integer, range: [0, 120], required: true, prompt: "Age?"}
  - {id: sex, type: enum, values: [female, male], required: true, prompt: "Sex?"}
  - {id: smoker, type: boolean, required: true, prompt: "Smoker?"}
  - {id: indications, type: list_of_enum, values: [ptsd, crps, ocd], required: true, prompt: "Why?"}
  - {id: weight, type: number, range: [20, 350], required: true, prompt: "Weight?"}
  - {id: height, type: integer, range: [130, 250], required: true, prompt: "Height?"}
derived:
  - {id: twice, unit: years, expr: "age * 2"}
rules:
  - {id: R1, title: T, severity: review, sources: [S], message: m, action: a, when: ")yaml" + when + R"yaml("}
)yaml"}});
  INFO(rb.diagnostics());
  REQUIRE(rb.Load().ok());
  const auto& model = internal::ModelOf(*rb.rulebook());
  REQUIRE(model.rules.size() == 1);
  CHECK(static_cast<int>(internal::AnalyseRule(model, model.rules[0])) == static_cast<int>(reach));
}

}  // namespace
}  // namespace candidacy::testing

namespace candidacy::testing {
namespace {

TEST_CASE("rule analysis: whether two rules can fire for one set of answers", "[rule-analysis]") {
  using internal::Together;
  auto [a, b, together] = GENERATE(table<std::string, std::string, Together>({
      {"age < 18", "age >= 65", Together::kNo},
      {"age < 18", "age < 30", Together::kYes},
      {"age < 18", "smoker", Together::kYes},                  // nothing in common: no search
      {"sex == 'male'", "sex == 'female' and smoker", Together::kNo},
      {"smoker", "not smoker", Together::kNo},
      {"age > weight", "age < weight", Together::kNo},          // two questions compared
      {"age >= weight", "age <= weight", Together::kYes},       // equal
      {"age * 2 > 10", "age < 3", Together::kUnknown},          // arithmetic is not analysed
  }));
  CAPTURE(a, b);
  TempRulebook rb({{"rulebook.yaml", MiniRoot()}, {"main.yaml", R"yaml(questions:
  - {id: age, type: integer, range: [0, 120], required: true, prompt: "Age?"}
  - {id: sex, type: enum, values: [female, male], required: true, prompt: "Sex?"}
  - {id: smoker, type: boolean, required: true, prompt: "Smoker?"}
  - {id: weight, type: number, range: [20, 350], required: true, prompt: "Weight?"}
rules:
  - {id: R1, title: T, severity: review, sources: [S], message: m, action: a, when: ")yaml" + a + R"yaml("}
  - {id: R2, title: T, severity: review, sources: [S], message: m, action: a, when: ")yaml" + b + R"yaml("}
)yaml"}});
  INFO(rb.diagnostics());
  REQUIRE(rb.Load().ok());
  const auto& model = internal::ModelOf(*rb.rulebook());
  REQUIRE(model.rules.size() == 2);
  CHECK(static_cast<int>(internal::CanFireTogether(model, model.rules[0], model.rules[1])) == static_cast<int>(together));
  CHECK(static_cast<int>(internal::CanFireTogether(model, model.rules[1], model.rules[0])) == static_cast<int>(together));
}

}  // namespace
}  // namespace candidacy::testing
