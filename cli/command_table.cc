// The subcommand table. Test: tests/cli/ (help lists every command).
#include "command_table.h"

namespace candidacy::cli {

std::vector<Command> AllCommands() {
  return {
      ScreenCommand(),
      TestCommand(),
      LintCommand(),
      ExplainCommand(),
      QuestionsCommand(),
      InterviewCommand(),
      DiffCommand(),
      QuestionnaireCommand(),
      DocsCommand(),
      AuditCommand(),
      ServeCommand(),
      LspCommand(),
  };
}

}  // namespace candidacy::cli
