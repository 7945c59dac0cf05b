// An answer value as text: one place for "yes"/"no", whole numbers,
// one-decimal BMI and lists, used by every renderer, explanations and the
// interview. Tested by tests/engine/base/answer_text_test.cc.
#pragma once

#include <string>

#include "candidacy/result.h"

namespace candidacy::internal {

// "unanswered", "not asked", "yes", "no", "184", "40.0", "a, b" (lists joined
// by `separator`, "none" when empty). `digits` > 0: that many decimals.
std::string FormatAnswer(const AnswerValue& value, int digits = -1, const char* separator = ", ");

}  // namespace candidacy::internal
