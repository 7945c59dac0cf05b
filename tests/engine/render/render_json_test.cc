// The JSON result (render/render_json.cc): the shape and key order of
// docs/output.md, typed evidence values, one-line vs pretty, determinism.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/render_json.h"
#include "candidacy/render_text.h"
#include "test_support.h"

using namespace candidacy::testing;

namespace {
candidacy::ScreeningResult Sample() { return RenderSample(); }
}  // namespace

TEST_CASE("the JSON result has the documented keys in order", "[render]") {
  const auto result = Sample();
  const auto j = nlohmann::ordered_json::parse(candidacy::RenderJson(result, false));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"schema_version", "id", "urgent", "urgent_reasons", "outcome", "score", "band",
                                         "flags", "undecided", "missing_questions", "not_evaluated", "medications",
                                         "unrecognized_medications", "probable_medications", "warnings", "rulebook"});
  CHECK(j["schema_version"] == "1.1");
  CHECK(j["urgent"] == false);
  CHECK(j["urgent_reasons"].empty());
  CHECK(j["id"] == "base-001");
  CHECK(j["outcome"] == "ineligible");  // EX-06, despite the missing glaucoma answer
  const auto& ex06 = j["flags"][0];
  CHECK(ex06["id"] == "EX-06");
  CHECK(ex06["severity"] == "exclude");
  CHECK(ex06["evidence"][0] == nlohmann::ordered_json::parse(R"({"id":"vitals.systolic_bp","state":"answered","value":184,"unit":"mmHg"})"));
  CHECK_THAT(ex06["message"].get<std::string>(), Catch::Contains("184"));
  CHECK(ex06["sources"][0]["label"] == "F");
  CHECK(j["undecided"][0]["id"] == "RV-06");
  CHECK(j["undecided"][0]["missing"] == nlohmann::ordered_json::parse(R"(["history.glaucoma"])"));
  CHECK(j["undecided"][0]["blocking"] == true);
  CHECK(j["missing_questions"][0]["id"] == "history.glaucoma");
  CHECK(j["medications"][1]["generic"] == nlohmann::ordered_json::parse(R"(["hydrocodone","acetaminophen"])"));
  CHECK(j["unrecognized_medications"] == nlohmann::ordered_json::parse(R"(["Zorblaxine 1 mg"])"));
  CHECK(j["probable_medications"] == nlohmann::ordered_json::parse(R"(["Adderal 10 mg"])"));
  CHECK(j["medications"][3]["recognized"] == false);
  CHECK(j["medications"][3]["probable_names"] == nlohmann::ordered_json::parse(R"(["Adderall"])"));
  CHECK(j["medications"][0]["probable_names"].empty());
  CHECK(j["rulebook"]["id"] == "ketamine-iv-adult");
  CHECK(j["rulebook"]["sha256"].get<std::string>().size() == 64);
}

TEST_CASE("JSON is one line by default, indented with pretty, identical every time", "[render]") {
  const auto result = Sample();
  const std::string line = candidacy::RenderJson(result, false);
  CHECK(line.find('\n') == line.size() - 1);
  const std::string pretty = candidacy::RenderJson(result, true);
  CHECK(pretty.find("\n  \"id\": \"base-001\"") != std::string::npos);
  CHECK(nlohmann::json::parse(line) == nlohmann::json::parse(pretty));
  CHECK(candidacy::RenderJson(Sample(), false) == line);
  CHECK(candidacy::RenderText(Sample()) == candidacy::RenderText(result));
}
