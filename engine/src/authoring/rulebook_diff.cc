// Rulebook comparison: each version flattened into sections of items (id ->
// ordered fields as text), then compared item by item; and two screenings of
// one questionnaire compared rule by rule. Test: tests/engine/authoring/rulebook_diff_test.cc.
#include "candidacy/rulebook_diff.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace {

using internal::Model;

using Fields = std::vector<std::pair<std::string, std::string>>;  // field -> value, fixed order
struct Item {
  std::string summary;
  Fields fields;
};
using Section = std::map<std::string, Item>;  // by id

std::string Join(const std::vector<std::string>& parts, const char* sep = ", ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string Num(double v) { return fmt::format("{}", v); }

std::string MessageText(const Model& m, const internal::Rule& r) {
  std::string out;
  for (const auto& p : r.message) {
    switch (p.kind) {
      case internal::MessagePart::Kind::kText: out += p.text; break;
      case internal::MessagePart::Kind::kQuestion: out += "{" + m.questions[static_cast<size_t>(p.index)].id + "}"; break;
      case internal::MessagePart::Kind::kDerived: out += "{" + m.derived[static_cast<size_t>(p.index)].id + "}"; break;
      case internal::MessagePart::Kind::kClass: out += "{class:" + m.lexicon.classes()[static_cast<size_t>(p.index)].id + "}"; break;
    }
  }
  return out;
}

std::vector<std::string> ClassIds(const Model& m, const std::vector<int>& classes) {
  std::vector<std::string> out;
  for (int c : classes) out.push_back(m.lexicon.classes()[static_cast<size_t>(c)].id);
  return out;
}

std::string QuestionId(const Model& m, int q) { return q < 0 ? "" : m.questions[static_cast<size_t>(q)].id; }

std::string Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return Join(v);
}

// `id`, or `id (2)`, `id (3)`, ... when the section holds it already (two
// value sets, or two allergy sets, answering one question).
std::string FreeId(const Section& section, const std::string& id) {
  std::string free = id;
  for (int n = 2; section.count(free) != 0; ++n) free = id + " (" + std::to_string(n) + ")";
  return free;
}

// The FHIR code mappings (fhir/mapping.yaml and its files, docs/fhir.md): hashed
// apart from the rule files, compared here like them.
void FlattenEhrMapping(const Model& m, std::map<std::string, Section>* s) {
  const internal::EhrMapping& e = m.ehr;
  if (!e.loaded) return;
  std::vector<std::string> genders;
  for (const auto& [gender, value] : e.gender_values) genders.push_back(gender + " = " + value);
  (*s)["fhir mapping"]["mapping"] = {"", {{"questionnaire", e.questionnaire_url},
                                          {"vitals_max_age_days", std::to_string(e.vitals_max_age_days)},
                                          {"age", QuestionId(m, e.age_question)},
                                          {"sex", QuestionId(m, e.sex_question)},
                                          {"gender", Sorted(genders)}}};
  for (const auto& o : e.observations)
    (*s)["loinc"][o.loinc] = {o.display, {{"question", QuestionId(m, o.question)},
                                          {"display", o.display},
                                          {"safer", o.higher_is_safer ? "higher" : "lower"}}};
  // A value set is known by what it answers: "history.psychosis = true".
  for (const auto& c : e.conditions) {
    const internal::Question& q = m.questions[static_cast<size_t>(c.question)];
    const std::string value = q.type == internal::QuestionType::kEnum ? q.values[static_cast<size_t>(c.value)] : "true";
    Section& sets = (*s)["value sets"];
    sets[FreeId(sets, q.id + " = " + value)] = {c.label, {{"label", c.label}, {"source", c.source}, {"snomed", Sorted(c.snomed)},
                                                          {"icd10cm", Sorted(c.icd10cm)}}};
  }
  for (const auto& med : e.medications)
    (*s)["rxnorm"][med.rxcui] = {med.name, {{"name", med.name}, {"drugs", Sorted(med.generics)}}};
  Section& allergies = (*s)["allergies"];  // known by the question each answers
  for (const auto& a : e.allergies)
    allergies[FreeId(allergies, QuestionId(m, a.question))] = {a.label, {{"label", a.label}, {"source", a.source}, {"names", Join(a.names)}}};
}

std::map<std::string, Section> Flatten(const Model& m) {
  std::map<std::string, Section> s;
  s["metadata"]["rulebook"] = {"", {{"id", m.id}, {"title", m.title}, {"version", m.version}, {"effective", m.effective},
                                    {"reviewed_by", m.reviewed_by}, {"reviewed_on", m.reviewed_on},
                                    {"review_period_months", std::to_string(m.review_period_months)}}};
  std::vector<std::string> bands;
  for (const auto& b : m.bands) bands.push_back(fmt::format("{} from {}{}", b.name, b.from, b.needs_review ? " (needs_review)" : ""));
  s["policy"]["policy"] = {"", {{"bands", Join(bands)},
                                {"unrecognized_medication", m.unrecognized_needs_review ? "needs_review" : "no effect"},
                                {"probable_medication_matches", m.probable_medications ? "true" : "false"}}};
  for (const auto& src : m.sources) s["sources"][src.label] = {src.citation, {{"citation", src.citation}, {"url", src.url}}};
  for (const auto& q : m.questions)
    s["questions"][q.id] = {q.prompt,
                            {{"type", internal::QuestionTypeName(q.type)},
                             {"unit", q.unit},
                             {"range", q.has_range ? Num(q.min) + ".." + Num(q.max) : ""},
                             {"values", Join(q.values)},
                             {"required", q.required ? "true" : "false"},
                             {"asked_when", q.asked_when.text},
                             {"implied_by", q.implied_by < 0 ? "" : m.questions[static_cast<size_t>(q.implied_by)].id},
                             {"prompt", q.prompt},
                             {"for_the_record", q.for_the_record ? "true" : "false"}}};
  for (const auto& d : m.derived)
    s["derived"][d.id] = {d.description, {{"expr", d.expr.text}, {"unit", d.unit}, {"description", d.description}}};
  for (const auto& r : m.rules) {
    std::vector<std::string> sources;
    for (int i : r.sources) sources.push_back(m.sources[static_cast<size_t>(i)].label);
    s["rules"][r.id] = {r.title,
                        {{"title", r.title},
                         {"severity", SeverityName(r.severity)},
                         {"points", std::to_string(r.points)},
                         {"when", r.when.text},
                         {"message", MessageText(m, r)},
                         {"action", r.action},
                         {"sources", Join(sources)},
                         {"local_policy", r.local_policy ? "true" : "false"},
                         {"urgent", r.urgent ? "true" : "false"},
                         {"reviewed_by", r.reviewed_by},
                         {"reviewed_on", r.reviewed_on}}};
  }
  const auto& lex = m.lexicon;
  for (const auto& c : lex.classes())
    s["classes"][c.id] = {c.title, {{"title", c.title}, {"interacts", c.interacts ? "true" : "false"}}};
  for (const auto& d : lex.drugs()) s["drugs"][d.generic] = {Join(ClassIds(m, d.classes)), {{"classes", Join(ClassIds(m, d.classes))}}};
  for (const auto& n : lex.names()) {
    // A generic's own name is reported with the drug, not again here.
    if (!n.is_pattern && n.drugs.size() == 1 && lex.drugs()[static_cast<size_t>(n.drugs[0])].generic == n.text) continue;
    std::vector<std::string> generics;
    for (int d : n.drugs) generics.push_back(lex.drugs()[static_cast<size_t>(d)].generic);
    std::sort(generics.begin(), generics.end());
    const std::string id = n.is_pattern ? "pattern " + n.text : n.text;
    s["names"][id] = {Join(generics), {{"drugs", Join(generics)}}};
  }
  for (const auto& w : lex.common_words()) s["common words"][w] = {"", {}};
  FlattenEhrMapping(m, &s);
  return s;
}

const char* kSectionOrder[] = {"metadata", "policy", "sources", "questions", "derived", "rules", "classes", "drugs", "names", "common words",
                               "fhir mapping", "loinc", "value sets", "rxnorm", "allergies"};

}  // namespace

RulebookDiff DiffRulebooks(const Rulebook& before, const Rulebook& after) {
  RulebookDiff diff;
  diff.before = {before.id(), before.title(), before.version(), before.sha256()};
  diff.after = {after.id(), after.title(), after.version(), after.sha256()};
  diff.mapping_sha256_before = internal::ModelOf(before).ehr.sha256;
  diff.mapping_sha256_after = internal::ModelOf(after).ehr.sha256;
  auto a = Flatten(internal::ModelOf(before));
  auto b = Flatten(internal::ModelOf(after));
  for (const char* section : kSectionOrder) {
    const Section& old_items = a[section];
    const Section& new_items = b[section];
    std::set<std::string> ids;
    for (const auto& [id, item] : old_items) ids.insert(id);
    for (const auto& [id, item] : new_items) ids.insert(id);
    for (const auto& id : ids) {
      auto o = old_items.find(id);
      auto n = new_items.find(id);
      DiffEntry e;
      e.section = section;
      e.id = id;
      if (o == old_items.end()) {
        e.change = DiffEntry::Change::kAdded;
        e.summary = n->second.summary;
      } else if (n == new_items.end()) {
        e.change = DiffEntry::Change::kRemoved;
        e.summary = o->second.summary;
      } else {
        e.change = DiffEntry::Change::kChanged;
        e.summary = n->second.summary;
        for (size_t i = 0; i < o->second.fields.size(); ++i)
          if (o->second.fields[i].second != n->second.fields[i].second)
            e.fields.push_back({o->second.fields[i].first, o->second.fields[i].second, n->second.fields[i].second});
        if (e.fields.empty()) continue;
      }
      diff.entries.push_back(std::move(e));
    }
  }
  return diff;
}

bool ScreeningDiff::changed() const {
  return readable_before != readable_after || outcome_before != outcome_after || score_before != score_after ||
         unrecognized_before != unrecognized_after || probable_before != probable_after || urgent_before != urgent_after ||
         !rules.empty();
}

namespace {

std::map<std::string, std::string> RuleStatuses(const ScreeningResult& r) {
  std::map<std::string, std::string> out;
  for (const auto& f : r.flags) out[f.id] = "fired";
  for (const auto& u : r.undecided) out[u.id] = "undecided";
  for (const auto& u : r.not_evaluated) out[u.id] = "not evaluated";
  return out;
}

}  // namespace

void CompareScreenings(const Rulebook& rulebook_before, const ScreeningResult& before, const Rulebook& rulebook_after,
                       const ScreeningResult& after, ScreeningDiff* out) {
  out->outcome_before = OutcomeName(before.outcome);
  out->outcome_after = OutcomeName(after.outcome);
  out->score_before = before.score;
  out->score_after = after.score;
  out->unrecognized_before = static_cast<int>(before.unrecognized_medications.size());
  out->unrecognized_after = static_cast<int>(after.unrecognized_medications.size());
  out->urgent_before = before.urgent();
  out->urgent_after = after.urgent();
  out->probable_before = static_cast<int>(before.probable_medications.size());
  out->probable_after = static_cast<int>(after.probable_medications.size());
  const auto a = RuleStatuses(before);
  const auto b = RuleStatuses(after);
  std::set<std::string> in_before, in_after, ids;
  for (const auto& r : internal::ModelOf(rulebook_before).rules) in_before.insert(r.id);
  for (const auto& r : internal::ModelOf(rulebook_after).rules) in_after.insert(r.id);
  ids.insert(in_before.begin(), in_before.end());
  ids.insert(in_after.begin(), in_after.end());
  // A rule of the rulebook not listed as fired, undecided or not evaluated was not fired.
  auto status = [](const std::set<std::string>& in, const std::map<std::string, std::string>& listed, const std::string& id) {
    if (in.count(id) == 0) return std::string("absent");
    auto it = listed.find(id);
    return it == listed.end() ? std::string("not fired") : it->second;
  };
  out->rules.clear();
  for (const auto& id : ids) {
    const std::string sa = status(in_before, a, id);
    const std::string sb = status(in_after, b, id);
    if (sa != sb && !(sa == "absent" && sb == "not fired") && !(sa == "not fired" && sb == "absent"))
      out->rules.push_back({id, sa, sb});
  }
}

}  // namespace candidacy
