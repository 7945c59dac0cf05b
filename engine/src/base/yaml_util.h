// Reading rule files with yaml-cpp and reporting located diagnostics: one
// place turns a yaml-cpp mark (0-based) into a 1-based file:line:col, checks
// mapping keys (unknown, duplicate, missing) and reads typed fields.
// yaml-cpp throws; its exceptions are caught here and in the loader only.
// Tested by tests/engine/base/yaml_util_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic_messages.h"
#include "base/source_text.h"
#include "candidacy/status.h"

namespace candidacy::internal {

class YamlFile {
 public:
  // `display_path` is what diagnostics print; `diagnostics` collects them.
  YamlFile(std::string display_path, std::string text, std::vector<Diagnostic>* diagnostics);

  // Parses the text; on a syntax error reports it (located) and returns false.
  bool Parse();
  const YAML::Node& root() const { return root_; }
  const SourceText& source() const { return source_; }

  SourceLocation Where(const YAML::Node& node) const;
  SourceLocation WhereMark(const YAML::Mark& mark) const;
  // The place of byte `offset` of an expression held in the scalar `node`,
  // so a caret points inside the expression text (quoted, plain or folded).
  SourceLocation WhereInScalar(const YAML::Node& node, int offset) const;

  void Report(DiagnosticSeverity severity, DiagnosticCode code, SourceLocation where, std::string message);
  void Error(DiagnosticCode code, const YAML::Node& at, std::string message) {
    Report(DiagnosticSeverity::kError, code, Where(at), std::move(message));
  }
  void Warning(DiagnosticCode code, const YAML::Node& at, std::string message) {
    Report(DiagnosticSeverity::kWarning, code, Where(at), std::move(message));
  }
  // The same with a message of the table: its code, its text filled by `args`.
  template <typename... Args>
  void Report(DiagnosticSeverity severity, Msg id, SourceLocation where, const Args&... args) {
    Report(severity, CodeOf(id), std::move(where), MessageText(id, args...));
  }
  template <typename... Args>
  void Error(Msg id, const YAML::Node& at, const Args&... args) {
    Report(DiagnosticSeverity::kError, CodeOf(id), Where(at), MessageText(id, args...));
  }
  template <typename... Args>
  void Warning(Msg id, const YAML::Node& at, const Args&... args) {
    Report(DiagnosticSeverity::kWarning, CodeOf(id), Where(at), MessageText(id, args...));
  }

  // Checks that `node` is a mapping whose keys are all in `allowed` and occur
  // once, and that every key in `required` is present. `what` names the thing
  // in messages ("question", "rule"). Returns false when it is not a mapping
  // or a required key is missing (unknown keys are reported, not fatal here).
  bool CheckMapping(const YAML::Node& node, std::string_view what, const std::vector<std::string_view>& allowed,
                    const std::vector<std::string_view>& required);

  // Typed fields of a checked mapping. Each returns false (after reporting)
  // when the key is present with a bad value; an absent key leaves *out as is.
  bool GetString(const YAML::Node& map, const char* key, std::string* out);
  bool GetBool(const YAML::Node& map, const char* key, bool* out);
  bool GetInt(const YAML::Node& map, const char* key, int min, int max, int* out);
  bool GetStringList(const YAML::Node& map, const char* key, std::vector<std::string>* out);
  // A sequence of mappings under `key` (e.g. rules:); reports a wrong type.
  bool GetSequence(const YAML::Node& map, const char* key, YAML::Node* out);

  // Plain-scalar typing (YAML 1.2 core schema).
  static bool IsPlainScalar(const YAML::Node& node);
  static bool ParseNumber(const std::string& text, double* out);

 private:
  SourceText source_;
  YAML::Node root_;
  std::vector<Diagnostic>* diagnostics_;
};

}  // namespace candidacy::internal
