// An answer as every output writes it. Test: tests/engine/base/answer_text_test.cc.
#include "base/answer_text.h"

#include <fmt/format.h>

namespace candidacy::internal {

std::string FormatAnswer(const AnswerValue& v, int digits, const char* separator) {
  switch (v.kind) {
    case AnswerValue::Kind::kUnanswered: return "unanswered";
    case AnswerValue::Kind::kNotAsked: return "not asked";
    case AnswerValue::Kind::kBoolean: return v.boolean ? "yes" : "no";
    case AnswerValue::Kind::kNumber:
      if (digits > 0) return fmt::format("{:.{}f}", v.number, digits);
      return v.integer ? fmt::format("{}", static_cast<long long>(v.number)) : fmt::format("{}", v.number);
    case AnswerValue::Kind::kText: return v.text;
    case AnswerValue::Kind::kList: {
      std::string out;
      for (const auto& item : v.list) out += (out.empty() ? "" : separator) + item;
      return out.empty() ? "none" : out;
    }
  }
  return "";
}

}  // namespace candidacy::internal
