// The batch's fast JSON path (document_json_fast.cc) against the located
// reader: what it accepts reads exactly as the located reader reads it, the
// realistic documents are accepted (so the fast path is really taken), and
// everything the located reader would refuse, warn about or read otherwise is
// declined. The json fuzz target checks the same property on arbitrary input.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "candidacy/questionnaire.h"
#include "input/answer_validator.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using internal::Answers;

struct Located {
  bool accepted = false;  // read with no error and no warning
  Answers answers;
};

Located ReadLocated(const std::string& text) {
  Located out;
  internal::DocNode root;
  std::vector<Diagnostic> errors;
  if (!internal::ParseJsonDocument(text, "t.json", &root, &errors)) return out;
  internal::AnswerValidator<internal::DocNodeView> validator(candidacy::internal::ModelOf(Shipped()), "t.json", &out.answers, &errors);
  validator.Root(internal::DocNodeView(root));
  out.accepted = errors.empty() && out.answers.warnings.empty();
  return out;
}

// Checks the property on one document; returns whether the fast path took it.
bool FastAgrees(const std::string& text) {
  Answers fast;
  const bool taken = internal::ReadJsonAnswersFast(candidacy::internal::ModelOf(Shipped()), text, false, &fast);
  // Parsed where it lies, other bytes after it (a line of a batch block): the same verdict and answers.
  const std::string block = text + std::string(kReadPaddingBytes, '"');
  Answers in_place;
  REQUIRE(internal::ReadJsonAnswersFast(candidacy::internal::ModelOf(Shipped()), std::string_view(block).substr(0, text.size()), true, &in_place) == taken);
  if (taken) REQUIRE(internal::SameAnswers(fast, in_place));
  if (taken) {
    const Located located = ReadLocated(text);
    INFO(text);
    REQUIRE(located.accepted);
    REQUIRE(internal::SameAnswers(fast, located.answers));
  }
  return taken;
}

// A YAML document as JSON (scalars typed as YAML 1.2 core would type them).
nlohmann::json ToJson(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& kv : n) j[kv.first.Scalar()] = ToJson(kv.second);
    return j;
  }
  if (n.IsSequence()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& item : n) j.push_back(ToJson(item));
    return j;
  }
  if (n.IsNull()) return nullptr;
  const std::string s = n.Scalar();
  if (n.Tag() == "!") return s;  // quoted
  if (s == "true" || s == "false") return s == "true";
  try {
    size_t used = 0;
    const long long i = std::stoll(s, &used);
    if (used == s.size()) return i;
    const double d = std::stod(s, &used);
    if (used == s.size()) return d;
  } catch (const std::exception&) {
  }
  return s;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("fast JSON path: realistic questionnaires are taken and read as the located reader reads them") {
  std::vector<std::string> docs;
  docs.push_back(ToJson(YAML::Load(BaseQuestionnaire())).dump());
  for (const char* sample : {"04-precautions-no-escort.json", "07-review-unrecognised-medication.json",
                             "11-ineligible-pregnant.json", "15-incomplete-pregnancy-unanswered.json"})
    docs.push_back(FileText(SourceDir() + "/samples/" + sample));
  // Lines of the benchmark's generated workload (../shared/bench, seed 1).
  std::ifstream lines(SourceDir() + "/tests/fixtures/bench-questionnaires.ndjson");
  for (std::string line; std::getline(lines, line);) docs.push_back(line);
  REQUIRE(docs.size() > 100);
  for (const auto& doc : docs) CHECK(FastAgrees(doc));
}

TEST_CASE("fast JSON path: declines whatever only the located reader can decide or say") {
  const std::string base = ToJson(YAML::Load(BaseQuestionnaire())).dump();
  REQUIRE(FastAgrees(base));
  auto with = [&](const std::string& path, const std::string& value_json) {
    nlohmann::json j = nlohmann::json::parse(base);
    j[nlohmann::json::json_pointer(path)] = nlohmann::json::parse(value_json);
    return j.dump();
  };
  const std::string tail = base.substr(1);  // the base without its opening brace
  const std::vector<std::pair<const char*, std::string>> declined = {
      {"not JSON", "{"},
      {"trailing text", base + " x"},
      {"empty", ""},
      {"a list", "[" + base + "]"},
      {"byte-order mark", "\xEF\xBB\xBF" + base},
      {"duplicate id", "{\"id\":\"a\"," + tail},
      {"duplicate group", "{\"patient\":{\"age\":40}," + tail},
      {"duplicate key in a group", Replace(base, "\"spo2\":98", "\"spo2\":98,\"spo2\":97")},
      {"group and dotted answer", "{\"patient.age\":40," + tail},
      {"integer past int64", with("/patient/age", "9223372036854775808")},
      {"integer past uint64", with("/patient/age", "123456789012345678901234567890")},
      {"overflowing number", Replace(with("/patient/weight_kg", "70.125"), "70.125", "1e400")},
      {"out of range", with("/patient/age", "121")},
      {"not whole", with("/patient/age", "40.5")},
      {"wrong type", with("/patient/age", "\"40\"")},
      {"unknown value", with("/patient/sex", "\"f\"")},
      {"unknown field", with("/patient/shoe_size", "42")},
      {"unknown group", with("/lifestyle", R"({"coffee":true})")},
      {"group as text", with("/vitals", "\"normal\"")},
      {"blank id", with("/id", "\"  \"")},
      {"id a number", with("/id", "7")},
      {"no id", R"({"patient":{"age":40}})"},
      {"lone surrogate", Replace(with("/medications", R"(["SURROGATE"])"), "SURROGATE", "sertraline \\udc00")},
      {"empty medication", with("/medications", R"([" "])")},
      {"medication not text", with("/medications", "[5]")},
      {"FHIR resource", "{\"resourceType\":\"QuestionnaireResponse\"," + tail},
      {"nested past the depth limit", with("/patient/extra", std::string(20, '[') + std::string(20, ']'))},
      {"unescaped control character", "{\"id\":\"a\tb\"," + tail},
      {"invalid UTF-8", "{\"id\":\"a\xC3\"," + tail},
  };
  for (const auto& [name, doc] : declined) {
    INFO(name);
    Answers fast;
    CHECK_FALSE(internal::ReadJsonAnswersFast(candidacy::internal::ModelOf(Shipped()), doc, false, &fast));
    CHECK_FALSE(FastAgrees(doc));
  }
}

TEST_CASE("fast JSON path: explicit nulls, lists and numbers typed as the located reader types them") {
  const std::string base = ToJson(YAML::Load(BaseQuestionnaire())).dump();
  auto with = [&](const std::string& path, const std::string& value_json) {
    nlohmann::json j = nlohmann::json::parse(base);
    j[nlohmann::json::json_pointer(path)] = nlohmann::json::parse(value_json);
    return j.dump();
  };
  const std::vector<std::string> taken = {
      with("/patient/pregnant", "null"),
      with("/patient/weight_kg", "70.25"),
      with("/patient/weight_kg", "7.025e1"),
      with("/patient/age", "40.0"),
      with("/patient/age", "4e1"),
      with("/medications", R"(["Xanax 0.5 mg", "St John\u2019s wort", "caf\u00e9ine \"brand\""])"),
      with("/indications", R"(["treatment_resistant_depression", "ptsd"])"),
      with("/vitals", "null"),
      Replace(with("/depression/failed_antidepressant_trials", "12345"), "12345", "-0"),  // an integer in both
  };
  for (const auto& doc : taken) CHECK(FastAgrees(doc));
}

}  // namespace
}  // namespace candidacy::testing
