// NDJSON input in blocks of whole lines. Tests: tests/line_reader_test.cc,
// tests/cli/batch_test.sh.
#include "line_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "candidacy/questionnaire.h"

namespace candidacy::cli {
namespace {

constexpr std::size_t kReadBytes = 1 << 18;

// Room for `bytes` in *data, in whole multiples of kReadBytes: blocks come in
// few sizes, so that the memory of one freed block serves the next (a long
// batch does not fragment the heap and grow).
void Reserve(std::string* data, std::size_t bytes) {
  if (data->capacity() >= bytes) return;
  data->reserve((bytes + kReadBytes - 1) / kReadBytes * kReadBytes);
}

}  // namespace

bool LineBlockReader::Fill(std::string* data) {
  if (eof_) return false;
  const std::size_t old = data->size();
  Reserve(data, old + kReadBytes + kReadPaddingBytes);  // the padding fits without moving the block
  data->resize(old + kReadBytes);
  ssize_t n;
  do n = ::read(fileno(in_), data->data() + old, kReadBytes);
  while (n < 0 && errno == EINTR);
  data->resize(old + (n > 0 ? static_cast<std::size_t>(n) : 0));
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
  std::string& d = block->data;
  Reserve(&d, carry_.size() + kReadBytes + kReadPaddingBytes);
  d.assign(carry_);
  carry_.clear();
  std::size_t start = 0;    // where the line being looked for begins
  std::size_t scanned = 0;  // bytes of d searched for a newline
  for (;;) {
    while (block->lines.size() < max_lines && start < max_bytes) {
      const void* nl = std::memchr(d.data() + scanned, '\n', d.size() - scanned);
      if (nl == nullptr) {
        scanned = d.size();
        break;
      }
      const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - d.data());
      Take(block, start, end);
      start = scanned = end + 1;
    }
    if (block->lines.size() >= max_lines || start >= max_bytes) break;
    // The unfinished line is already too long: marked once, dropped as it comes.
    if (!skipping_ && d.size() - start > cap_) {
      block->lines.push_back({start, 0, true});
      skipping_ = true;
    }
    if (skipping_) d.resize(scanned = start);
    if (!Fill(&d)) {
      if (start < d.size()) Take(block, start, d.size());  // the last line, without its newline
      skipping_ = false;
      start = d.size();
      break;
    }
  }
  carry_.assign(d, start, std::string::npos);
  d.resize(start);
  d.append(kReadPaddingBytes, '\0');
  return !block->lines.empty();
}

}  // namespace candidacy::cli
