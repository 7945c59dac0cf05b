// A guard against a yaml-cpp 0.7 leniency: a quoted scalar left open at the
// end of a file that ends with a line break is read as if it were closed
// ("Sertraline 150 mg da" from a file cut off mid-word), so a truncated file
// would be screened as complete. Both YAML readers (questionnaires and rule
// files) check every quoted scalar yaml-cpp reports against the text.
// Tested by tests/engine/base/yaml_quotes_test.cc.
#pragma once

#include <cstddef>
#include <string_view>

namespace candidacy::internal {

// Whether the quoted scalar opening at text[pos] ('"' or '\'') closes before
// the end of `text`: a '"' scalar at an unescaped '"' (a backslash escapes the
// next byte), a '\'' scalar at a '\'' not doubled. True when text[pos] is no
// quote at all (not a quoted scalar: nothing to check).
bool QuotedScalarClosed(std::string_view text, std::size_t pos);

}  // namespace candidacy::internal
