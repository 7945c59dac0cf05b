// NDJSON input read in blocks of whole lines: each block is one buffer
// holding complete lines (found with memchr), then kReadPaddingBytes readable
// bytes after the last, so that the JSON reader parses every line where it
// lies, without a copy. A line longer than `cap` bytes is kept as a mark only
// (its bytes are dropped as they arrive, never held); the last line counts
// even without a final newline. Reads with read(2), 256 KiB at a time, or
// less when the block is nearly full (what is read past it is copied twice).
// Tested by tests/cli/line_reader_test.cc and tests/cli/batch_test.sh.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace candidacy::cli {

struct LineBlock {
  struct Line {
    std::size_t offset = 0;  // in data
    std::size_t size = 0;    // without the newline; 0 for an overlong line
    bool overlong = false;   // longer than the reader's cap: its bytes were dropped
  };
  std::vector<Line> lines;

  std::string_view line(std::size_t i) const { return {bytes_.data.get() + lines[i].offset, lines[i].size}; }
  std::size_t size() const { return bytes_.size; }  // bytes held: the lines, then the padding

  // Raw memory, not a std::string: what a read fills is never zeroed first.
  struct Bytes {
    std::unique_ptr<char[]> data;
    std::size_t size = 0, capacity = 0;
  };

 private:
  friend class LineBlockReader;
  Bytes bytes_;
};

class LineBlockReader {
 public:
  LineBlockReader(std::FILE* in, std::size_t cap) : in_(in), cap_(cap) {}

  // Replaces *block with the next lines: at most `max_lines`, and no more
  // once `max_bytes` are held (whole lines: a block may end past it). False
  // when no line was left (the end of input, or a read error: see error()).
  bool Next(std::size_t max_lines, std::size_t max_bytes, LineBlock* block);

  // No line is left to read: the input ended (or failed) and all was handed out.
  bool done() const { return eof_ && carry_.empty(); }
  bool error() const { return error_; }

 private:
  bool Fill(LineBlock* block, std::size_t want);  // appends what one read of at most `want` bytes gives; false at the end or on an error
  void Take(LineBlock* block, std::size_t start, std::size_t end);

  std::FILE* in_;
  std::size_t cap_;
  std::string carry_;     // bytes read past the last line handed out
  bool skipping_ = false;  // dropping the rest of an overlong line
  bool eof_ = false, error_ = false;
};

}  // namespace candidacy::cli
