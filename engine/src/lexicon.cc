// Medication lexicon and its RE2::Set matcher. Test: tests/lexicon_test.cc.
#include "lexicon.h"

#include <algorithm>

#include <re2/re2.h>
#include <re2/set.h>

namespace candidacy::internal {

struct CompiledNames {
  explicit CompiledNames(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
};

namespace {

// Whole words, case-insensitive: the name must not touch a letter, digit or
// underscore on either side ("Xanax" in "XANAX 0.5mg", not in "Xanaxil").
// Spaces in a name match any run of white space. Boundaries are ASCII (\b):
// Unicode letter classes around each of hundreds of names would multiply
// the Set's program size past any sensible memory budget.
std::string NamePattern(const DrugName& n) {
  // An author's pattern is matched as written, as whole words, case-insensitive.
  if (n.is_pattern) return "(?i)\\b(?:" + n.text + ")\\b";
  const std::string& name = n.text;
  std::string quoted = RE2::QuoteMeta(name);
  std::string body;
  for (size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == ' ') {
      body += "\\s+";
      ++i;
    } else {
      body += quoted[i];
    }
  }
  return "(?i)\\b" + body + "\\b";
}

RE2::Options MatcherOptions() {
  RE2::Options options;
  options.set_log_errors(false);  // a bad pattern is a rule-file error, never stderr
  options.set_max_mem(256 << 20);
  return options;
}

// Every place the name's pattern matches in `entry`, as [begin, end) byte spans.
std::vector<std::pair<size_t, size_t>> Spans(const RE2& re, std::string_view entry) {
  std::vector<std::pair<size_t, size_t>> spans;
  re2::StringPiece match;
  size_t pos = 0;
  while (pos <= entry.size() && re.Match(entry, pos, entry.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t begin = static_cast<size_t>(match.data() - entry.data());
    spans.emplace_back(begin, begin + match.size());
    pos = begin + std::max<size_t>(match.size(), 1);
  }
  return spans;
}

}  // namespace

// A name whose every occurrence lies inside an occurrence of another matched
// name gives way to it: "Sudafed PE" is phenylephrine, not also the
// pseudoephedrine of "Sudafed"; "Excedrin PM" is not also plain Excedrin.
// Runs only for the rare entries that match two names or more.
void Lexicon::DropContainedNames(std::string_view entry, std::vector<int>* hits) const {
  std::vector<std::vector<std::pair<size_t, size_t>>> spans;
  for (int h : *hits) {
    RE2 re(NamePattern(names_[h]), MatcherOptions());
    spans.push_back(re.ok() ? Spans(re, entry) : std::vector<std::pair<size_t, size_t>>{});
  }
  auto inside = [](const std::pair<size_t, size_t>& a, const std::pair<size_t, size_t>& b) {
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

int Lexicon::AddClass(DrugClass c) {
  const int index = static_cast<int>(classes_.size());
  class_index_.emplace(c.id, index);
  classes_.push_back(std::move(c));
  return index;
}

int Lexicon::AddDrug(Drug d) {
  const int index = static_cast<int>(drugs_.size());
  drug_index_.emplace(d.generic, index);
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
  const RE2::Options options = MatcherOptions();
  set_ = std::make_unique<CompiledNames>(options);
  for (size_t i = 0; i < names_.size(); ++i) {
    std::string error;
    if (set_->set.Add(NamePattern(names_[i]), &error) < 0) errors->emplace_back(static_cast<int>(i), error);
  }
  if (!errors->empty()) return false;
  if (!set_->set.Compile()) {
    errors->emplace_back(-1, "the medication names do not compile into one matcher (memory limit)");
    return false;
  }
  return true;
}

MedicationMatch Lexicon::Match(std::string_view text) const {
  MedicationMatch match;
  if (!set_) return match;
  // Typographic apostrophes (U+2018, U+2019) as the plain one: "St John’s wort".
  std::string normalized;
  std::string_view entry = text;
  if (text.find("\xE2\x80") != std::string_view::npos) {
    normalized = std::string(text);
    for (const char* curly : {"\xE2\x80\x98", "\xE2\x80\x99"})
      for (size_t pos; (pos = normalized.find(curly)) != std::string::npos;) normalized.replace(pos, 3, "'");
    entry = normalized;
  }
  std::vector<int> hits;
  RE2::Set::ErrorInfo info;
  if (!set_->set.Match(entry, &hits, &info) && info.kind != RE2::Set::kNoError) {
    // The Set's DFA ran out of memory on this input: try one pattern at a
    // time (slow, but never a silent miss; no shared state, so thread-safe).
    hits.clear();
    for (size_t i = 0; i < names_.size(); ++i) {
      RE2 one(NamePattern(names_[i]), MatcherOptions());
      if (one.ok() && RE2::PartialMatch(entry, one)) hits.push_back(static_cast<int>(i));
    }
  }
  if (hits.empty()) return match;
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
  return match;
}

}  // namespace candidacy::internal
