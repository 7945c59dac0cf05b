// `candidacy docs [DIR] [--format markdown|html] [--out FILE]`: the rulebook
// handbook for clinical review (engine: candidacy/handbook.h). Writes to
// stdout, or to FILE through a temporary file renamed into place, so a
// failed write never leaves a half-written handbook. Test: tests/cli/docs_test.sh.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "candidacy/handbook.h"
#include "command_table.h"
#include "exit_codes.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

struct DocsOptions {
  std::string directory;
  std::string format = "markdown";
  std::string out;  // empty: stdout
};

bool WriteFile(const std::string& path, const std::string& text, std::string* error) {
  const std::string temporary = path + ".tmp";
  std::FILE* f = std::fopen(temporary.c_str(), "wb");
  if (f == nullptr) {
    *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int saved = errno;
  if (std::fclose(f) != 0 || !written) {
    *error = "cannot write " + path + ": " + std::strerror(written ? errno : saved);
    std::remove(temporary.c_str());
    return false;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    *error = "cannot write " + path + ": " + std::strerror(errno);
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

int Run(const DocsOptions& o) {
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.directory, &rulebook); rc != kExitOk) return rc;
  const std::string text =
      RenderHandbook(*rulebook, o.format == "html" ? HandbookFormat::kHtml : HandbookFormat::kMarkdown);
  if (o.out.empty()) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
      std::fprintf(stderr, "candidacy: cannot write the handbook: %s\n", std::strerror(errno));
      return kExitIo;
    }
    return kExitOk;
  }
  std::string error;
  if (!WriteFile(o.out, text, &error)) {
    std::fprintf(stderr, "candidacy: %s\n", error.c_str());
    return kExitIo;
  }
  return kExitOk;
}

}  // namespace

Command DocsCommand() {
  auto options = std::make_shared<DocsOptions>();
  Command c;
  c.name = "docs";
  c.help = "The rulebook handbook for clinical review: questions, rules in plain words, lexicon, sources";
  c.configure = [options](CLI::App* app) {
    app->add_option("directory", options->directory, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--format", options->format, "Output: markdown (the default) or html (one self-contained page)")
        ->check(CLI::IsMember({"markdown", "html"}));
    app->add_option("--out", options->out, "Write to FILE instead of standard output");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
