// `candidacy diff OLD-DIR NEW-DIR [--batch FILE] [--format text|json]`: what
// changed between two rulebook versions and, with a batch of NDJSON
// questionnaires, which screenings change and why. Status like diff(1): 0 no
// differences, 1 differences, other statuses as every command (docs/diff.md).
// Test: tests/cli/diff_test.sh (and tests/engine/authoring/rulebook_diff_test.cc for the engine).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "candidacy/limits.h"
#include "candidacy/questionnaire.h"
#include "candidacy/rulebook_diff.h"
#include "command_table.h"
#include "exit_codes.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

constexpr int kExitDifferent = 1;

struct DiffOptions {
  std::string before;
  std::string after;
  std::string batch;
  std::string format = "text";
  bool summary = false;
};

// Reads one line (without its newline); false at the end of input. Keeps at
// most `cap` bytes and says whether more were dropped.
bool ReadLine(FILE* in, std::string* line, size_t cap, bool* overlong) {
  line->clear();
  *overlong = false;
  int c;
  bool any = false;
  while ((c = std::getc(in)) != EOF) {
    any = true;
    if (c == '\n') return true;
    if (line->size() < cap) line->push_back(static_cast<char>(c));
    else *overlong = true;
  }
  return any;
}

// Reads the line against one rulebook: the result, or the reader's messages.
bool ScreenLine(const Rulebook& rulebook, const std::string& line, long number, ScreeningResult* result,
                std::vector<std::string>* errors, std::string* id) {
  ReadOptions read;
  read.format = InputFormat::kJson;
  read.display_name = "line " + std::to_string(number);
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  if (!ReadQuestionnaire(rulebook, line, read, &q, &diagnostics).ok()) {
    for (const auto& d : diagnostics)
      if (d.severity == DiagnosticSeverity::kError) errors->push_back(d.message);
    return false;
  }
  *result = Screen(rulebook, q);
  if (id->empty()) *id = q.id();
  return true;
}

int CompareBatch(const Rulebook& before, const Rulebook& after, const std::string& path, std::vector<ScreeningDiff>* out,
                 bool* unreadable) {
  FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (in == nullptr) {
    std::fprintf(stderr, "candidacy: %s: cannot open: %s\n", path.c_str(), std::strerror(errno));
    return kExitIo;
  }
  std::string line;
  bool overlong = false;
  for (long number = 1; ReadLine(in, &line, limits::kMaxDocumentBytes, &overlong); ++number) {
    ScreeningDiff d;
    d.line = number;
    if (overlong) {
      const std::string e = "the line is larger than the limit of " + std::to_string(limits::kMaxDocumentBytes) + " bytes";
      d.errors_before = {e};
      d.errors_after = {e};
      d.readable_before = d.readable_after = false;
    } else {
      ScreeningResult a, b;
      d.readable_before = ScreenLine(before, line, number, &a, &d.errors_before, &d.id);
      d.readable_after = ScreenLine(after, line, number, &b, &d.errors_after, &d.id);
      if (d.readable_before) d.outcome_before = OutcomeName(a.outcome), d.score_before = a.score;
      if (d.readable_after) d.outcome_after = OutcomeName(b.outcome), d.score_after = b.score;
      if (d.readable_before && d.readable_after) CompareScreenings(before, a, after, b, &d);
    }
    if (!d.readable_before && !d.readable_after) {
      // Unreadable by both: not an effect of the change, but the batch is wrong.
      *unreadable = true;
      std::fprintf(stderr, "candidacy: %s: line %ld cannot be read by either rulebook: %s\n", path.c_str(), number,
                   d.errors_after.empty() ? "" : d.errors_after.front().c_str());
    }
    out->push_back(std::move(d));
  }
  const bool failed = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (failed) {
    std::fprintf(stderr, "candidacy: %s: read error\n", path.c_str());
    return kExitIo;
  }
  return kExitOk;
}

int Run(const DiffOptions& o) {
  std::shared_ptr<const Rulebook> before, after;
  if (int rc = LoadRulebookOrReport(o.before, &before); rc != kExitOk) return rc;
  if (int rc = LoadRulebookOrReport(o.after, &after); rc != kExitOk) return rc;
  const RulebookDiff diff = DiffRulebooks(*before, *after);
  std::vector<ScreeningDiff> screenings;
  bool unreadable = false;
  if (!o.batch.empty())
    if (int rc = CompareBatch(*before, *after, o.batch, &screenings, &unreadable); rc != kExitOk) return rc;
  const std::vector<ScreeningDiff>* batch = o.batch.empty() ? nullptr : &screenings;
  const std::string text = o.format == "json" ? RenderDiffJson(diff, batch) : RenderDiffText(diff, batch, !o.summary);
  if (std::fputs(text.c_str(), stdout) == EOF) return kExitIo;
  if (unreadable) return kExitQuestionnaireInvalid;
  bool different = !diff.entries.empty();
  for (const auto& s : screenings) different = different || s.changed();
  return different ? kExitDifferent : kExitOk;
}

}  // namespace

Command DiffCommand() {
  auto options = std::make_shared<DiffOptions>();
  Command c;
  c.name = "diff";
  c.help = "What changed between two rulebook versions; with --batch, which screenings change and why (status 0 same, 1 different)";
  c.configure = [options](CLI::App* app) {
    app->add_option("OLD-DIR", options->before, "The rulebook as it is")->required()->check(CLI::ExistingDirectory);
    app->add_option("NEW-DIR", options->after, "The rulebook as edited")->required()->check(CLI::ExistingDirectory);
    app->add_option("--batch", options->batch, "NDJSON questionnaires (one JSON object per line; - reads stdin) to screen against both");
    app->add_option("--format", options->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
    app->add_flag("--summary", options->summary, "With --batch, text: only the counts of outcome and rule changes, not each screening");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
