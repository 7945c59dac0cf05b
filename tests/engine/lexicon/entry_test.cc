// Reading a medication entry (lexicon/entry.h): case folding and word
// boundaries one character at a time, as RE2's (?i) and \b read them.
#include <string>

#include <catch2/catch.hpp>

#include "lexicon/entry.h"

namespace candidacy::testing {
namespace {

// What RE2's (?i) and \b see at one byte of an entry (the name matcher's
// reading; tests/engine/lexicon/lexicon_differential_test.cc compares whole matches).
TEST_CASE("lexicon: an entry is read one character at a time as RE2 reads it", "[lexicon]") {
  struct Row {
    std::string entry;
    size_t at;
    unsigned char folded;
    size_t width;
    bool boundary;  // \b before entry[at]
  };
  const Row row = GENERATE(values<Row>({
      {"Xanax", 0, 'x', 1, true},
      {"Xanax", 1, 'a', 1, false},
      {"a \t\n\f\r b", 1, ' ', 6, true},          // a run of \s is one space
      {"a\v b", 1, '\v', 1, true},                 // \v is not \s
      {"\xE2\x84\xAAlonopin", 0, 'k', 3, false},   // the Kelvin sign folds to k, but is no word byte
      {"x\xE2\x84\xAAlonopin", 1, 'k', 3, true},
      {"\xC5\xBFudafed", 0, 's', 2, false},        // so does the long s
      {"\xC3\xA9t\xC3\xA9", 0, 0xC3, 1, false},    // other UTF-8: byte by byte, no word bytes
      {"\xE2\x84", 0, 0xE2, 1, false},
      {"#3", 0, '#', 1, false},
      {"#3", 1, '3', 1, true},
      {"_x", 0, '_', 1, true},
      {"x-", 1, '-', 1, true},
  }));
  INFO("entry '" << row.entry << "' at " << row.at);
  unsigned char folded = 0;
  CHECK(internal::ReadFolded(row.entry, row.at, &folded) == row.width);
  CHECK(folded == row.folded);
  CHECK(internal::BoundaryAt(row.entry, row.at) == row.boundary);
}

// The tables behind IsWordByte and ReadFolded's quick path, against the
// definitions spelt out, for every byte alone and before a space.
TEST_CASE("lexicon: the word-byte and folding tables agree with RE2's classes for every byte", "[lexicon]") {
  for (int b = 0; b < 256; ++b) {
    const unsigned char c = static_cast<unsigned char>(b);
    INFO("byte " << b);
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    CHECK(internal::IsWordByte(c) == word);
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    const std::string alone(1, static_cast<char>(c));
    unsigned char folded = 1;
    CHECK(internal::ReadFolded(alone, 0, &folded) == 1);
    CHECK(folded == (space ? ' ' : c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    const std::string before_space = alone + "  x";
    CHECK(internal::ReadFolded(before_space, 0, &folded) == (space ? 3u : 1u));
  }
}

}  // namespace
}  // namespace candidacy::testing
