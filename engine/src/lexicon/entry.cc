// Reading a medication entry for the name matcher. Tests: tests/engine/lexicon/entry_test.cc,
// tests/engine/lexicon/lexicon_differential_test.cc (against RE2 itself).
#include "lexicon/entry.h"

namespace candidacy::internal {

std::string_view PlainApostrophes(std::string_view text, std::string* storage) {
  if (text.find("\xE2\x80") == std::string_view::npos) return text;
  *storage = std::string(text);
  for (const char* curly : {"\xE2\x80\x98", "\xE2\x80\x99"})
    for (size_t pos; (pos = storage->find(curly)) != std::string::npos;) storage->replace(pos, 3, "'");
  return *storage;
}

}  // namespace candidacy::internal
