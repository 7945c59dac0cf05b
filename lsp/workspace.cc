// The language server's documents and rulebook analysis (workspace.h).
// Test: tests/lsp/lsp_server_test.cc.
#include "workspace.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "candidacy/rulebook_tests.h"
#include "text_position.h"

namespace candidacy::lsp {

namespace fs = std::filesystem;

std::string RulebookFolderOf(const std::string& path) {
  std::error_code ec;
  for (fs::path dir = fs::path(path).parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / "rulebook.yaml", ec)) return dir.string();
    if (dir == dir.parent_path()) break;
  }
  return "";
}

void Workspace::Open(const std::string& uri, std::string text, int version) {
  Document d{uri, PathOfUri(uri), std::move(text), version};
  if (rulebook_.empty() && !d.path.empty()) rulebook_ = RulebookFolderOf(d.path);
  documents_[uri] = std::move(d);
}

void Workspace::Change(const std::string& uri, std::string text, int version) {
  auto it = documents_.find(uri);
  if (it == documents_.end()) return Open(uri, std::move(text), version);
  it->second.text = std::move(text);
  it->second.version = version;
}

void Workspace::Close(const std::string& uri) { documents_.erase(uri); }

const Document* Workspace::Find(const std::string& uri) const {
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

std::vector<std::string> Workspace::Analyse() {
  std::set<std::string> publish;
  for (const auto& [path, list] : diagnostics_) publish.insert(path);
  diagnostics_.clear();
  for (const auto& [uri, d] : documents_) publish.insert(d.path);
  if (!rulebook_.empty()) {
    LintOptions options;
    options.today = today_;
    const fs::path root = fs::path(rulebook_).lexically_normal();
    for (const auto& [uri, d] : documents_) {
      const fs::path rel = fs::path(d.path).lexically_normal().lexically_relative(root);
      if (!rel.empty() && *rel.begin() != "..") options.unsaved.push_back({rel.generic_string(), d.text});
    }
    std::vector<Diagnostic> found;
    const bool loads = LintRulebook(rulebook_, options, &found).ok();
    if (loads) {
      // The rulebook's tests (tests/*.yaml), as `candidacy test` reads them.
      LoadOptions load;
      load.unsaved = options.unsaved;
      std::shared_ptr<const Rulebook> rulebook;
      std::vector<Diagnostic> ignored;  // the lint has them
      std::vector<UnsavedFile> tests;
      for (const auto& u : options.unsaved)
        if (u.path.rfind("tests/", 0) == 0 && u.path.find('/', 6) == std::string::npos) tests.push_back({u.path.substr(6), u.text});
      std::vector<RulebookTestCase> cases;
      if (Rulebook::Load(rulebook_, load, &rulebook, &ignored).ok())
        LoadRulebookTests(*rulebook, rulebook_ + "/tests", tests, &cases, &found);
    }
    for (auto& d : found) {
      const std::string path = fs::path(d.location.file).lexically_normal().string();
      publish.insert(path);
      diagnostics_[path].push_back(std::move(d));
    }
    RulebookSymbols symbols;
    if (IndexRulebookSymbols(rulebook_, options.unsaved, &symbols).ok()) symbols_ = std::move(symbols);
  }
  return {publish.begin(), publish.end()};
}

std::vector<Diagnostic> Workspace::DiagnosticsOf(const std::string& path) const {
  auto it = diagnostics_.find(fs::path(path).lexically_normal().string());
  return it == diagnostics_.end() ? std::vector<Diagnostic>{} : it->second;
}

std::string Workspace::TextOf(const std::string& path) const {
  const std::string normal = fs::path(path).lexically_normal().string();
  for (const auto& [uri, d] : documents_)
    if (fs::path(d.path).lexically_normal().string() == normal) return d.text;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace candidacy::lsp
