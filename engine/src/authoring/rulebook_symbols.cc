// The rulebook's names for editors (candidacy/rulebook_symbols.h), from the
// places the loader recorded (Model::names) and the handbook's plain words.
// Test: tests/engine/authoring/rulebook_symbols_test.cc.
#include "candidacy/rulebook_symbols.h"

#include <fmt/format.h>

#include "authoring/handbook_words.h"
#include "rulebook/loader.h"
#include "rulebook/model.h"

namespace candidacy {
namespace {

using namespace internal;

std::string Number(double v) { return fmt::format("{}", v); }

std::string QuestionWords(const Model& m, const Question& q) {
  std::string out = fmt::format("**{}** — question: *{}* ({}", q.id, LabelFromId(q.id, q.unit), QuestionTypeName(q.type));
  if (!q.unit.empty()) out += ", " + q.unit;
  if (q.has_range) out += ", " + Number(q.min) + " to " + Number(q.max);
  out += q.required ? ", required)" : ", optional)";
  out += "\n\n" + q.prompt;
  if (!q.values.empty()) {
    out += "\n\nAllowed values: ";
    for (size_t i = 0; i < q.values.size(); ++i) out += (i ? ", `" : "`") + q.values[i] + "`";
  }
  out += "\n\nAsked when: " + (q.asked_when.root ? PlainWords(m, *q.asked_when.root) : std::string("always"));
  return out;
}

std::string DerivedWords(const Model& m, const Derived& d) {
  std::string out = fmt::format("**{}** — derived value: *{}*", d.id, LabelFromId(d.id, d.unit));
  if (!d.unit.empty()) out += " (" + d.unit + ")";
  if (!d.description.empty()) out += "\n\n" + d.description;
  if (d.expr.root) out += "\n\nComputed as: " + PlainWords(m, *d.expr.root);
  return out;
}

std::string ClassWords(const Model& m, int c) {
  const DrugClass& k = m.lexicon.classes()[c];
  std::string out = fmt::format("**{}** — medication class: {}", k.id, k.title.empty() ? ValueWords(k.id) : k.title);
  out += k.interacts ? "\n\nInteracts: rules may fire on it." : "\n\nDoes not interact: recognised and quiet.";
  std::string drugs;
  size_t n = 0;
  for (const auto& d : m.lexicon.drugs())
    for (int dc : d.classes)
      if (dc == c) drugs += (n++ ? ", " : "") + d.generic;
  out += "\n\nDrugs: " + (drugs.empty() ? std::string("none") : drugs);
  return out;
}

std::string RuleWords(const Model& m, const Rule& r) {
  std::string out = fmt::format("**{} {}** — rule, {}", r.id, r.title, SeverityName(r.severity));
  if (r.points > 0) out += fmt::format(", {} point{}", r.points, r.points == 1 ? "" : "s");
  if (r.urgent) out += ", urgent";
  out += "\n\nFires when: " + (r.when.root ? PlainWords(m, *r.when.root) : std::string());
  out += "\n\nAction: " + r.action;
  return out;
}

}  // namespace

Status IndexRulebookSymbols(const std::string& directory, const std::vector<UnsavedFile>& unsaved, RulebookSymbols* out) {
  *out = RulebookSymbols{};
  std::vector<Diagnostic> diagnostics;
  Status status;
  const auto model = LoadModel(directory, &diagnostics, &status, unsaved);
  if (model == nullptr) return status;
  const Model& m = *model;
  // Symbols in kind order, so a NamePlace's (kind, index) finds its own.
  const int q0 = 0, d0 = q0 + static_cast<int>(m.questions.size()), c0 = d0 + static_cast<int>(m.derived.size()),
            r0 = c0 + static_cast<int>(m.lexicon.classes().size());
  for (const auto& q : m.questions) out->symbols.push_back({SymbolKind::kQuestion, q.id, q.where, QuestionWords(m, q), q.values});
  for (const auto& d : m.derived) out->symbols.push_back({SymbolKind::kDerived, d.id, d.where, DerivedWords(m, d), {}});
  for (size_t c = 0; c < m.lexicon.classes().size(); ++c) {
    const auto& k = m.lexicon.classes()[c];
    out->symbols.push_back({SymbolKind::kMedicationClass, k.id, k.where, ClassWords(m, static_cast<int>(c)), {}});
  }
  for (const auto& r : m.rules) out->symbols.push_back({SymbolKind::kRule, r.id, r.where, RuleWords(m, r), {}});
  for (const auto& p : m.names) {
    const int base = p.kind == NameKind::kQuestion ? q0 : p.kind == NameKind::kDerived ? d0 : p.kind == NameKind::kClass ? c0 : r0;
    const int symbol = base + p.index;
    if (p.index < 0 || symbol >= static_cast<int>(out->symbols.size())) continue;
    if (p.declaration)
      out->symbols[static_cast<size_t>(symbol)].declared = p.where;
    else
      out->uses.push_back({symbol, p.where, p.length});
  }
  return Status::Ok();
}

}  // namespace candidacy
