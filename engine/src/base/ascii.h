// ASCII case folding, the one the engine uses wherever names are compared
// without case (question values, drug names, common words): 'A'-'Z' become
// 'a'-'z' and every other byte stays as it is (UTF-8 is left alone), whatever
// the process locale. Tested by tests/engine/lexicon/lexicon_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace candidacy::internal {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace candidacy::internal
