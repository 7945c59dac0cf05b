// The JSON of `questions --format json`, with and without --for (questions_json.h).
// Test: tests/cli/questions_test.sh, tests/cli/serve_test.sh.
#include "questions_json.h"

#include <nlohmann/json.hpp>

namespace candidacy::cli {
namespace {

nlohmann::ordered_json QuestionJson(const QuestionInfo& q) {
  nlohmann::ordered_json j;
  j["id"] = q.id;
  j["type"] = q.type;
  j["prompt"] = q.prompt;
  j["required"] = q.required;
  if (!q.unit.empty()) j["unit"] = q.unit;
  if (q.has_range && q.type == "integer")
    j["range"] = {static_cast<long long>(q.min), static_cast<long long>(q.max)};
  else if (q.has_range)
    j["range"] = {q.min, q.max};
  if (!q.values.empty()) j["values"] = q.values;
  if (!q.asked_when.empty()) j["asked_when"] = q.asked_when;
  return j;
}

}  // namespace

std::string QuestionListJson(const std::vector<QuestionInfo>& questions) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& q : questions) out.push_back(QuestionJson(q));
  return out.dump(2) + "\n";
}

std::string QuestionPlanJson(const std::string& id, const QuestionPlan& plan) {
  nlohmann::ordered_json out;
  out["id"] = id;
  out["outcome"] = OutcomeName(plan.outcome);
  out["exclusions"] = plan.exclusions;
  out["due"] = nlohmann::ordered_json::array();
  for (const auto& d : plan.due) {
    auto j = QuestionJson(d.question);
    j["could_change_outcome"] = !d.could_fire.empty();
    j["could_fire"] = d.could_fire;
    out["due"].push_back(std::move(j));
  }
  out["together"] = nlohmann::ordered_json::array();
  for (const auto& t : plan.together) out["together"].push_back({{"questions", t.questions}, {"could_fire", t.could_fire}});
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace candidacy::cli
