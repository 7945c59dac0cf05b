// Shared helpers of the document readers. Test: tests/engine/input/document_test.cc.
#include "base/diagnostic_messages.h"
#include "input/document.h"

#include "candidacy/limits.h"

namespace candidacy::internal {

const char* DocKindName(DocNode::Kind kind) {
  switch (kind) {
    case DocNode::Kind::kNull: return "null";
    case DocNode::Kind::kBool: return "true/false";
    case DocNode::Kind::kInt: return "a whole number";
    case DocNode::Kind::kFloat: return "a number";
    case DocNode::Kind::kString: return "text";
    case DocNode::Kind::kArray: return "a list";
    case DocNode::Kind::kObject: return "a mapping";
  }
  return "?";
}

const DocNode* DocMember(const DocNode& object, std::string_view key) {
  if (object.kind != DocNode::Kind::kObject) return nullptr;
  for (const auto& [k, v] : object.members)
    if (k == key) return &v;
  return nullptr;
}

std::string ShortText(std::string_view text) { return text.size() > 80 ? std::string(text.substr(0, 80)) + "..." : std::string(text); }

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int extra;
    unsigned int cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
    else return false;
    if (i + extra >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;  // overlong, out of range, or a surrogate
    i += extra + 1;
  }
  return true;
}

Diagnostic DocumentDiagnostic(DiagnosticSeverity severity, DiagnosticCode code, const std::string& file, int line,
                              int column, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.location = {file, line, column};
  d.message = std::move(message);
  return d;
}

bool WithinDocumentSizeLimit(std::string_view text, const std::string& display_name,
                             std::vector<Diagnostic>* diagnostics) {
  if (text.size() <= limits::kMaxDocumentBytes) return true;
  diagnostics->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kDocumentBytesLimit), display_name, 0, 0,
                                            MessageText(Msg::kDocumentBytesLimit, std::to_string(text.size()), std::to_string(limits::kMaxDocumentBytes))));
  return false;
}

}  // namespace candidacy::internal
