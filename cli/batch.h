// NDJSON batch screening: one questionnaire per input line, one JSON result
// per output line, in input order. A line that cannot be read yields an error
// line carrying its line number and the batch goes on, so output lines always
// equal input lines. Memory stays flat however long the input.
// Tested by tests/cli/batch_test.sh.
#pragma once

#include <string>

#include "audit_log.h"
#include "candidacy/rulebook.h"

namespace candidacy::cli {

struct BatchOptions {
  std::string file = "-";  // "-" is stdin
  bool progress = false;   // a progress line on stderr every 10,000 lines
  AuditLog* audit = nullptr;  // when set, one record per screened line
};

// Returns 0 when every line was screened, 4 when some lines were not (their
// error lines are in the output), 5 on a read or write failure.
int RunBatch(const Rulebook& rulebook, const BatchOptions& options);

}  // namespace candidacy::cli
