// Markdown escaping and code-point truncation. Test: tests/engine/base/markdown_text_test.cc.
#include "base/markdown_text.h"

#include <cctype>
#include <cstring>

namespace candidacy::internal {
namespace {

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }
bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string EscapeMarkdown(std::string_view text) {
  static const char kSpecial[] = "\\`*_[]<>|~&#!{}";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  // A list marker or an ordered-list number at the start would open a block.
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsControl(c)) {
      out += ' ';
      continue;
    }
    // Markers open a list only when a space (or the end) follows them.
    const bool spaced = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\t';
    const bool marker = i == 0 && (c == '-' || c == '+') && spaced;
    const bool ordered = digits > 0 && i == digits && (c == '.' || c == ')') && spaced;
    if (marker || ordered || (c != 0 && std::strchr(kSpecial, c) != nullptr)) out += '\\';
    out += static_cast<char>(c);
  }
  return out;
}

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (char ch : text) n += !IsContinuation(static_cast<unsigned char>(ch));
  return n;
}

std::string ShortLine(std::string_view text, size_t max_code_points) {
  std::string clean;
  clean.reserve(text.size());
  for (char ch : text) clean += IsControl(static_cast<unsigned char>(ch)) ? ' ' : ch;
  if (CodePoints(clean) <= max_code_points) return clean;
  // Keep max-1 code points: stop at the lead byte of the next one.
  size_t kept = 0, end = 0;
  for (; end < clean.size(); ++end) {
    if (IsContinuation(static_cast<unsigned char>(clean[end]))) continue;
    if (kept == max_code_points - 1) break;
    ++kept;
  }
  clean.resize(end);
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();  // no "word …"
  return clean + "\xE2\x80\xA6";
}

}  // namespace candidacy::internal
