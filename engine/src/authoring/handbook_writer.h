// The handbook's two output forms behind one small interface: headings,
// paragraphs, lists and tables of inline text (plain, code, strong, links),
// written as GitHub-flavoured Markdown or as a self-contained HTML5 page.
// Each writer escapes everything it is given. Tested by tests/engine/authoring/handbook_writer_test.cc.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace candidacy::internal {

struct Inline {
  enum class Kind { kText, kCode, kStrong, kLink };
  Kind kind = Kind::kText;
  std::string text;
  std::string href;  // kLink: an http(s) URL; written as plain text when it is not a safe one
};
using Text = std::vector<Inline>;

inline Inline Plain(std::string s) { return {Inline::Kind::kText, std::move(s), {}}; }
inline Inline Code(std::string s) { return {Inline::Kind::kCode, std::move(s), {}}; }
inline Inline Strong(std::string s) { return {Inline::Kind::kStrong, std::move(s), {}}; }
inline Inline Link(std::string s, std::string href) { return {Inline::Kind::kLink, std::move(s), std::move(href)}; }

class HandbookWriter {
 public:
  virtual ~HandbookWriter() = default;
  // level 1..4; `anchor` (letters, digits, '-', '_', '.') names it for links within the page; may be empty.
  virtual void Heading(int level, const std::string& anchor, const Text& text) = 0;
  virtual void Paragraph(const Text& text) = 0;
  virtual void List(const std::vector<Text>& items) = 0;
  // `css_class` styles the HTML table; rows have one cell per header.
  virtual void Table(const std::string& css_class, const std::vector<std::string>& headers,
                     const std::vector<std::vector<Text>>& rows) = 0;
  // The whole document, once every part has been written.
  virtual std::string Finish() = 0;
};

std::unique_ptr<HandbookWriter> NewMarkdownWriter(const std::string& title);
std::unique_ptr<HandbookWriter> NewHtmlWriter(const std::string& title);

// Markdown-escaped text: < > & become entities; other characters Markdown
// would read as syntax (\ ` * _ [ ] | # !) are backslash-escaped; line
// breaks become spaces; control characters print as "\xNN".
std::string EscapeMarkdown(const std::string& text);

}  // namespace candidacy::internal
