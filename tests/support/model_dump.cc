// Every field of a Model as text; see model_dump.h.
#include "model_dump.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include <catch2/catch.hpp>

#include "rulebook/loader.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using namespace internal;

std::string Num(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

std::string Where(const SourceLocation& w) { return "@" + w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column); }

std::string Ints(const std::vector<int>& v) {
  std::string out = "[";
  for (int i : v) out += std::to_string(i) + ",";
  return out + "]";
}

std::string Strings(const std::vector<std::string>& v) {
  std::string out = "[";
  for (const auto& s : v) out += "'" + s + "',";
  return out + "]";
}

template <typename Map>
std::string Index(const Map& map) {
  std::map<std::string, int> sorted(map.begin(), map.end());
  std::string out = "{";
  for (const auto& [k, v] : sorted) out += k + "=" + std::to_string(v) + ",";
  return out + "}";
}

void DumpNode(const Node& n, std::string* out) {
  *out += "(" + std::to_string(static_cast<int>(n.kind)) + " " + std::to_string(n.offset) + "-" + std::to_string(n.end) +
          " num=" + Num(n.number) + " bool=" + std::to_string(n.boolean) + " text='" + n.text +
          "' op=" + std::to_string(static_cast<int>(n.op)) + " arith=" + std::string(1, n.arith) +
          " type=" + std::to_string(static_cast<int>(n.type)) + " derived=" + std::to_string(n.ref_is_derived) +
          " index=" + std::to_string(n.index);
  for (const auto& c : n.children) {
    *out += " ";
    DumpNode(*c, out);
  }
  *out += ")";
}

std::string DumpExpression(const Expression& e) {
  std::string out = "text='" + e.text + "' tree=";
  if (e.root == nullptr) return out + "none";
  DumpNode(*e.root, &out);
  return out;
}

// A node's place in its tree in pre-order, or -1.
int Preorder(const Node* root, const Node* target) {
  int count = 0;
  std::vector<const Node*> stack{root};
  while (!stack.empty() && stack.back() != nullptr) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n == target) return count;
    ++count;
    for (auto c = n->children.rbegin(); c != n->children.rend(); ++c) stack.push_back(c->get());
  }
  return -1;
}

}  // namespace

std::string DumpModel(const Model& m) {
  std::string out;
  auto line = [&](const std::string& s) { out += s + "\n"; };
  line("rulebook id='" + m.id + "' title='" + m.title + "' version='" + m.version + "' effective='" + m.effective +
       "' reviewed_by='" + m.reviewed_by + "' reviewed_on='" + m.reviewed_on +
       "' period=" + std::to_string(m.review_period_months) + " " + Where(m.where));
  line("directory='" + m.directory + "' sha256=" + m.sha256 + " files=" + Strings(m.files));
  for (const auto& b : m.bands)
    line("band '" + b.name + "' from=" + std::to_string(b.from) + " review=" + std::to_string(b.needs_review) + " " + Where(b.where));
  line("unrecognized_needs_review=" + std::to_string(m.unrecognized_needs_review) +
       " probable_medications=" + std::to_string(m.probable_medications) + " implied=" + Ints(m.implied));
  for (const auto& s : m.sources) line("source '" + s.label + "' '" + s.citation + "' '" + s.url + "'");
  for (const auto& q : m.questions)
    line("question '" + q.id + "' type=" + QuestionTypeName(q.type) + " unit='" + q.unit + "' prompt='" + q.prompt +
         "' required=" + std::to_string(q.required) + " record=" + std::to_string(q.for_the_record) +
         " range=" + std::to_string(q.has_range) + ":" + Num(q.min) + ":" + Num(q.max) + " values=" + Strings(q.values) +
         " asked_when: " + DumpExpression(q.asked_when) + " implied_by=" + std::to_string(q.implied_by) + " " + Where(q.where));
  for (const auto& d : m.derived)
    line("derived '" + d.id + "' unit='" + d.unit + "' description='" + d.description + "' " + DumpExpression(d.expr) + " " + Where(d.where));
  for (const auto& r : m.rules) {
    std::string message;
    for (const auto& p : r.message)
      message += "{" + std::to_string(static_cast<int>(p.kind)) + " '" + p.text + "' " + std::to_string(p.index) + "}";
    line("rule '" + r.id + "' title='" + r.title + "' severity=" + SeverityName(r.severity) + " points=" +
         std::to_string(r.points) + " when: " + DumpExpression(r.when) + " message=" + message + " action='" + r.action +
         "' sources=" + Ints(r.sources) + " local=" + std::to_string(r.local_policy) + " urgent=" + std::to_string(r.urgent) + " reviewed='" + r.reviewed_by +
         "' on='" + r.reviewed_on + "' " + Where(r.where) + " when_at " + Where(r.when_where));
    for (const auto& [node, where] : r.conditions)
      line("  condition node=" + std::to_string(Preorder(r.when.root.get(), node)) + " " + Where(where));
  }
  for (const auto& c : m.lexicon.classes())
    line("class '" + c.id + "' title='" + c.title + "' interacts=" + std::to_string(c.interacts) + " " + Where(c.where));
  for (const auto& d : m.lexicon.drugs()) line("drug '" + d.generic + "' classes=" + Ints(d.classes));
  for (const auto& n : m.lexicon.names())
    line("name '" + n.text + "' drugs=" + Ints(n.drugs) + " pattern=" + std::to_string(n.is_pattern));
  line("common_words=" + Strings(m.lexicon.common_words()));
  for (const auto& c : m.lexicon.classes()) line("find class '" + c.id + "' = " + std::to_string(m.lexicon.FindClass(c.id)));
  for (const auto& d : m.lexicon.drugs()) line("find drug '" + d.generic + "' = " + std::to_string(m.lexicon.FindDrug(d.generic)));
  line("question_index " + Index(m.question_index));
  line("derived_index " + Index(m.derived_index));
  line("source_index " + Index(m.source_index));
  line("groups " + Index(m.groups));
  line("medications_question " + std::to_string(m.medications_question));
  const EhrMapping& e = m.ehr;
  line("ehr loaded=" + std::to_string(e.loaded) + " sha256=" + e.sha256 + " files=" + Strings(e.files) + " questionnaire='" +
       e.questionnaire_url + "' vitals_max_age_days=" + std::to_string(e.vitals_max_age_days) +
       " age=" + std::to_string(e.age_question) + " sex=" + std::to_string(e.sex_question));
  std::map<std::string, std::string> gender(e.gender_values.begin(), e.gender_values.end());
  std::string genders;
  for (const auto& [from, to] : gender) genders += from + "=" + to + ",";
  line("ehr gender {" + genders + "}");
  for (const auto& o : e.observations)
    line("ehr observation '" + o.loinc + "' '" + o.display + "' question=" + std::to_string(o.question) +
         " higher_is_safer=" + std::to_string(o.higher_is_safer) + " " + Where(o.where));
  for (const auto& c : e.conditions)
    line("ehr condition question=" + std::to_string(c.question) + " value=" + std::to_string(c.value) + " '" + c.label +
         "' '" + c.source + "' snomed=" + Strings(c.snomed) + " icd10cm=" + Strings(c.icd10cm) + " " + Where(c.where));
  for (const auto& c : e.medications)
    line("ehr medication '" + c.rxcui + "' '" + c.name + "' generics=" + Strings(c.generics) + " " + Where(c.where));
  line("ehr by_loinc " + Index(e.by_loinc));
  line("ehr by_rxcui " + Index(e.by_rxcui));
  line("ehr by_snomed " + Index(e.by_snomed));
  std::string icd;
  for (const auto& [code, set] : e.icd10cm) icd += code + "=" + std::to_string(set) + " ";
  line("ehr icd10cm " + icd);
  return out;
}

std::string ShippedDir() { return SourceDir() + "/rules/ketamine"; }

std::unique_ptr<internal::Model> LoadYaml(const std::string& dir, std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> local;
  Status status;
  auto model = internal::LoadModel(dir, diagnostics != nullptr ? diagnostics : &local, &status);
  if (model != nullptr) internal::LoadEhrMapping(model.get(), diagnostics != nullptr ? diagnostics : &local);  // as Rulebook::Load
  std::string text;
  for (const auto& d : diagnostics != nullptr ? *diagnostics : local) text += FormatDiagnostic(d);
  INFO(text);
  REQUIRE(model != nullptr);
  return model;
}

}  // namespace candidacy::testing
