// Quoted YAML scalars closed before the end of the text. Test:
// tests/engine/base/yaml_quotes_test.cc.
#include "base/yaml_quotes.h"

namespace candidacy::internal {

bool QuotedScalarClosed(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  const char quote = text[pos];
  if (quote != '"' && quote != '\'') return true;
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote == '"' && c == '\\') {
      ++i;  // the escaped byte, whatever it is
    } else if (c == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is one quote inside a single-quoted scalar
        continue;
      }
      return true;
    }
  }
  return false;
}

}  // namespace candidacy::internal
