// LSP framing (lsp/framing.cc): well-formed frames, then a table of bad
// inputs, each with the status it must give and that the next frame still reads.
#include "framing.h"

#include <sstream>

#include <catch2/catch.hpp>

using namespace candidacy::lsp;

TEST_CASE("frames are read as the spec writes them") {
  const std::string body = R"({"jsonrpc":"2.0","method":"initialized","params":{}})";
  std::istringstream in(EncodeFrame(body) + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}" +
                        "Content-Length:3\n\n[1]");
  Frame a = ReadFrame(in);
  CHECK(a.status == FrameStatus::kMessage);
  CHECK(a.body == body);
  Frame b = ReadFrame(in);
  CHECK(b.status == FrameStatus::kMessage);
  CHECK(b.body == "{}");
  Frame c = ReadFrame(in);  // bare \n line ends, no space after the colon
  CHECK(c.status == FrameStatus::kMessage);
  CHECK(c.body == "[1]");
  CHECK(ReadFrame(in).status == FrameStatus::kEnd);
  CHECK(EncodeFrame("{}") == "Content-Length: 2\r\n\r\n{}");
}

TEST_CASE("bad frames are reported and the next frame still reads") {
  struct Row {
    const char* what;
    std::string input;
    FrameStatus status;
    const char* error;  // a part of Frame::error
  };
  const Row rows[] = {
      {"no Content-Length", "Content-Type: x\r\n\r\n", FrameStatus::kBadHeader, "no Content-Length"},
      {"a length that is not a number", "Content-Length: ten\r\n\r\n", FrameStatus::kBadHeader, "not a number"},
      {"a negative length", "Content-Length: -5\r\n\r\n", FrameStatus::kBadHeader, "not a number"},
      {"Content-Length twice", "Content-Length: 2\r\nContent-Length: 2\r\n\r\n", FrameStatus::kBadHeader, "twice"},
      {"a header without a colon", "Content-Length 2\r\n\r\n", FrameStatus::kBadHeader, "without a colon"},
      {"a header line past the limit", "X: " + std::string(kMaxHeaderLineBytes, 'a') + "\r\nContent-Length: 0\r\n\r\n",
       FrameStatus::kBadHeader, "longer than"},
      {"too many header lines", [] { std::string s; for (int i = 0; i <= kMaxHeaderLines; ++i) s += "X: y\r\n"; return s + "Content-Length: 0\r\n\r\n"; }(),
       FrameStatus::kBadHeader, "header lines"},
      {"a length above the limit, body skipped", "Content-Length: 100\r\n\r\n" + std::string(100, 'x'), FrameStatus::kTooLarge, "above the limit"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.what);
    std::istringstream in(r.input + EncodeFrame("{\"ok\":1}"));
    Frame f = ReadFrame(in, 64);
    CHECK(f.status == r.status);
    CHECK(f.error.find(r.error) != std::string::npos);
    Frame next = ReadFrame(in, 64);
    CHECK(next.status == FrameStatus::kMessage);
    CHECK(next.body == "{\"ok\":1}");
  }
}

TEST_CASE("input that ends inside a frame, or a huge length, ends the reading and says where") {
  struct Case {
    const char* input;
    const char* error;
  };
  const Case cases[] = {
      {"", ""},
      {"\r\n\r\n", ""},
      {"Content-Length: 10\r\n", "the input ended inside a message's header"},
      {"Content-Length: 10\r\n\r\nabc", "the input ended after 3 of the 10 bytes of a message"},
      {"Content-Length: 99999999999999999999999999\r\n\r\nabc",  // more than any integer: skipped to the end
       "the input ended after 3 of the 18446744073709551615 bytes of a message above the limit"},
      {"Content-Length: 18446744073709551615\r\n\r\n{}",
       "the input ended after 2 of the 18446744073709551615 bytes of a message above the limit"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    std::istringstream in(c.input);
    const Frame frame = ReadFrame(in);
    CHECK(frame.status == FrameStatus::kEnd);
    CHECK(frame.error == c.error);
    CHECK(frame.body.empty());
  }
}
