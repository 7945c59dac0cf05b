// The one table of subcommands (name, help, options, run), so --help and
// dispatch cannot drift apart. Each command lives in its own cmd_*.cc.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace candidacy::cli {

struct Command {
  std::string name;
  std::string help;
  std::function<void(CLI::App*)> configure;  // adds the command's options to its subcommand
  std::function<int()> run;                  // returns the exit status
};

std::vector<Command> AllCommands();

// Each command's constructor (cmd_*.cc).
Command ScreenCommand();
Command TestCommand();
Command LintCommand();
Command ExplainCommand();
Command QuestionsCommand();
Command InterviewCommand();
Command DiffCommand();
Command QuestionnaireCommand();
Command DocsCommand();
Command AuditCommand();
Command ServeCommand();
Command LspCommand();

}  // namespace candidacy::cli
