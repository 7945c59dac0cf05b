// Buffered NDJSON line reading. Test: tests/cli/batch_test.sh.
#include "line_reader.h"

#include <cstring>

namespace candidacy::cli {

bool LineReader::Fill() {
  if (eof_) return false;
  begin_ = 0;
  end_ = std::fread(buffer_.data(), 1, buffer_.size(), in_);
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

bool LineReader::Next(std::string* line, bool* overlong) {
  line->clear();
  *overlong = false;
  bool any = false;
  for (;;) {
    if (begin_ == end_ && !Fill()) return any;
    any = true;
    const char* start = buffer_.data() + begin_;
    const std::size_t avail = end_ - begin_;
    const void* nl = std::memchr(start, '\n', avail);
    const std::size_t take = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : avail;
    const std::size_t room = line->size() < cap_ ? cap_ - line->size() : 0;
    line->append(start, take < room ? take : room);
    if (take > room) *overlong = true;
    begin_ += take;
    if (nl != nullptr) {
      ++begin_;  // the newline
      return true;
    }
  }
}

}  // namespace candidacy::cli
