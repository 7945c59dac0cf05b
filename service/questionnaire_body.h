// A questionnaire sent in a request body, as /screen, /questions, /answers
// and /report read it: the --input name for its Content-Type, the 422 answer
// for one that does not read, and the field of an HTML form post.
// Defined in endpoint_screen.cc and endpoint_desk.cc; tested by
// tests/service/desk_test.cc and tests/cli/serve_test.sh.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "candidacy/status.h"
#include "http_message.h"

namespace candidacy::service {

// The --input name ("auto", "json", "fhir", "yaml") for a Content-Type (its
// parameters ignored, letter case too); false for a type not read.
bool FormatForContentType(std::string_view content_type, std::string* format);

// 422 {"error":"questionnaire-invalid","message","diagnostics":[...],"text"}.
HttpResponse DiagnosticsResponse(const std::vector<Diagnostic>& diagnostics);

// The value of `key` in an application/x-www-form-urlencoded body, decoded
// (`+` a space, %XX a byte). False when the key is absent or its value has a
// malformed escape.
bool FormField(std::string_view body, std::string_view key, std::string* value);

}  // namespace candidacy::service
