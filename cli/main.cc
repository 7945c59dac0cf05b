// The candidacy command: global options, then one subcommand from the table
// (command_table.cc). Uses only the engine's public API. Test: tests/cli/.
#include <csignal>
#include <cstdio>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "candidacy/rulebook.h"
#include "command_table.h"
#include "exit_codes.h"
#include "heap_prefault.h"
#include "log.h"
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

// The subcommand argv names, when that is plain before parsing: the first
// argument that is neither an option nor the value of --log-level. Only its
// options are then set up (every option is CLI11 work at every start, about
// a millisecond for all of them); the others keep their name and help, all
// that `candidacy --help` lists and all a parse can meet, since one command
// runs at a time. -1 (set them all up) when in doubt.
int RequestedCommand(int argc, char** argv, const std::vector<candidacy::cli::Command>& commands) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--log-level") {
      ++i;
    } else if (arg == "--") {
      return -1;
    } else if (arg.empty() || arg[0] != '-') {
      for (size_t c = 0; c < commands.size(); ++c)
        if (arg == commands[c].name) return static_cast<int>(c);
      return -1;
    }
  }
  return -1;
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
  candidacy::cli::PrefaultHeap(std::size_t{1536} << 10);  // about what a one-questionnaire run touches (bench/RESULTS.md)
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes a write error we report, not a silent death

  CLI::App app{"Candidacy: screens intake questionnaires against a clinical rulebook and explains every flag."};
  app.require_subcommand(0, 1);
  bool version = false;
  bool no_cache = false;
  std::string log_level = "warn";
  app.add_flag("--version", version, "Print the program version and the default rulebook's id, version and hash");
  app.add_option("--log-level", log_level, "Diagnostics on stderr: trace, debug, info, warn, error, off")
      ->check(CLI::IsMember(candidacy::cli::LogLevelNames()));
  app.add_flag("--no-cache", no_cache,
               "Parse the rulebook's YAML without reading or writing a compiled image (also: CANDIDACY_CACHE=off; docs/rulebook-cache.md)");

  std::vector<candidacy::cli::Command> commands = candidacy::cli::AllCommands();
  const int requested = RequestedCommand(argc, argv, commands);
  std::vector<CLI::App*> subcommands;
  for (size_t i = 0; i < commands.size(); ++i) {
    CLI::App* sub = app.add_subcommand(commands[i].name, commands[i].help);
    if (requested < 0 || static_cast<size_t>(requested) == i) commands[i].configure(sub);
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
  candidacy::cli::LogLevel level = candidacy::cli::LogLevel::kWarn;
  candidacy::cli::ParseLogLevel(log_level, &level);  // one of LogLevelNames(): CLI::IsMember above
  candidacy::cli::SetLogLevel(level);
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
