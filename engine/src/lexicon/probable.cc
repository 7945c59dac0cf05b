// Probable matches of misspelt words. Test: tests/engine/lexicon/probable_test.cc.
#include "lexicon/probable.h"

#include <algorithm>
#include <utility>

#include "base/ascii.h"
#include "base/spelling.h"

namespace candidacy::internal {

bool ProbableNames::Takes(std::string_view text) {
  if (text.size() < kShortest) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

namespace {

// Deleted forms are hashed as polynomials in kBase modulo 2^64, so the hash
// of a form is put together from the prefix hashes of its text in a few
// operations, whichever letters were deleted: H(xy) = H(x) * kBase^|y| + H(y).
// The same form always gives the same hash, on every machine; a final mix
// (splitmix64's) spreads it.
constexpr std::uint64_t kBase = 0x100000001b3ULL;  // odd

std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

// Prefix hashes and powers of one text: the hash of any piece in O(1).
class PieceHashes {
 public:
  explicit PieceHashes(std::string_view text) : prefix_(text.size() + 1), power_(text.size() + 1) {
    prefix_[0] = 0;
    power_[0] = 1;
    for (size_t i = 0; i < text.size(); ++i) {
      prefix_[i + 1] = prefix_[i] * kBase + static_cast<unsigned char>(text[i]) + 1;
      power_[i + 1] = power_[i] * kBase;
    }
  }
  // The hash of text[from, to).
  std::uint64_t Piece(size_t from, size_t to) const { return prefix_[to] - prefix_[from] * power_[to - from]; }
  // The hash of x followed by text[from, to), x's hash given.
  std::uint64_t Then(std::uint64_t x, size_t from, size_t to) const { return x * power_[to - from] + Piece(from, to); }

 private:
  std::vector<std::uint64_t> prefix_, power_;
};

}  // namespace

template <typename Emit>
void ProbableNames::DeletionHashes(std::string_view text, size_t deletions, Emit emit) {
  const size_t n = text.size();
  const PieceHashes h(text);
  emit(Mix(h.Piece(0, n)));
  for (size_t i = 0; i < n; ++i) {
    const std::uint64_t before = h.Piece(0, i);
    emit(Mix(h.Then(before, i + 1, n)));  // text[i] deleted
    if (deletions < 2) continue;
    for (size_t k = i + 1; k < n; ++k)  // and text[k]
      emit(Mix(h.Then(h.Then(before, i + 1, k), k + 1, n)));
  }
}

void ProbableNames::Add(int index, std::string_view text) {
  std::string lower = AsciiLower(text);
  longest_ = std::max(longest_, lower.size());
  names_.push_back({index, std::move(lower)});
}

void ProbableNames::BuildIndex() const {
  std::vector<Variant> variants;
  size_t count = 0;  // 1 + n forms with up to one letter deleted, n(n-1)/2 more with two
  for (const auto& name : names_) {
    const size_t n = name.text.size();
    count += 1 + n + (Reach(n) == 2 ? n * (n - 1) / 2 : 0);
  }
  variants.reserve(count);
  for (size_t n = 0; n < names_.size(); ++n) {
    DeletionHashes(names_[n].text, Reach(names_[n].text.size()),
                   [&](std::uint64_t h) { variants.push_back({h, static_cast<int>(n)}); });
  }
  // A stable radix sort by hash, 16 bits a pass from the lowest: the
  // variants were made in name order, so equal hashes keep it, and the
  // array ends sorted by (hash, name) in a few passes over it.
  std::vector<Variant> sorted(variants.size());
  std::vector<size_t> start(1u << 16);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(start.begin(), start.end(), 0);
    for (const auto& v : variants) ++start[(v.hash >> shift) & 0xFFFF];
    size_t at = 0;
    for (auto& s : start) at += std::exchange(s, at);
    for (const auto& v : variants) sorted[start[(v.hash >> shift) & 0xFFFF]++] = v;
    variants.swap(sorted);
  }
  variants.erase(std::unique(variants.begin(), variants.end(),
                             [](const Variant& a, const Variant& b) { return a.hash == b.hash && a.name == b.name; }),
                 variants.end());
  variants.shrink_to_fit();
  by_deletion_ = std::move(variants);
}

void ProbableNames::Check(std::string_view word, int c, std::vector<int>* names) const {
  const Name& name = names_[c];
  const size_t reach = Reach(name.text.size());
  const size_t d = EditDistance(word, name.text, reach + 1);
  if (d >= 1 && d <= reach) names->push_back(name.index);
}

void ProbableNames::Find(std::string_view word, std::vector<int>* names) const {
  if (lookups_.fetch_add(1, std::memory_order_relaxed) < kScanLookups)
    FindByScan(word, names);
  else
    FindByIndex(word, names);
}

void ProbableNames::FindByScan(std::string_view word, std::vector<int>* names) const {
  if (!InReach(word)) return;
  for (size_t c = 0; c < names_.size(); ++c) {
    const size_t n = names_[c].text.size();
    const size_t apart = n > word.size() ? n - word.size() : word.size() - n;
    if (apart <= Reach(n)) Check(word, static_cast<int>(c), names);  // (farther lengths are farther edits)
  }
}

void ProbableNames::FindByIndex(std::string_view word, std::vector<int>* names) const {
  std::call_once(index_built_, [this] { BuildIndex(); });
  if (!InReach(word)) return;
  std::vector<int> candidates;
  DeletionHashes(word, 2, [&](std::uint64_t h) {
    auto it = std::lower_bound(by_deletion_.begin(), by_deletion_.end(), Variant{h, -1});
    for (; it != by_deletion_.end() && it->hash == h; ++it) candidates.push_back(it->name);
  });
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (int c : candidates) Check(word, c, names);
}

}  // namespace candidacy::internal
