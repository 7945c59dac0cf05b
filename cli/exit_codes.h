// The candidacy command's exit statuses (documented in README.md) and the
// mapping from engine status codes. Tested by tests/cli/.
#pragma once

#include "candidacy/status.h"

namespace candidacy::cli {

enum ExitCode : int {
  kExitOk = 0,                     // screened, whatever the outcome
  kExitUsage = 2,                  // bad command line
  kExitRulebookInvalid = 3,        // the rulebook has errors
  kExitQuestionnaireInvalid = 4,   // a questionnaire could not be read or validated
  kExitIo = 5,                     // a file could not be read, or output could not be written
  kExitRulebookMismatch = 6,       // --expect-rulebook: the rulebook is not the one pinned
  kExitInterviewUnfinished = 7,    // interview: input ended before the last question; the answers so far are saved
  kExitAuditBroken = 8,            // audit verify: a record was changed, removed, reordered or forged
  kExitAuditTornTail = 9,          // audit verify: the last line is torn (a crash while writing); the records before it are intact
  kExitInternal = 70,              // a bug
};

int ExitCodeFor(StatusCode code);

}  // namespace candidacy::cli
