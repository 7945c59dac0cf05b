// `candidacy lint [DIR]`: every problem of a rulebook at once, sorted by
// place; exit 0 clean, 1 warnings only (0 with --no-werror), 2 errors.
// Test: tests/cli/lint_test.sh.
#include <cstdio>
#include <memory>
#include <string>

#include "candidacy/lint.h"
#include "command_table.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

struct LintCommandOptions {
  std::string directory;
  std::string format = "text";
  std::string today;
  bool no_werror = false;
};

int Run(const LintCommandOptions& o) {
  const std::string dir = o.directory.empty() ? DefaultRulebookDirectory() : o.directory;
  LintOptions options;
  options.today = o.today;
  std::vector<Diagnostic> diagnostics;
  const Status status = LintRulebook(dir, options, &diagnostics);
  size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) (d.severity == DiagnosticSeverity::kError ? errors : warnings)++;
  if (o.format == "json") {
    std::fputs(DiagnosticsJson(diagnostics).c_str(), stdout);
  } else {
    for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stdout);
    std::printf("%s: %zu error%s, %zu warning%s\n", dir.c_str(), errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
  }
  if (!status.ok() || errors > 0) return 2;
  return warnings > 0 && !o.no_werror ? 1 : 0;
}

}  // namespace

Command LintCommand() {
  auto options = std::make_shared<LintCommandOptions>();
  Command c;
  c.name = "lint";
  c.help = "Check a rulebook: every error and warning at once, as file:line:col (exit 0 clean, 1 warnings, 2 errors)";
  c.configure = [options](CLI::App* app) {
    app->add_option("directory", options->directory, "Rulebook directory (default: the shipped ketamine rulebook)");
    app->add_option("--format", options->format, "Output: text, or json for editors")->check(CLI::IsMember({"text", "json"}));
    app->add_flag("--no-werror", options->no_werror, "Exit 0 when there are only warnings");
    app->add_option("--today", options->today, "Date for the review-date check, YYYY-MM-DD (default: today, UTC)");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
