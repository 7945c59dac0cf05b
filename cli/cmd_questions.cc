// `candidacy questions [--for FILE]`: the rulebook's questions in order with
// prompt, type, unit and allowed values; with --for, only those still due on
// a partly filled questionnaire, the ones that could change the outcome first.
// Test: tests/cli/questions_test.sh.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "candidacy/questions.h"
#include "command_table.h"
#include "exit_codes.h"
#include "questionnaire_input.h"
#include "questions_json.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

struct QuestionsOptions {
  std::string rulebook;
  std::string input = "auto";
  std::string for_file;
  std::string format = "text";
};

std::string Describe(const QuestionInfo& q) {
  std::string out = q.type;
  if (!q.unit.empty()) out += ", " + q.unit;
  if (q.has_range) out += fmt::format(", {}..{}", q.min, q.max);
  if (!q.values.empty()) {
    std::string values;
    for (const auto& v : q.values) values += (values.empty() ? "" : " | ") + v;
    out += ": " + values;
  }
  out += q.required ? ", required" : ", optional";
  return out;
}

// Writes `out` to stdout; kExitIo (with a message) when it cannot.
int Print(const std::string& out) {
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "candidacy: cannot write the questions: %s\n", std::strerror(errno));
    return kExitIo;
  }
  return kExitOk;
}

int ListAll(const Rulebook& rulebook, const QuestionsOptions& o) {
  const auto questions = rulebook.questions();
  if (o.format == "json") return Print(QuestionListJson(questions));
  std::string out = fmt::format("{} questions of {} {}\n", questions.size(), rulebook.id(), rulebook.version());
  int n = 0;
  for (const auto& q : questions) {
    out += fmt::format("\n{:>3}. {}  ({})\n     {}\n", ++n, q.id, Describe(q), q.prompt);
    if (!q.asked_when.empty()) out += fmt::format("     asked when: {}\n", q.asked_when);
  }
  return Print(out);
}

int ListDue(const Rulebook& rulebook, const QuestionsOptions& o) {
  Questionnaire questionnaire;
  if (int rc = LoadQuestionnaire(rulebook, o.for_file, o.input, &questionnaire); rc != kExitOk) return rc;
  const QuestionPlan plan = PlanQuestions(rulebook, questionnaire);
  if (o.format == "json") return Print(QuestionPlanJson(questionnaire.id(), plan));
  std::string out = fmt::format("Questionnaire {}: {} as it stands; {} question{} still due\n", questionnaire.id(),
                                OutcomeName(plan.outcome), plan.due.size(), plan.due.size() == 1 ? "" : "s");
  if (!plan.exclusions.empty()) {
    std::string ids;
    for (const auto& e : plan.exclusions) ids += (ids.empty() ? "" : ", ") + e;
    out += fmt::format("An exclusion is already certain ({}): no answer can change the outcome.\n", ids);
  }
  for (const auto& d : plan.due) {
    std::string rules;
    for (const auto& r : d.could_fire) rules += (rules.empty() ? "" : ", ") + r;
    out += fmt::format("\n  {} {}  ({})\n      {}\n", d.could_fire.empty() ? " " : "*", d.question.id, Describe(d.question), d.question.prompt);
    if (!rules.empty()) out += fmt::format("      could change the outcome: {}\n", rules);
  }
  if (!plan.together.empty()) {
    out += "\nOnly together (neither answer alone changes these rules):\n";
    for (const auto& t : plan.together) {
      std::string rules;
      for (const auto& r : t.could_fire) rules += (rules.empty() ? "" : ", ") + r;
      out += fmt::format("  {} + {}  could change the outcome: {}\n", t.questions[0], t.questions[1], rules);
    }
  }
  const bool any_first = std::any_of(plan.due.begin(), plan.due.end(), [](const DueQuestion& d) { return !d.could_fire.empty(); });
  if (any_first) out += "\n* ask these first: their answers could change the outcome\n";
  return Print(out);
}

int Run(const QuestionsOptions& o) {
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.rulebook, &rulebook); rc != kExitOk) return rc;
  return o.for_file.empty() ? ListAll(*rulebook, o) : ListDue(*rulebook, o);
}

}  // namespace

Command QuestionsCommand() {
  auto options = std::make_shared<QuestionsOptions>();
  Command c;
  c.name = "questions";
  c.help = "List the rulebook's questions; with --for FILE, the ones still due, those that could change the outcome first";
  c.configure = [options](CLI::App* app) {
    app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--for", options->for_file, "A partly filled questionnaire (- reads stdin)");
    app->add_option("--input", options->input, "Input format: auto, yaml or json")->check(CLI::IsMember({"auto", "yaml", "json"}));
    app->add_option("--format", options->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
