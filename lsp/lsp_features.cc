// Hover, definition, references and completion (lsp_features.h). Test: tests/lsp/lsp_features_test.cc.
#include "lsp_features.h"

#include <filesystem>
#include <regex>

#include "text_position.h"

namespace candidacy::lsp {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string Normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

// The LSP Location of `length` bytes at `where`, read from the file's (or open document's) text.
Json LocationOf(const Workspace& ws, const SourceLocation& where, int length) {
  const int line = std::max(where.line - 1, 0);
  const std::string text = ws.TextOf(where.file);
  const std::string_view l = LineOf(text, line);
  const int begin = std::max(where.column - 1, 0);
  return {{"uri", UriOfPath(Normal(where.file))}, {"range", Range(l, line, begin, begin + std::max(length, 1))}};
}

int Indent(std::string_view line) {
  int n = 0;
  while (n < static_cast<int>(line.size()) && line[n] == ' ') ++n;
  return n;
}

const std::regex& ConditionKey() {
  static const std::regex k("^ *(- +)?(when|asked_when|expr): *");
  return k;
}
const std::regex& AnyKey() {
  static const std::regex k("^ *(- +)?[A-Za-z_]+:( |$)");
  return k;
}

Json Item(const RulebookSymbol& s, int kind, const std::string& label) {
  return {{"label", label}, {"kind", kind}, {"documentation", {{"kind", "markdown"}, {"value", s.words}}}};
}

}  // namespace

int SymbolAt(const Workspace& ws, const Document& doc, int line, int character) {
  const std::string_view l = LineOf(doc.text, line);
  const int column = ByteColumn(l, character);
  const auto& syms = ws.symbols();
  const std::string path = Normal(doc.path);
  for (const auto& u : syms.uses)
    if (u.where.line == line + 1 && u.where.column - 1 <= column && column < u.where.column - 1 + u.length && Normal(u.where.file) == path)
      return u.symbol;
  int begin = 0;
  const std::string word = WordAt(l, column, &begin);
  if (word.empty()) return -1;
  for (size_t i = 0; i < syms.symbols.size(); ++i)
    if (syms.symbols[i].id == word) return static_cast<int>(i);
  return -1;
}

Json Hover(const Workspace& ws, const Document& doc, int line, int character) {
  const int s = SymbolAt(ws, doc, line, character);
  if (s < 0) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", ws.symbols().symbols[static_cast<size_t>(s)].words}}}};
}

Json Definition(const Workspace& ws, const Document& doc, int line, int character) {
  const int s = SymbolAt(ws, doc, line, character);
  if (s < 0) return nullptr;
  const RulebookSymbol& sym = ws.symbols().symbols[static_cast<size_t>(s)];
  return LocationOf(ws, sym.declared, static_cast<int>(sym.id.size()));
}

Json References(const Workspace& ws, const Document& doc, int line, int character, bool include_declaration) {
  Json out = Json::array();
  const int s = SymbolAt(ws, doc, line, character);
  if (s < 0) return out;
  const RulebookSymbol& sym = ws.symbols().symbols[static_cast<size_t>(s)];
  if (include_declaration) out.push_back(LocationOf(ws, sym.declared, static_cast<int>(sym.id.size())));
  for (const auto& u : ws.symbols().uses)
    if (u.symbol == s) out.push_back(LocationOf(ws, u.where, u.length));
  return out;
}

bool InCondition(std::string_view text, int line, int column) {
  const std::string current(LineOf(text, line));
  std::smatch m;
  if (std::regex_search(current, m, ConditionKey())) return column >= static_cast<int>(m.length(0));
  if (std::regex_search(current, AnyKey())) return false;
  // A block scalar's later line: the nearest line above with less indentation holds its key.
  const int indent = Indent(current);
  for (int i = line - 1; i >= 0; --i) {
    const std::string above(LineOf(text, i));
    if (above.find_first_not_of(' ') == std::string::npos) continue;
    if (Indent(above) < indent || std::regex_search(above, AnyKey()))
      return std::regex_search(above, ConditionKey());
  }
  return false;
}

Json Completion(const Workspace& ws, const Document& doc, int line, int character) {
  Json items = Json::array();
  const std::string_view l = LineOf(doc.text, line);
  const int column = ByteColumn(l, character);
  if (!InCondition(doc.text, line, column)) return {{"isIncomplete", false}, {"items", items}};
  const std::string before(l.substr(0, static_cast<size_t>(column)));
  const auto& syms = ws.symbols().symbols;
  static const std::regex kClass("class +'[A-Za-z0-9_.-]*$");
  static const std::regex kOpenQuote("([a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*)[^']*'[a-z0-9_]*$");
  std::smatch m;
  if (std::regex_search(before, kClass)) {
    for (const auto& s : syms)
      if (s.kind == SymbolKind::kMedicationClass) items.push_back(Item(s, 7, s.id));  // Class
  } else if (std::count(before.begin(), before.end(), '\'') % 2 == 1 && std::regex_search(before, m, kOpenQuote)) {
    // Inside a quoted value: the allowed values of the last question named before it.
    std::string id;
    static const std::regex kId("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+|[a-z][a-z0-9_]*");
    const std::string head = before.substr(0, before.rfind('\''));
    for (auto it = std::sregex_iterator(head.begin(), head.end(), kId); it != std::sregex_iterator(); ++it) {
      for (const auto& s : syms)
        if (s.kind == SymbolKind::kQuestion && !s.values.empty() && s.id == it->str()) id = s.id;
    }
    for (const auto& s : syms)
      if (s.id == id && s.kind == SymbolKind::kQuestion)
        for (const auto& v : s.values) items.push_back(Item(s, 20, v));  // EnumMember
  } else {
    for (const auto& s : syms) {
      if (s.kind == SymbolKind::kQuestion) items.push_back(Item(s, 6, s.id));  // Variable
      if (s.kind == SymbolKind::kDerived) items.push_back(Item(s, 6, s.id));
    }
  }
  return {{"isIncomplete", false}, {"items", items}};
}

}  // namespace candidacy::lsp
