// Status to text. Test: tests/engine/base/status_test.cc.
#include "candidacy/status.h"

namespace candidacy {

std::string Status::ToString() const {
  const char* prefix = "";
  switch (code_) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: prefix = "invalid argument"; break;
    case StatusCode::kRulebookInvalid: prefix = "rulebook invalid"; break;
    case StatusCode::kQuestionnaireInvalid: prefix = "questionnaire invalid"; break;
    case StatusCode::kIoError: prefix = "I/O error"; break;
    case StatusCode::kInternal: prefix = "internal error"; break;
  }
  return message_.empty() ? prefix : std::string(prefix) + ": " + message_;
}

}  // namespace candidacy
