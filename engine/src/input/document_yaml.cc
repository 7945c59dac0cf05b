// YAML -> DocNode with yaml-cpp. Plain scalars are typed by the YAML 1.2 core
// schema (null, booleans, integers, floats); quoted ones are text. Aliases are
// expanded under the node cap, so an alias bomb is refused, not expanded.
// Test: tests/engine/input/document_yaml_test.cc.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <unordered_set>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "base/diagnostic_messages.h"
#include "base/yaml_quotes.h"
#include "candidacy/limits.h"
#include "input/document.h"

namespace candidacy::internal {
namespace {

bool IsIntegerText(const std::string& s) {
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool IsFloatText(const std::string& s) {
  // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

class Converter {
 public:
  Converter(const std::string& file, std::vector<Diagnostic>* diagnostics) : file_(file), diags_(diagnostics) {}

  bool Convert(const YAML::Node& node, DocNode* out, int depth) {
    if (++nodes_ > limits::kMaxDocumentNodes)
      return Fail(node, CodeOf(Msg::kDocumentHasMoreThanValues), MessageText(Msg::kDocumentHasMoreThanValues, std::to_string(limits::kMaxDocumentNodes)));
    // Containers at depths 0 .. max-1, as the JSON reader counts them.
    if ((node.IsMap() || node.IsSequence()) && depth >= limits::kMaxDocumentDepth)
      return Fail(node, CodeOf(Msg::kDocumentNestsDeeperThan), MessageText(Msg::kDocumentNestsDeeperThan, std::to_string(limits::kMaxDocumentDepth)));
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null()) {
      out->line = mark.line + 1;
      out->column = mark.column + 1;
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out->kind = DocNode::Kind::kNull;
        return true;
      case YAML::NodeType::Scalar:
        return Scalar(node, out);
      case YAML::NodeType::Sequence:
        out->kind = DocNode::Kind::kArray;
        out->items.reserve(node.size());
        for (const auto& item : node) {
          out->items.emplace_back();
          if (!Convert(item, &out->items.back(), depth + 1)) return false;
        }
        return true;
      case YAML::NodeType::Map: {
        out->kind = DocNode::Kind::kObject;
        std::unordered_set<std::string> seen;
        for (const auto& kv : node) {
          if (!kv.first.IsScalar()) return Fail(kv.first, CodeOf(Msg::kKeysPlainNames), MessageText(Msg::kKeysPlainNames));
          const std::string& key = kv.first.Scalar();
          if (!IsValidUtf8(key)) return Fail(kv.first, CodeOf(Msg::kKeyNotValidUTF), MessageText(Msg::kKeyNotValidUTF));
          if (!seen.insert(key).second)
            return Fail(kv.first, CodeOf(Msg::kKeyAppearsTwiceOneMapping), MessageText(Msg::kKeyAppearsTwiceOneMapping, (key.size() > 40 ? key.substr(0, 40) + "..." : key)));
          out->members.emplace_back(key, DocNode{});
          if (!Convert(kv.second, &out->members.back().second, depth + 1)) return false;
        }
        return true;
      }
    }
    return Fail(node, CodeOf(Msg::kUnsupportedYAMLNode), MessageText(Msg::kUnsupportedYAMLNode));
  }

 private:
  bool Scalar(const YAML::Node& node, DocNode* out) {
    const std::string& s = node.Scalar();
    if (s.size() > limits::kMaxDocumentBytes) return Fail(node, CodeOf(Msg::kValueTooLong), MessageText(Msg::kValueTooLong));
    if (!IsValidUtf8(s)) return Fail(node, CodeOf(Msg::kValueNotValidUTF), MessageText(Msg::kValueNotValidUTF));
    if (node.Tag() != "?") {  // quoted, literal or explicitly tagged: text
      out->kind = DocNode::Kind::kString;
      out->text = s;
      return true;
    }
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
      out->kind = DocNode::Kind::kNull;
      return true;
    }
    if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
      out->kind = DocNode::Kind::kBool;
      out->boolean = s[0] == 't' || s[0] == 'T';
      return true;
    }
    if (IsIntegerText(s)) {
      errno = 0;
      char* end = nullptr;
      const long long v = std::strtoll(s.c_str(), &end, 10);
      if (errno != ERANGE) {
        out->kind = DocNode::Kind::kInt;
        out->integer = v;
        return true;
      }
    }
    if (IsFloatText(s) || IsIntegerText(s)) {
      out->kind = DocNode::Kind::kFloat;
      out->real = std::strtod(s.c_str(), nullptr);  // may be inf when huge; rejected by validation
      return true;
    }
    const std::string lower = [&] { std::string l; for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c))); return l; }();
    if (lower == ".inf" || lower == "+.inf" || lower == "-.inf" || lower == ".nan") {
      out->kind = DocNode::Kind::kFloat;
      out->real = lower == ".nan" ? NAN : (lower[0] == '-' ? -INFINITY : INFINITY);
      return true;
    }
    out->kind = DocNode::Kind::kString;
    out->text = s;
    return true;
  }

  bool Fail(const YAML::Node& node, DiagnosticCode code, std::string message) {
    const YAML::Mark mark = node.Mark();
    diags_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, code, file_, mark.is_null() ? 0 : mark.line + 1,
                                         mark.is_null() ? 0 : mark.column + 1, std::move(message)));
    return false;
  }

  const std::string& file_;
  std::vector<Diagnostic>* diags_;
  size_t nodes_ = 0;
};

// Counts the documents of a YAML stream without building them. yaml-cpp 0.7's
// LoadAll never returns on some malformed streams (a stray ',' at the top
// level, jbeder/yaml-cpp#1040): the parser then starts "document" after
// "document" at the same token, allocating a null node each time. A document
// that starts where the previous one started is that case.
class DocumentCounter : public YAML::EventHandler {
 public:
  explicit DocumentCounter(std::string_view text) : text_(text) {}
  void OnDocumentStart(const YAML::Mark& mark) override {
    stuck_ = documents_ > 0 && mark.pos == last_start_.pos;
    last_start_ = mark;
    ++documents_;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    if (unclosed_.is_null() && !QuotedScalarClosed(text_, static_cast<size_t>(mark.pos))) unclosed_ = mark;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  bool stuck() const { return stuck_; }
  int documents() const { return documents_; }
  const YAML::Mark& last_start() const { return last_start_; }
  // The first quoted scalar that the text never closes (base/yaml_quotes.h), or a null mark.
  const YAML::Mark& unclosed() const { return unclosed_; }

 private:
  std::string_view text_;
  YAML::Mark unclosed_ = YAML::Mark::null_mark();
  int documents_ = 0;
  bool stuck_ = false;
  YAML::Mark last_start_;
};

}  // namespace

bool ParseYamlDocument(std::string_view text, const std::string& display_name, DocNode* out,
                       std::vector<Diagnostic>* diagnostics) {
  *out = DocNode{};
  if (!WithinDocumentSizeLimit(text, display_name, diagnostics)) return false;
  if (text.find('\0') != std::string_view::npos) {
    diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kDocumentHoldsNULByte), display_name, 0, 0,
                                              MessageText(Msg::kDocumentHoldsNULByte)));
    return false;
  }
  try {
    const std::string owned(text);
    std::istringstream stream(owned);
    YAML::Parser parser(stream);
    DocumentCounter counter(owned);
    while (parser.HandleNextDocument(counter)) {
      if (counter.stuck()) {
        const YAML::Mark& m = counter.last_start();
        diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kUnexpectedTextNoYAML), display_name, m.line + 1,
                                                  m.column + 1, MessageText(Msg::kUnexpectedTextNoYAML)));
        return false;
      }
    }
    if (!counter.unclosed().is_null()) {
      const YAML::Mark& m = counter.unclosed();
      diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kUnclosedQuote), display_name, m.line + 1,
                                                m.column + 1, MessageText(Msg::kUnclosedQuote)));
      return false;
    }
    if (counter.documents() > 1) {
      diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kFileHoldsYAMLDocuments), display_name, 0, 0,
                                                MessageText(Msg::kFileHoldsYAMLDocuments, std::to_string(counter.documents()))));
      return false;
    }
    if (counter.documents() == 0) return true;  // an empty document: a null root, reported by validation
    Converter converter(display_name, diagnostics);
    return converter.Convert(YAML::Load(owned), out, 0);
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own guard (500 levels); its message says only "bad file"
    diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kDocumentNestsDeeperThan), display_name,
                                              e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1,
                                              MessageText(Msg::kDocumentNestsDeeperThan, std::to_string(limits::kMaxDocumentDepth))));
  } catch (const YAML::Exception& e) {
    diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, DiagnosticCode::kYamlSyntax, display_name,
                                              e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1, e.msg));
  } catch (const std::exception& e) {
    diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kCannotParse), display_name, 0, 0,
                                              MessageText(Msg::kCannotParse, e.what())));
  }
  return false;
}

}  // namespace candidacy::internal
