// The language features over a rulebook's symbols: what the name under the
// cursor is (hover), where it is declared (definition), where it is used
// (references), and what may be written at the cursor inside a condition
// (completion). Each takes LSP params and returns the LSP result.
// Test: tests/lsp/lsp_features_test.cc.
#pragma once

#include <nlohmann/json.hpp>

#include "workspace.h"

namespace candidacy::lsp {

// The symbol at 0-based `line`, UTF-16 `character` of `doc`: a use recorded
// there, else the symbol whose id is the word there; -1 when none.
int SymbolAt(const Workspace& ws, const Document& doc, int line, int character);

nlohmann::json Hover(const Workspace& ws, const Document& doc, int line, int character);
nlohmann::json Definition(const Workspace& ws, const Document& doc, int line, int character);
nlohmann::json References(const Workspace& ws, const Document& doc, int line, int character, bool include_declaration);
// A CompletionList; empty outside a condition (when, asked_when, expr).
nlohmann::json Completion(const Workspace& ws, const Document& doc, int line, int character);

// Whether 0-based `line` of `text`, at byte `column`, is inside the value of
// a when, asked_when or expr key (on its line or a block scalar's next lines).
bool InCondition(std::string_view text, int line, int column);

}  // namespace candidacy::lsp
