// The rulebook's names for editors (candidacy/rulebook_symbols.h): each kind
// declared at its id with the handbook's words, uses recorded at the name in
// the condition (plain, folded and class forms), unsaved text indexed, a
// broken rulebook refused.
#include "candidacy/rulebook_symbols.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace candidacy;
using candidacy::testing::SourceDir;
using candidacy::testing::TempRulebook;

namespace {

const RulebookSymbol* Find(const RulebookSymbols& s, SymbolKind kind, const std::string& id) {
  for (const auto& sym : s.symbols)
    if (sym.kind == kind && sym.id == id) return &sym;
  return nullptr;
}

std::string Tail(const std::string& path) { return path.substr(path.rfind("/rules/ketamine/") + 16); }

}  // namespace

TEST_CASE("every kind of name is declared at its id, in plain words") {
  RulebookSymbols s;
  REQUIRE(IndexRulebookSymbols(SourceDir() + "/rules/ketamine", {}, &s).ok());
  struct Row {
    SymbolKind kind;
    const char* id;
    const char* file;
    int line, column;
    const char* words;  // a part of them
  };
  const Row rows[] = {
      {SymbolKind::kQuestion, "patient.age", "questions.yaml", 9, 9, "How old is the patient, in whole years?"},
      {SymbolKind::kQuestion, "patient.sex", "questions.yaml", 16, 9, "Allowed values: `female`, `male`, `intersex`, `unknown`"},
      {SymbolKind::kDerived, "bmi", "derived.yaml", 4, 9, "Body-mass index"},
      {SymbolKind::kMedicationClass, "benzodiazepine", "medications.yaml", 0, 9, "Benzodiazepines"},
      {SymbolKind::kRule, "EX-01", "rules/exclusions.yaml", 6, 9, "Fires when: age is below 18 years"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.id);
    const RulebookSymbol* sym = Find(s, r.kind, r.id);
    REQUIRE(sym != nullptr);
    CHECK(Tail(sym->declared.file) == r.file);
    if (r.line > 0) CHECK(sym->declared.line == r.line);
    CHECK(sym->declared.column == r.column);
    CHECK(sym->words.find(r.words) != std::string::npos);
  }
  CHECK(Find(s, SymbolKind::kQuestion, "patient.sex")->values.size() == 4);
}

TEST_CASE("uses are recorded at the name, in every form of condition") {
  TempRulebook rb({{"rulebook.yaml", testing::MiniRoot()}, {"main.yaml", R"yaml(questions:
  - id: age
    type: integer
    prompt: "Age?"
  - id: medications
    type: list_of_text
    prompt: "Medications?"
classes:
  - id: opioid
drugs:
  - {generic: morphine, classes: [opioid]}
derived:
  - id: age2
    expr: age * 2
rules:
  - id: R1
    title: t
    severity: info
    when: >
      age > 17 and
      age2 < 300
    message: m
    action: a
    sources: [S]
  - id: R2
    title: t
    severity: info
    when: "any medication in class 'opioid'"
    message: m
    action: a
    sources: [S]
)yaml"}});
  RulebookSymbols s;
  REQUIRE(IndexRulebookSymbols(rb.dir(), {}, &s).ok());
  std::vector<std::string> uses;
  for (const auto& u : s.uses)
    uses.push_back(s.symbols[u.symbol].id + "@" + std::to_string(u.where.line) + ":" + std::to_string(u.where.column) + "+" +
                   std::to_string(u.length));
  std::sort(uses.begin(), uses.end());
  CHECK(uses == std::vector<std::string>{"age2@21:7+4", "age@14:11+3", "age@20:7+3", "opioid@28:37+6"});
}

TEST_CASE("unsaved text is indexed; a rulebook with errors is refused") {
  const std::string dir = SourceDir() + "/rules/ketamine";
  std::string text = testing::FileText(dir + "/derived.yaml");
  RulebookSymbols s;
  const std::string renamed = text.substr(0, text.find("- id: bmi")) + "- id: body_mass" + text.substr(text.find("- id: bmi") + 9);
  // bmi is used by rules: renaming it only in derived.yaml breaks them.
  CHECK(IndexRulebookSymbols(dir, {{"derived.yaml", renamed}}, &s).code() == StatusCode::kRulebookInvalid);
  CHECK(s.symbols.empty());
  text.replace(text.find("Body-mass index"), 15, "Quetelet index");
  REQUIRE(IndexRulebookSymbols(dir, {{"derived.yaml", text}}, &s).ok());
  CHECK(Find(s, SymbolKind::kDerived, "bmi")->words.find("Quetelet index") != std::string::npos);
}
