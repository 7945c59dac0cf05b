// Source text and capped file reading. Test: tests/engine/base/source_text_test.cc.
#include "base/source_text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

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
  struct stat st;
  if (stat(path.c_str(), &st) != 0)
    return Status::Error(StatusCode::kIoError, path + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Status::Error(StatusCode::kIoError, path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(StatusCode::kIoError, path + ": cannot open: " + std::strerror(errno));
  out->clear();
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    out->append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out->size() > max_bytes)
      return Status::Error(StatusCode::kIoError, path + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
  }
  if (in.bad()) return Status::Error(StatusCode::kIoError, path + ": read error");
  return Status::Ok();
}

}  // namespace candidacy::internal
