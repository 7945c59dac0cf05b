// HTML escaping for every string the HTML report and the handbook
// interpolate: questionnaire text (ids, medication entries, messages quoting
// them) and rulebook text alike. Tested by tests/engine/base/html_escape_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace candidacy::internal {

// Text safe inside an element or a double- or single-quoted attribute value:
// & < > " ' become character references; control characters (C0 except tab
// and newline, and DEL), which HTML forbids, become visible "\xNN" text, as
// in the text report.
std::string EscapeHtml(std::string_view text);

// `url` when it is an absolute http:// or https:// address made of URL
// characters only (so it cannot be javascript: or break out of the
// attribute), escaped for an href; otherwise "".
std::string SafeHref(std::string_view url);

}  // namespace candidacy::internal
