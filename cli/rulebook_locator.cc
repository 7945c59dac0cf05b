// Rulebook discovery and loading for commands. Test: tests/cli/.
#include "rulebook_locator.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <sys/stat.h>

#include "exit_codes.h"
#include "log.h"

namespace candidacy::cli {
namespace {

bool cache_disabled = false;  // --no-cache

bool HasRulebook(const std::string& dir) {
  struct stat st;
  return stat((dir + "/rulebook.yaml").c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string ExecutableDirectory() {
  char buffer[4096];
  const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return "";
  std::string path(buffer, static_cast<size_t>(n));
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

}  // namespace

std::string DefaultRulebookDirectory() {
  if (const char* env = std::getenv("CANDIDACY_RULEBOOK"); env != nullptr && *env != '\0') return env;
  const std::string exe = ExecutableDirectory();
  if (!exe.empty()) {
    const std::string installed = exe + "/../" CANDIDACY_INSTALL_RULEBOOK_REL;
    if (HasRulebook(installed)) return installed;
  }
  return CANDIDACY_SOURCE_RULEBOOK;
}

void DisableRulebookCache() { cache_disabled = true; }

std::string RulebookCacheDirectory() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v == nullptr ? "" : v;
  };
  if (cache_disabled || env("CANDIDACY_CACHE") == "off") return "";
  if (const std::string dir = env("CANDIDACY_CACHE_DIR"); !dir.empty()) return dir;
  if (const std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty() && xdg[0] == '/') return xdg + "/candidacy";
  // A home that is not there is not created (an account without one, HOME=/nonexistent).
  struct stat st;
  if (const std::string home = env("HOME"); !home.empty() && home[0] == '/' && stat(home.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return home + "/.cache/candidacy";
  return "";
}

LoadOptions RulebookLoadOptions() {
  LoadOptions options;
  options.cache_directory = RulebookCacheDirectory();
  if (ShouldLog(LogLevel::kDebug))
    options.log = [](const std::string& line) { Log(LogLevel::kDebug, "{}", line); };
  return options;
}

int LoadRulebookOrReport(const std::string& directory, std::shared_ptr<const Rulebook>* out) {
  const std::string dir = directory.empty() ? DefaultRulebookDirectory() : directory;
  std::vector<Diagnostic> diagnostics;
  const Status status = Rulebook::Load(dir, RulebookLoadOptions(), out, &diagnostics);
  if (!status.ok()) {
    for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stderr);
    size_t errors = 0;
    for (const auto& d : diagnostics) errors += d.severity == DiagnosticSeverity::kError;
    std::fprintf(stderr, "candidacy: the rulebook in %s cannot be used (%zu error%s)\n", dir.c_str(), errors,
                 errors == 1 ? "" : "s");
    return ExitCodeFor(status.code() == StatusCode::kIoError ? StatusCode::kIoError : StatusCode::kRulebookInvalid);
  }
  Log(LogLevel::kDebug, "rulebook {} {} loaded from {} ({} rules, {} medication names, {} warnings)", (*out)->id(),
                (*out)->version(), dir, (*out)->rule_count(), (*out)->medication_name_count(), diagnostics.size());
  // The command ends soon after. A reference kept to the end of the process
  // spares freeing the rulebook's thousands of allocations at exit (a million
  // instructions, about 0.5 ms of a one-questionnaire run); the memory goes
  // back with the process. Still reachable, so not a leak to LeakSanitizer.
  static auto* const kept = new std::vector<std::shared_ptr<const Rulebook>>();
  kept->push_back(*out);
  return kExitOk;
}

}  // namespace candidacy::cli
