// NDJSON batch screening. Test: tests/cli/batch_test.sh.
#include "batch.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

#include <spdlog/spdlog.h>

#include "candidacy/audit.h"
#include "candidacy/limits.h"
#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "candidacy/screening.h"
#include "exit_codes.h"

namespace candidacy::cli {
namespace {

// Reads one line (without its newline) into *line, at most `cap` bytes kept;
// *overlong tells whether more was dropped. Returns false at end of input.
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

Diagnostic LineError(DiagnosticCode code, std::string message) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  return d;
}

}  // namespace

int RunBatch(const Rulebook& rulebook, const BatchOptions& o) {
  FILE* in = o.file == "-" ? stdin : std::fopen(o.file.c_str(), "rb");
  if (in == nullptr) {
    std::fprintf(stderr, "candidacy: %s: cannot open: %s\n", o.file.c_str(), std::strerror(errno));
    return kExitIo;
  }
  std::map<std::string, long> outcomes;
  long lines = 0, failed = 0;
  std::string line, out;
  bool overlong = false;
  ReadOptions read;
  read.format = InputFormat::kJson;
  while (ReadLine(in, &line, limits::kMaxDocumentBytes, &overlong)) {
    ++lines;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    read.display_name = "line " + std::to_string(lines);
    Questionnaire questionnaire;
    std::vector<Diagnostic> diagnostics;
    if (overlong) {
      diagnostics.push_back(LineError(DiagnosticCode::kTooLarge, "the line is longer than the limit of " +
                                                                     std::to_string(limits::kMaxDocumentBytes) + " bytes"));
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      diagnostics.push_back(LineError(DiagnosticCode::kJsonSyntax, "the line is empty; each line holds one questionnaire"));
    } else {
      ReadQuestionnaire(rulebook, line, read, &questionnaire, &diagnostics);
    }
    if (diagnostics.empty()) {
      const ScreeningResult result = Screen(rulebook, questionnaire);
      if (o.audit != nullptr) {
        std::string error;
        if (!o.audit->Append(AuditRecord(result, line, AuditLog::UtcNow()), &error)) {
          std::fwrite(out.data(), 1, out.size(), stdout);  // what was screened and audited is delivered
          std::fprintf(stderr, "candidacy: %s (stopped at line %ld)\n", error.c_str(), lines);
          if (in != stdin) std::fclose(in);
          return kExitIo;
        }
      }
      ++outcomes[OutcomeName(result.outcome)];
      out += RenderJson(result, false);
    } else {
      ++failed;
      out += RenderJsonError(lines, questionnaire.id(), diagnostics);
    }
    if (out.size() >= (1 << 16)) {
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) break;
      out.clear();
    }
    if (o.progress && lines % 10000 == 0) std::fprintf(stderr, "candidacy: %ld lines screened\n", lines);
  }
  const bool read_failed = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "candidacy: cannot write the results: %s\n", std::strerror(errno));
    return kExitIo;
  }
  if (read_failed) {
    std::fprintf(stderr, "candidacy: %s: read error after line %ld\n", o.file.c_str(), lines);
    return kExitIo;
  }
  std::string summary;
  for (const char* name : {"ineligible", "incomplete", "needs_review", "eligible_with_precautions", "eligible"})
    summary += ", " + std::string(name) + " " + std::to_string(outcomes[name]);
  std::fprintf(stderr, "candidacy: %ld lines: %ld screened%s; %ld not screened\n", lines, lines - failed, summary.c_str(), failed);
  spdlog::info("batch of {} lines, {} not screened", lines, failed);
  return failed > 0 ? kExitQuestionnaireInvalid : kExitOk;
}

}  // namespace candidacy::cli
