// Lexicon names matched with RE2. Tests: tests/engine/lexicon/patterns_test.cc,
// tests/engine/lexicon/lexicon_differential_test.cc; bad patterns: tests/lint/err-bad-pattern.
#include "lexicon/patterns.h"

#include <algorithm>
#include <deque>
#include <mutex>

#include <re2/re2.h>
#include <re2/set.h>

#include "lexicon/lexicon.h"

namespace candidacy::internal {

namespace {

RE2::Options MatcherOptions() {
  RE2::Options options;
  options.set_log_errors(false);  // a bad pattern is a rule-file error, never stderr
  options.set_max_mem(256 << 20);
  return options;
}

// The Set's matches in *slots; false when its DFA ran out of memory. Most
// entries match no pattern, so it first asks whether any does (the DFA stops
// at the first match and lists nothing), and only then which.
bool SetMatch(const RE2::Set& set, std::string_view entry, std::vector<int>* slots) {
  RE2::Set::ErrorInfo info;
  if (!set.Match(entry, nullptr, &info)) return info.kind == RE2::Set::kNoError;
  return set.Match(entry, slots, &info) || info.kind == RE2::Set::kNoError;
}

// Whole words, case-insensitive: the name must not touch a letter, digit or
// underscore on either side ("Xanax" in "XANAX 0.5mg", not in "Xanaxil").
// Spaces in a name match any run of white space. Boundaries are ASCII (\b):
// Unicode letter classes around each name would multiply the program size.
std::string NamePattern(const DrugName& n) {
  // An author's pattern is matched as written, as whole words, case-insensitive.
  if (n.is_pattern) return "(?i)\\b(?:" + n.text + ")\\b";
  const std::string quoted = RE2::QuoteMeta(n.text);
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

}  // namespace

struct PatternNames::Compiled {
  Compiled() : set(MatcherOptions(), RE2::UNANCHORED) {}
  RE2::Set set;
  // Per slot, for spans and when the Set's DFA gives up: each pattern's own
  // RE2, compiled the first time it is needed (most runs never need one; a
  // compile is tens of microseconds of every start), once, on any thread.
  std::vector<std::string> pattern;
  std::deque<std::once_flag> once;
  std::deque<std::unique_ptr<RE2>> one;

  const RE2& One(size_t slot) {
    std::call_once(once[slot], [&] { one[slot] = std::make_unique<RE2>(pattern[slot], MatcherOptions()); });
    return *one[slot];
  }
};

PatternNames::PatternNames() : re_(std::make_unique<Compiled>()) {}
PatternNames::~PatternNames() = default;

bool PatternNames::Add(int index, const DrugName& name, std::string* error) {
  const std::string pattern = NamePattern(name);
  if (re_->set.Add(pattern, error) < 0) return false;
  if (static_cast<size_t>(index) >= slot_of_name_.size()) slot_of_name_.resize(static_cast<size_t>(index) + 1, -1);
  slot_of_name_[index] = static_cast<int>(name_of_slot_.size());
  name_of_slot_.push_back(index);
  re_->pattern.push_back(pattern);
  re_->once.emplace_back();
  re_->one.emplace_back();
  return true;
}

bool PatternNames::Compile() {
  if (name_of_slot_.empty()) return true;  // nothing to match: no Set to build
  compiled_ = re_->set.Compile();
  return compiled_;
}

void PatternNames::Find(std::string_view entry, std::vector<int>* hits) const {
  if (name_of_slot_.empty()) return;
  std::vector<int> slots;
  if (!compiled_ || !SetMatch(re_->set, entry, &slots)) {
    // The Set's DFA ran out of memory on this input (or the Set did not
    // compile): one RE2 at a time, slow but never a silent miss. RE2 falls
    // back from its DFA to the NFA by itself; no shared state, so thread-safe.
    slots.clear();
    for (size_t slot = 0; slot < re_->pattern.size(); ++slot) {
      const RE2& re = re_->One(slot);
      if (re.ok() && RE2::PartialMatch(entry, re)) slots.push_back(static_cast<int>(slot));
    }
  }
  for (int slot : slots) hits->push_back(name_of_slot_[slot]);
}

void PatternNames::Spans(std::string_view entry, int index, std::vector<TextSpan>* spans) const {
  const RE2& re = re_->One(static_cast<size_t>(slot_of_name_[index]));
  if (!re.ok()) return;
  re2::StringPiece match;
  size_t pos = 0;
  while (pos <= entry.size() && re.Match(entry, pos, entry.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t begin = static_cast<size_t>(match.data() - entry.data());
    spans->emplace_back(begin, begin + match.size());
    pos = begin + std::max<size_t>(match.size(), 1);
  }
}

}  // namespace candidacy::internal
