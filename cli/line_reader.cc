// NDJSON input in blocks of whole lines. Tests: tests/cli/line_reader_test.cc,
// tests/cli/batch_test.sh.
#include "line_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "candidacy/questionnaire.h"

namespace candidacy::cli {
namespace {

constexpr std::size_t kReadBytes = 1 << 18;

// Room for `bytes` in the block, in whole multiples of kReadBytes: blocks
// come in few sizes.
void Reserve(LineBlock::Bytes* b, std::size_t bytes) {
  if (b->capacity >= bytes) return;
  const std::size_t capacity = (bytes + kReadBytes - 1) / kReadBytes * kReadBytes;
  std::unique_ptr<char[]> data(new char[capacity]);
  if (b->size > 0) std::memcpy(data.get(), b->data.get(), b->size);
  b->data = std::move(data);
  b->capacity = capacity;
}

// How much to read next: all of kReadBytes, unless the lines taken so far
// (`lines` of them in `bytes`, then `pending` bytes of an unfinished one)
// say that the block is nearly full. What is read past the block's last line
// is copied into the next block, so a read that overshoots by most of
// kReadBytes costs two copies of it.
std::size_t ReadSize(std::size_t lines, std::size_t bytes, std::size_t pending, std::size_t max_lines, std::size_t max_bytes) {
  constexpr std::size_t kLeast = 1 << 14;
  if (lines == 0) return kReadBytes;
  const std::size_t per_line = bytes / lines + 1;
  if (pending >= per_line) return kReadBytes;  // a line longer than the others: no guess
  std::size_t want = (max_lines - lines) * per_line;
  if (max_bytes > bytes) want = std::min(want, max_bytes - bytes + per_line);
  want += want / 8 + kLeast;  // a margin: lines differ in length
  return std::min(want, kReadBytes);
}

}  // namespace

bool LineBlockReader::Fill(LineBlock* block, std::size_t want) {
  if (eof_) return false;
  LineBlock::Bytes& b = block->bytes_;
  Reserve(&b, b.size + kReadBytes + kReadPaddingBytes);  // the padding fits without moving the block
  ssize_t n;
  do n = ::read(fileno(in_), b.data.get() + b.size, want);
  while (n < 0 && errno == EINTR);
  if (n > 0) b.size += static_cast<std::size_t>(n);
  if (n < 0) error_ = true;
  if (n <= 0) eof_ = true;
  return n > 0;
}

void LineBlockReader::Take(LineBlock* block, std::size_t start, std::size_t end) {
  if (skipping_) {  // the end of an overlong line, already marked
    skipping_ = false;
    return;
  }
  if (end - start > cap_) block->lines.push_back({start, 0, true});
  else block->lines.push_back({start, end - start, false});
}

bool LineBlockReader::Next(std::size_t max_lines, std::size_t max_bytes, LineBlock* block) {
  block->lines.clear();
  LineBlock::Bytes& b = block->bytes_;
  b.size = 0;
  Reserve(&b, carry_.size() + kReadBytes + kReadPaddingBytes);
  if (!carry_.empty()) std::memcpy(b.data.get(), carry_.data(), carry_.size());
  b.size = carry_.size();
  carry_.clear();
  std::size_t start = 0;    // where the line being looked for begins
  std::size_t scanned = 0;  // bytes searched for a newline
  for (;;) {
    while (block->lines.size() < max_lines && start < max_bytes) {
      const void* nl = std::memchr(b.data.get() + scanned, '\n', b.size - scanned);
      if (nl == nullptr) {
        scanned = b.size;
        break;
      }
      const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - b.data.get());
      Take(block, start, end);
      start = scanned = end + 1;
    }
    if (block->lines.size() >= max_lines || start >= max_bytes) break;
    // The unfinished line is already too long: marked once, dropped as it comes.
    if (!skipping_ && b.size - start > cap_) {
      block->lines.push_back({start, 0, true});
      skipping_ = true;
    }
    if (skipping_) b.size = scanned = start;
    if (!Fill(block, ReadSize(block->lines.size(), start, b.size - start, max_lines, max_bytes))) {
      if (start < b.size) Take(block, start, b.size);  // the last line, without its newline
      skipping_ = false;
      start = b.size;
      break;
    }
  }
  carry_.assign(b.data.get() + start, b.size - start);
  b.size = start;
  Reserve(&b, b.size + kReadPaddingBytes);
  std::memset(b.data.get() + b.size, 0, kReadPaddingBytes);
  b.size += kReadPaddingBytes;
  return !block->lines.empty();
}

}  // namespace candidacy::cli
