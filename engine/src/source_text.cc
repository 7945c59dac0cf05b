// Source text and capped file reading. Test: tests/diagnostic_test.cc.
#include "source_text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace candidacy::internal {

SourceText::SourceText(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::string SourceText::Line(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return "";
  const std::size_t start = line_starts_[line - 1];
  std::size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return text_.substr(start, end - start);
}

std::size_t SourceText::OffsetOf(int line0, int column0) const {
  if (line0 < 0) return 0;
  if (static_cast<std::size_t>(line0) >= line_starts_.size()) return text_.size();
  const std::size_t offset = line_starts_[line0] + static_cast<std::size_t>(column0 < 0 ? 0 : column0);
  return offset > text_.size() ? text_.size() : offset;
}

void SourceText::LineColumnOf(std::size_t offset, int* line1, int* column1) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // >= 1
  *line1 = static_cast<int>(line);
  *column1 = static_cast<int>(offset - line_starts_[line - 1]) + 1;
}

Status ReadFileCapped(const std::string& path, std::size_t max_bytes, std::string* out) {
  // POSIX calls, not a stream: a rule file is read in one or two read(2)s
  // straight into the string, without a stream's buffer and locale set-up.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    struct stat st;
    if (error == ENOENT || stat(path.c_str(), &st) != 0) return Status::Error(StatusCode::kIoError, path + ": " + std::strerror(error));
    return Status::Error(StatusCode::kIoError, path + ": cannot open: " + std::strerror(error));
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0) return Status::Error(StatusCode::kIoError, path + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Status::Error(StatusCode::kIoError, path + ": is a directory");
  out->clear();
  // The size stat gives, if any (a pipe or a device gives none), and one byte
  // more to see the end; then as much again each time it fills up.
  std::size_t want = S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) + 1 : std::size_t{1} << 16;
  for (;;) {
    want = std::min(want, max_bytes + 1 - out->size());
    const std::size_t have = out->size();
    out->resize(have + want);
    const ssize_t n = ::read(fd, out->data() + have, want);
    if (n < 0 && errno == EINTR) {
      out->resize(have);
      continue;
    }
    if (n < 0) {
      out->resize(have);
      return Status::Error(StatusCode::kIoError, path + ": read error: " + std::strerror(errno));
    }
    out->resize(have + static_cast<std::size_t>(n));
    if (out->size() > max_bytes)
      return Status::Error(StatusCode::kIoError, path + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
    if (n == 0) return Status::Ok();
    want = std::max<std::size_t>(out->size(), std::size_t{1} << 16);
  }
}

}  // namespace candidacy::internal
