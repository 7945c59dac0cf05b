// Screening through the shipped rulebook: the outcome policy of contract
// section 2 reached by real questionnaires, the safety of unknown answers
// (generated variants: removing an answer never makes a screening more
// permissive), and determinism (same input, same bytes; key and medication
// order do not matter).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "candidacy/report.h"
#include "candidacy/screening.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

ScreeningResult Screened(const Sets& sets) { return Screen(Shipped(), ReadBase(sets)); }

std::vector<std::string> MissingIds(const ScreeningResult& r) {
  std::vector<std::string> ids;
  for (const auto& m : r.missing_questions) ids.push_back(m.id);
  return ids;
}
int PointsSum(const ScreeningResult& r) {
  int sum = 0;
  for (const auto& f : r.flags) sum += f.points;
  return sum;
}
// Outcome enum order is most severe first: a smaller rank is more severe.
int Rank(Outcome o) { return static_cast<int>(o); }

// Four cautions worth 2 + 1 + 1 + 1 points, no review flag (no opioid, so no IX-06).
const char* kFiveCautionPoints = "[Adderall XR 20 mg, XANAX 0.5mg prn, memantine 10 mg, Synthroid 75 mcg]";
const char* kFourCautionPoints = "[Adderall XR 20 mg, XANAX 0.5mg prn, memantine 10 mg]";

struct PolicyCase {
  const char* what;
  Sets sets;
  Outcome outcome;
  std::vector<std::string> flags;    // every flag, in result order
  std::vector<std::string> missing;  // questions to ask
  int score;
  const char* band;
};

}  // namespace

TEST_CASE("each outcome is reachable and the most severe wins", "[screening]") {
  using O = Outcome;
  const std::vector<PolicyCase> cases = {
      {"eligible: nothing fired, everything due decided", {}, O::kEligible, {}, {}, 0, "low"},
      {"precautions: a caution only", {{"logistics.escort_available", "false"}}, O::kEligibleWithPrecautions, {"LG-01"}, {}, 0, "low"},
      {"precautions: cautions worth 4", {{"medications", kFourCautionPoints}}, O::kEligibleWithPrecautions, {"IX-01", "IX-04", "IX-10"}, {}, 4, "low"},
      {"review: cautions alone reach 5", {{"medications", kFiveCautionPoints}}, O::kNeedsReview, {"IX-01", "IX-04", "IX-10", "IX-11"}, {}, 5, "moderate"},
      {"review: a review flag in the low band", {{"history.arrhythmia", "true"}}, O::kNeedsReview, {"RV-04"}, {}, 3, "low"},
      {"review: an unrecognised medication, not a flag", {{"medications", "[sertraline 100 mg daily, Zorblaxine 5 mg]"}}, O::kNeedsReview, {}, {}, 0, "low"},
      // The score is the sum of the flags' points; bands 0-4 low, 5-9 moderate, 10+ high.
      {"review: score 9", {{"depression.suicidal_ideation", "active_no_plan"}, {"history.arrhythmia", "true"}, {"history.glaucoma", "true"}},
       O::kNeedsReview, {"RV-04", "RV-06", "RV-17"}, {}, 9, "moderate"},
      {"review: score 10", {{"depression.suicidal_ideation", "active_with_plan"}}, O::kNeedsReview, {"RV-18"}, {}, 10, "high"},
      {"review: score 18", {{"depression.suicidal_ideation", "active_with_plan"}, {"vitals.systolic_bp", "150"}, {"medications", "[XANAX 0.5mg prn, Norco 10/325 q6h prn]"}},
       O::kNeedsReview, {"RV-01", "RV-18", "IX-06", "IX-01", "IX-05"}, {}, 18, "high"},
      {"incomplete: a due answer missing", {{"history.psychosis", kDrop}}, O::kIncomplete, {}, {"history.psychosis"}, 0, "low"},
      {"ineligible: an exclusion", {{"history.psychosis", "true"}}, O::kIneligible, {"EX-03"}, {}, 0, "low"},
      // The most severe wins; what is missing is still listed to ask.
      {"exclusion beats missing answers", {{"history.psychosis", "true"}, {"history.glaucoma", kDrop}, {"vitals.heart_rate", kDrop}},
       O::kIneligible, {"EX-03"}, {"vitals.heart_rate", "history.glaucoma"}, 0, "low"},
      {"missing answer beats review flags and the high band",
       {{"history.arrhythmia", "true"}, {"depression.suicidal_ideation", "active_with_plan"}, {"history.glaucoma", kDrop}},
       O::kIncomplete, {"RV-04", "RV-18"}, {"history.glaucoma"}, 13, "high"},
      {"review beats caution and an unrecognised medication",
       {{"history.arrhythmia", "true"}, {"logistics.escort_available", "false"}, {"medications", "[Zorblaxine 5 mg]"}},
       O::kNeedsReview, {"RV-04", "LG-01"}, {}, 3, "low"},
      {"everything at once", {{"patient.age", "17"}, {"history.arrhythmia", "true"}, {"logistics.escort_available", "false"},
       {"medications", "[Zorblaxine 5 mg]"}, {"history.sleep_apnea", kDrop}}, O::kIneligible, {"EX-01", "RV-04", "LG-01"}, {"history.sleep_apnea"}, 3, "low"},
  };
  for (const auto& c : cases) {
    const auto r = Screened(c.sets);
    INFO(c.what << ": " << OutcomeName(r.outcome));
    CHECK(r.outcome == c.outcome);
    CHECK(FlagIds(r) == c.flags);
    CHECK(MissingIds(r) == c.missing);
    CHECK(r.score == c.score);
    CHECK(r.score == PointsSum(r));
    CHECK(r.band == c.band);
  }
  // The unrecognised entry is listed on its own; the recognised one is not.
  const auto r = Screened({{"medications", "[sertraline 100 mg daily, Zorblaxine 5 mg]"}});
  CHECK(r.unrecognized_medications == std::vector<std::string>{"Zorblaxine 5 mg"});
  REQUIRE(r.medications.size() == 2);
  CHECK(r.medications[0].recognized);
  CHECK_FALSE(r.medications[1].recognized);
}

TEST_CASE("info flags never change the outcome", "[screening]") {
  // Lamotrigine and a CYP3A4 inducer: two info flags, 0 points.
  const Sets contexts[] = {
      {}, {{"logistics.escort_available", "false"}}, {{"history.arrhythmia", "true"}}, {{"history.psychosis", "true"}}, {{"history.glaucoma", kDrop}}};
  for (const auto& context : contexts) {
    Sets plain = context, informed = context;
    plain.push_back({"medications", "[sertraline 100 mg daily]"});
    informed.push_back({"medications", "[Lamictal 100 mg bid, rifampin 600 mg daily]"});
    const auto a = Screened(plain), b = Screened(informed);
    INFO(OutcomeName(a.outcome));
    for (const char* id : {"IX-02", "IX-08"}) CHECK(Has(FlagIds(b), id));
    CHECK(b.outcome == a.outcome);
    CHECK(b.score == a.score);
  }
  // IND-03 (weak-evidence pain indication only) is for the record too.
  const auto r = Screened({{"indications", "[fibromyalgia]"}, {"depression", kDrop}});
  CHECK(FlagIds(r) == std::vector<std::string>{"IND-03"});
  CHECK(r.outcome == Outcome::kEligible);
  // So is IND-04 (off-label psychiatric indication only), 1.1.0.
  const auto g = Screened({{"indications", "[generalized_anxiety]"}, {"depression.failed_antidepressant_trials", kDrop}});
  CHECK(FlagIds(g) == std::vector<std::string>{"IND-04"});
  CHECK(g.outcome == Outcome::kEligible);
}

namespace {

// Deterministic variants: the base, a few hand-made risky ones, and generated
// ones with values in the contract ranges (boundaries favoured). Only asked
// questions are answered, as an EHR following the contract sends them. Uses
// rng() % n, not std::*_distribution, so the sequence is the same everywhere.
std::vector<std::string> Variants() {
  static const std::vector<std::string> variants = [] {
    const std::string base = BaseQuestionnaire();
    std::vector<std::string> out = {
        Without(base, "_"),  // normalised by one emit, like the others
        ApplySets(base, {{"history.psychosis", "true"}, {"history.bipolar", "true"}, {"history.recent_mania", "true"}, {"medications", "[XANAX 0.5mg prn, Norco 10/325 q6h prn]"}}),
        ApplySets(base, {{"vitals.systolic_bp", "184"}, {"vitals.diastolic_bp", "101"}, {"patient.age", "70"}, {"history.heart_attack", "true"}, {"history.mi_months_ago", "3"}}),
        ApplySets(base, {{"patient.sex", "male"}, {"patient.pregnant", kDrop}, {"patient.breastfeeding", kDrop}, {"history.sleep_apnea", "true"}, {"medications", "[Theo-24 300 mg, Zorblaxine 5 mg]"}}),
        ApplySets(base, {{"depression.suicidal_ideation", "active_with_plan"}, {"logistics.escort_available", "false"}, {"vitals.spo2", kDrop}}),
    };
    std::mt19937 rng(20261123);
    auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint32_t>(n)); };
    auto chance = [&](int percent) { return below(100) < percent; };
    auto pick = [&](const std::vector<std::string>& v) { return v[static_cast<size_t>(below(static_cast<int>(v.size())))]; };
    auto num = [&](int lo, int hi) { return std::to_string(lo + below(hi - lo + 1)); };
    // The indication values and the yes/no history questions, from the rulebook.
    std::vector<std::string> indications, booleans;
    for (const auto& q : Shipped().questions()) {
      if (q.id == "indications") indications = q.values;
      if (q.type == "boolean" && q.id.rfind("history.", 0) == 0 && q.id != "history.bipolar" && q.id != "history.recent_mania")
        booleans.push_back(q.id);
    }
    // Interacting, unrecognised, then (the last six) calm: cautions or quiet drugs.
    const std::vector<std::string> pool = {"XANAX 0.5mg prn", "Norco 10/325 q6h prn", "Adderall XR 20 mg", "Lamictal 100 mg bid",
                                           "Nardil 15 mg tid", "clarithromycin 500 mg", "St John's wort 300 mg", "naltrexone 50 mg",
                                           "aminophylline 100 mg", "Zorblaxine 5 mg", "memantine 10 mg", "Synthroid 75 mcg",
                                           "Ambien 10 mg qhs", "metformin 500 mg bid", "atorvastatin 20 mg", "sertraline 100 mg daily"};
    while (out.size() < 200) {
      // Risk 0: calm values (eligible, or precautions); 1 and 2: boundaries
      // and findings twice as often as 1; any risk may miss one due answer.
      const int risk = below(3);
      auto risky = [&](int percent) { return chance(percent * risk); };
      auto value = [&](const std::vector<std::string>& edges, int lo, int hi, int calm_lo, int calm_hi) {
        return risk == 0 ? num(calm_lo, calm_hi) : chance(50) ? pick(edges) : num(lo, hi);
      };
      std::string y = base;
      auto set = [&](const std::string& path, const std::string& v) { y = WithAnswer(y, path, v); };
      auto drop = [&](const std::string& path) { y = Without(y, path); };
      set("patient.age", value({"17", "18", "64", "65"}, 16, 90, 18, 64));
      const std::string sex = pick({"female", "female", "male", "male", "intersex", "unknown"});
      set("patient.sex", sex);
      if (sex == "male") for (const char* p : {"patient.pregnant", "patient.breastfeeding"}) drop(p);  // not asked
      if (sex != "male") set("patient.pregnant", risky(3) ? "true" : "false");
      if (sex != "male") chance(20) ? drop("patient.breastfeeding") : set("patient.breastfeeding", risky(5) ? "true" : "false");
      set("patient.weight_kg", risky(10) ? pick({"102.2", "102.3", "102.4"}) : num(45, risk == 0 ? 90 : 160) + "." + num(0, 9));
      set("patient.height_cm", chance(20) ? "160" : num(150, 200));
      set("vitals.systolic_bp", value({"139", "140", "180", "181"}, 95, 200, 95, 139));
      set("vitals.diastolic_bp", value({"89", "90", "100", "101"}, 55, 110, 55, 89));
      set("vitals.heart_rate", value({"100", "101"}, 50, 130, 50, 100));
      chance(20) ? drop("vitals.spo2") : set("vitals.spo2", value({"93", "94"}, 85, 100, 94, 100));
      std::set<std::string> chosen;
      for (int n = risky(2) ? 0 : 1 + below(2); static_cast<int>(chosen.size()) < n;) chosen.insert(pick(indications));
      std::string list;
      for (const auto& i : chosen) list += (list.empty() ? "[" : ", ") + i;
      set("indications", list.empty() ? "[]" : list + "]");
      auto has_any = [&](std::initializer_list<const char*> names) {
        return std::any_of(names.begin(), names.end(), [&](const char* n) { return chosen.count(n) > 0; });
      };
      const bool depression = has_any({"treatment_resistant_depression", "major_depression", "bipolar_depression"});
      const bool psychiatric = depression || has_any({"ptsd", "ocd", "generalized_anxiety"});
      depression ? set("depression.failed_antidepressant_trials", value({"1", "2"}, 0, 5, 2, 5)) : drop("depression.failed_antidepressant_trials");
      psychiatric ? set("depression.suicidal_ideation", risk == 0 ? pick({"none", "passive"}) : pick({"none", "none", "passive", "active_no_plan", "active_with_plan"}))
                  : drop("depression.suicidal_ideation");
      if (has_any({"crps", "neuropathic_pain", "fibromyalgia", "phantom_limb_pain", "other_chronic_pain"})) set("pain.average_score", num(0, 10));
      for (const auto& b : booleans) set(b, risky(3) ? "true" : "false");
      const bool bipolar = risky(6);
      set("history.bipolar", bipolar ? "true" : "false");
      if (bipolar) set("history.recent_mania", chance(50) ? "true" : "false");
      auto grade = [&](const char* mid, const char* worst) { return risky(4) ? worst : risky(6) ? mid : "none"; };
      set("history.substance_use", grade("remission", "active"));
      set("history.heart_failure", grade("compensated", "decompensated"));
      set("history.liver_disease", grade("mild", "cirrhosis"));
      chance(15) ? drop("history.alcohol_drinks_per_week") : set("history.alcohol_drinks_per_week", value({"14", "15"}, 0, 30, 0, 14));
      // The months since, when the "ever" answer is yes (1.1.0). Removing the
      // yes leaves it implied by the months (implied_by): the same flags.
      if (chance(15)) set("history.heart_attack", "true"), set("history.mi_months_ago", value({"5", "6"}, 0, 24, 6, 24));
      if (chance(15)) set("history.stroke", "true"), set("history.stroke_months_ago", value({"11", "12"}, 0, 24, 12, 24));
      std::string meds = "[";
      for (int n = below(4), k = 0; k < n; ++k) meds += (k ? ", \"" : "\"") + (risk == 0 ? pool[pool.size() - 6 + static_cast<size_t>(below(6))] : pick(pool)) + "\"";
      set("medications", meds + "]");
      set("logistics.escort_available", chance(8) ? "false" : "true");
      chance(15) ? drop("logistics.fasting_hours") : set("logistics.fasting_hours", value({"5.5", "6"}, 2, 12, 6, 12));
      set("logistics.agrees_no_driving", chance(5) ? "false" : "true");
      if (chance(12)) drop(pick({"history.glaucoma", "vitals.heart_rate", "history.psychosis", "medications", "logistics.escort_available"}));
      out.push_back(y);
    }
    return out;
  }();
  return variants;
}

// The answers a flag's evidence stands on: a medication class reads the
// medication list, the derived BMI reads weight and height.
bool DependsOn(const Flag& f, const std::string& question) {
  for (const auto& e : f.evidence) {
    if (e.id == question || e.id.rfind(question + ":", 0) == 0) return true;
    if (e.id == "bmi" && (question == "patient.weight_kg" || question == "patient.height_cm")) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("removing a due answer never makes a screening more permissive", "[screening][safety]") {
  std::vector<std::string> required;
  for (const auto& q : Shipped().questions())
    if (q.required) required.push_back(q.id);
  REQUIRE(required.size() > 30);
  const auto variants = Variants();
  REQUIRE(variants.size() == 200);
  std::set<Outcome> seen;
  for (size_t v = 0; v < variants.size(); ++v) {
    const ScreeningResult before = ScreenText(Shipped(), variants[v]);
    seen.insert(before.outcome);
    for (const auto& q : required) {
      const std::string removed = Without(variants[v], q);
      if (removed == variants[v]) continue;  // not answered here (not asked)
      const ScreeningResult after = ScreenText(Shipped(), removed);
      INFO("variant " << v << " without " << q << ": " << OutcomeName(before.outcome) << " -> " << OutcomeName(after.outcome)
                      << "\n" << variants[v]);
      // 1. Nothing fires on an absence: the flags can only shrink (so can the score).
      for (const auto& id : FlagIds(after)) CHECK(Has(FlagIds(before), id));
      CHECK(after.score <= before.score);
      for (const auto& f : before.flags) {
        if (!DependsOn(f, q)) {
          // 2. A flag (an exclusion above all) that fired on answers still
          //    present still fires: removing one answer hides no other finding.
          CHECK(Has(FlagIds(after), f.id));
        } else if (!Has(FlagIds(after), f.id)) {
          // 3. A flag that loses its answer becomes undecided, asking for it,
          //    and blocks when above info: never a silent false.
          const auto u = std::find_if(after.undecided.begin(), after.undecided.end(), [&](const auto& x) { return x.id == f.id; });
          REQUIRE(u != after.undecided.end());
          CHECK(Has(u->missing, q));
          CHECK(u->blocking == (f.severity != Severity::kInfo));
        }
      }
      // 4. What was undecided stays undecided, and still asked for.
      for (const auto& id : UndecidedIds(before)) CHECK(Has(UndecidedIds(after), id));
      for (const auto& id : MissingIds(before)) CHECK(Has(MissingIds(after), id));
      // 5. The outcome is at least as severe, except that ineligible may turn
      //    incomplete when the removed answer was what every exclusion stood on.
      //    Hence never eligible (with or without precautions) from anything
      //    worse, and never out of incomplete except to ineligible.
      if (Rank(after.outcome) > Rank(before.outcome)) {
        CHECK(before.outcome == Outcome::kIneligible);
        CHECK(after.outcome == Outcome::kIncomplete);
        for (const auto& f : before.flags)
          if (f.severity == Severity::kExclude) CHECK(DependsOn(f, q));
      }
    }
  }
  // The variants reach every outcome, so the properties were exercised on each.
  CHECK(seen.size() == 5);
}

// A question whose asked_when is false is not asked: comparisons on it are
// false when it is absent (contract: optional and not-asked questions differ
// from due ones by design). An answer given anyway is used, because the
// cautious reading of a contradiction (a man recorded as pregnant) is to show
// it, and the result warns that it was not asked.
TEST_CASE("an answer to a question that was not asked is used and warned about", "[screening][safety]") {
  struct Case {
    Sets answers;
    const char* rule;
  };
  const Case cases[] = {
      {{{"patient.sex", "male"}, {"patient.pregnant", "true"}}, "EX-02"},
      {{{"patient.sex", "male"}, {"patient.breastfeeding", "true"}}, "RV-15"},
      {{{"indications", "[crps]"}, {"depression.suicidal_ideation", "active_with_plan"}}, "RV-18"},
  };
  for (const auto& c : cases) {
    const std::string with = ApplySets(BaseQuestionnaire(), c.answers);
    const auto present = ScreenText(Shipped(), with);
    const auto absent = ScreenText(Shipped(), Without(with, c.answers.back().first));
    INFO(c.answers.back().first);
    CHECK(Has(FlagIds(present), c.rule));
    auto warned = [&](const candidacy::ScreeningResult& r) {
      const std::string needle = "'" + std::string(c.answers.back().first) + "' was answered although it is not asked";
      for (const auto& w : r.warnings)
        if (w.find(needle) != std::string::npos) return true;
      return false;
    };
    CHECK(warned(present));
    CHECK_FALSE(Has(FlagIds(absent), c.rule));
    CHECK_FALSE(Has(UndecidedIds(absent), c.rule));  // not asked: false, not unknown
    CHECK_FALSE(warned(absent));
  }
}

TEST_CASE("unknown is never false: every optional answer removed, everything still decided", "[screening][safety]") {
  std::string yaml = BaseQuestionnaire();
  for (const auto& q : Shipped().questions())
    if (!q.required) yaml = Without(yaml, q.id);
  const auto r = ScreenText(Shipped(), yaml);
  CHECK(r.undecided.empty());
  CHECK(r.missing_questions.empty());
  CHECK(r.outcome == Outcome::kEligible);
  auto not_evaluated = NotEvaluatedIds(r);
  std::sort(not_evaluated.begin(), not_evaluated.end());
  CHECK(not_evaluated == std::vector<std::string>{"LG-02", "RV-03", "RV-15", "RV-16", "RV-21"});
}

namespace {
// The base without due answer `q`: never eligible; incomplete, asking for q.
void CheckNeverEligibleWithout(const std::string& q) {
  const std::string base = Without(BaseQuestionnaire(), "_");
  const std::string yaml = Without(base, q);
  if (yaml == base) return;  // history.recent_mania: not asked without bipolar disorder
  const auto r = ScreenText(Shipped(), yaml);
  INFO(q << " removed: " << OutcomeName(r.outcome));
  CHECK(r.outcome == Outcome::kIncomplete);
  CHECK(Has(MissingIds(r), q));
}
}  // namespace

TEST_CASE("unknown is never false: any due answer removed from the base is never eligible", "[screening][safety]") {
  for (const auto& q : Shipped().questions())
    if (q.required && q.id != "patient.sex") CheckNeverEligibleWithout(q.id);
}

// Contract section 2: eligible needs "everything due decided", even a due
// question that no rule reads directly.
TEST_CASE("unknown is never false: patient.sex removed is never eligible", "[screening][safety]") {
  CheckNeverEligibleWithout("patient.sex");
}

namespace {

// `yaml` with its mapping keys (at every level) and its medications shuffled.
// Shuffles indices: assigning a YAML::Node rebinds what it refers to.
std::vector<size_t> Order(size_t n, std::mt19937& rng) {
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i) order.push_back(i);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

YAML::Node Shuffled(const YAML::Node& node, std::mt19937& rng, bool shuffle_items) {
  if (node.IsMap()) {
    std::vector<std::pair<std::string, YAML::Node>> entries;
    for (const auto& kv : node) entries.emplace_back(kv.first.as<std::string>(), kv.second);
    YAML::Node out(YAML::NodeType::Map);
    for (size_t i : Order(entries.size(), rng))
      out[entries[i].first] = Shuffled(entries[i].second, rng, entries[i].first == "medications");
    return out;
  }
  if (node.IsSequence() && shuffle_items) {
    YAML::Node out(YAML::NodeType::Sequence);
    for (size_t i : Order(node.size(), rng)) out.push_back(node[i]);
    return out;
  }
  return node;
}

std::string Permuted(const std::string& yaml, std::mt19937& rng) {
  YAML::Emitter out;
  out << Shuffled(YAML::Load(yaml), rng, false);
  return out.c_str();
}

}  // namespace

TEST_CASE("screening is deterministic", "[screening]") {
  const auto variants = Variants();
  SECTION("the same text twice gives byte-identical JSON") {
    for (size_t v = 0; v < 40; ++v) {
      const auto a = ScreenText(Shipped(), variants[v]), b = ScreenText(Shipped(), variants[v]);
      CHECK(RenderJson(a, false) == RenderJson(b, false));
      CHECK(RenderJson(a, true) == RenderJson(b, true));
    }
  }
  SECTION("the order of keys and of medications does not matter") {
    std::mt19937 rng(7);
    for (size_t v = 0; v < 40; ++v) {
      const auto a = ScreenText(Shipped(), variants[v]);
      for (int k = 0; k < 3; ++k) {
        const std::string permuted = Permuted(variants[v], rng);
        INFO(variants[v] << "\npermuted:\n" << permuted);
        const auto b = ScreenText(Shipped(), permuted);
        CHECK(b.outcome == a.outcome);
        CHECK(b.score == a.score);
        CHECK(b.band == a.band);
        // Flags in the same order; messages the same except where they list
        // medication entries, which follow the input order.
        REQUIRE(FlagIds(b) == FlagIds(a));
        for (size_t i = 0; i < a.flags.size(); ++i) {
          CHECK(b.flags[i].points == a.flags[i].points);
          if (!DependsOn(a.flags[i], "medications")) CHECK(b.flags[i].message == a.flags[i].message);
        }
        CHECK(UndecidedIds(b) == UndecidedIds(a));
        CHECK(NotEvaluatedIds(b) == NotEvaluatedIds(a));
        CHECK(MissingIds(b) == MissingIds(a));
        auto texts = [](const ScreeningResult& r) {
          std::multiset<std::string> out(r.unrecognized_medications.begin(), r.unrecognized_medications.end());
          for (const auto& m : r.medications) out.insert(m.text + (m.recognized ? " (recognised)" : ""));
          return out;
        };
        CHECK(texts(b) == texts(a));
      }
    }
  }
}

namespace {

// The YAML and JSON questionnaires of samples/, sorted.
std::vector<std::string> SampleFiles() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(SourceDir() + "/samples"))
    if (entry.is_regular_file() && (entry.path().extension() == ".yaml" || entry.path().extension() == ".json"))
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("screening: the summary a batch's compact form uses decides exactly as the full result") {
  const std::vector<std::string> files = SampleFiles();
  REQUIRE(files.size() >= 20);
  auto flag_view = [](const ScreeningResult& r) {
    std::vector<std::tuple<std::string, int, int, bool>> out;
    for (const auto& f : r.flags) out.emplace_back(f.id, static_cast<int>(f.severity), f.points, f.local_policy);
    return out;
  };
  auto undecided_view = [](const std::vector<UndecidedRule>& list) {
    std::vector<std::tuple<std::string, std::vector<std::string>, bool>> out;
    for (const auto& u : list) out.emplace_back(u.id, u.missing, u.blocking);
    return out;
  };
  for (const auto& file : files) {
    INFO(file);
    const Questionnaire q = ReadText(Shipped(), FileText(file));
    const ScreeningResult full = Screen(Shipped(), q);
    const ScreeningResult summary = Screen(Shipped(), q, ScreenDetail::kSummary);
    CHECK(summary.outcome == full.outcome);
    CHECK(summary.score == full.score);
    CHECK(summary.band == full.band);
    CHECK(flag_view(summary) == flag_view(full));
    CHECK(undecided_view(summary.undecided) == undecided_view(full.undecided));
    CHECK(undecided_view(summary.not_evaluated) == undecided_view(full.not_evaluated));
    CHECK(MissingIds(summary) == MissingIds(full));
    CHECK(summary.unrecognized_medications == full.unrecognized_medications);
    CHECK(summary.warnings == full.warnings);
    CHECK(RenderJsonCompact(summary) == RenderJsonCompact(full));
    CHECK(summary.medications.empty());
    for (const auto& f : summary.flags) CHECK((f.message.empty() && f.evidence.empty() && f.sources.empty()));
  }
}

TEST_CASE("screening: a result screened into again equals a fresh one, whatever it held before") {
  const std::vector<std::string> files = SampleFiles();
  REQUIRE(files.size() >= 20);
  // Forwards, then backwards: every result is screened into one that held
  // another questionnaire's (more or fewer flags, medications, questions to
  // ask); in the middle, one with a warning (an answer to a question not asked).
  std::vector<std::pair<std::string, std::string>> order;  // name, text
  for (const auto& file : files) order.emplace_back(file, FileText(file));
  std::string warned = FileText(SourceDir() + "/samples/02-eligible-crps.yaml");
  const std::string male = "  sex: male\n";
  const size_t sex = warned.find(male);
  REQUIRE(sex != std::string::npos);
  warned.insert(sex + male.size(), "  pregnant: false\n");
  order.emplace_back("02 with an answer not asked", warned);
  for (auto it = files.rbegin(); it != files.rend(); ++it) order.emplace_back(*it, FileText(*it));
  REQUIRE_FALSE(Screen(Shipped(), ReadText(Shipped(), warned)).warnings.empty());
  for (const ScreenDetail detail : {ScreenDetail::kFull, ScreenDetail::kSummary}) {
    ScreeningResult reused;
    for (const auto& [name, text] : order) {
      INFO(name << (detail == ScreenDetail::kFull ? " (full)" : " (summary)"));
      const Questionnaire q = ReadText(Shipped(), text);
      Screen(Shipped(), q, detail, &reused);
      const ScreeningResult fresh = Screen(Shipped(), q, detail);
      CHECK(RenderJson(reused, false) == RenderJson(fresh, false));
      CHECK(RenderText(reused) == RenderText(fresh));
      CHECK(RenderJsonCompact(reused) == RenderJsonCompact(fresh));
      std::string appended = "earlier line\n";
      AppendJsonCompact(reused, &appended);
      CHECK(appended == "earlier line\n" + RenderJsonCompact(fresh));
    }
  }
}

}  // namespace candidacy::testing
