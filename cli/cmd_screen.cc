// `candidacy screen`: reads questionnaires (YAML or JSON, files or stdin),
// screens each against the rulebook and writes the result as text or JSON.
// A questionnaire that cannot be read is reported and not screened; the
// others still are. Test: tests/cli/.
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "audit_log.h"
#include "batch.h"
#include "candidacy/audit.h"
#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "candidacy/screening.h"
#include "command_table.h"
#include "exit_codes.h"
#include "log.h"
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
  int jobs = 1;        // --jobs: batch worker threads (0: one per core)
  bool stats = false;  // --stats: the batch's timing line on stderr
  std::string audit;            // --audit FILE
  std::string audit_key;        // --audit-key FILE (or $CANDIDACY_AUDIT_KEY_FILE)
  std::string audit_sync = "record";  // --audit-sync record|batch
  long long audit_max_bytes = 0;      // --audit-max-bytes N; 0: no rotation
  std::string expect_rulebook;  // --expect-rulebook SHA256
  std::string batch;  // NDJSON input ("-" for stdin); empty: not a batch
  std::string now;    // --now: the screening time printed on an HTML report
  std::vector<std::string> files;
};

bool Write(const std::string& text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
}

// --now's form: YYYY-MM-DDTHH:MM:SSZ, as the audit log writes the time.
bool ValidTimestamp(const std::string& t) {
  static const char kShape[] = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != sizeof kShape - 1) return false;
  for (size_t i = 0; i < t.size(); ++i)
    if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(t[i])) : t[i] != kShape[i]) return false;
  const int month = std::stoi(t.substr(5, 2)), day = std::stoi(t.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && std::stoi(t.substr(11, 2)) < 24 &&
         std::stoi(t.substr(14, 2)) < 60 && std::stoi(t.substr(17, 2)) < 61;
}

// The HTML report is one document for one questionnaire.
int CheckHtmlOptions(const ScreenOptions& o) {
  if (o.format == "html" && (!o.batch.empty() || o.files.size() > 1)) {
    std::fprintf(stderr, "candidacy: --format html writes one report for one questionnaire: give one file, and no --batch\n");
    return kExitUsage;
  }
  if (!o.now.empty() && o.format != "html") {
    std::fprintf(stderr, "candidacy: --now sets the time printed on an HTML report; use it with --format html\n");
    return kExitUsage;
  }
  if (!o.now.empty() && !ValidTimestamp(o.now)) {
    std::fprintf(stderr, "candidacy: --now '%s' is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ\n", o.now.c_str());
    return kExitUsage;
  }
  return kExitOk;
}

// --audit and its options: the trail opened, or the exit status saying why not.
int OpenAudit(const ScreenOptions& o, const Rulebook& rulebook, AuditLog* audit) {
  const bool audit_options = !o.audit_key.empty() || o.audit_sync != "record" || o.audit_max_bytes != 0;
  if (o.audit.empty()) {
    if (!audit_options) return kExitOk;
    std::fprintf(stderr, "candidacy: --audit-key, --audit-sync and --audit-max-bytes apply to --audit FILE\n");
    return kExitUsage;
  }
  if (o.audit_sync == "batch" && o.batch.empty()) {
    std::fprintf(stderr, "candidacy: --audit-sync=batch groups the fsyncs of a --batch; give --batch\n");
    return kExitUsage;
  }
  AuditLogOptions options;
  options.path = o.audit;
  options.sync = o.audit_sync == "batch" ? AuditSync::kBatch : AuditSync::kRecord;
  options.max_bytes = o.audit_max_bytes;
  options.rulebook_id = rulebook.id();
  options.rulebook_version = rulebook.version();
  options.rulebook_sha256 = rulebook.sha256();
  std::string key_file = o.audit_key;
  if (key_file.empty()) {
    const char* env = std::getenv("CANDIDACY_AUDIT_KEY_FILE");
    if (env != nullptr) key_file = env;
  }
  std::string error;
  if (!key_file.empty() && !ReadAuditKey(key_file, &options.key, &error)) {
    std::fprintf(stderr, "candidacy: %s\n", error.c_str());
    return kExitIo;
  }
  if (!audit->Open(options, &error)) {
    std::fprintf(stderr, "candidacy: %s\n", error.c_str());
    return kExitIo;
  }
  return kExitOk;
}

// The batch-sync fsync at the end; a failure there is an I/O error.
int CloseAudit(AuditLog* audit, int rc) {
  std::string error;
  if (audit->is_open() && !audit->Close(&error)) {
    std::fprintf(stderr, "candidacy: %s\n", error.c_str());
    return kExitIo;
  }
  return rc;
}

int Run(const ScreenOptions& o) {
  if (int rc = CheckHtmlOptions(o); rc != kExitOk) return rc;
  if (o.format == "cds-hooks" && !o.batch.empty()) {  // docs/cds-hooks.md: batches stay NDJSON results
    std::fprintf(stderr, "candidacy: --batch writes JSON result lines; --format cds-hooks takes questionnaire files (one CDS Hooks response each)\n");
    return kExitUsage;
  }
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.rulebook, &rulebook); rc != kExitOk) return rc;
  if (!o.expect_rulebook.empty() && o.expect_rulebook != rulebook->sha256()) {
    std::fprintf(stderr, "candidacy: refusing to screen: the rulebook %s %s has sha256 %s, not the expected %s\n",
                 rulebook->id().c_str(), rulebook->version().c_str(), rulebook->sha256().c_str(), o.expect_rulebook.c_str());
    return kExitRulebookMismatch;
  }
  AuditLog audit;
  if (int rc = OpenAudit(o, *rulebook, &audit); rc != kExitOk) return rc;
  if (!o.batch.empty()) {
    if (!o.files.empty() || o.format == "text") {
      std::fprintf(stderr, "candidacy: --batch reads one NDJSON input and writes JSON lines; give no other files and no --format text\n");
      return kExitUsage;
    }
    BatchOptions batch;
    batch.file = o.batch;
    batch.progress = o.progress;
    batch.format = o.format == "compact" ? BatchFormat::kCompact : BatchFormat::kJson;
    batch.jobs = o.jobs;
    batch.stats = o.stats;
    batch.audit = audit.is_open() ? &audit : nullptr;
    const int rc = RunBatch(*rulebook, batch);
    return CloseAudit(&audit, rc);
  }
  if (o.jobs != 1 || o.stats) {
    std::fprintf(stderr, "candidacy: --jobs and --stats apply to --batch only\n");
    return kExitUsage;
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
    // One clock reading for the audit record and the HTML report; none when
    // neither wants it (reading the clock as UTC loads the time zone file).
    const bool wants_time = audit.is_open() || (o.format == "html" && o.now.empty());
    const std::string screened_at = wants_time ? AuditLog::UtcNow() : std::string();
    if (audit.is_open()) {
      std::string error;
      if (!audit.Append(AuditRecord(result, raw, screened_at), &error)) {
        std::fprintf(stderr, "candidacy: %s\n", error.c_str());
        return kExitIo;  // a screening without its audit record is not delivered
      }
    }
    Log(LogLevel::kInfo, "screened questionnaire {}: {} (score {}, {} flags)", result.questionnaire_id,
                 OutcomeName(result.outcome), result.score, result.flags.size());
    std::string out;
    if (o.format == "json") {  // empty (the default) is text here
      out = RenderJson(result, o.pretty);
    } else if (o.format == "compact") {
      out = RenderJsonCompact(result);
    } else if (o.format == "cds-hooks") {
      out = RenderCdsHooks(result, o.pretty);
    } else if (o.format == "html") {
      out = RenderHtml(result, o.now.empty() ? screened_at : o.now);
    } else {
      out = (first ? "" : "\n" + std::string(72, '=') + "\n\n") + RenderText(result);
    }
    first = false;
    if (!Write(out) || std::fflush(stdout) != 0) {
      std::fprintf(stderr, "candidacy: cannot write the result: %s\n", std::strerror(errno));
      return kExitIo;
    }
  }
  return CloseAudit(&audit, worst);
}

}  // namespace

Command ScreenCommand() {
  auto options = std::make_shared<ScreenOptions>();
  Command c;
  c.name = "screen";
  c.help = "Screen questionnaires (YAML, JSON or FHIR QuestionnaireResponse; - for stdin) and explain every flag";
  c.configure = [options](CLI::App* app) {
    app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--format", options->format, "Output: text (for a coordinator; the default), json (docs/output.md; always with --batch), html (a printable report for one questionnaire) or cds-hooks (a CDS Hooks response per file, docs/cds-hooks.md); compact (one short JSON line: id, outcome, score, flag ids, questions to ask, unrecognised medications)")
        ->check(CLI::IsMember({"text", "json", "html", "cds-hooks", "compact"}));
    app->add_option("--now", options->now, "With --format html: the screening time printed on the report, YYYY-MM-DDTHH:MM:SSZ (default: the current UTC time)");
    app->add_option("--input", options->input,
                    "Input format: auto (JSON if it starts with '{', FHIR if that has a resourceType), yaml, json or fhir")
        ->check(CLI::IsMember({"auto", "yaml", "json", "fhir"}));
    app->add_flag("--pretty", options->pretty, "Indent JSON output (default: one line per questionnaire)");
    app->add_option("files", options->files, "Questionnaire files; - reads stdin");
    app->add_option("--batch", options->batch,
                    "Screen NDJSON (one questionnaire per line; - for stdin), one JSON result per line, in order")
        ->expected(0, 1)
        ->default_str("-");
    app->add_flag("--progress", options->progress, "With --batch: a progress line on stderr every 10,000 lines");
    app->add_option("--jobs", options->jobs,
                    "With --batch: worker threads screening chunks of lines, output still in input order (default 1; 0: one per core)")
        ->check(CLI::Range(0, 256));
    app->add_flag("--stats", options->stats,
                  "With --batch: one JSON line on stderr at the end: lines, load and screening milliseconds, questionnaires per second");
    app->add_option("--audit", options->audit,
                    "Append one JSON line per screening to FILE, hash-chained (docs/audit.md): time, id, input hash, rulebook, outcome, score, flag ids");
    app->add_option("--audit-key", options->audit_key,
                    "With --audit: sign each record with HMAC-SHA256 under the key in this file (default: $CANDIDACY_AUDIT_KEY_FILE)");
    app->add_option("--audit-sync", options->audit_sync,
                    "With --audit: fsync each record (record, the default) or, with --batch, every 1,000 records and at the end (batch)")
        ->check(CLI::IsMember({"record", "batch"}));
    app->add_option("--audit-max-bytes", options->audit_max_bytes,
                    "With --audit: start FILE.1, FILE.2, ... before a file would pass N bytes; each chains to the one before")
        ->check(CLI::Range(0LL, 1LL << 50));
    app->add_option("--expect-rulebook", options->expect_rulebook,
                    "Refuse to screen (exit 6) unless the rulebook's sha256 is this one");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
