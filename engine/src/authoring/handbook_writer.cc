// Markdown and HTML writers for the handbook. Test: tests/engine/authoring/handbook_writer_test.cc.
#include "authoring/handbook_writer.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/html_escape.h"

namespace candidacy::internal {
namespace {

std::string OneLine(const std::string& s) {
  std::string out = s;
  for (auto& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

// ---- Markdown ---------------------------------------------------------------

std::string MarkdownCode(const std::string& s) {
  std::string text = OneLine(s);
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string escaped;  // '|' would end a table cell even inside a code span
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  const std::string fence(longest + 1, '`');
  const bool pad = !escaped.empty() && (escaped.front() == '`' || escaped.back() == '`');
  return fence + (pad ? " " : "") + escaped + (pad ? " " : "") + fence;
}

std::string MarkdownText(const Text& text) {
  std::string out;
  for (const auto& part : text) {
    switch (part.kind) {
      case Inline::Kind::kText: out += EscapeMarkdown(part.text); break;
      case Inline::Kind::kCode: out += MarkdownCode(part.text); break;
      case Inline::Kind::kStrong: out += "**" + EscapeMarkdown(part.text) + "**"; break;
      case Inline::Kind::kLink: {
        const std::string href = SafeHref(part.href);
        if (href.empty() || href != part.href) out += EscapeMarkdown(part.text);  // unsafe, or needs escaping: no link
        else if (part.text == part.href) out += "<" + href + ">";
        else out += "[" + EscapeMarkdown(part.text) + "](<" + href + ">)";
        break;
      }
    }
  }
  return out;
}

class MarkdownWriter : public HandbookWriter {
 public:
  explicit MarkdownWriter(const std::string& title) { out_ = "# " + EscapeMarkdown(title) + "\n"; }
  void Heading(int level, const std::string&, const Text& text) override {
    out_ += "\n" + std::string(std::min(std::max(level, 1), 6), '#') + " " + MarkdownText(text) + "\n";
  }
  void Paragraph(const Text& text) override { out_ += "\n" + MarkdownText(text) + "\n"; }
  void List(const std::vector<Text>& items) override {
    out_ += "\n";
    for (const auto& item : items) out_ += "- " + MarkdownText(item) + "\n";
  }
  void Table(const std::string&, const std::vector<std::string>& headers,
             const std::vector<std::vector<Text>>& rows) override {
    out_ += "\n|";
    for (const auto& h : headers) out_ += " " + EscapeMarkdown(h) + " |";
    out_ += "\n|";
    for (size_t i = 0; i < headers.size(); ++i) out_ += "---|";
    out_ += "\n";
    for (const auto& row : rows) {
      out_ += "|";
      for (const auto& cell : row) out_ += " " + MarkdownText(cell) + " |";
      out_ += "\n";
    }
  }
  std::string Finish() override { return out_; }

 private:
  std::string out_;
};

// ---- HTML -------------------------------------------------------------------

constexpr const char* kStyle = R"css(
  body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 11pt; color: #111; max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.35; }
  h1 { font-size: 1.5em; }
  h2 { font-size: 1.25em; border-bottom: 1px solid #999; margin-top: 1.8em; padding-bottom: .15em; }
  h3 { font-size: 1.1em; margin-top: 1.4em; }
  h4 { font-size: 1em; margin: 1.2em 0 .3em; }
  table { border-collapse: collapse; width: 100%; margin: .4em 0; }
  th, td { text-align: left; vertical-align: top; padding: .2em .5em; border-bottom: 1px solid #ddd; }
  th { font-weight: 600; }
  code { font-family: Menlo, Consolas, monospace; font-size: .92em; }
  table.fields td:first-child { width: 11em; color: #444; }
  @media print {
    body { font-size: 9.5pt; margin: 0; max-width: none; }
    a { color: #111; text-decoration: none; }
    h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
    tr, table.fields { page-break-inside: avoid; break-inside: avoid; }
    @page { margin: 1.5cm; }
  }
)css";

std::string HtmlText(const Text& text) {
  std::string out;
  for (const auto& part : text) {
    switch (part.kind) {
      case Inline::Kind::kText: out += EscapeHtml(part.text); break;
      case Inline::Kind::kCode: out += "<code>" + EscapeHtml(part.text) + "</code>"; break;
      case Inline::Kind::kStrong: out += "<strong>" + EscapeHtml(part.text) + "</strong>"; break;
      case Inline::Kind::kLink: {
        const std::string href = SafeHref(part.href);
        out += href.empty() ? EscapeHtml(part.text)
                            : fmt::format("<a class=\"citation-link\" href=\"{}\">{}</a>", href, EscapeHtml(part.text));
        break;
      }
    }
  }
  return out;
}

class HtmlWriter : public HandbookWriter {
 public:
  explicit HtmlWriter(const std::string& title) {
    out_ = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{0}</title>\n<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n",
        EscapeHtml(title), kStyle);
  }
  void Heading(int level, const std::string& anchor, const Text& text) override {
    level = std::min(std::max(level, 1), 6);
    const std::string id = anchor.empty() ? "" : " id=\"" + EscapeHtml(anchor) + "\"";
    out_ += fmt::format("<h{0}{1}>{2}</h{0}>\n", level, id, HtmlText(text));
  }
  void Paragraph(const Text& text) override { out_ += "<p>" + HtmlText(text) + "</p>\n"; }
  void List(const std::vector<Text>& items) override {
    out_ += "<ul>\n";
    for (const auto& item : items) out_ += "<li>" + HtmlText(item) + "</li>\n";
    out_ += "</ul>\n";
  }
  void Table(const std::string& css_class, const std::vector<std::string>& headers,
             const std::vector<std::vector<Text>>& rows) override {
    out_ += css_class.empty() ? "<table>\n" : "<table class=\"" + EscapeHtml(css_class) + "\">\n";
    out_ += "<thead><tr>";
    for (const auto& h : headers) out_ += "<th>" + EscapeHtml(h) + "</th>";
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
      out_ += "<tr>";
      for (const auto& cell : row) out_ += "<td>" + HtmlText(cell) + "</td>";
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }
  std::string Finish() override { return out_ + "</body>\n</html>\n"; }

 private:
  std::string out_;
};

}  // namespace

std::string EscapeMarkdown(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : OneLine(text)) {
    switch (c) {
      case '<': out += "&lt;"; break;  // entities, so no raw '<' can open HTML in a Markdown viewer
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '!':
        out += '\\';
        out += c;
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7F) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else out += c;
    }
  }
  return out;
}

std::unique_ptr<HandbookWriter> NewMarkdownWriter(const std::string& title) {
  return std::make_unique<MarkdownWriter>(title);
}
std::unique_ptr<HandbookWriter> NewHtmlWriter(const std::string& title) { return std::make_unique<HtmlWriter>(title); }

}  // namespace candidacy::internal
