// An answer as text (base/answer_text.h): FormatAnswer for every kind of
// answer, with decimals and list separators (a table).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/answer_text.h"

using candidacy::AnswerValue;
using Kind = candidacy::AnswerValue::Kind;

namespace {

AnswerValue Value(Kind kind, double number = 0, bool integer = false, std::string text = "",
                  std::vector<std::string> list = {}, bool boolean = false) {
  AnswerValue v;
  v.kind = kind;
  v.number = number;
  v.integer = integer;
  v.text = std::move(text);
  v.list = std::move(list);
  v.boolean = boolean;
  return v;
}

}  // namespace

TEST_CASE("answer text: each kind of answer as every output writes it", "[answer-text]") {
  struct Row {
    AnswerValue value;
    int digits;
    const char* separator;
    const char* text;
  };
  const Row row = GENERATE(values<Row>({
      {Value(Kind::kUnanswered), -1, ", ", "unanswered"},
      {Value(Kind::kNotAsked), -1, ", ", "not asked"},
      {Value(Kind::kBoolean, 0, false, "", {}, true), -1, ", ", "yes"},
      {Value(Kind::kBoolean), -1, ", ", "no"},
      {Value(Kind::kNumber, 184, true), -1, ", ", "184"},
      {Value(Kind::kNumber, -3, true), -1, ", ", "-3"},
      {Value(Kind::kNumber, 72.5), -1, ", ", "72.5"},
      {Value(Kind::kNumber, 0.1), -1, ", ", "0.1"},           // the shortest text that reads back
      {Value(Kind::kNumber, 40), 1, ", ", "40.0"},             // BMI: one decimal
      {Value(Kind::kNumber, 27.345), 2, ", ", "27.34"},
      {Value(Kind::kNumber, 27.35), 1, ", ", "27.4"},
      {Value(Kind::kText, 0, false, "active_with_plan"), -1, ", ", "active_with_plan"},
      {Value(Kind::kText), -1, ", ", ""},
      {Value(Kind::kList, 0, false, "", {"ptsd", "crps"}), -1, ", ", "ptsd, crps"},
      {Value(Kind::kList, 0, false, "", {"ptsd", "crps"}), -1, " | ", "ptsd | crps"},
      {Value(Kind::kList, 0, false, "", {"one"}), -1, ", ", "one"},
      {Value(Kind::kList), -1, ", ", "none"},
  }));
  CAPTURE(row.text);
  CHECK(candidacy::internal::FormatAnswer(row.value, row.digits, row.separator) == row.text);
}
