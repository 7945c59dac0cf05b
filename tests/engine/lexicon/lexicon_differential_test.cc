// The lexicon's matcher (plain names in a trie, patterns in RE2) gives
// exactly what the former matcher gave (every name an RE2 pattern in one
// RE2::Set, kept below as the reference): the shipped and the benchmark
// lexicons and a lexicon of odd names, on every name in many spellings, the
// benchmark's entries (tests/engine/lexicon/lexicon_entries.txt), hostile bytes and random text.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <re2/re2.h>
#include <re2/set.h>

#include "lexicon/lexicon.h"
#include "lexicon/plain.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using internal::DrugName;
using internal::Lexicon;
using internal::MedicationMatch;

// ---- the reference: lexicon.cc's matcher before the plain-name table ------

std::string ReferencePattern(const DrugName& n) {
  if (n.is_pattern) return "(?i)\\b(?:" + n.text + ")\\b";
  std::string quoted = RE2::QuoteMeta(n.text);
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

RE2::Options ReferenceOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(256 << 20);
  return options;
}

std::vector<std::pair<size_t, size_t>> ReferenceSpans(const RE2& re, std::string_view entry) {
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

class ReferenceMatcher {
 public:
  explicit ReferenceMatcher(const Lexicon& lex) : lex_(lex), set_(ReferenceOptions(), RE2::UNANCHORED) {
    for (size_t i = 0; i < lex.names().size(); ++i) {
      std::string error;
      if (set_.Add(ReferencePattern(lex.names()[i]), &error) < 0) errors_.emplace_back(static_cast<int>(i), error);
      // The former matcher compiled these afresh on every call; compiling
      // them once changes nothing but the time the test takes.
      one_.push_back(std::make_unique<RE2>(ReferencePattern(lex.names()[i]), ReferenceOptions()));
    }
    // The former Match, on a Set that failed to compile, went one pattern at a time.
    compiled_ = errors_.empty() && set_.Compile();
  }

  const std::vector<std::pair<int, std::string>>& errors() const { return errors_; }

  MedicationMatch Match(std::string_view text) const {
    MedicationMatch match;
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
    if (!compiled_ || (!set_.Match(entry, &hits, &info) && info.kind != RE2::Set::kNoError)) {
      hits.clear();
      for (size_t i = 0; i < lex_.names().size(); ++i) {
        const RE2& one = *one_[i];
        if (one.ok() && RE2::PartialMatch(entry, one)) hits.push_back(static_cast<int>(i));
      }
    }
    if (hits.empty()) return match;
    if (hits.size() > 1) DropContainedNames(entry, &hits);
    match.recognized = true;
    for (int h : hits)
      for (int d : lex_.names()[h].drugs) match.drugs.push_back(d);
    std::sort(match.drugs.begin(), match.drugs.end());
    match.drugs.erase(std::unique(match.drugs.begin(), match.drugs.end()), match.drugs.end());
    for (int d : match.drugs)
      for (int c : lex_.drugs()[d].classes) match.classes.push_back(c);
    std::sort(match.classes.begin(), match.classes.end());
    match.classes.erase(std::unique(match.classes.begin(), match.classes.end()), match.classes.end());
    return match;
  }

 private:
  void DropContainedNames(std::string_view entry, std::vector<int>* hits) const {
    std::vector<std::vector<std::pair<size_t, size_t>>> spans;
    for (int h : *hits) {
      const RE2& re = *one_[h];
      spans.push_back(re.ok() ? ReferenceSpans(re, entry) : std::vector<std::pair<size_t, size_t>>{});
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

  const Lexicon& lex_;
  RE2::Set set_;
  std::vector<std::unique_ptr<RE2>> one_;  // per name
  std::vector<std::pair<int, std::string>> errors_;
  bool compiled_ = false;
};

// ---- the lexicons ----------------------------------------------------------

const Lexicon& BenchLexicon() {
  static std::shared_ptr<const Rulebook> rulebook = [] {
    std::map<std::string, std::string> files;
    const std::string rules = SourceDir() + "/rules/ketamine/";
    for (const char* f : {"rulebook.yaml", "questions.yaml", "derived.yaml", "common-words.yaml"}) files[f] = FileText(rules + f);
    for (const auto& f : std::filesystem::directory_iterator(rules + "rules"))
      files["rules/" + f.path().filename().string()] = FileText(f.path().string());
    files["medications.yaml"] = FileText(SourceDir() + "/bench/lexicon/medications.yaml");
    TempRulebook rb(files);
    INFO(rb.diagnostics());
    REQUIRE(rb.Load().ok());
    return rb.rulebook();
  }();
  return candidacy::internal::ModelOf(*rulebook).lexicon;
}

// Names the loader would refuse but the Lexicon class takes: punctuation at
// either end, odd spacing, controls, UTF-8, letters RE2 folds from outside
// ASCII, two spellings of one name, overlapping occurrences; and patterns.
const std::vector<DrugName>& OddNames() {
  static const std::vector<DrugName> names = [] {
    std::vector<DrugName> out;
    for (const char* text : {"Xanax", "xanax", "XANAX XR", "Tylenol", "Tylenol #3", "#3", "no. 4", ".5 mg", "c++",
                             "a.", "-x-", "St. John's wort", "St John's wort", "co-codamol", "5-HTP", "k", "ss",
                             "Kelvin k", "s s", "a  b", " lead", "trail ", "tab\there", "new\nline", "v\vt",
                             "\xC3\x96lfen", "na\xC3\xAFve", "\xC5\xBF", "\xE2\x84\xAA", "back\\ slash", "x_y", "_",
                             "'", "''", "\xE2\x80\x99s", "dose 10/325", "a b c d e f g h", "aa aa", "aa", "a a",
                             "b-b b-b", "Sudafed", "Sudafed PE", "PE", "zz\x01zz", "%", "(", "q.d."})
      out.push_back({text, {}, false});
    for (const char* pattern : {"tylenol\\s*(#|no\\.?)?\\s*[234]", "tylenol[\\s-]+codeine", "x+y", "k[a-z]*n",
                                "(?-i)Abc", "a|b c", "st\\.? ?john'?s\\s+wort", "\xC3\xA9t\xC3\xA9"})
      out.push_back({pattern, {}, true});
    return out;
  }();
  return names;
}

// One drug and one class per name, so every name's match shows.
Lexicon MakeLexicon(const std::vector<DrugName>& names, std::vector<std::pair<int, std::string>>* errors) {
  Lexicon lex;
  for (size_t i = 0; i < names.size(); ++i) {
    const int c = lex.AddClass({"c" + std::to_string(i), "class", true, {}});
    const int d = lex.AddDrug({"d" + std::to_string(i), {c}});
    DrugName name = names[i];
    name.drugs = {d};
    lex.AddName(std::move(name));
  }
  lex.Compile(errors);
  return lex;
}

const Lexicon& OddLexicon() {
  static const Lexicon lex = [] {
    std::vector<std::pair<int, std::string>> errors;
    Lexicon l = MakeLexicon(OddNames(), &errors);
    INFO(errors.size() << " errors, the first: " << (errors.empty() ? "" : errors[0].second));
    REQUIRE(errors.empty());
    return l;
  }();
  return lex;
}

const Lexicon& ByName(const std::string& name) {
  if (name == "ketamine") return candidacy::internal::ModelOf(Shipped()).lexicon;
  if (name == "bench") return BenchLexicon();
  return OddLexicon();
}

// ---- entries -----------------------------------------------------------------

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

constexpr const char* kKelvin = "\xE2\x84\xAA";  // RE2's (?i) matches it to k
constexpr const char* kLongS = "\xC5\xBF";       // and this to s

// A name in many spellings: as written, folded, in a dose, glued to other
// words, in punctuation, with other white space, curly apostrophes, letters
// from outside ASCII, twice.
std::vector<std::string> Spellings(const std::string& n) {
  std::vector<std::string> out = {
      n, Upper(n), Lower(n), n + " 10 mg", "10 mg " + n, "take " + n + " daily", "x" + n, n + "x", "1" + n, n + "1",
      "_" + n, n + "_", "(" + n + ")", n + ",", "'" + n + "'", "\"" + n + "\"", "-" + n + "-", "." + n, n + ".",
      "#" + n, n + "#", n + "s", n + "/" + n, n + " " + n, n + n, "zz" + n + "zz",
      Replace(n, " ", "\t"), Replace(n, " ", "\n"), Replace(n, " ", "   "), Replace(n, " ", " \t\r\f\n"),
      Replace(n, " ", "\v"), Replace(n, " ", ""), Replace(n, " ", "-"), " " + Replace(n, " ", "  ") + " ",
      Replace(n, "'", "\xE2\x80\x99"), Replace(n, "'", "\xE2\x80\x98"), Replace(n, "'", ""), Replace(n, "'", "`"),
      Replace(Lower(n), "k", kKelvin), Replace(Lower(n), "s", kLongS), "x" + Replace(Lower(n), "k", kKelvin),
      "x" + Replace(Lower(n), "s", kLongS), Replace(Lower(n), "s", kLongS) + "x", "\xC3\xA9" + n, n + "\xC3\xA9",
      "\xFF" + n, n + "\xE2\x80", "\xE2\x80\x9C" + n + "\xE2\x80\x9D"};
  if (!n.empty()) {
    out.push_back(n.substr(1));
    out.push_back(n.substr(0, n.size() - 1));
  }
  return out;
}

std::vector<std::string> NameSpellings(const Lexicon& lex) {
  std::vector<std::string> out;
  for (const auto& name : lex.names())
    for (auto& s : Spellings(name.text)) out.push_back(std::move(s));
  return out;
}

// Two names together; a name inside a longer one ("Sudafed" in "Sudafed PE").
std::vector<std::string> NamePairs(const Lexicon& lex) {
  const auto& names = lex.names();
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < names.size(); ++i) {
    const std::string& a = names[i].text;
    const std::string& b = names[(i * 7 + 1) % names.size()].text;
    for (const char* between : {" ", "/", " and ", ", ", "-"}) out.push_back(a + between + b);
  }
  std::vector<std::string> lower;
  for (const auto& n : names) lower.push_back(Lower(n.text));
  for (size_t i = 0; i < names.size(); ++i)
    for (size_t o = 0; o < names.size(); ++o) {
      if (o == i || lower[o].find(lower[i]) == std::string::npos) continue;
      const std::string& inner = names[i].text;
      const std::string& outer = names[o].text;
      for (const std::string& s : {outer, inner + " " + outer, outer + " " + inner, outer + " or " + inner + " 10 mg",
                                   Replace(outer, " ", "  "), Upper(outer) + "x " + inner})
        out.push_back(s);
    }
  return out;
}

std::vector<std::string> Hostile() {
  std::vector<std::string> out = {
      "", " ", "\t", "\n", "-", "'", "\xE2\x80\x99", "\xE2\x80", "\xE2\x80\x99\xE2\x80\x98", "\xE2\xE2\x80\x99",
      "\xFF\xFE\xFD", "\xE2\x84", "\xC5", kLongS, kKelvin, std::string(1, '\0'), std::string("xanax\0", 6),
      std::string("\0xanax", 6), "Sudafed PE", "Excedrin PM", "Tylenol with codeine", "Tylenol #3", "Tylenol No. 4",
      "tylenol-codeine", "Tylenol 3", "tylenol  #  2", "Sudafed PE Sudafed", "Sudafed and Sudafed PE",
      "Excedrin PM / Excedrin", "xanax xanax xr xanax", "St John\xE2\x80\x99s wort", "st. john\xE2\x80\x98s wort",
      "Tylenol\twith\ncodeine", "TYLENOL WITH CODEINE #3", "aa aa aa", "a a a a", "b-b b-b b-b", "Xanax XR XR",
      "Tylenol #3 and Tylenol PM", "Tylenol PM #3", "Sudafed PE PE", std::string(3000, 'x'),
      std::string(500, ' ') + "xanax", "xanax" + std::string(200, '\t') + "xr"};
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes += static_cast<char>(c);
  out.push_back(all_bytes + " xanax");
  return out;
}

// Random text from the lexicon's words, pieces of them and noise, with a fixed seed.
std::vector<std::string> RandomText(const Lexicon& lex, size_t count) {
  std::vector<std::string> words = {"mg", "10", "0.5", "#", "/", "-", "#3", "no.", "no", "x", "xr", "pm", "'",
                                    "\xE2\x80\x99", kKelvin, kLongS, "\xC3\xA9", "\xFF", "(", ")", ",", ".", "_", "s",
                                    "k", "and", "with"};
  for (const auto& name : lex.names()) {
    std::istringstream in(name.text);
    for (std::string w; in >> w;) {
      words.push_back(w);
      if (w.size() > 3) words.push_back(w.substr(0, w.size() / 2));
    }
  }
  const std::vector<std::string> between = {" ", " ", " ", "", "  ", "\t", "-", "/", "\n", ". ", "\xE2\x80\x98"};
  std::mt19937 rng(20240601);
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    std::string s;
    const size_t n = 1 + rng() % 6;
    for (size_t w = 0; w < n; ++w) {
      if (w > 0) s += between[rng() % between.size()];
      std::string word = words[rng() % words.size()];
      if (rng() % 4 == 0) word = Upper(word);
      s += word;
    }
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> BenchmarkEntries() {
  std::ifstream in(SourceDir() + "/tests/engine/lexicon/lexicon_entries.txt");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("# ", 0) != 0) out.push_back(line);
  return out;
}

// ---- comparing ---------------------------------------------------------------

std::string Shown(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string Shown(const MedicationMatch& m) {
  std::string out = m.recognized ? "recognized drugs" : "unrecognized drugs";
  for (int d : m.drugs) out += " " + std::to_string(d);
  out += " classes";
  for (int c : m.classes) out += " " + std::to_string(c);
  return out;
}

bool Same(const MedicationMatch& a, const MedicationMatch& b) {
  return a.recognized == b.recognized && a.drugs == b.drugs && a.classes == b.classes;
}

struct Tally {
  std::vector<std::string> differences;  // the first few
  size_t different = 0, recognized = 0, total = 0;
};

Tally Compare(const Lexicon& lex, const std::vector<std::string>& entries) {
  const ReferenceMatcher reference(lex);
  Tally t;
  for (const auto& e : entries) {
    const MedicationMatch want = reference.Match(e);
    const MedicationMatch got = lex.Match(e);
    ++t.total;
    t.recognized += want.recognized ? 1 : 0;
    if (Same(want, got)) continue;
    if (++t.different <= 20) t.differences.push_back("'" + Shown(e) + "': want " + Shown(want) + ", got " + Shown(got));
  }
  return t;
}

// ---- tests ---------------------------------------------------------------------

struct Family {
  const char* name;
  std::vector<std::string> (*entries)(const Lexicon&);
  bool has_misses;  // some entries match no name, so the comparison proves something either way
};

const Family kFamilies[] = {
    {"every name in many spellings", NameSpellings, true},
    {"pairs of names, and names inside longer ones", NamePairs, false},
    {"hostile bytes and the containment cases", [](const Lexicon&) { return Hostile(); }, true},
    {"random text from the lexicon's words", [](const Lexicon& lex) { return RandomText(lex, 4000); }, true},
    {"the benchmark's medication entries", [](const Lexicon&) { return BenchmarkEntries(); }, true},
};

TEST_CASE("lexicon differential: the matcher gives what the RE2::Set matcher gave", "[lexicon]") {
  const std::string lexicon = GENERATE(as<std::string>{}, "ketamine", "bench", "odd");
  const Family family = GENERATE(from_range(std::begin(kFamilies), std::end(kFamilies)));
  INFO("lexicon " << lexicon << ": " << family.name);
  const Lexicon& lex = ByName(lexicon);
  const std::vector<std::string> entries = family.entries(lex);
  REQUIRE(entries.size() >= 40);
  const Tally t = Compare(lex, entries);
  INFO(t.total << " entries, " << t.recognized << " recognised, " << t.different << " different");
  CHECK(t.differences == std::vector<std::string>{});
  CHECK(t.recognized > 0);
  if (family.has_misses) CHECK(t.recognized < t.total);
}

TEST_CASE("lexicon differential: both real lexicons have what the comparison needs", "[lexicon]") {
  const std::string lexicon = GENERATE(as<std::string>{}, "ketamine", "bench");
  const Lexicon& lex = ByName(lexicon);
  INFO("lexicon " << lexicon);
  CHECK(lex.names().size() >= 400);
  const auto is_pattern = [](const DrugName& n) { return n.is_pattern; };
  if (lexicon == "ketamine") CHECK(std::any_of(lex.names().begin(), lex.names().end(), is_pattern));
  CHECK(BenchmarkEntries().size() >= 400);
  // Every plain name is matched without RE2; only the author's patterns use it.
  for (const auto& n : lex.names())
    if (!n.is_pattern) CHECK(internal::PlainNames::Takes(n.text));
  // A one-word name glued between letters is no name at all.
  for (const auto& n : lex.names()) {
    if (n.is_pattern || Lower(n.text).find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) continue;
    INFO(n.text);
    CHECK_FALSE(lex.Match("zz" + n.text + "zz").recognized);
    CHECK(lex.Match(" " + Upper(n.text) + ". ").recognized);
  }
}

// Names that do not compile: the same errors, the same texts, in the same
// order; the names that did compile still match as before.
TEST_CASE("lexicon differential: names that do not compile are reported as before", "[lexicon]") {
  std::vector<DrugName> names = OddNames();
  for (const char* pattern : {"hyperic(um", "x{2,1001}", "a**", "\\", "", "\\b", "[z-a]"})
    names.push_back({pattern, {}, true});
  for (const char* text : {"\xFF\xFE", "ok name", "", "caf\xC3"}) names.push_back({text, {}, false});
  std::vector<std::pair<int, std::string>> errors;
  const Lexicon lex = MakeLexicon(names, &errors);
  const ReferenceMatcher reference(lex);
  CHECK(errors == reference.errors());
  for (const auto& [index, message] : errors) UNSCOPED_INFO(index << ": " << message);
  REQUIRE(errors.size() == 7);
  CHECK(errors.front().first == static_cast<int>(OddNames().size()));
  CHECK(errors.front().second == "missing ): (?i)\\b(?:hyperic(um)\\b");
  for (const auto& family : kFamilies) {
    INFO(family.name);
    const Tally t = Compare(lex, family.entries(lex));
    INFO(t.different << " different");
    CHECK(t.differences == std::vector<std::string>{});
  }
}

TEST_CASE("lexicon differential: matching from several threads at once gives the same results", "[lexicon]") {
  const Lexicon& lex = candidacy::internal::ModelOf(Shipped()).lexicon;
  const std::vector<std::string> entries = RandomText(lex, 3000);
  std::vector<MedicationMatch> alone;
  for (const auto& e : entries) alone.push_back(lex.Match(e));
  std::vector<std::vector<MedicationMatch>> together(4, std::vector<MedicationMatch>(entries.size()));
  std::vector<std::thread> threads;
  for (size_t t = 0; t < together.size(); ++t)
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < entries.size(); ++i) {
        const size_t k = (i + t * 997) % entries.size();  // each thread starts elsewhere
        together[t][k] = lex.Match(entries[k]);
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& results : together) {
    size_t different = 0;
    for (size_t i = 0; i < entries.size(); ++i) different += Same(alone[i], results[i]) ? 0 : 1;
    CHECK(different == 0);
  }
}

TEST_CASE("lexicon differential: nothing matches before Compile", "[lexicon]") {
  Lexicon lex;
  const int c = lex.AddClass({"c", "class", true, {}});
  lex.AddName({"Xanax", {lex.AddDrug({"alprazolam", {c}})}, false});
  CHECK_FALSE(lex.Match("Xanax").recognized);
  std::vector<std::pair<int, std::string>> errors;
  REQUIRE(lex.Compile(&errors));
  CHECK(lex.Match("Xanax").recognized);
}

}  // namespace
}  // namespace candidacy::testing
