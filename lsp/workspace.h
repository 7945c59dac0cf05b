// What the language server knows: the open documents (their unsaved text),
// the rulebook folder they belong to, and the last analysis of it (lint
// diagnostics and the symbol index, both from the engine's public API with
// the open documents overlaid). Holds no clinical logic.
// Test: tests/lsp/lsp_server_test.cc (through the server).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "candidacy/lint.h"
#include "candidacy/rulebook_symbols.h"

namespace candidacy::lsp {

struct Document {
  std::string uri;
  std::string path;  // absolute
  std::string text;
  int version = 0;
};

class Workspace {
 public:
  // `rulebook` may be empty: each document's rulebook is then the nearest
  // folder above it holding a rulebook.yaml. `today` as LintOptions::today.
  Workspace(std::string rulebook, std::string today) : rulebook_(std::move(rulebook)), today_(std::move(today)) {}

  void Open(const std::string& uri, std::string text, int version);
  void Change(const std::string& uri, std::string text, int version);
  void Close(const std::string& uri);
  const Document* Find(const std::string& uri) const;

  // Lints and indexes the rulebook again with the open documents' text, and
  // when it loads, reads its tests (tests/*.yaml) as `candidacy test` does.
  // Returns the files whose diagnostics are to be published: every file with
  // diagnostics now, every file that had some before, every open document.
  std::vector<std::string> Analyse();

  const std::string& rulebook() const { return rulebook_; }
  // The latest diagnostics of `path` (absolute).
  std::vector<Diagnostic> DiagnosticsOf(const std::string& path) const;
  // The symbols of the last rulebook that loaded (kept while a typo stops it loading).
  const RulebookSymbols& symbols() const { return symbols_; }
  // The text of `path`: the open document's, else the file's; "" when unreadable.
  std::string TextOf(const std::string& path) const;

 private:
  std::string rulebook_, today_;
  std::map<std::string, Document> documents_;  // by URI
  std::map<std::string, std::vector<Diagnostic>> diagnostics_;  // by absolute path
  RulebookSymbols symbols_;
};

// The nearest folder at or above the folder of `path` that holds rulebook.yaml; "" when none.
std::string RulebookFolderOf(const std::string& path);

}  // namespace candidacy::lsp
