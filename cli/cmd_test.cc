// `candidacy test`: runs the test cases of a rulebook (DIR/tests/*.yaml) and
// reports failures and, on request, rule coverage. Exit 0 when every case
// passes, 1 when one fails (or coverage is short under
// --require-full-coverage), 3 when the rulebook or a test file is broken.
// Test: tests/cli/rulebook_test_test.sh.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "candidacy/rulebook_tests.h"
#include "command_table.h"
#include "exit_codes.h"
#include "log.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

constexpr int kExitTestsFailed = 1;

struct TestOptions {
  std::string rulebook;  // --rulebook
  std::string dir;       // or as the positional argument
  std::string format = "text";
  std::string filter;
  bool coverage = false;
  bool require_full_coverage = false;
};

int Run(const TestOptions& o) {
  const std::string requested = o.rulebook.empty() ? o.dir : o.rulebook;
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(requested, &rulebook); rc != kExitOk) return rc;
  std::string tests_dir = requested.empty() ? DefaultRulebookDirectory() : requested;
  while (tests_dir.size() > 1 && tests_dir.back() == '/') tests_dir.pop_back();
  tests_dir += "/tests";

  std::vector<RulebookTestCase> cases;
  std::vector<Diagnostic> diagnostics;
  const Status status = LoadRulebookTests(*rulebook, tests_dir, &cases, &diagnostics);
  for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stderr);
  if (!status.ok()) {
    size_t errors = 0;
    for (const auto& d : diagnostics) errors += d.severity == DiagnosticSeverity::kError;
    std::fprintf(stderr, "candidacy: the tests in %s cannot be run (%zu error%s)\n", tests_dir.c_str(), errors,
                 errors == 1 ? "" : "s");
    return ExitCodeFor(status.code());
  }
  if (cases.empty()) std::fprintf(stderr, "candidacy: no test cases in %s/*.yaml\n", tests_dir.c_str());

  const TestRun run = RunRulebookTests(*rulebook, cases, o.filter);
  Log(LogLevel::kInfo, "rulebook tests: {} passed, {} failed", run.passed, run.failed);
  if (!o.filter.empty() && run.cases.empty())
    std::fprintf(stderr, "candidacy: no test case name contains '%s'\n", o.filter.c_str());
  const std::string out = o.format == "json" ? RenderTestRunJson(run) : RenderTestRunText(run, o.coverage);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "candidacy: cannot write the report: %s\n", std::strerror(errno));
    return kExitIo;
  }

  int rc = run.failed > 0 ? kExitTestsFailed : kExitOk;
  if (o.require_full_coverage) {
    const auto uncovered = UncoveredItems(run.coverage, /*outcomes_only=*/true);
    if (!uncovered.empty()) {
      if (!o.coverage || o.format == "json")
        for (const auto& line : uncovered) std::fprintf(stderr, "%s\n", line.c_str());
      std::fprintf(stderr, "candidacy: rule-outcome coverage is not full: %zu outcome%s never seen\n", uncovered.size(),
                   uncovered.size() == 1 ? "" : "s");
      rc = kExitTestsFailed;
    }
  }
  return rc;
}

}  // namespace

Command TestCommand() {
  auto options = std::make_shared<TestOptions>();
  Command c;
  c.name = "test";
  c.help = "Run a rulebook's test cases (DIR/tests/*.yaml) and report rule coverage";
  c.configure = [options](CLI::App* app) {
    auto* flag = app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
                     ->check(CLI::ExistingDirectory);
    auto* positional = app->add_option("dir", options->dir, "Rulebook directory, as an alternative to --rulebook")
                           ->check(CLI::ExistingDirectory);
    flag->excludes(positional);
    app->add_flag("--coverage", options->coverage, "Add the rule coverage table, the uncovered items and the totals");
    app->add_flag("--require-full-coverage", options->require_full_coverage,
                  "Exit 1 when a rule outcome (fired, not fired, undecided where possible) was never seen");
    app->add_option("--format", options->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
    app->add_option("--filter", options->filter, "Run only the cases whose name contains this text");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
