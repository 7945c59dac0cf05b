// Rule message templates: "BP {vitals.systolic_bp}/{vitals.diastolic_bp} mmHg"
// split into text and placeholders ({question}, {derived}, {class:id}),
// checked against the rulebook at load time. Tested by tests/engine/rulebook/message_template_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rulebook/model.h"

namespace candidacy::internal {

struct TemplateError {
  int offset = 0;  // byte offset in the template
  std::string message;
};

// Splits `text` into parts; unknown names and unbalanced braces are errors
// (all of them are appended). Returns true when there are none.
bool ParseMessageTemplate(std::string_view text, const Model& model, std::vector<MessagePart>* parts,
                          std::vector<TemplateError>* errors);

}  // namespace candidacy::internal
