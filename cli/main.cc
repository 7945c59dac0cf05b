// The candidacy command: global options, then one subcommand from the table
// (command_table.cc). Uses only the engine's public API. Test: tests/cli/.
#include <csignal>
#include <cstdio>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "candidacy/rulebook.h"
#include "command_table.h"
#include "exit_codes.h"
#include "heap_prefault.h"
#include "rulebook_locator.h"

namespace {

int PrintVersion() {
  std::printf("candidacy %s\n", CANDIDACY_VERSION);
  std::shared_ptr<const candidacy::Rulebook> rulebook;
  std::vector<candidacy::Diagnostic> diagnostics;
  const std::string dir = candidacy::cli::DefaultRulebookDirectory();
  if (candidacy::Rulebook::Load(dir, candidacy::cli::RulebookLoadOptions(), &rulebook, &diagnostics).ok())
    std::printf("default rulebook: %s %s (sha256 %s)\n", rulebook->id().c_str(), rulebook->version().c_str(),
                rulebook->sha256().c_str());
  else
    std::printf("default rulebook: none usable at %s\n", dir.c_str());
  return 0;
}

}  // namespace

// Output that could not be written (a full disk, /dev/full) is an error, never a silent success.
// A command that already reported its own write failure returns non-zero.
int FinishOutput(int rc) {
  if ((std::fflush(stdout) != 0 || std::ferror(stdout)) && rc == 0) {
    std::fprintf(stderr, "candidacy: cannot write the output\n");
    return candidacy::cli::kExitIo;
  }
  return rc;
}

int main(int argc, char** argv) {
  candidacy::cli::PrefaultHeap(std::size_t{2} << 20);  // about what a one-questionnaire run touches
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes a write error we report, not a silent death
  auto logger = spdlog::stderr_color_mt("candidacy");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("candidacy: %l: %v");
  spdlog::set_level(spdlog::level::warn);

  CLI::App app{"Candidacy: screens intake questionnaires against a clinical rulebook and explains every flag."};
  app.require_subcommand(0, 1);
  bool version = false;
  bool no_cache = false;
  std::string log_level = "warn";
  app.add_flag("--version", version, "Print the program version and the default rulebook's id, version and hash");
  app.add_option("--log-level", log_level, "Diagnostics on stderr: trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_flag("--no-cache", no_cache,
               "Parse the rulebook's YAML without reading or writing a compiled image (also: CANDIDACY_CACHE=off; docs/rulebook-cache.md)");

  std::vector<candidacy::cli::Command> commands = candidacy::cli::AllCommands();
  std::vector<CLI::App*> subcommands;
  for (auto& c : commands) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    c.configure(sub);
    subcommands.push_back(sub);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return FinishOutput(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return FinishOutput(app.exit(e));
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return candidacy::cli::kExitUsage;
  }
  spdlog::set_level(spdlog::level::from_str(log_level));
  if (no_cache) candidacy::cli::DisableRulebookCache();
  if (version) return FinishOutput(PrintVersion());
  for (size_t i = 0; i < commands.size(); ++i)
    if (subcommands[i]->parsed()) {
      try {
        return FinishOutput(commands[i].run());
      } catch (const std::exception& e) {
        std::fprintf(stderr, "candidacy: internal error: %s\n", e.what());
        return candidacy::cli::kExitInternal;
      }
    }
  std::fputs(app.help().c_str(), stderr);
  return candidacy::cli::kExitUsage;
}
