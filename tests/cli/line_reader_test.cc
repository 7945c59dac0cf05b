// LineBlockReader (cli/line_reader.h): whole lines in blocks, overlong lines
// marked and dropped, the last line without its newline, the block limits,
// the padding after every block.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/questionnaire.h"
#include "line_reader.h"

namespace candidacy::testing {
namespace {

using cli::LineBlock;
using cli::LineBlockReader;

constexpr const char* kOverlong = "<overlong>";

struct Read {
  std::vector<std::vector<std::string>> blocks;  // each block's lines; kOverlong for a marked one
  bool error = false;
};

Read ReadAll(const std::string& input, std::size_t cap, std::size_t max_lines, std::size_t max_bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
  REQUIRE(file != nullptr);
  REQUIRE(std::fwrite(input.data(), 1, input.size(), file.get()) == input.size());
  REQUIRE(std::fflush(file.get()) == 0);
  std::rewind(file.get());
  LineBlockReader reader(file.get(), cap);
  Read out;
  LineBlock block;
  while (reader.Next(max_lines, max_bytes, &block)) {
    REQUIRE(block.lines.size() <= max_lines);
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
      const auto& line = block.lines[i];
      REQUIRE(line.offset + line.size + kReadPaddingBytes <= block.size());  // readable past every line
      lines.push_back(line.overlong ? kOverlong : std::string(block.line(i)));
    }
    out.blocks.push_back(lines);
    REQUIRE(out.blocks.size() <= input.size() + 1);
  }
  CHECK(reader.done());
  out.error = reader.error();
  return out;
}

std::vector<std::string> Flat(const Read& r) {
  std::vector<std::string> all;
  for (const auto& b : r.blocks) all.insert(all.end(), b.begin(), b.end());
  return all;
}

TEST_CASE("line blocks: the lines of an input, overlong ones marked", "[line_reader]") {
  const std::string big(600000, 'x');  // longer than one read (256 KiB)
  struct Row {
    const char* name;
    std::string input;
    std::vector<std::string> lines;
  };
  const std::vector<Row> rows = {
      {"empty input", "", {}},
      {"one line", "a\n", {"a"}},
      {"no final newline", "a", {"a"}},
      {"two lines, the last unterminated", "a\nb", {"a", "b"}},
      {"an empty line", "a\n\nb\n", {"a", "", "b"}},
      {"only a newline", "\n", {""}},
      {"a trailing empty line", "a\n\n", {"a", ""}},
      {"carriage return kept (the batch drops it)", "a\r\n", {"a\r"}},
      {"exactly the cap", "12345678\n", {"12345678"}},
      {"one byte over the cap", "123456789\nab\n", {kOverlong, "ab"}},
      {"over the cap at the end of input", "ab\n123456789", {"ab", kOverlong}},
      {"over the cap across reads", "a\n" + big + "\nb\n", {"a", kOverlong, "b"}},
      {"over the cap across reads, at the end", "a\n" + big, {"a", kOverlong}},
      {"two overlong lines in a row", big + "\n" + big + "\nc", {kOverlong, kOverlong, "c"}},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    for (std::size_t max_lines : {std::size_t{1}, std::size_t{2}, std::size_t{256}}) {
      INFO("max_lines " << max_lines);
      const Read r = ReadAll(row.input, 8, max_lines, 1 << 20);
      CHECK(Flat(r) == row.lines);
      CHECK_FALSE(r.error);
    }
  }
}

TEST_CASE("line blocks: a block ends at its line or byte limit, on a whole line", "[line_reader]") {
  CHECK(ReadAll("a\nb\nc\n", 8, 2, 1 << 20).blocks == std::vector<std::vector<std::string>>{{"a", "b"}, {"c"}});
  CHECK(ReadAll("ab\ncd\nef\n", 8, 256, 3).blocks == std::vector<std::vector<std::string>>{{"ab"}, {"cd"}, {"ef"}});
  CHECK(ReadAll("ab\ncd\nef\n", 8, 256, 4).blocks == std::vector<std::vector<std::string>>{{"ab", "cd"}, {"ef"}});
  std::string many;
  for (int i = 0; i < 100000; ++i) many += std::to_string(i) + "\n";  // several reads' worth
  const Read r = ReadAll(many, 16, 256, 1 << 20);
  const std::vector<std::string> lines = Flat(r);
  REQUIRE(lines.size() == 100000);
  for (int i = 0; i < 100000; i += 9973) CHECK(lines[static_cast<std::size_t>(i)] == std::to_string(i));
  CHECK(lines.back() == "99999");
  for (std::size_t b = 0; b + 1 < r.blocks.size(); ++b) CHECK(r.blocks[b].size() == 256);
}

}  // namespace
}  // namespace candidacy::testing
