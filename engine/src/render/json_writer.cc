// The streaming JSON writer (json_writer.h). Bytes equal nlohmann::json's
// dump(); the rare doubles and invalid UTF-8 strings are handed to nlohmann
// itself, so no number formatting or replacement rule is copied here.
// Test: tests/engine/render/json_writer_test.cc.
#include "render/json_writer.h"

#include <cassert>
#include <cstring>

#include <nlohmann/json.hpp>

namespace candidacy::render {
namespace {

// The length of the valid UTF-8 sequence at s[i] (a lead byte >= 0x80), or
// 0 when it is not one: RFC 3629, as nlohmann's decoder accepts (no overlong
// forms, no surrogates, nothing past U+10FFFF).
size_t Utf8Length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const size_t left = s.size() - i;
  const unsigned char c = b(i);
  const auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;   // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;   // past U+10FFFF
    return 4;
  }
  return 0;
}

// Whether none of the 8 bytes of `v` needs a look: none below 0x20, none a
// quote or backslash, none at or above 0x80 (the SWAR tests of "Bit Twiddling
// Hacks": a byte less than n, a byte equal to zero after an xor).
bool PlainWord(std::uint64_t v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const std::uint64_t below_space = (v - kOnes * 0x20) & ~v;
  const std::uint64_t q = v ^ (kOnes * '"'), quote = (q - kOnes) & ~q;
  const std::uint64_t b = v ^ (kOnes * '\\'), backslash = (b - kOnes) & ~b;
  return ((below_space | quote | backslash | v) & kHighs) == 0;
}

// The index of the first byte at or after `i` that needs a look, or s.size().
size_t NextSpecial(std::string_view s, size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    if (!PlainWord(v)) break;
  }
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return i;
  }
  return i;
}

// The rest of a JSON string written at p (room for JsonStringBound(s)),
// from s[i], the first byte to escape or check, back to the opening quote:
// out of line, so that the usual case (nothing to escape) stays small.
[[gnu::noinline]] char* WriteJsonStringFrom(char* p, std::string_view s, size_t i) {
  char* const start = p;
  *p++ = '"';
  size_t run = 0;  // the start of the bytes copied as they are
  const auto copy = [&](size_t from, size_t to) {
    std::memcpy(p, s.data() + from, to - from);
    p += to - from;
  };
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = Utf8Length(s, i);
      if (n == 0) {  // invalid UTF-8: nlohmann's own replacement, for the whole string
        const std::string replaced = nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        assert(replaced.size() <= JsonStringBound(s));  // (U+FFFD, three bytes, for an invalid byte; \u00XX, six, at most)
        std::memcpy(start, replaced.data(), replaced.size());
        return start + replaced.size();
      }
      i = NextSpecial(s, i + n);
      continue;
    }
    copy(run, i);
    const auto put = [&](const char* escape, size_t n) {
      std::memcpy(p, escape, n);
      p += n;
    };
    switch (c) {
      case '"': put("\\\"", 2); break;
      case '\\': put("\\\\", 2); break;
      case '\b': put("\\b", 2); break;
      case '\f': put("\\f", 2); break;
      case '\n': put("\\n", 2); break;
      case '\r': put("\\r", 2); break;
      case '\t': put("\\t", 2); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        put(escape, 6);
      }
    }
    run = i + 1;
    i = NextSpecial(s, run);
  }
  copy(run, s.size());
  *p++ = '"';
  return p;
}

}  // namespace

char* WriteJsonString(char* p, std::string_view s) {
  const size_t i = NextSpecial(s, 0);
  if (i != s.size()) return WriteJsonStringFrom(p, s, i);
  // The usual case: nothing to escape or check.
  *p++ = '"';
  std::memcpy(p, s.data(), s.size());
  p += s.size();
  *p++ = '"';
  return p;
}

void AppendJsonString(std::string* out, std::string_view s) {
  const size_t i = NextSpecial(s, 0);
  if (i != s.size()) {  // written in room for the longest, then cut to what it took
    const size_t start = out->size();
    out->resize(start + JsonStringBound(s));
    char* const end = WriteJsonStringFrom(out->data() + start, s, i);
    out->resize(static_cast<size_t>(end - out->data()));
    return;
  }
  // The usual case: nothing to escape or check.
  out->push_back('"');
  out->append(s.data(), s.size());
  out->push_back('"');
}

void JsonWriter::NewLine() {
  out_.push_back('\n');
  out_.append(2 * static_cast<size_t>(depth_), ' ');
}

void JsonWriter::Value() {
  if (after_key_) {  // an object member's value follows its key
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;  // the top-level value
  if (HasItem()) out_.push_back(',');
  MarkItem();
  if (pretty_) NewLine();
}

void JsonWriter::Key(std::string_view key) {
  const bool comma = HasItem();
  MarkItem();
  if (!pretty_ && key.size() <= 48 && NextSpecial(key, 0) == key.size()) {
    // The usual key, a short plain word: its separator, quotes and colon in one append.
    char piece[64];
    size_t n = 0;
    if (comma) piece[n++] = ',';
    piece[n++] = '"';
    std::memcpy(piece + n, key.data(), key.size());
    n += key.size();
    piece[n++] = '"';
    piece[n++] = ':';
    out_.append(piece, n);
  } else {
    if (comma) out_.push_back(',');
    if (pretty_) NewLine();
    AppendJsonString(&out_, key);
    out_ += pretty_ ? ": " : ":";
  }
  after_key_ = true;
}

void JsonWriter::Open(char bracket) {
  Value();
  out_.push_back(bracket);
  assert(depth_ < kMaxDepth && "JsonWriter: containers nested past kMaxDepth");
  ++depth_;
  has_item_ &= ~(std::uint64_t{1} << depth_);
}

void JsonWriter::Close(char bracket) {
  const bool had_items = HasItem();
  --depth_;
  if (pretty_ && had_items) NewLine();  // an empty container stays "[]" or "{}"
  out_.push_back(bracket);
}

void JsonWriter::Int(long long n) {
  Value();
  char buffer[24];
  char* end = buffer + sizeof buffer;
  char* p = end;
  unsigned long long u = n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (n < 0) *--p = '-';
  out_.append(p, static_cast<size_t>(end - p));
}

void JsonWriter::Double(double d) {
  Value();
  out_ += nlohmann::json(d).dump();
}

void JsonWriter::StringArray(const std::vector<std::string>& list) {
  BeginArray();
  for (const auto& s : list) String(s);
  EndArray();
}

}  // namespace candidacy::render
