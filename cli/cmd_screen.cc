// `candidacy screen`: reads questionnaires (YAML or JSON, files or stdin),
// screens each against the rulebook and writes the result as text or JSON.
// A questionnaire that cannot be read is reported and not screened; the
// others still are. Test: tests/cli/.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "candidacy/screening.h"
#include "command_table.h"
#include "exit_codes.h"
#include "audit_log.h"
#include "batch.h"
#include "candidacy/audit.h"
#include "questionnaire_input.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

struct ScreenOptions {
  std::string rulebook;
  std::string format;  // empty: text for files, json for --batch
  std::string input = "auto";
  bool pretty = false;
  bool progress = false;
  std::string audit;            // --audit FILE
  std::string expect_rulebook;  // --expect-rulebook SHA256
  std::string batch;  // NDJSON input ("-" for stdin); empty: not a batch
  std::vector<std::string> files;
};

bool Write(const std::string& text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
}

int Run(const ScreenOptions& o) {
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.rulebook, &rulebook); rc != kExitOk) return rc;
  if (!o.expect_rulebook.empty() && o.expect_rulebook != rulebook->sha256()) {
    std::fprintf(stderr, "candidacy: refusing to screen: the rulebook %s %s has sha256 %s, not the expected %s\n",
                 rulebook->id().c_str(), rulebook->version().c_str(), rulebook->sha256().c_str(), o.expect_rulebook.c_str());
    return kExitRulebookMismatch;
  }
  AuditLog audit;
  if (!o.audit.empty()) {
    std::string error;
    if (!audit.Open(o.audit, &error)) {
      std::fprintf(stderr, "candidacy: %s\n", error.c_str());
      return kExitIo;
    }
  }
  if (!o.batch.empty()) {
    if (!o.files.empty() || o.format == "text") {
      std::fprintf(stderr, "candidacy: --batch reads one NDJSON input and writes JSON lines; give no other files and no --format text\n");
      return kExitUsage;
    }
    BatchOptions batch;
    batch.file = o.batch;
    batch.progress = o.progress;
    batch.audit = audit.is_open() ? &audit : nullptr;
    return RunBatch(*rulebook, batch);
  }
  if (o.files.empty()) {
    std::fprintf(stderr, "candidacy: screen needs a questionnaire file (or - for stdin, or --batch)\n");
    return kExitUsage;
  }

  int worst = kExitOk;
  bool first = true;
  for (const auto& file : o.files) {
    Questionnaire questionnaire;
    std::string raw;
    if (int rc = LoadQuestionnaire(*rulebook, file, o.input, &questionnaire, &raw); rc != kExitOk) {
      if (worst == kExitOk) worst = rc;  // the first failure's status; the other files are still screened
      continue;
    }
    const ScreeningResult result = Screen(*rulebook, questionnaire);
    if (audit.is_open()) {
      std::string error;
      if (!audit.Append(AuditRecord(result, raw, AuditLog::UtcNow()), &error)) {
        std::fprintf(stderr, "candidacy: %s\n", error.c_str());
        return kExitIo;  // a screening without its audit record is not delivered
      }
    }
    spdlog::info("screened questionnaire {}: {} (score {}, {} flags)", result.questionnaire_id,
                 OutcomeName(result.outcome), result.score, result.flags.size());
    std::string out;
    if (o.format == "json") {  // empty (the default) is text here
      out = RenderJson(result, o.pretty);
    } else {
      out = (first ? "" : "\n" + std::string(72, '=') + "\n\n") + RenderText(result);
    }
    first = false;
    if (!Write(out) || std::fflush(stdout) != 0) {
      std::fprintf(stderr, "candidacy: cannot write the result: %s\n", std::strerror(errno));
      return kExitIo;
    }
  }
  return worst;
}

}  // namespace

Command ScreenCommand() {
  auto options = std::make_shared<ScreenOptions>();
  Command c;
  c.name = "screen";
  c.help = "Screen questionnaires (YAML or JSON; - for stdin) and explain every flag";
  c.configure = [options](CLI::App* app) {
    app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--format", options->format, "Output: text (for a coordinator; the default) or json (docs/output.md; always with --batch)")
        ->check(CLI::IsMember({"text", "json"}));
    app->add_option("--input", options->input, "Input format: auto (JSON if it starts with '{'), yaml or json")
        ->check(CLI::IsMember({"auto", "yaml", "json"}));
    app->add_flag("--pretty", options->pretty, "Indent JSON output (default: one line per questionnaire)");
    app->add_option("files", options->files, "Questionnaire files; - reads stdin");
    app->add_option("--batch", options->batch,
                    "Screen NDJSON (one questionnaire per line; - for stdin), one JSON result per line, in order")
        ->expected(0, 1)
        ->default_str("-");
    app->add_flag("--progress", options->progress, "With --batch: a progress line on stderr every 10,000 lines");
    app->add_option("--audit", options->audit,
                    "Append one JSON line per screening to FILE: time, id, input hash, rulebook, outcome, score, flag ids");
    app->add_option("--expect-rulebook", options->expect_rulebook,
                    "Refuse to screen (exit 6) unless the rulebook's sha256 is this one");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
