// Probable matches (lexicon/probable.h): which words can be guessed at, the
// names within one or two edits, and the shipped lexicon's guesses (a table).
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/ascii.h"
#include "base/spelling.h"
#include "lexicon/probable.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

const internal::Lexicon& Lex() { return candidacy::internal::ModelOf(Shipped()).lexicon; }

std::set<std::string> Generics(const internal::MedicationMatch& m) {
  std::set<std::string> out;
  for (int d : m.drugs) out.insert(Lex().drugs()[d].generic);
  return out;
}

// Probable matches (Match(entry, true)): a misspelt word within reach of
// exactly one drug's one-word names is taken for it, and said.
struct ProbableRow {
  const char* entry;
  std::set<std::string> generics;  // empty: no guess
  std::vector<std::string> names;  // the names taken
};
const std::vector<ProbableRow> kProbable = {
    {"Xanex 0.5 mg", {"alprazolam"}, {"Xanax"}},           // 5 letters, one substitution
    {"Zanax", {"alprazolam"}, {"Xanax"}},
    {"Adderal 20mg", {"amphetamine", "dextroamphetamine"}, {"Adderall"}},  // one deletion
    {"Klonipin 1mg", {"clonazepam"}, {"Klonopin"}},
    {"sertaline 50 mg", {"sertraline"}, {"sertraline"}},
    {"Zolft", {"sertraline"}, {"Zoloft"}},
    {"Seroquil 25 mg at night", {"quetiapine"}, {"Seroquel"}},
    {"Percoset 5/325", {"oxycodone", "acetaminophen"}, {"Percocet"}},
    {"gabapentine 300 mg", {"gabapentin"}, {"gabapentin"}},
    {"lisinipril", {"lisinopril"}, {"lisinopril"}},
    {"ibuprofin", {"ibuprofen"}, {"ibuprofen"}},
    {"Prozak", {"fluoxetine"}, {"Prozac"}},
    {"Xnaax", {"alprazolam"}, {"Xanax"}},                  // a swap of neighbours is one edit
    {"setralin 50", {"sertraline"}, {"sertraline"}},       // two edits of a name of 8 letters or more
    // a name found as written is not guessed at again; the misspelt word beside it is
    {"lisinopril 10mg + Xanex", {"lisinopril", "alprazolam"}, {"Xanax"}},
    {"Xanax 1 mg tablet daily", {"alprazolam"}, {}},
    // no guess: two edits from a short name, too short, no drug near, or two drugs as near
    {"Xanaxxx 1 mg", {}, {}},
    {"Xanx", {"alprazolam"}, {"Xanax"}},                  // a word of 4 letters, one from a name of 5
    {"preXanax", {}, {}},
    {"kratom 2 g daily", {}, {}},
    {"one tablet twice daily with meals", {}, {}},
    {"lprazolam", {}, {}},   // one edit from alprazolam and from loprazolam
    {"flodipine", {}, {}},   // within two edits of felodipine and of amlodipine
    {"10 mg daily", {}, {}},
    {"", {}, {}},
};


TEST_CASE("lexicon: a misspelt word close to exactly one drug is a probable match", "[lexicon]") {
  const ProbableRow row = GENERATE(from_range(kProbable));
  INFO("entry: '" << row.entry << "'");
  const auto m = Lex().Match(row.entry, true);
  CHECK(Generics(m) == row.generics);
  std::vector<std::string> names;
  for (int p : m.probable) names.push_back(Lex().names()[p].text);
  CHECK(names == row.names);
  const auto exact = Lex().Match(row.entry);
  CHECK(m.recognized == exact.recognized);  // a guess never counts as recognised
  CHECK(exact.probable.empty());
}

TEST_CASE("probable: only one word of five or more ASCII letters is guessed at", "[lexicon]") {
  auto [text, takes] = GENERATE(table<std::string, bool>({
      {"Xanax", true}, {"Zoloft", true}, {"sertraline", true}, {"Xanx", false}, {"Xanax1", false},
      {"St John", false}, {"co-codamol", false}, {"caf\xC3\xA9ine", false}, {"", false},
  }));
  CAPTURE(text);
  CHECK(internal::ProbableNames::Takes(text) == takes);
}

TEST_CASE("probable: one edit from a name of 5 to 7 letters, two from a longer one, never the name itself", "[lexicon]") {
  internal::ProbableNames names;
  names.Add(10, "Xanax");
  names.Add(11, "Adderall");
  names.Add(12, "sertraline");
  names.Add(13, "Zoloft");
  auto [word, found] = GENERATE(table<std::string, std::vector<int>>({
      {"xanex", {10}},     // a substitution
      {"xnaax", {10}},     // a swap of neighbours
      {"xanaxx", {10}},    // an insertion
      {"xanax", {}},       // the name itself is no guess
      {"xaxex", {}},       // two edits from a name of 5
      {"adderal", {11}},
      {"aderal", {11}},    // two edits from a name of 8
      {"setralin", {12}},
      {"zolft", {13}},
      {"zlft", {}},
      {"xan", {}},
      {"kratom", {}},
  }));
  CAPTURE(word);
  std::vector<int> scanned, indexed;
  names.FindByScan(word, &scanned);
  names.FindByIndex(word, &indexed);
  CHECK(scanned == found);
  CHECK(indexed == found);
}

// The exact index the hashed one stands for: every deleted form as a string,
// the candidates checked by the same edit distance. Slow; a reference only.
class ExactIndex {
 public:
  void Add(int index, const std::string& text) {
    const std::string lower = internal::AsciiLower(text);
    for (const auto& form : Forms(lower, lower.size() >= internal::ProbableNames::kTwoEdits ? 2 : 1))
      by_form_[form].insert(static_cast<int>(names_.size()));
    names_.push_back({index, lower});
  }
  std::vector<int> Find(const std::string& word) const {
    if (word.size() + 2 < internal::ProbableNames::kShortest) return {};
    std::set<int> candidates;
    for (const auto& form : Forms(word, 2))
      if (auto it = by_form_.find(form); it != by_form_.end()) candidates.insert(it->second.begin(), it->second.end());
    std::vector<int> out;
    for (int c : candidates) {
      const auto& [index, text] = names_[c];
      const size_t reach = text.size() >= internal::ProbableNames::kTwoEdits ? 2 : 1;
      const size_t d = internal::EditDistance(word, text, reach + 1);
      if (d >= 1 && d <= reach) out.push_back(index);
    }
    return out;
  }

 private:
  static std::set<std::string> Forms(const std::string& text, size_t deletions) {
    std::set<std::string> out{text};
    for (size_t round = 0; round < deletions; ++round) {
      const std::set<std::string> before = out;
      for (const auto& f : before)
        for (size_t i = 0; i < f.size(); ++i) out.insert(f.substr(0, i) + f.substr(i + 1));
    }
    return out;
  }
  std::vector<std::pair<int, std::string>> names_;
  std::map<std::string, std::set<int>> by_form_;
};

TEST_CASE("probable: the hashed index and the scan of every name find what the exact index finds", "[lexicon]") {
  // Every one-word name of the shipped lexicon, and for each a dozen words
  // one, two and three edits away (deleted, doubled, swapped, replaced
  // letters at places spread over the word).
  internal::ProbableNames hashed;
  ExactIndex exact;
  std::vector<std::string> words;
  const auto& all = Lex().names();
  for (size_t i = 0; i < all.size(); ++i) {
    const std::string& text = all[i].text;
    if (!internal::ProbableNames::Takes(text)) continue;
    hashed.Add(static_cast<int>(i), text);
    exact.Add(static_cast<int>(i), text);
    const std::string w = internal::AsciiLower(text);
    const size_t n = w.size();
    for (size_t k = 0; k < 3; ++k) {
      const size_t at = (k * 7 + i) % n, at2 = (at + 3) % n;
      std::string del = w, dup = w, swap = w, rep = w, two = w, three = w;
      del.erase(at, 1);
      dup.insert(at, 1, w[at]);
      if (at + 1 < n) std::swap(swap[at], swap[at + 1]);
      rep[at] = rep[at] == 'e' ? 'a' : 'e';
      two[at] = 'q';
      two.erase(at2, 1);
      three = two;
      three.insert(0, "x");
      words.insert(words.end(), {del, dup, swap, rep, two, three});
    }
  }
  REQUIRE(words.size() > 10000);
  size_t found = 0;
  for (const auto& word : words) {
    std::vector<int> out, scanned, either;
    hashed.FindByIndex(word, &out);
    hashed.FindByScan(word, &scanned);
    const std::vector<int> expected = exact.Find(word);
    if (out != expected) FAIL_CHECK("index: word '" << word << "'");
    if (scanned != expected) FAIL_CHECK("scan: word '" << word << "'");
    found += !out.empty();
  }
  CHECK(found > words.size() / 2);  // most of them are guesses: the comparison is not of empty lists
}

TEST_CASE("probable: Find scans for the first words, then uses the index, finding the same", "[lexicon]") {
  internal::ProbableNames names;
  names.Add(0, "sertraline");
  names.Add(1, "Adderall");
  names.Add(2, "Xanax");
  for (size_t i = 0; i < internal::ProbableNames::kScanLookups + 8; ++i) {
    const std::string word = i % 2 == 0 ? "setraline" : "aderal";
    std::vector<int> out;
    names.Find(word, &out);
    CAPTURE(i, word);
    CHECK(out == std::vector<int>{i % 2 == 0 ? 0 : 1});
  }
}

}  // namespace
}  // namespace candidacy::testing
