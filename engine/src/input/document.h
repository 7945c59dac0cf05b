// A parsed input document (JSON or YAML) as one neutral tree, so validation
// against the questions is written once. Readers enforce the document limits
// (size, depth, node count), reject duplicate keys and invalid UTF-8.
// Tested by tests/engine/input/document_test.cc and tests/bad_questionnaires/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "candidacy/status.h"

namespace candidacy::internal {

struct DocNode {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;
  std::vector<DocNode> items;                             // kArray
  std::vector<std::pair<std::string, DocNode>> members;   // kObject, in document order
  int line = 0, column = 0;                               // 1-based; 0 when the format gives none
};

const char* DocKindName(DocNode::Kind kind);  // "text", "a number", ...

// The member `key` of an object node; nullptr when there is none or `object` is no object.
const DocNode* DocMember(const DocNode& object, std::string_view key);
// A value as a message may quote it: its first 80 bytes and "..." when longer.
std::string ShortText(std::string_view text);

// Each returns true and fills *out, or false with located diagnostics
// (file = display_name) appended to *diagnostics.
bool ParseJsonDocument(std::string_view text, const std::string& display_name, DocNode* out,
                       std::vector<Diagnostic>* diagnostics);
bool ParseYamlDocument(std::string_view text, const std::string& display_name, DocNode* out,
                       std::vector<Diagnostic>* diagnostics);

bool IsValidUtf8(std::string_view text);

// A diagnostic about a document (no source line to quote: documents may hold patient data).
Diagnostic DocumentDiagnostic(DiagnosticSeverity severity, DiagnosticCode code, const std::string& file, int line,
                              int column, std::string message);

// False, with a kTooLarge diagnostic, when `text` is over limits::kMaxDocumentBytes:
// every reader checks this before parsing.
bool WithinDocumentSizeLimit(std::string_view text, const std::string& display_name,
                             std::vector<Diagnostic>* diagnostics);

}  // namespace candidacy::internal
