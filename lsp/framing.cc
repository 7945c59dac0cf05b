// LSP base-protocol framing (framing.h). Test: tests/lsp/framing_test.cc.
#include "framing.h"

#include <cctype>
#include <limits>

namespace candidacy::lsp {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

// One header line without its line end; false at the end of the input.
// A line past the limit is read to its end and marked too long.
bool ReadLine(std::istream& in, std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  for (int c; (c = in.get()) != std::char_traits<char>::eof();) {
    if (c == '\n') {
      if (!line->empty() && line->back() == '\r') line->pop_back();
      return true;
    }
    if (line->size() < kMaxHeaderLineBytes)
      line->push_back(static_cast<char>(c));
    else
      *too_long = true;
  }
  return false;  // the input ended (inside a header, or before one)
}

}  // namespace

Frame ReadFrame(std::istream& in, std::size_t max_body_bytes) {
  Frame frame;
  std::string line, error;
  bool have_length = false, too_long = false;
  unsigned long long length = 0;
  int lines = 0;
  for (;;) {
    if (!ReadLine(in, &line, &too_long)) {  // kEnd
      if (lines > 0 || !line.empty()) frame.error = "the input ended inside a message's header";
      return frame;
    }
    if (line.empty() && !too_long) {
      if (lines == 0) continue;  // blank lines between messages
      break;
    }
    if (++lines > kMaxHeaderLines && error.empty()) error = "more than " + std::to_string(kMaxHeaderLines) + " header lines";
    if (too_long) {
      if (error.empty()) error = "a header line longer than " + std::to_string(kMaxHeaderLineBytes) + " bytes";
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) {
      if (error.empty()) error = "a header line without a colon: " + line.substr(0, 80);
      continue;
    }
    if (Lower(Trim(line.substr(0, colon))) != "content-length") continue;  // Content-Type and others
    const std::string value = Trim(line.substr(colon + 1));
    if (have_length) {
      if (error.empty()) error = "Content-Length given twice";
      continue;
    }
    bool digits = !value.empty() && value.size() <= 19;
    for (char c : value) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits) {
      if (value.size() > 19 && value.find_first_not_of("0123456789") == std::string::npos) {
        have_length = true;  // a number too large to hold: too large, skipped as far as the input goes
        length = std::numeric_limits<unsigned long long>::max();
        continue;
      }
      if (error.empty()) error = "Content-Length is not a number: " + value.substr(0, 40);
      continue;
    }
    length = std::stoull(value);
    have_length = true;
  }
  if (error.empty() && !have_length) error = "no Content-Length header";
  if (!error.empty()) {
    frame.status = FrameStatus::kBadHeader;
    frame.error = error;
    return frame;
  }
  if (length > max_body_bytes) {
    // Skip the body without holding it.
    unsigned long long left = length;
    while (left > 0 && in) {
      const auto step = static_cast<std::streamsize>(std::min<unsigned long long>(left, 1u << 20));
      in.ignore(step);
      left -= static_cast<unsigned long long>(in.gcount());
      if (in.gcount() < step) break;
    }
    if (left > 0) {  // the input ended inside it
      frame.error = "the input ended after " + std::to_string(length - left) + " of the " + std::to_string(length) +
                    " bytes of a message above the limit";
      return frame;
    }
    frame.status = FrameStatus::kTooLarge;
    frame.error = "Content-Length " + std::to_string(length) + " is above the limit of " + std::to_string(max_body_bytes) + " bytes";
    return frame;
  }
  frame.body.resize(static_cast<size_t>(length));
  in.read(frame.body.data(), static_cast<std::streamsize>(length));
  if (static_cast<unsigned long long>(in.gcount()) != length) {  // ended inside the body
    const auto got = static_cast<unsigned long long>(in.gcount());
    frame.body.clear();
    frame.error = "the input ended after " + std::to_string(got) + " of the " + std::to_string(length) + " bytes of a message";
    return frame;
  }
  frame.status = FrameStatus::kMessage;
  return frame;
}

std::string EncodeFrame(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace candidacy::lsp
