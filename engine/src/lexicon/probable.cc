// Probable matches of misspelt words. Test: tests/engine/lexicon/probable_test.cc.
#include "lexicon/probable.h"

#include <algorithm>

#include "base/ascii.h"
#include "base/spelling.h"

namespace candidacy::internal {

bool ProbableNames::Takes(std::string_view text) {
  if (text.size() < kShortest) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

void ProbableNames::Deletions(std::string_view text, size_t deletions, std::vector<std::string>* out) {
  out->clear();
  out->emplace_back(text);
  size_t from = 0;
  for (size_t round = 0; round < deletions; ++round) {
    const size_t to = out->size();
    for (size_t k = from; k < to; ++k) {
      const std::string base = (*out)[k];
      for (size_t i = 0; i < base.size(); ++i) out->push_back(base.substr(0, i) + base.substr(i + 1));
    }
    from = to;
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void ProbableNames::Add(int index, std::string_view text) {
  std::string lower = AsciiLower(text);
  longest_ = std::max(longest_, lower.size());
  names_.push_back({index, std::move(lower)});
}

void ProbableNames::Finish() {
  std::vector<std::string> variants;
  for (size_t n = 0; n < names_.size(); ++n) {
    Deletions(names_[n].text, Reach(names_[n].text.size()), &variants);
    for (auto& v : variants) by_deletion_[std::move(v)].push_back(static_cast<int>(n));
  }
}

void ProbableNames::Find(std::string_view word, std::vector<int>* names) const {
  if (word.size() + 2 < kShortest || word.size() > longest_ + 2) return;
  std::vector<std::string> variants;
  Deletions(word, 2, &variants);
  std::vector<int> candidates;
  for (const auto& v : variants) {
    auto it = by_deletion_.find(v);
    if (it != by_deletion_.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (int c : candidates) {
    const Name& name = names_[c];
    const size_t reach = Reach(name.text.size());
    const size_t d = EditDistance(word, name.text, reach + 1);
    if (d >= 1 && d <= reach) names->push_back(name.index);
  }
}

}  // namespace candidacy::internal
