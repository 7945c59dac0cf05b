// The shipped medication lexicon (contract section 4): names -> generics and interacting classes, misses, screening of unrecognised entries.
// How an entry is read: entry_test.cc; plain names: plain_test.cc; probable matches: probable_test.cc.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "lexicon/lexicon.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using Names = std::set<std::string>;

const internal::Lexicon& Lex() { return candidacy::internal::ModelOf(Shipped()).lexicon; }

// The shipped rulebook's files by relative path, with `from` replaced by `to`
// once in rulebook.yaml (`from` empty: as they are).
std::map<std::string, std::string> ShippedFiles(const std::string& from = "", const std::string& to = "") {
  std::map<std::string, std::string> files;
  const std::filesystem::path root = SourceDir() + "/rules/ketamine";
  for (const auto& f : std::filesystem::recursive_directory_iterator(root))
    if (f.is_regular_file()) files[std::filesystem::relative(f.path(), root).string()] = FileText(f.path().string());
  if (!from.empty()) {
    std::string& top = files["rulebook.yaml"];
    const auto at = top.find(from);
    REQUIRE(at != std::string::npos);
    top.replace(at, from.size(), to);
  }
  return files;
}

Names Generics(const internal::MedicationMatch& m) {
  Names out;
  for (int d : m.drugs) out.insert(Lex().drugs()[d].generic);
  return out;
}

Names InteractingClasses(const internal::MedicationMatch& m) {
  Names out;
  for (int c : m.classes)
    if (Lex().classes()[c].interacts) out.insert(Lex().classes()[c].id);
  return out;
}

// A YAML flow list of single-quoted entries.
std::string YamlList(const std::vector<std::string>& entries) {
  std::string out = "[";
  for (const auto& e : entries) {
    std::string q;
    for (char c : e) q += c == '\'' ? std::string("''") : std::string(1, c);
    out += (out.size() > 1 ? ", '" : "'") + q + "'";
  }
  return out + "]";
}

struct Row {
  std::string entry;
  Names generics;
  Names classes;  // interacting classes only
};

const std::vector<Row> kRecognised = {
    // benzodiazepines: generic, brand, case, doses, punctuation, position
    {"XANAX 0.5mg prn", {"alprazolam"}, {"benzodiazepine"}},
    {"alprazolam 0.25 mg tid", {"alprazolam"}, {"benzodiazepine"}},
    {"Xanax XR 1 mg", {"alprazolam"}, {"benzodiazepine"}},
    {"(Xanax)", {"alprazolam"}, {"benzodiazepine"}},
    {"Xanax, as needed", {"alprazolam"}, {"benzodiazepine"}},
    {"1 mg xanax", {"alprazolam"}, {"benzodiazepine"}},
    {"prn xAnAx at night", {"alprazolam"}, {"benzodiazepine"}},
    {"\tXanax\t", {"alprazolam"}, {"benzodiazepine"}},
    {"Ativan 1mg at night", {"lorazepam"}, {"benzodiazepine"}},
    {"klonopin 0.5 mg BID", {"clonazepam"}, {"benzodiazepine"}},
    {"VALIUM 5MG", {"diazepam"}, {"benzodiazepine"}},
    {"Restoril 15 mg qhs", {"temazepam"}, {"benzodiazepine"}},
    {"Librax 1 cap", {"chlordiazepoxide", "clidinium"}, {"benzodiazepine"}},
    // opioids and combinations
    {"Norco 10/325 q6h prn", {"hydrocodone", "acetaminophen"}, {"opioid"}},
    {"Percocet 5/325", {"oxycodone", "acetaminophen"}, {"opioid"}},
    {"OxyContin 20 mg ER q12h", {"oxycodone"}, {"opioid"}},
    {"tramadol 50mg", {"tramadol"}, {"opioid"}},
    {"Suboxone 8/2 mg film daily", {"buprenorphine", "naloxone"}, {"opioid"}},
    {"methadone 80 mg daily", {"methadone"}, {"opioid"}},
    {"fentanyl patch 25 mcg/hr", {"fentanyl"}, {"opioid"}},
    {"Tylenol with codeine", {"acetaminophen", "codeine"}, {"opioid"}},
    {"co-codamol 30/500", {"codeine", "paracetamol"}, {"opioid"}},
    // stimulants and sympathomimetics
    {"Adderall XR 20 mg", {"amphetamine", "dextroamphetamine"}, {"stimulant"}},
    {"Vyvanse 30mg qAM", {"lisdexamfetamine"}, {"stimulant"}},
    {"Ritalin LA 20 mg", {"methylphenidate"}, {"stimulant"}},
    {"concerta 36mg", {"methylphenidate"}, {"stimulant"}},
    {"modafinil 200 mg", {"modafinil"}, {"stimulant", "cyp3a4_inducer"}},
    {"Sudafed 60 mg", {"pseudoephedrine"}, {"stimulant"}},
    {"Claritin-D 12 hour", {"loratadine", "pseudoephedrine"}, {"stimulant"}},
    // naltrexone class
    {"Contrave 8/90 two tabs bid", {"naltrexone", "bupropion"}, {"naltrexone"}},
    {"Vivitrol 380 mg IM monthly", {"naltrexone"}, {"naltrexone"}},
    {"naltrexone 50 mg", {"naltrexone"}, {"naltrexone"}},
    {"Mysimba", {"naltrexone", "bupropion"}, {"naltrexone"}},
    {"Lybalvi 10/10", {"olanzapine", "samidorphan"}, {"naltrexone", "sedating_antipsychotic"}},
    // lamotrigine, MAOIs
    {"Lamictal 100 mg bid", {"lamotrigine"}, {"lamotrigine"}},
    {"lamotrigine ER 200mg", {"lamotrigine"}, {"lamotrigine"}},
    {"Nardil 15 mg tid", {"phenelzine"}, {"maoi"}},
    {"Parnate 10mg", {"tranylcypromine"}, {"maoi"}},
    {"Emsam patch 6 mg/24h", {"selegiline"}, {"maoi"}},
    {"Zyvox 600 mg bid", {"linezolid"}, {"maoi"}},
    {"methylene blue", {"methylene blue"}, {"maoi"}},
    // CYP3A4 inhibitors and inducers
    {"clarithromycin 500 mg bid", {"clarithromycin"}, {"cyp3a4_inhibitor"}},
    {"Diflucan 150 mg once", {"fluconazole"}, {}},  // moderate: not a strong inhibitor (1.1.0)
    {"Paxlovid", {"nirmatrelvir", "ritonavir"}, {"cyp3a4_inhibitor"}},
    {"grapefruit juice daily", {"grapefruit juice"}, {}},
    {"diltiazem 120 mg", {"diltiazem"}, {}},
    {"rifampin 600 mg", {"rifampin"}, {"cyp3a4_inducer"}},
    {"Tegretol 200 mg bid", {"carbamazepine"}, {"cyp3a4_inducer"}},
    {"St John's wort", {"St John's wort"}, {"cyp3a4_inducer"}},
    {"St  John's   Wort 300mg", {"St John's wort"}, {"cyp3a4_inducer"}},
    {"ST. JOHN'S WORT extract", {"St John's wort"}, {"cyp3a4_inducer"}},
    {"hypericum 900 mg", {"St John's wort"}, {"cyp3a4_inducer"}},
    // other NMDA antagonists, theophylline, thyroid hormones, sedatives
    {"Namenda 10 mg bid", {"memantine"}, {"nmda_antagonist"}},
    {"dextromethorphan cough syrup", {"dextromethorphan"}, {"nmda_antagonist"}},
    {"Nuedexta 20/10", {"dextromethorphan", "quinidine"}, {"nmda_antagonist"}},
    {"Auvelity 45/105", {"dextromethorphan", "bupropion"}, {"nmda_antagonist"}},
    {"amantadine 100mg", {"amantadine"}, {"nmda_antagonist"}},
    {"theophylline 300 mg SR", {"theophylline"}, {"theophylline"}},
    {"Aminophylline", {"aminophylline"}, {"theophylline"}},
    {"Synthroid 75 mcg", {"levothyroxine"}, {"thyroid_hormone"}},
    {"levothyroxine 50mcg daily", {"levothyroxine"}, {"thyroid_hormone"}},
    {"Armour Thyroid 60 mg", {"thyroid desiccated"}, {"thyroid_hormone"}},
    {"Ambien 10 mg qhs", {"zolpidem"}, {"sedative_hypnotic"}},
    {"zopiclone 7.5mg", {"zopiclone"}, {"sedative_hypnotic"}},
    {"Lunesta 3mg", {"eszopiclone"}, {"sedative_hypnotic"}},
    {"Benadryl 25 mg at bedtime", {"diphenhydramine"}, {"sedative_hypnotic"}},
    {"Fioricet 1 tab", {"butalbital", "acetaminophen", "caffeine"}, {"barbiturate", "sedative_hypnotic"}},
    // 1.1.0: gabapentinoids, barbiturates and sedating antipsychotics (IX-13), kava, abbreviations
    {"gabapentin 300 mg tid", {"gabapentin"}, {"gabapentinoid"}},
    {"Lyrica 75mg", {"pregabalin"}, {"gabapentinoid"}},
    {"phenobarbital 30 mg", {"phenobarbital"}, {"barbiturate", "cyp3a4_inducer", "sedative_hypnotic"}},
    {"Seroquel 25 mg at night", {"quetiapine"}, {"sedating_antipsychotic"}},
    {"olanzapine 5mg", {"olanzapine"}, {"sedating_antipsychotic"}},
    {"chlorpromazine 25", {"chlorpromazine"}, {"sedating_antipsychotic"}},
    {"kava kava tea", {"kava"}, {"sedative_hypnotic"}},
    {"oxy IR 5mg", {"oxycodone"}, {"opioid"}},
    {"MS Contin 15 mg", {"morphine"}, {"opioid"}},
    {"Tylenol PM", {"acetaminophen", "diphenhydramine"}, {"sedative_hypnotic"}},
    // several names in one entry; quiet drugs
    {"Xanax and Norco", {"alprazolam", "hydrocodone", "acetaminophen"}, {"benzodiazepine", "opioid"}},
    {"Xanax/Ambien", {"alprazolam", "zolpidem"}, {"benzodiazepine", "sedative_hypnotic"}},
    {"Wellbutrin XL 300 mg", {"bupropion"}, {}},
    {"Zoloft 50 mg", {"sertraline"}, {}},
};

TEST_CASE("lexicon: names map to generics and interacting classes", "[lexicon]") {
  const Row row = GENERATE(from_range(kRecognised));
  INFO("entry: '" << row.entry << "'");
  const auto m = Lex().Match(row.entry);
  CHECK(m.recognized);
  CHECK(Generics(m) == row.generics);
  CHECK(InteractingClasses(m) == row.classes);
}

// A brand that prefixes a longer product's name gives way to it, and the
// "Tylenol #3" family is codeine with acetaminophen.
TEST_CASE("lexicon: brand prefixes of combination names", "[lexicon]") {
  const Row row = GENERATE(values<Row>({
      {"Tylenol #3", {"acetaminophen", "codeine"}, {"opioid"}},  // matches Tylenol only: the opioid passes unseen
      {"Sudafed PE 10 mg", {"phenylephrine"}, {"stimulant"}},    // also matches Sudafed: adds pseudoephedrine
      {"Excedrin PM", {"acetaminophen", "diphenhydramine"}, {"sedative_hypnotic"}},  // also Excedrin: aspirin, caffeine
  }));
  INFO("entry: '" << row.entry << "'");
  const auto m = Lex().Match(row.entry);
  CHECK(Generics(m) == row.generics);
  CHECK(InteractingClasses(m) == row.classes);
}

const std::vector<std::string> kUnrecognised = {
    "Xanex 0.5 mg", "Adderal 20mg", "Klonipin 1mg", "oxycodon 5mg", "sertaline 50 mg", "Zolft", "Wellbutrim XL",
    "Percoset 5/325", "Ambiem 10mg", "Suboxon film", "Xanaxil", "preXanax", "10 mg daily", "kratom", "kratom 2 g daily",
    "CBD oil", "CBD oil 25 mg", "esketamine", "Spravato 56 mg nasal", "ketamine", "", " ", "-", "St John",
};

TEST_CASE("lexicon: misspellings, embedded names and unknown products stay unrecognised", "[lexicon]") {
  const std::string entry = GENERATE(from_range(kUnrecognised));
  INFO("entry: '" << entry << "'");
  const auto m = Lex().Match(entry);
  CHECK_FALSE(m.recognized);
  CHECK(m.drugs.empty());
  CHECK(m.classes.empty());
}

TEST_CASE("lexicon: policy probable_medication_matches: false turns guessing off, and off is the default", "[lexicon]") {
  const std::string base = WithAnswer(BaseQuestionnaire(), "medications", YamlList({"Adderal 20 mg"}));

  const auto on = ScreenText(Shipped(), base);
  CHECK(on.outcome == Outcome::kNeedsReview);
  CHECK(on.probable_medications == std::vector<std::string>{"Adderal 20 mg"});
  CHECK(on.unrecognized_medications.empty());
  CHECK(FlagIds(on) == std::vector<std::string>{"IX-04"});
  REQUIRE(on.medications.size() == 1);
  CHECK(on.medications[0].probable_names == std::vector<std::string>{"Adderall"});

  const std::string on_line = "  probable_medication_matches: true";
  // Turned off; and without the setting (a rulebook written before probable matches).
  for (const std::string& to : {std::string("  probable_medication_matches: false"), std::string("")}) {
    INFO("'" << on_line << "' -> '" << to << "'");
    TempRulebook rb(ShippedFiles(on_line, to));
    INFO(rb.diagnostics());
    REQUIRE(rb.Load().ok());
    const auto off = ScreenText(*rb.rulebook(), base);
    CHECK(off.outcome == Outcome::kNeedsReview);  // unrecognised instead
    CHECK(off.probable_medications.empty());
    CHECK(off.unrecognized_medications == std::vector<std::string>{"Adderal 20 mg"});
    CHECK(FlagIds(off).empty());
  }
}

TEST_CASE("lexicon: the common non-interacting drugs are recognised and quiet", "[lexicon]") {
  const std::string entry = GENERATE(as<std::string>{}, "sertraline 100 mg", "Lexapro 10mg", "venlafaxine XR 75 mg",
                                     "Cymbalta 60", "atorvastatin 40 mg", "Crestor 10mg", "lisinopril 10 mg",
                                     "amlodipine 5mg", "losartan 50", "metformin 500 mg bid", "ibuprofen 400mg prn",
                                     "Aleve", "paracetamol 1 g", "acetaminophen 500 mg", "Tylenol", "vitamin D 1000 IU",
                                     "multivitamin daily", "fish oil", "omeprazole 20mg");
  INFO("entry: '" << entry << "'");
  const auto m = Lex().Match(entry);
  CHECK(m.recognized);
  CHECK_FALSE(m.classes.empty());
  CHECK(InteractingClasses(m).empty());
}

TEST_CASE("lexicon: every class the shipped rules use exists, interacts and has drugs", "[lexicon]") {
  const std::regex use("in class '([A-Za-z0-9_.-]+)'");
  std::set<std::string> used;
  for (const auto& f : std::filesystem::directory_iterator(SourceDir() + "/rules/ketamine/rules")) {
    const std::string text = FileText(f.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it) used.insert((*it)[1]);
  }
  REQUIRE(used.size() >= 12);
  for (const auto& id : used) {
    INFO("class " << id);
    const int c = Lex().FindClass(id);
    REQUIRE(c >= 0);
    CHECK(Lex().classes()[c].interacts);
    CHECK(std::any_of(Lex().drugs().begin(), Lex().drugs().end(), [&](const internal::Drug& d) {
      return std::find(d.classes.begin(), d.classes.end(), c) != d.classes.end();
    }));
  }
  CHECK(Lex().names().size() >= 300);
  CHECK(Shipped().medication_name_count() == Lex().names().size());
}

TEST_CASE("lexicon: an unrecognised entry is reported and sends the outcome to review", "[lexicon]") {
  const std::string base = WithAnswer(BaseQuestionnaire(), "medications", YamlList({"sertraline 100 mg daily", "Zenthera 0.5 mg"}));
  REQUIRE(ScreenText(Shipped(), BaseQuestionnaire()).outcome == Outcome::kEligible);

  const auto r = ScreenText(Shipped(), base);
  CHECK(r.outcome == Outcome::kNeedsReview);
  CHECK(FlagIds(r).empty());  // listed on its own, not as a flag
  CHECK(r.unrecognized_medications == std::vector<std::string>{"Zenthera 0.5 mg"});
  REQUIRE(r.medications.size() == 2);
  CHECK(r.medications[0].recognized);
  CHECK(r.medications[0].generics == std::vector<std::string>{"sertraline"});
  CHECK(r.medications[1].text == "Zenthera 0.5 mg");
  CHECK_FALSE(r.medications[1].recognized);
  CHECK(r.medications[1].generics.empty());
  CHECK(r.medications[1].classes.empty());

  SECTION("policy unrecognized_medication: report keeps the outcome") {
    TempRulebook rb(ShippedFiles("unrecognized_medication: needs_review", "unrecognized_medication: report"));
    INFO(rb.diagnostics());
    REQUIRE(rb.Load().ok());
    const auto reported = ScreenText(*rb.rulebook(), base);
    CHECK(reported.outcome == Outcome::kEligible);
    CHECK(reported.unrecognized_medications == std::vector<std::string>{"Zenthera 0.5 mg"});
    CHECK_FALSE(reported.medications[1].recognized);
  }
}

TEST_CASE("lexicon: matching is deterministic and independent of position in the list", "[lexicon]") {
  std::vector<std::string> entries = {"Xanax 1 mg", "Norco 10/325", "Xanex", "St John's wort", "Zoloft 50mg",
                                      "Contrave", "kratom", "Adderall XR 20mg", "vitamin D"};
  auto screen = [&](const std::vector<std::string>& list) {
    std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> by_text;
    const auto r = ScreenText(Shipped(), WithAnswer(BaseQuestionnaire(), "medications", YamlList(list)));
    REQUIRE(r.medications.size() == list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      CHECK(r.medications[i].text == list[i]);  // in the order given
      by_text[list[i]] = {r.medications[i].generics, r.medications[i].classes};
    }
    return std::make_pair(by_text, r.unrecognized_medications.size());
  };
  const auto forward = screen(entries);
  CHECK(forward.second == 1);  // kratom ("Xanex" is a probable Xanax)
  CHECK(screen(entries) == forward);
  std::reverse(entries.begin(), entries.end());
  CHECK(screen(entries) == forward);
  std::rotate(entries.begin(), entries.begin() + 4, entries.end());
  CHECK(screen(entries) == forward);
  // Matched into one reused MedicationMatch (as screening does), each entry
  // gives what it gives alone, whatever the match held before.
  internal::MedicationMatch reused;
  for (const auto& e : entries) {
    INFO(e);
    const auto alone = Lex().Match(e);
    const auto again = Lex().Match(e);
    CHECK(alone.drugs == again.drugs);
    CHECK(alone.classes == again.classes);
    Lex().Match(e, &reused);
    CHECK(reused.recognized == alone.recognized);
    CHECK(reused.drugs == alone.drugs);
    CHECK(reused.classes == alone.classes);
  }
}

}  // namespace
}  // namespace candidacy::testing
