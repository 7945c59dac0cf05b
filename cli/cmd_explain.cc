// `candidacy explain RULE-ID FILE`: the evaluation trace of one rule on one
// questionnaire, to answer "why did this fire?" and "why is this undecided?".
// Test: tests/cli/explain_test.sh.
#include <cstdio>
#include <memory>
#include <string>

#include "candidacy/explain.h"
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
};

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
  std::fputs(RenderExplanation(explanation).c_str(), stdout);
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
    app->add_option("rule", options->rule, "Rule id, such as RV-09")->required();
    app->add_option("file", options->file, "Questionnaire file; - reads stdin")->required();
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
