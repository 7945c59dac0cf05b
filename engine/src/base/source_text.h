// A text file held in memory, split into lines, so diagnostics can quote the
// offending line. Reading is capped in size. Tested by tests/engine/base/source_text_test.cc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "candidacy/status.h"

namespace candidacy::internal {

class SourceText {
 public:
  SourceText(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The 1-based line without its newline; empty when out of range.
  std::string Line(int line) const;
  // Byte offset of a 0-based line and column (clamped to the text).
  std::size_t OffsetOf(int line0, int column0) const;
  // 1-based line and column of a byte offset.
  void LineColumnOf(std::size_t offset, int* line1, int* column1) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

// Reads a whole file, refusing one larger than `max_bytes`.
Status ReadFileCapped(const std::string& path, std::size_t max_bytes, std::string* out);

}  // namespace candidacy::internal
