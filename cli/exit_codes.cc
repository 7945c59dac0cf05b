// Exit status mapping. Test: tests/cli/.
#include "exit_codes.h"

namespace candidacy::cli {

int ExitCodeFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitUsage;
    case StatusCode::kRulebookInvalid: return kExitRulebookInvalid;
    case StatusCode::kQuestionnaireInvalid: return kExitQuestionnaireInvalid;
    case StatusCode::kIoError: return kExitIo;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace candidacy::cli
