// The names of a rulebook for its authors' editors (candidacy lsp): every
// question, derived value, medication class and rule with where it is
// declared, what it is in plain words (the handbook's words), and every
// place an expression uses it. Implemented in engine/src/authoring/rulebook_symbols.cc;
// tested by tests/engine/authoring/rulebook_symbols_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/rulebook.h"
#include "candidacy/status.h"

namespace candidacy {

enum class SymbolKind { kQuestion, kDerived, kMedicationClass, kRule };

struct RulebookSymbol {
  SymbolKind kind = SymbolKind::kQuestion;
  std::string id;
  SourceLocation declared;           // the id where it is declared
  std::string words;                 // Markdown: what it is, as the handbook says it
  std::vector<std::string> values;   // a question's allowed values (enum, list_of_enum)
};

// One use of a symbol in an expression (asked_when, expr, when).
struct SymbolUse {
  int symbol = -1;        // index into RulebookSymbols::symbols
  SourceLocation where;   // the name's first character
  int length = 0;         // the name's bytes
};

struct RulebookSymbols {
  std::vector<RulebookSymbol> symbols;  // questions, derived values, classes, rules, in rulebook order
  std::vector<SymbolUse> uses;          // in load order
};

// Loads the rulebook in `directory` from its YAML (never a compiled image),
// with `unsaved` read in place of those files, and indexes its names. On
// success returns OK and fills *out; a rulebook with errors returns
// kRulebookInvalid and leaves *out empty (LintRulebook says why). `out`
// must not be null. Never throws.
Status IndexRulebookSymbols(const std::string& directory, const std::vector<UnsavedFile>& unsaved, RulebookSymbols* out);

}  // namespace candidacy
