// A medication entry as the lexicon's name matcher reads it, with RE2's
// semantics spelled out: typographic apostrophes made plain, word
// boundaries (\b), and the entry read one folded character at a time.
// Tested by tests/engine/lexicon/entry_test.cc and tests/engine/lexicon/lexicon_differential_test.cc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace candidacy::internal {

// [begin, end) byte offsets of one occurrence of a name in an entry.
using TextSpan = std::pair<size_t, size_t>;

// `text` with U+2018 and U+2019 replaced by "'" ("St John’s wort"). Returns
// `text` itself when it has none; otherwise the copy made in *storage.
std::string_view PlainApostrophes(std::string_view text, std::string* storage);

// RE2's \w, which its \b uses: ASCII letters, digits and '_', byte by byte.
// (A table: the name matcher asks it of every byte of every entry.)
struct WordBytes {
  bool is[256] = {};
  constexpr WordBytes() {
    for (int c = 0; c < 256; ++c) is[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
};
inline constexpr WordBytes kWordBytes{};
inline bool IsWordByte(unsigned char c) { return kWordBytes.is[c]; }

// RE2's \s: [\t\n\f\r ] (not \v).
inline bool IsSpaceByte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Whether \b holds before entry[i] (0 <= i <= entry.size()): exactly one of
// the bytes either side is a word byte.
inline bool BoundaryAt(std::string_view entry, size_t i) {
  const bool before = i > 0 && IsWordByte(static_cast<unsigned char>(entry[i - 1]));
  const bool after = i < entry.size() && IsWordByte(static_cast<unsigned char>(entry[i]));
  return before != after;
}

// Reads the character at entry[i] (i < entry.size()) as a plain name's
// pattern, (?i)<name with each space as \s+>, sees it: sets *folded and
// returns how many bytes it takes.
//  - a run of \s is one ' ' (a name's space matches the whole run);
//  - A-Z are a-z; U+212A (Kelvin sign) is k and U+017F (long s) is s, the
//    only characters outside ASCII that RE2's case folding matches to an
//    ASCII letter (they are still not word bytes for \b);
//  - any other byte is itself.
// The folded byte of an ASCII byte that is neither \s nor NUL (A-Z as a-z);
// 0 for every other byte, which ReadFolded reads the long way.
struct FoldBytes {
  unsigned char to[256] = {};
  constexpr FoldBytes() {
    for (int c = 1; c < 0x80; ++c)
      if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r')
        to[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
};
inline constexpr FoldBytes kFoldBytes{};

inline size_t ReadFolded(std::string_view entry, size_t i, unsigned char* folded) {
  const unsigned char c = static_cast<unsigned char>(entry[i]);
  if (const unsigned char f = kFoldBytes.to[c]; f != 0) {
    *folded = f;
    return 1;
  }
  if (c >= 0x80) {
    if (entry.compare(i, 3, "\xE2\x84\xAA") == 0) {  // KELVIN SIGN
      *folded = 'k';
      return 3;
    }
    if (entry.compare(i, 2, "\xC5\xBF") == 0) {  // LATIN SMALL LETTER LONG S
      *folded = 's';
      return 2;
    }
    *folded = c;
    return 1;
  }
  if (!IsSpaceByte(c)) {
    *folded = c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
    return 1;
  }
  size_t end = i + 1;
  while (end < entry.size() && IsSpaceByte(static_cast<unsigned char>(entry[end]))) ++end;
  *folded = ' ';
  return end - i;
}

}  // namespace candidacy::internal
