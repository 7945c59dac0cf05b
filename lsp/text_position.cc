// LSP places, engine places, URIs and tokens (text_position.h). Test: tests/lsp/text_position_test.cc.
#include "text_position.h"

#include <cctype>

namespace candidacy::lsp {
namespace {

// The bytes of the UTF-8 sequence led by `c` (1 for a stray continuation byte).
int SequenceBytes(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

}  // namespace

std::string_view LineOf(std::string_view text, int line) {
  size_t start = 0;
  for (int i = 0; i < line; ++i) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

int ByteColumn(std::string_view line, int character) {
  int units = 0;
  size_t i = 0;
  while (i < line.size() && units < character) {
    const int n = SequenceBytes(static_cast<unsigned char>(line[i]));
    units += n == 4 ? 2 : 1;
    i += static_cast<size_t>(n);
  }
  return static_cast<int>(std::min(i, line.size()));
}

int Utf16Column(std::string_view line, int byte_column) {
  int units = 0;
  size_t i = 0;
  const size_t stop = std::min(static_cast<size_t>(std::max(byte_column, 0)), line.size());
  while (i < stop) {
    const int n = SequenceBytes(static_cast<unsigned char>(line[i]));
    units += n == 4 ? 2 : 1;
    i += static_cast<size_t>(n);
  }
  return units;
}

void TokenAt(std::string_view line, int column, int* begin, int* end) {
  const int size = static_cast<int>(line.size());
  int b = std::min(std::max(column, 0), size), e = b;
  if (b < size && (line[b] == '\'' || line[b] == '"')) {
    const size_t close = line.find(line[b], static_cast<size_t>(b) + 1);
    e = close == std::string_view::npos ? size : static_cast<int>(close) + 1;
  } else {
    static constexpr std::string_view kStops = " \t,[]{}#";
    while (e < size && kStops.find(line[e]) == std::string_view::npos) ++e;
    if (e > b && line[e - 1] == ':') --e;  // a key's colon is not the key
  }
  if (e == b) e = std::min(b + 1, std::max(size, b + 1));
  *begin = b;
  *end = e;
}

std::string WordAt(std::string_view line, int column, int* begin) {
  const int size = static_cast<int>(line.size());
  int b = std::min(std::max(column, 0), size), e = b;
  while (b > 0 && IsWordChar(line[b - 1])) --b;
  while (e < size && IsWordChar(line[e])) ++e;
  while (e > b && line[e - 1] == '.') --e;
  *begin = b;
  return std::string(line.substr(b, e - b));
}

nlohmann::json Range(std::string_view line_text, int line, int begin, int end) {
  return {{"start", {{"line", line}, {"character", Utf16Column(line_text, begin)}}},
          {"end", {{"line", line}, {"character", Utf16Column(line_text, end) + (end > static_cast<int>(line_text.size()) ? end - static_cast<int>(line_text.size()) : 0)}}}};
}

nlohmann::json DiagnosticRange(std::string_view text, const SourceLocation& where) {
  if (where.line <= 0) return Range("", 0, 0, 0);
  const int line = where.line - 1;
  const std::string_view l = LineOf(text, line);
  if (where.column <= 0) return Range(l, line, 0, static_cast<int>(l.size()));
  int b = 0, e = 0;
  TokenAt(l, where.column - 1, &b, &e);
  return Range(l, line, b, e);
}

std::string PathOfUri(const std::string& uri) {
  static constexpr std::string_view kScheme = "file://";
  if (uri.compare(0, kScheme.size(), kScheme) != 0) return "";
  std::string path;
  for (size_t i = kScheme.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      path.push_back(static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      path.push_back(uri[i]);
    }
  }
  return path;
}

std::string UriOfPath(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri.push_back(static_cast<char>(c));
    } else {
      uri.push_back('%');
      uri.push_back(kHex[c >> 4]);
      uri.push_back(kHex[c & 15]);
    }
  }
  return uri;
}

}  // namespace candidacy::lsp
