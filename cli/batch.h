// NDJSON batch screening: one questionnaire per input line, one JSON result
// per output line, in input order. A line that cannot be read yields an error
// line carrying its line number and the batch goes on, so output lines always
// equal input lines. Memory stays flat however long the input: lines are
// screened in chunks of at most 256 lines (or 1 MiB), and with --jobs N at
// most 2N+2 chunks are in flight between the reader, the N workers and the
// writer, which writes them back in input order. The output is byte-identical
// whatever N. Tested by tests/cli/batch_test.sh and tests/cli/batch_jobs_test.sh.
#pragma once

#include <string>

#include "audit_log.h"
#include "candidacy/rulebook.h"

namespace candidacy::cli {

enum class BatchFormat { kJson, kCompact };

struct BatchOptions {
  std::string file = "-";  // "-" is stdin
  BatchFormat format = BatchFormat::kJson;
  int jobs = 1;            // worker threads screening chunks; 0: one per core
  bool progress = false;   // a progress line on stderr every 10,000 lines
  bool stats = false;      // one timing line on stderr at the end (docs/output.md)
  AuditLog* audit = nullptr;  // when set, one record per screened line, in input order
};

// Returns 0 when every line was screened, 4 when some lines were not (their
// error lines are in the output), 5 on a read or write failure.
int RunBatch(const Rulebook& rulebook, const BatchOptions& options);

// Milliseconds since the program started (its static initialisation).
double MillisecondsSinceStart();

}  // namespace candidacy::cli
