// Medication lexicon: the names, and matching an entry against them.
// Tests: tests/lexicon_test.cc, tests/lexicon_differential_test.cc.
#include "lexicon.h"

#include <algorithm>

#include "lexicon_entry.h"
#include "lexicon_patterns.h"
#include "lexicon_plain.h"

namespace candidacy::internal {

struct CompiledNames {
  PlainNames plain;
  PatternNames patterns;
};

// A name whose every occurrence lies inside an occurrence of another matched
// name gives way to it: "Sudafed PE" is phenylephrine, not also the
// pseudoephedrine of "Sudafed"; "Excedrin PM" is not also plain Excedrin.
// Runs only for the rare entries that match two names or more.
void Lexicon::DropContainedNames(std::string_view entry, std::vector<int>* hits) const {
  std::vector<std::vector<TextSpan>> spans(hits->size());
  for (size_t i = 0; i < hits->size(); ++i) {
    const int h = (*hits)[i];
    if (compiled_->plain.Has(h))
      compiled_->plain.Spans(entry, h, &spans[i]);
    else
      compiled_->patterns.Spans(entry, h, &spans[i]);
  }
  auto inside = [](const TextSpan& a, const TextSpan& b) {
    return b.first <= a.first && a.second <= b.second && (b.second - b.first) > (a.second - a.first);
  };
  std::vector<int> kept;
  for (size_t i = 0; i < hits->size(); ++i) {
    bool all_inside = !spans[i].empty();
    for (const auto& a : spans[i]) {
      bool covered = false;
      for (size_t j = 0; j < hits->size() && !covered; ++j)
        if (j != i)
          for (const auto& b : spans[j]) covered = covered || inside(a, b);
      all_inside = all_inside && covered;
    }
    if (!all_inside) kept.push_back((*hits)[i]);
  }
  if (!kept.empty()) *hits = std::move(kept);
}

Lexicon::Lexicon() = default;
Lexicon::~Lexicon() = default;
Lexicon::Lexicon(Lexicon&&) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&&) noexcept = default;

void Lexicon::Reserve(size_t classes, size_t drugs, size_t names) {
  classes_.reserve(classes);
  class_index_.reserve(classes);
  drugs_.reserve(drugs);
  drug_index_.reserve(drugs);
  names_.reserve(names);
}

int Lexicon::AddClass(DrugClass c) {
  const int index = static_cast<int>(classes_.size());
  if (!class_index_.emplace(c.id, index).second) return -1;
  classes_.push_back(std::move(c));
  return index;
}

int Lexicon::AddDrug(Drug d) {
  const int index = static_cast<int>(drugs_.size());
  if (!drug_index_.emplace(d.generic, index).second) return -1;
  drugs_.push_back(std::move(d));
  return index;
}

void Lexicon::AddName(DrugName name) { names_.push_back(std::move(name)); }

int Lexicon::FindClass(std::string_view id) const {
  auto it = class_index_.find(std::string(id));
  return it == class_index_.end() ? -1 : it->second;
}

int Lexicon::FindDrug(std::string_view generic) const {
  auto it = drug_index_.find(std::string(generic));
  return it == drug_index_.end() ? -1 : it->second;
}

bool Lexicon::Compile(std::vector<std::pair<int, std::string>>* errors) {
  compiled_ = std::make_unique<CompiledNames>();
  compiled_->plain.Reserve(names_.size());
  for (size_t i = 0; i < names_.size(); ++i) {
    const DrugName& name = names_[i];
    const int index = static_cast<int>(i);
    std::string error;
    if (!name.is_pattern && PlainNames::Takes(name.text))
      compiled_->plain.Add(index, name.text);
    else if (!compiled_->patterns.Add(index, name, &error))
      errors->emplace_back(index, error);
  }
  compiled_->plain.Finish();
  if (!errors->empty()) return false;
  if (!compiled_->patterns.Compile()) {
    errors->emplace_back(-1, "the medication names do not compile into one matcher (memory limit)");
    return false;
  }
  return true;
}

MedicationMatch Lexicon::Match(std::string_view text) const {
  MedicationMatch match;
  Match(text, &match);
  return match;
}

void Lexicon::Match(std::string_view text, MedicationMatch* out) const {
  MedicationMatch& match = *out;
  match.recognized = false;
  match.drugs.clear();
  match.classes.clear();
  if (!compiled_) return;
  // Typographic apostrophes (U+2018, U+2019) as the plain one: "St John’s wort".
  std::string normalized;
  const std::string_view entry = PlainApostrophes(text, &normalized);
  thread_local std::vector<int> hits;  // this thread's, reused from one entry to the next
  hits.clear();
  compiled_->plain.Find(entry, &hits);
  compiled_->patterns.Find(entry, &hits);
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  if (hits.empty()) return;
  if (hits.size() > 1) DropContainedNames(entry, &hits);
  match.recognized = true;
  for (int h : hits)
    for (int d : names_[h].drugs) match.drugs.push_back(d);
  std::sort(match.drugs.begin(), match.drugs.end());
  match.drugs.erase(std::unique(match.drugs.begin(), match.drugs.end()), match.drugs.end());
  for (int d : match.drugs)
    for (int c : drugs_[d].classes) match.classes.push_back(c);
  std::sort(match.classes.begin(), match.classes.end());
  match.classes.erase(std::unique(match.classes.begin(), match.classes.end()), match.classes.end());
}

}  // namespace candidacy::internal
