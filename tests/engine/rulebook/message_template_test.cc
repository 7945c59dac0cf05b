// Rule message templates (rulebook/message_template.h): text split into text
// and placeholders of questions, derived values and classes (a table), and
// the bad placeholders refused, each at its offset (a table).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "rulebook/message_template.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using internal::MessagePart;

// The parts as "text|{q:id}|{d:id}|{c:id}".
std::string Parts(const std::string& text) {
  const auto& model = internal::ModelOf(Shipped());
  std::vector<MessagePart> parts;
  std::vector<internal::TemplateError> errors;
  REQUIRE(internal::ParseMessageTemplate(text, model, &parts, &errors));
  REQUIRE(errors.empty());
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += "|";
    switch (p.kind) {
      case MessagePart::Kind::kText: out += p.text; break;
      case MessagePart::Kind::kQuestion: out += "{q:" + model.questions[p.index].id + "}"; break;
      case MessagePart::Kind::kDerived: out += "{d:" + model.derived[p.index].id + "}"; break;
      case MessagePart::Kind::kClass: out += "{c:" + model.lexicon.classes()[p.index].id + "}"; break;
    }
  }
  return out;
}

TEST_CASE("message templates: text and placeholders", "[message-template]") {
  auto [text, parts] = GENERATE(table<std::string, std::string>({
      {"BP {vitals.systolic_bp}/{vitals.diastolic_bp} mmHg", "BP |{q:vitals.systolic_bp}|/|{q:vitals.diastolic_bp}| mmHg"},
      {"BMI {bmi}", "BMI |{d:bmi}"},
      {"{class:opioid} listed", "{c:opioid}| listed"},
      {"{patient.age}{patient.age}", "{q:patient.age}|{q:patient.age}"},
      {"no placeholders at all", "no placeholders at all"},
      {"", ""},
  }));
  CAPTURE(text);
  CHECK(Parts(text) == parts);
}

TEST_CASE("message templates: bad placeholders are refused at their offset", "[message-template]") {
  auto [text, offset, message] = GENERATE(table<std::string, int, std::string>({
      {"a } b", 2, "'}' without a matching '{'"},
      {"BP {vitals.systolic_bp", 3, "'{' is not closed; placeholders look like {vitals.heart_rate}"},
      {"BP {vitals.sistolic_bp} mmHg", 4, "placeholder {vitals.sistolic_bp} names no question, derived value or class:id"},
      {"{class:opiods}", 1, "placeholder names unknown medication class 'opiods'"},
      {"{}", 1, "placeholder {} names no question, derived value or class:id"},
      {"{BMI}", 1, "placeholder {BMI} names no question, derived value or class:id"},
  }));
  CAPTURE(text);
  std::vector<MessagePart> parts;
  std::vector<internal::TemplateError> errors;
  CHECK_FALSE(internal::ParseMessageTemplate(text, internal::ModelOf(Shipped()), &parts, &errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == offset);
  CHECK(errors[0].message == message);
}

TEST_CASE("message templates: every error is reported, and appended", "[message-template]") {
  std::vector<MessagePart> parts;
  std::vector<internal::TemplateError> errors(1);
  CHECK_FALSE(internal::ParseMessageTemplate("} {nope} {class:none} {open", internal::ModelOf(Shipped()), &parts, &errors));
  REQUIRE(errors.size() == 5);
  CHECK(errors[1].offset == 0);
  CHECK(errors[2].offset == 3);
  CHECK(errors[3].offset == 10);
  CHECK(errors[4].offset == 22);
}

}  // namespace
}  // namespace candidacy::testing
