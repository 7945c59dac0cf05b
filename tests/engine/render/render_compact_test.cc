// The compact result (render/render_compact.cc): the full result's ids in
// order on one line, text escaped as JSON escapes it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/render_compact.h"
#include "candidacy/render_json.h"
#include "test_support.h"

using namespace candidacy::testing;

namespace {
candidacy::ScreeningResult Sample() { return RenderSample(); }
}  // namespace

TEST_CASE("the compact result is the full result's ids, in order, one line", "[render]") {
  const auto result = Sample();
  const std::string line = candidacy::RenderJsonCompact(result);
  CHECK(line == candidacy::RenderJsonCompact(result));  // deterministic
  REQUIRE(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  const auto c = nlohmann::ordered_json::parse(line);
  const auto full = nlohmann::ordered_json::parse(candidacy::RenderJson(result, false));
  std::vector<std::string> keys;
  for (auto it = c.begin(); it != c.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"id", "outcome", "score", "flags", "missing_questions", "unrecognized_medications",
                                         "probable_medications"});
  CHECK(c["id"] == full["id"]);
  CHECK(c["outcome"] == full["outcome"]);
  CHECK(c["score"] == full["score"]);
  REQUIRE(c["flags"].size() == full["flags"].size());
  for (size_t i = 0; i < c["flags"].size(); ++i) CHECK(c["flags"][i] == full["flags"][i]["id"]);
  REQUIRE(c["missing_questions"].size() == full["missing_questions"].size());
  for (size_t i = 0; i < c["missing_questions"].size(); ++i) CHECK(c["missing_questions"][i] == full["missing_questions"][i]["id"]);
  CHECK(c["unrecognized_medications"] == nlohmann::ordered_json::parse(R"(["Zorblaxine 1 mg"])"));
  CHECK(c["probable_medications"] == nlohmann::ordered_json::parse(R"(["Adderal 10 mg"])"));
}

TEST_CASE("the compact result escapes text as JSON does", "[render]") {
  candidacy::ScreeningResult r;
  r.questionnaire_id = "a\"b\\c";
  r.outcome = candidacy::Outcome::kNeedsReview;
  const std::vector<std::string> bad = {"tab\there", "new\nline", "quote\"d", "back\\slash", std::string("nul\x01" "x"), "caf\xC3\xA9"};
  r.unrecognized_medications = bad;
  const auto c = nlohmann::json::parse(candidacy::RenderJsonCompact(r));
  CHECK(c["id"] == "a\"b\\c");
  CHECK(c["unrecognized_medications"].get<std::vector<std::string>>() == bad);
  CHECK(c["flags"].empty());
}
