// Probable matches (lexicon/probable.h): which words can be guessed at, the
// names within one or two edits, and the shipped lexicon's guesses (a table).
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

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
  names.Finish();
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
  std::vector<int> out;
  names.Find(word, &out);
  CHECK(out == found);
}

}  // namespace
}  // namespace candidacy::testing
