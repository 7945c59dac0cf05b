// `candidacy explain RULE-ID FILE`: the evaluation trace of one rule on one
// questionnaire, to answer "why did this fire?" and "why is this undecided?".
// As text (the default) or as one JSON object (--format json, docs/authoring.md).
// Test: tests/cli/explain_test.sh.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "candidacy/explain.h"
#include "candidacy/render_explanation.h"
#include "command_table.h"
#include "exit_codes.h"
#include "questionnaire_input.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

struct ExplainOptions {
  std::string rulebook;
  std::string input = "auto";
  std::string rule;
  std::string file;
  std::string format = "text";
};

// The explanation as one JSON object; keys in a fixed order (see docs/authoring.md).
std::string ExplanationJson(const Explanation& e) {
  nlohmann::ordered_json j;
  j["rule"] = e.rule_id;
  j["title"] = e.title;
  j["severity"] = SeverityName(e.severity);
  j["points"] = e.points;
  j["status"] = e.status;
  j["when"] = e.when;
  j["where"] = {{"file", e.where.file}, {"line", e.where.line}, {"column", e.where.column}};
  j["steps"] = nlohmann::ordered_json::array();
  for (const auto& s : e.steps) {
    nlohmann::ordered_json step;
    step["depth"] = s.depth;
    step["text"] = s.text;
    step["value"] = s.value;
    step["decides"] = s.decides && s.depth > 0;
    step["answers"] = s.answers;
    j["steps"].push_back(std::move(step));
  }
  j["missing"] = e.missing;
  if (!e.message.empty()) j["message"] = e.message;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

int Run(const ExplainOptions& o) {
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.rulebook, &rulebook); rc != kExitOk) return rc;
  Questionnaire questionnaire;
  if (int rc = LoadQuestionnaire(*rulebook, o.file, o.input, &questionnaire); rc != kExitOk) return rc;
  Explanation explanation;
  const Status status = ExplainRule(*rulebook, questionnaire, o.rule, &explanation);
  if (!status.ok()) {
    std::fprintf(stderr, "candidacy: %s\n", status.message().c_str());
    return kExitUsage;
  }
  const std::string out = o.format == "json" ? ExplanationJson(explanation) : RenderExplanation(explanation);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "candidacy: cannot write the explanation: %s\n", std::strerror(errno));
    return kExitIo;
  }
  return kExitOk;
}

}  // namespace

Command ExplainCommand() {
  auto options = std::make_shared<ExplainOptions>();
  Command c;
  c.name = "explain";
  c.help = "Show how one rule was decided on one questionnaire: every sub-expression's value and the answers it read";
  c.configure = [options](CLI::App* app) {
    app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--input", options->input, "Input format: auto, yaml or json")->check(CLI::IsMember({"auto", "yaml", "json"}));
    app->add_option("--format", options->format, "Output: text or json (one object on one line)")
        ->check(CLI::IsMember({"text", "json"}));
    app->add_option("rule", options->rule, "Rule id, such as RV-09")->required();
    app->add_option("file", options->file, "Questionnaire file; - reads stdin")->required();
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
