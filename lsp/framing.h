// LSP base-protocol framing (LSP 3.17, "Base Protocol"): a header block of
// `Name: value` lines ending in an empty line, with Content-Length the body's
// bytes, then the body. Bad headers and over-long bodies are reported as
// values so the server answers with a JSON-RPC error and reads on.
// Test: tests/lsp/framing_test.cc.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace candidacy::lsp {

// The largest body read (a rule file is at most 4 MiB; its JSON escaping and
// the message around it fit well within this). A longer one is skipped.
constexpr std::size_t kMaxBodyBytes = 32u << 20;
// A header line longer than this, or more header lines, is a bad header.
constexpr std::size_t kMaxHeaderLineBytes = 8192;
constexpr int kMaxHeaderLines = 32;

enum class FrameStatus {
  kMessage,    // `body` holds one message
  kEnd,        // the input ended (cleanly, or inside a message)
  kBadHeader,  // no usable Content-Length (missing, not a number, twice); `error` says which
  kTooLarge,   // Content-Length above the limit; the body was skipped
};

struct Frame {
  FrameStatus status = FrameStatus::kEnd;
  std::string body;
  std::string error;  // for kBadHeader and kTooLarge; for kEnd, why, when the input ended inside a message
};

// Reads the next frame. Lines may end in \r\n (the spec's) or a bare \n.
// After kBadHeader or kTooLarge the stream is at the next frame's header.
Frame ReadFrame(std::istream& in, std::size_t max_body_bytes = kMaxBodyBytes);

// "Content-Length: N\r\n\r\n" + body.
std::string EncodeFrame(const std::string& body);

}  // namespace candidacy::lsp
