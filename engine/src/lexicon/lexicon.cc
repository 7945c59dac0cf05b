// Medication lexicon: the names, and matching an entry against them.
// Tests: tests/engine/lexicon/lexicon_test.cc, tests/engine/lexicon/lexicon_differential_test.cc.
#include "lexicon/lexicon.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "base/ascii.h"
#include "lexicon/entry.h"
#include "lexicon/patterns.h"
#include "lexicon/plain.h"
#include "lexicon/probable.h"

namespace candidacy::internal {

struct CompiledNames {
  PlainNames plain;
  PatternNames patterns;
  // Built on the first probable search: a rulebook that never asks for one
  // (or a screening with no misspelling to look at) does not pay for it.
  std::once_flag probable_built;
  ProbableNames probable;
  // Tells this lexicon's words apart in a thread's memo of them (below).
  const std::uint64_t serial = next_serial.fetch_add(1, std::memory_order_relaxed);
  static std::atomic<std::uint64_t> next_serial;
};
std::atomic<std::uint64_t> CompiledNames::next_serial{1};

namespace {
// A thread's memo of the words it looked up, with the name they were taken
// for (-1: none): the same words ("daily", "tablet") come back entry after
// entry. Emptied when another lexicon asks, or when it grows large.
struct WordMemo {
  std::uint64_t lexicon = 0;
  std::unordered_map<std::string, int> taken;
};
constexpr size_t kWordMemoMax = 1 << 14;
}  // namespace

void Lexicon::SpansOf(std::string_view entry, int name, std::vector<TextSpan>* spans) const {
  if (compiled_->plain.Has(name))
    compiled_->plain.Spans(entry, name, spans);
  else
    compiled_->patterns.Spans(entry, name, spans);
}

void Lexicon::FindProbable(std::string_view entry, const std::vector<int>& hits, std::vector<int>* probable) const {
  CompiledNames& c = *compiled_;
  std::call_once(c.probable_built, [&] {
    for (size_t i = 0; i < names_.size(); ++i)
      if (!names_[i].is_pattern && ProbableNames::Takes(names_[i].text)) c.probable.Add(static_cast<int>(i), names_[i].text);
  });
  std::vector<TextSpan> covered, spans;
  for (int h : hits) {
    SpansOf(entry, h, &spans);
    covered.insert(covered.end(), spans.begin(), spans.end());
  }
  std::string word;
  std::vector<int> near;
  for (size_t i = 0; i < entry.size();) {
    if (!IsWordByte(static_cast<unsigned char>(entry[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    bool letters = true;
    while (end < entry.size() && IsWordByte(static_cast<unsigned char>(entry[end]))) {
      const char ch = entry[end];
      letters = letters && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
      ++end;
    }
    const bool inside = std::any_of(covered.begin(), covered.end(), [&](const TextSpan& s) { return s.first <= i && end <= s.second; });
    if (letters && !inside && end - i <= c.probable.longest() + 2) {
      word.assign(entry.substr(i, end - i));  // (one buffer for every word)
      for (char& ch : word) ch = AsciiLower(ch);
      thread_local WordMemo memo;
      if (memo.lexicon != c.serial || memo.taken.size() >= kWordMemoMax) {
        memo.taken.clear();
        memo.lexicon = c.serial;
      }
      auto [it, fresh] = memo.taken.try_emplace(word, -1);
      if (fresh) {
        near.clear();
        if (!std::binary_search(common_words_.begin(), common_words_.end(), word)) c.probable.Find(word, &near);
        // Exactly one known name, or several that are the same drug(s): a guess.
        std::sort(near.begin(), near.end());
        const bool one = !near.empty() && std::all_of(near.begin(), near.end(), [&](int n) { return names_[n].drugs == names_[near[0]].drugs; });
        if (one) it->second = near[0];
      }
      const int taken = it->second;
      if (taken >= 0 && std::find(probable->begin(), probable->end(), taken) == probable->end()) probable->push_back(taken);
    }
    i = end;
  }
}

// A name whose every occurrence lies inside an occurrence of another matched
// name gives way to it: "Sudafed PE" is phenylephrine, not also the
// pseudoephedrine of "Sudafed"; "Excedrin PM" is not also plain Excedrin.
// Runs only for the rare entries that match two names or more.
void Lexicon::DropContainedNames(std::string_view entry, std::vector<int>* hits) const {
  std::vector<std::vector<TextSpan>> spans(hits->size());
  for (size_t i = 0; i < hits->size(); ++i) SpansOf(entry, (*hits)[i], &spans[i]);
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

void Lexicon::AddCommonWord(std::string word) { common_words_.push_back(AsciiLower(word)); }

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
  std::sort(common_words_.begin(), common_words_.end());  // searched by FindProbable
  if (!errors->empty()) return false;
  if (!compiled_->patterns.Compile()) {
    errors->emplace_back(-1, "the medication names do not compile into one matcher (memory limit)");
    return false;
  }
  return true;
}

MedicationMatch Lexicon::Match(std::string_view text, bool probable) const {
  MedicationMatch match;
  Match(text, &match, probable);
  return match;
}

namespace {

// *v sorted, each value once. (Most lists here hold one value or two: those
// are done without a call into std::sort.)
void SortUnique(std::vector<int>* v) {
  if (v->size() <= 1) return;
  if (v->size() == 2) {
    int& a = (*v)[0];
    int& b = (*v)[1];
    if (a == b) v->pop_back();
    else if (b < a) std::swap(a, b);
    return;
  }
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

void Lexicon::Match(std::string_view text, MedicationMatch* out, bool probable) const {
  MedicationMatch& match = *out;
  match.recognized = false;
  match.drugs.clear();
  match.classes.clear();
  match.probable.clear();
  if (!compiled_) return;
  // Typographic apostrophes (U+2018, U+2019) as the plain one: "St John’s wort".
  std::string normalized;
  const std::string_view entry = PlainApostrophes(text, &normalized);
  thread_local std::vector<int> hits;  // this thread's, reused from one entry to the next
  hits.clear();
  compiled_->plain.Find(entry, &hits);
  compiled_->patterns.Find(entry, &hits);
  SortUnique(&hits);
  if (hits.size() > 1) DropContainedNames(entry, &hits);
  if (probable) FindProbable(entry, hits, &match.probable);
  if (hits.empty() && match.probable.empty()) return;
  match.recognized = !hits.empty();
  for (int h : hits)
    for (int d : names_[h].drugs) match.drugs.push_back(d);
  for (int p : match.probable)
    for (int d : names_[p].drugs) match.drugs.push_back(d);
  SortUnique(&match.drugs);
  for (int d : match.drugs)
    for (int c : drugs_[d].classes) match.classes.push_back(c);
  SortUnique(&match.classes);
}

}  // namespace candidacy::internal
