// JSON -> DocNode through nlohmann's SAX interface, so limits (depth, nodes)
// and duplicate keys are enforced while parsing, before anything is built.
// Test: tests/engine/input/document_json_test.cc.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "base/diagnostic_messages.h"
#include "candidacy/limits.h"
#include "input/document.h"

namespace candidacy::internal {
namespace {

// An input iterator over the text that records how far the parser has read,
// so each SAX callback knows where its token ended (nlohmann's SAX interface
// gives no positions of its own).
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, const char** furthest) : p_(p), furthest_(furthest) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    if (p_ > *furthest_) *furthest_ = p_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const CountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char** furthest_;
};

// 1-based line and column of a byte offset.
void LineColumn(std::string_view text, size_t offset, int* line, int* column) {
  *line = 1;
  size_t start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++*line, start = i + 1;
  *column = static_cast<int>(offset - start) + 1;
}

class Builder : public nlohmann::json_sax<nlohmann::json> {
 public:
  Builder(std::string_view text, const std::string& file, DocNode* root, std::vector<Diagnostic>* diagnostics,
          const char* const* furthest)
      : text_(text), file_(file), root_(root), diags_(diagnostics), furthest_(furthest) {}

  bool null() override { return Add(DocNode{}); }
  bool boolean(bool v) override {
    DocNode n;
    n.kind = DocNode::Kind::kBool;
    n.boolean = v;
    return Add(std::move(n));
  }
  bool number_integer(number_integer_t v) override {
    DocNode n;
    n.kind = DocNode::Kind::kInt;
    n.integer = v;
    return Add(std::move(n));
  }
  bool number_unsigned(number_unsigned_t v) override {
    DocNode n;
    if (v > static_cast<number_unsigned_t>(INT64_MAX)) {
      n.kind = DocNode::Kind::kFloat;
      n.real = static_cast<double>(v);
    } else {
      n.kind = DocNode::Kind::kInt;
      n.integer = static_cast<std::int64_t>(v);
    }
    return Add(std::move(n));
  }
  bool number_float(number_float_t v, const string_t&) override {
    DocNode n;
    n.kind = DocNode::Kind::kFloat;
    n.real = v;  // JSON has no NaN; an overflowing literal arrives as inf and is rejected later
    return Add(std::move(n));
  }
  bool string(string_t& v) override {
    DocNode n;
    n.kind = DocNode::Kind::kString;
    n.text = std::move(v);
    return Add(std::move(n));
  }
  bool binary(binary_t&) override { return Fail("binary values are not JSON"); }
  bool start_object(std::size_t) override {
    DocNode n;
    n.kind = DocNode::Kind::kObject;
    return Open(std::move(n));
  }
  bool key(string_t& k) override {
    if (!keys_.back().insert(k).second) return Fail(MessageText(Msg::kKeyAppearsTwiceOne, Printable(k)), CodeOf(Msg::kKeyAppearsTwiceOne));
    key_ = std::move(k);
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override {
    DocNode n;
    n.kind = DocNode::Kind::kArray;
    return Open(std::move(n));
  }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - ..."
    if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
    else if (auto q = what.find("] "); q != std::string::npos) what = what.substr(q + 2);
    // "...; last read: '<text>'" quotes the input, which may be a medication: never echo it.
    if (auto l = what.find("; last read"); l != std::string::npos) what.erase(l);
    int line, column;
    LineColumn(text_, position > 0 ? position - 1 : 0, &line, &column);
    diags_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, DiagnosticCode::kJsonSyntax, file_, line, column, what));
    return false;
  }

  bool failed() const { return failed_; }

 private:
  // Byte offset where the value just read starts, walking back from how far
  // the parser has read: over a lookahead character and white space, then
  // over the token itself (a string to its opening quote).
  size_t TokenStart() const {
    size_t i = static_cast<size_t>(*furthest_ - text_.data());
    if (i == 0) return 0;
    --i;  // the last character read
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    auto is_number = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; };
    if (text_[i] == '{' || text_[i] == '[') return i;
    if (text_[i] == '"') {  // a string: back to its unescaped opening quote
      size_t j = i;
      while (j > 0) {
        --j;
        if (text_[j] != '"') continue;
        size_t backslashes = 0;
        for (size_t k = j; k > 0 && text_[k - 1] == '\\'; --k) ++backslashes;
        if (backslashes % 2 == 0) return j;
      }
      return 0;
    }
    if (!is_number(text_[i]) && !std::isalpha(static_cast<unsigned char>(text_[i]))) {  // a lookahead after a number
      while (i > 0 && (is_space(text_[i]) || text_[i] == ',' || text_[i] == '}' || text_[i] == ']')) --i;
    }
    while (i > 0 && (is_number(text_[i - 1]) || std::isalpha(static_cast<unsigned char>(text_[i - 1])))) --i;
    return i;
  }

  // Nodes come in text order, so the line count resumes from the last node's
  // place instead of rescanning the document for each (linear, not quadratic).
  void Locate(DocNode* n) {
    const size_t offset = TokenStart();
    if (offset < located_offset_) located_offset_ = 0, located_line_ = 1, located_start_ = 0;
    for (size_t i = located_offset_; i < offset && i < text_.size(); ++i)
      if (text_[i] == '\n') ++located_line_, located_start_ = i + 1;
    located_offset_ = std::max(located_offset_, std::min(offset, text_.size()));
    n->line = located_line_;
    n->column = static_cast<int>(offset - located_start_) + 1;
  }

  static std::string Printable(const std::string& s) { return s.size() > 40 ? s.substr(0, 40) + "..." : s; }

  bool Fail(std::string message, DiagnosticCode code = DiagnosticCode::kBadValue) {
    failed_ = true;
    int line = 0, column = 0;
    LineColumn(text_, TokenStart(), &line, &column);
    diags_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, code, file_, line, column, std::move(message)));
    return false;
  }

  bool Count() {
    if (++nodes_ > limits::kMaxDocumentNodes)
      return Fail(MessageText(Msg::kDocumentHasMoreThan, std::to_string(limits::kMaxDocumentNodes)), CodeOf(Msg::kDocumentHasMoreThan));
    return true;
  }

  // Places a finished value in its parent (or as the root); returns where it went.
  DocNode* Place(DocNode n) {
    if (stack_.empty()) {
      *root_ = std::move(n);
      return root_;
    }
    DocNode* parent = stack_.back();
    if (parent->kind == DocNode::Kind::kArray) {
      parent->items.push_back(std::move(n));
      return &parent->items.back();
    }
    parent->members.emplace_back(std::move(key_), std::move(n));
    return &parent->members.back().second;
  }

  bool Add(DocNode n) {
    if (!Count()) return false;
    Locate(&n);
    Place(std::move(n));
    return true;
  }

  bool Open(DocNode n) {
    if (!Count()) return false;
    if (static_cast<int>(stack_.size()) >= limits::kMaxDocumentDepth)
      return Fail(MessageText(Msg::kDocumentNestsDeeperThan, std::to_string(limits::kMaxDocumentDepth)), CodeOf(Msg::kDocumentNestsDeeperThan));
    const bool object = n.kind == DocNode::Kind::kObject;
    Locate(&n);
    stack_.push_back(Place(std::move(n)));
    keys_.emplace_back();
    if (!object) keys_.back().clear();
    return true;
  }

  bool Close() {
    stack_.pop_back();
    keys_.pop_back();
    return true;
  }

  std::string_view text_;
  const std::string& file_;
  DocNode* root_;
  std::vector<Diagnostic>* diags_;
  const char* const* furthest_;  // how far the parser has read
  std::vector<DocNode*> stack_;  // pointers stay valid: a container only grows while it is the innermost open one
  std::vector<std::unordered_set<std::string>> keys_;
  std::string key_;
  size_t nodes_ = 0;
  bool failed_ = false;
  size_t located_offset_ = 0, located_start_ = 0;  // Locate's cursor: scanned up to here,
  int located_line_ = 1;                            // on this line, which starts there
};

}  // namespace

bool ParseJsonDocument(std::string_view text, const std::string& display_name, DocNode* out,
                       std::vector<Diagnostic>* diagnostics) {
  *out = DocNode{};
  if (!WithinDocumentSizeLimit(text, display_name, diagnostics)) return false;
  const size_t before = diagnostics->size();
  const char* furthest = text.data();
  Builder builder(text, display_name, out, diagnostics, &furthest);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(CountingIterator(text.data(), &furthest), CountingIterator(text.data() + text.size(), &furthest),
                                   &builder, nlohmann::json::input_format_t::json, true);
  } catch (const std::exception& e) {
    diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, DiagnosticCode::kJsonSyntax, display_name, 0, 0, e.what()));
    ok = false;
  }
  if (!ok && diagnostics->size() == before)
    diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kNotJSONDocument), display_name, 0, 0, MessageText(Msg::kNotJSONDocument)));
  return ok && !builder.failed();
}

}  // namespace candidacy::internal
