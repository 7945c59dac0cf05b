// Screening: evaluates every rule of the rulebook on one questionnaire and
// assembles the result (flags with evidence and messages, undecided rules,
// questions to ask, medications). Explanations are recorded from the
// evaluation itself, not reconstructed: every screening evaluates with an
// EvalRecorder attached (eval_recorder.h). With full detail it records each
// sub-expression's value and whether the decision reached it (and/or then
// evaluate each operand once, those past the deciding one marked not
// reached), and a fired rule's evidence is read from those values; in
// summary it records only the values, short-circuiting as ever, which is all
// an undecided rule's missing questions need. Nothing is evaluated twice;
// explain and rule coverage read the same recorder (ScreenRecorded).
// Test: tests/engine/decide/screening_test.cc.
#include "candidacy/screening.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "decide/answer_value.h"
#include "decide/evaluator.h"
#include "decide/outcome.h"
#include "decide/screening_internal.h"
#include "input/answers.h"
#include "input/questionnaire_access.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace {

using internal::AskState;
using internal::Evaluator;
using internal::Model;
using internal::QuestionType;

int SeverityRank(Severity s) { return static_cast<int>(s); }

class Assembler {
 public:
  Assembler(const Model& m, const internal::Answers& a, const std::vector<internal::MedicationMatch>& meds, const Evaluator& ev,
            internal::EvalRecorder& recorder)
      : m_(m), a_(a), meds_(meds), ev_(ev), rec_(recorder) {}

  AnswerValue QuestionValue(int q) const { return internal::QuestionAnswer(m_, a_, ev_.tables(), q); }
  AnswerValue DerivedValue(int d) const { return internal::DerivedAnswer(m_, ev_.tables(), d); }

  // The medication entries recognised in class `cls`, as written.
  std::vector<std::string> EntriesInClass(int cls) const {
    std::vector<std::string> out;
    const int q = m_.medications_question;
    if (q < 0 || !a_.by_question[q].present) return out;
    const auto& texts = a_.by_question[q].texts;
    for (size_t i = 0; i < texts.size(); ++i)
      if (std::binary_search(meds_[i].classes.begin(), meds_[i].classes.end(), cls)) out.push_back(texts[i]);
    return out;
  }

  std::string RenderMessage(const internal::Rule& rule) const {
    std::string out;
    for (const auto& part : rule.message) {
      switch (part.kind) {
        case internal::MessagePart::Kind::kText: out += part.text; break;
        case internal::MessagePart::Kind::kQuestion: out += internal::FormatAnswer(QuestionValue(part.index)); break;
        case internal::MessagePart::Kind::kDerived:
          out += internal::FormatAnswer(DerivedValue(part.index), internal::DerivedDigits(m_.derived[part.index]));
          break;
        case internal::MessagePart::Kind::kClass: {
          std::string list;
          const int q = m_.medications_question;
          for (size_t i = 0, k = 0; q >= 0 && a_.by_question[q].present && i < a_.by_question[q].texts.size(); ++i) {
            if (!std::binary_search(meds_[i].classes.begin(), meds_[i].classes.end(), part.index)) continue;
            std::string generics;
            for (int d : meds_[i].drugs) generics += (generics.empty() ? "" : ", ") + m_.lexicon.drugs()[d].generic;
            list += (k++ == 0 ? "" : "; ") + a_.by_question[q].texts[i] + " (" + generics +
                    (meds_[i].probable.empty() ? ")" : "; a probable match: check the spelling)");
          }
          out += list.empty() ? "none" : list;
          break;
        }
      }
    }
    return out;
  }

  // From the values the full recorder holds: nothing is evaluated again.
  std::vector<Evidence> EvidenceOf(const internal::Rule& rule) const {
    std::vector<internal::Read> reads;
    rec_.CollectReads(*rule.when.root, &reads);
    std::vector<Evidence> out;
    std::vector<internal::Read> seen;
    for (const auto& r : reads) {
      if (std::find(seen.begin(), seen.end(), r) != seen.end()) continue;
      seen.push_back(r);
      Evidence e;
      switch (r.kind) {
        case internal::Read::Kind::kQuestion:
          e.id = m_.questions[r.index].id;
          e.value = QuestionValue(r.index);
          e.unit = m_.questions[r.index].unit;
          if (static_cast<size_t>(r.index) < a_.sources.size()) e.source = a_.sources[r.index];
          break;
        case internal::Read::Kind::kDerived:
          e.id = m_.derived[r.index].id;
          e.value = DerivedValue(r.index);
          e.unit = m_.derived[r.index].unit;
          break;
        case internal::Read::Kind::kClass:
          e.id = "medications:" + m_.lexicon.classes()[r.index].id;
          e.value.kind = AnswerValue::Kind::kList;
          e.value.list = EntriesInClass(r.index);
          break;
      }
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  const Model& m_;
  const internal::Answers& a_;
  const std::vector<internal::MedicationMatch>& meds_;
  const Evaluator& ev_;
  internal::EvalRecorder& rec_;  // kFull
};

}  // namespace

namespace internal {
namespace {

// Empties *r as a fresh ScreeningResult would be, keeping its lists' memory
// (all but the rulebook and the EHR record, which ScreenInto assigns next).
void Reset(ScreeningResult* r) {
  r->questionnaire_id.clear();
  r->outcome = Outcome::kIncomplete;
  r->urgent_reasons.clear();
  r->score = 0;
  r->band.clear();
  r->flags.clear();
  r->undecided.clear();
  r->missing_questions.clear();
  r->not_evaluated.clear();
  r->medications.clear();
  r->unrecognized_medications.clear();
  r->probable_medications.clear();
  r->warnings.clear();
  // r->rulebook, r->ehr: not emptied here; ScreenInto assigns them next
  // (AssignKept, AssignEhr).
}

// *to = from, unless it holds that already: a batch screening with one
// rulebook compares its names (a size and a memcmp) rather than copying them.
void AssignKept(const std::string& from, std::string* to) {
  if (*to != from) *to = from;
}

// result->ehr = ehr, or empty when ehr is absent, reusing the previous
// screening's record: a batch of Bundles copies into strings and lists that
// already have the room, allocating next to nothing.
void AssignEhr(const EhrRecord& ehr, EhrRecord* out) {
  if (ehr.present) {
    *out = ehr;  // (member-wise copy-assignment: vectors and strings keep their memory)
    return;
  }
  out->present = false;
  out->screening_date.clear();
  out->date_source.clear();
  out->mapping_sha256.clear();
  out->answers.clear();
  out->disagreements.clear();
  out->not_used.clear();
}
static_assert(sizeof(EhrRecord) == alignof(std::string) + sizeof(std::string) * 3 + sizeof(std::vector<EhrAnswer>) * 3,
              "a field was added to EhrRecord: AssignEhr() must empty it too");
static_assert(sizeof(RulebookRef) == sizeof(std::string) * 4, "a field was added to RulebookRef: ScreenInto must assign it too");
static_assert(sizeof(ScreeningResult) == sizeof(std::string) * 2 + sizeof(int) * 2 + sizeof(std::vector<Flag>) * 9 +
                                             sizeof(RulebookRef) + sizeof(EhrRecord),
              "a field was added to ScreeningResult: Reset() must empty it too");

// Whether a question is to be asked next. (Not a char, which may alias
// anything: the loops that mark questions keep their tables in registers.)
enum class ToAsk : std::uint8_t { kNo, kYes };

// What one screening needs besides its result, kept per thread so that a
// batch reuses the memory (ScreenInto is never re-entered on a thread).
struct Scratch {
  std::vector<MedicationMatch> matches;
  EvalTables tables;
  EvalRecorder recorder;
  std::vector<ToAsk> to_ask;
  std::vector<int> direct, deciding, missing, fired_rules;
  std::vector<std::pair<int, Tri>> live_rules;    // the rules whose condition is not false, with it
  std::vector<Tri> verdicts;                      // summary: by distinct condition (Model::conditions)
  std::vector<int> missing_slot;                  // summary: by condition, its missing questions in missing_lists
  std::vector<std::vector<int>> missing_lists;
  std::vector<char> missing_due;
  std::vector<Severity> fired;
  std::vector<UndecidedRule> spare_undecided;  // given back by the last result screened into (TakeSpare)
  std::vector<MedicationMatch> spare_matches;  // kept when a line has fewer entries than the one before
};

// An UndecidedRule whose strings have memory already when one is spare: a
// rulebook with many undecided rules allocates nothing in a batch. Its
// fields hold what they last held; the caller assigns every one.
UndecidedRule TakeSpare(std::vector<UndecidedRule>* spare) {
  static_assert(sizeof(UndecidedRule) == sizeof(std::string) * 2 + sizeof(std::vector<std::string>) + 16,  // severity, blocking: 8 each
                "a field was added to UndecidedRule: ScreenInto must assign it too");
  if (spare->empty()) return UndecidedRule();
  UndecidedRule u = std::move(spare->back());
  spare->pop_back();
  return u;
}

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// The screening, with the medication matches, the evaluator's tables and its
// recorder kept in *matches, *tables and *recorder (started here: kFull for
// full detail, kValues for the summary).
void ScreenInto(const Rulebook& rulebook, const Questionnaire& questionnaire, ScreenDetail detail, ScreeningResult* out,
                std::vector<MedicationMatch>* matches_out, EvalTables* tables, EvalRecorder* recorder) {
  const bool full = detail == ScreenDetail::kFull;
  const Model& m = internal::ModelOf(rulebook);
  const internal::Answers& answers = internal::AnswersOf(questionnaire);
  Scratch& scratch = ThreadScratch();
  ScreeningResult& result = *out;
  // The previous result's undecided rules, kept to reuse their strings' memory.
  std::vector<UndecidedRule>& spare = scratch.spare_undecided;
  for (auto* list : {&result.undecided, &result.not_evaluated})
    for (auto& u : *list) spare.push_back(std::move(u));
  Reset(&result);
  AssignEhr(answers.ehr, &result.ehr);
  result.questionnaire_id = answers.id;
  AssignKept(m.id, &result.rulebook.id);
  AssignKept(m.title, &result.rulebook.title);
  AssignKept(m.version, &result.rulebook.version);
  AssignKept(m.sha256, &result.rulebook.sha256);

  // Medications: every entry reported, recognised or not; one match each.
  std::vector<internal::MedicationMatch>& matches = *matches_out;
  const bool any_medications = m.medications_question >= 0 && answers.by_question[m.medications_question].present;
  // Resized through a pool of spare matches, so that a batch whose lines
  // hold more and fewer entries keeps every match's lists' memory.
  const size_t entries = any_medications ? answers.by_question[m.medications_question].texts.size() : 0;
  std::vector<internal::MedicationMatch>& spare_matches = scratch.spare_matches;
  while (matches.size() > entries) {
    spare_matches.push_back(std::move(matches.back()));
    matches.pop_back();
  }
  while (matches.size() < entries && !spare_matches.empty()) {
    matches.push_back(std::move(spare_matches.back()));
    spare_matches.pop_back();
  }
  matches.resize(entries);
  for (size_t i = 0; i < matches.size(); ++i) {
    const std::string& text = answers.by_question[m.medications_question].texts[i];
    internal::MedicationMatch& match = matches[i];
    m.lexicon.Match(text, &match, m.probable_medications);
    if (!match.probable.empty())
      result.probable_medications.push_back(text);
    else if (!match.recognized)
      result.unrecognized_medications.push_back(text);
    if (full) result.medications.push_back(internal::MedicationEntryOf(m.lexicon, text, match));
  }

  recorder->Start(full ? m.node_count : m.value_count, full ? EvalRecorder::Mode::kFull : EvalRecorder::Mode::kValues);
  Evaluator ev(m, answers, matches, tables, recorder);
  const Assembler assemble(m, answers, matches, ev, *recorder);
  internal::OutcomeInputs inputs;
  inputs.fired = std::move(scratch.fired);  // (given back below)
  inputs.fired.clear();
  std::vector<ToAsk>& to_ask = scratch.to_ask;  // per question: ask it next
  to_ask.assign(m.questions.size(), ToAsk::kNo);
  auto is_due = [&](int q) { return m.questions[q].required && ev.asked(q) != AskState::kNotAsked; };
  std::vector<int>& direct = scratch.direct;  // per undecided rule
  std::vector<int>& deciding = scratch.deciding;
  std::vector<int>& fired_rules = scratch.fired_rules;  // the rules that fired, in rulebook order
  fired_rules.clear();
  // The questions a condition reads, and those deciding whether they are
  // asked (from the recorded values), sorted, into *out; whether one it
  // reads is due (or it reads none: undecided with nothing to ask, e.g. a
  // division by zero, is never a silent pass).
  auto missing_of = [&](const internal::Node& condition, std::vector<int>* out) {
    direct.clear();
    deciding.clear();
    ev.CollectMissing(condition, &direct, &deciding);
    out->assign(direct.begin(), direct.end());
    out->insert(out->end(), deciding.begin(), deciding.end());
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
    return direct.empty() || std::any_of(direct.begin(), direct.end(), is_due);
  };
  // In summary, when rules share conditions, each distinct one
  // (Model::conditions) is decided once and an undecided one's missing
  // questions found once, for all the rules with it, and a rule whose
  // condition is false is never looked at; otherwise (a full screening
  // records each node of every rule's own tree) each rule is evaluated.
  const bool by_condition = !full && m.conditions.size() < m.rules.size();
  std::vector<internal::Tri>& verdicts = scratch.verdicts;          // by condition
  std::vector<int>& missing_slot = scratch.missing_slot;             // by condition: its list in missing_lists, or -1
  std::vector<std::vector<int>>& missing_lists = scratch.missing_lists;
  std::vector<char>& missing_due = scratch.missing_due;
  size_t missing_used = 0;
  // After the model's program, each rule's verdict is read from its slot.
  const internal::Tri* const program = ev.program_conditions();
  if (by_condition) {
    if (program == nullptr) {
      verdicts.resize(m.conditions.size());
      for (size_t c = 0; c < m.conditions.size(); ++c) verdicts[c] = ev.Eval(*m.conditions[c]);
    }
    missing_slot.assign(m.conditions.size(), -1);
  }

  // The rules whose condition is not false, in rulebook order, with it: most
  // rules' are false, and after the model's program a tight loop finds them.
  std::vector<std::pair<int, internal::Tri>>& live = scratch.live_rules;
  live.clear();
  if (program != nullptr) {
    const int* const value = m.rule_value.data();
    for (size_t r = 0, n = m.rules.size(); r < n; ++r)
      if (const internal::Tri t = program[value[r]]; t != internal::Tri::kFalse) live.emplace_back(static_cast<int>(r), t);
  } else {
    for (size_t r = 0; r < m.rules.size(); ++r) {
      const internal::Tri t = by_condition ? verdicts[static_cast<size_t>(m.rule_condition[r])] : ev.Eval(*m.rules[r].when.root);
      if (t != internal::Tri::kFalse) live.emplace_back(static_cast<int>(r), t);
    }
  }

  for (const auto& [rule_index, t] : live) {
    const size_t r = static_cast<size_t>(rule_index);
    const internal::Rule& rule = m.rules[r];
    if (t == internal::Tri::kTrue) {
      if (rule.urgent) result.urgent_reasons.push_back({rule.id, rule.title});
      inputs.fired.push_back(rule.severity);
      inputs.score += rule.points;
      fired_rules.push_back(static_cast<int>(r));  // its flag made below, in severity order
      continue;
    }
    const std::vector<int>* missing_list = &scratch.missing;
    bool due = false;
    if (!by_condition) {
      due = missing_of(*rule.when.root, &scratch.missing);
    } else {
      int& slot = missing_slot[static_cast<size_t>(m.rule_condition[r])];
      if (slot < 0) {
        if (missing_lists.size() <= missing_used) missing_lists.emplace_back();
        if (missing_due.size() <= missing_used) missing_due.push_back(0);
        slot = static_cast<int>(missing_used++);
        missing_due[static_cast<size_t>(slot)] = missing_of(*rule.when.root, &missing_lists[static_cast<size_t>(slot)]) ? 1 : 0;
      }
      missing_list = &missing_lists[static_cast<size_t>(slot)];
      due = missing_due[static_cast<size_t>(slot)] != 0;
    }
    const std::vector<int>& missing = *missing_list;
    UndecidedRule u = TakeSpare(&spare);  // every field assigned here
    u.id = rule.id;
    u.title = rule.title;
    u.severity = rule.severity;
    u.blocking = false;
    u.missing.resize(missing.size());
    for (size_t i = 0; i < missing.size(); ++i) u.missing[i] = m.questions[missing[i]].id;
    // Undecided for want of optional answers only: not evaluated.
    if (!due) {
      result.not_evaluated.push_back(std::move(u));
      continue;
    }
    u.blocking = rule.severity != Severity::kInfo;
    if (u.blocking) {
      inputs.blocking_undecided = true;
      for (int q : missing)
        if (is_due(q)) to_ask[q] = ToAsk::kYes;
    }
    result.undecided.push_back(std::move(u));
  }

  // Everything due must be answered before a patient can be eligible, even a
  // question no rule needed this time (contract section 2: "everything due
  // was decided"); an answer to a question that was not asked is used, and said.
  // (Only a required question can be due, and only a conditional one not asked.)
  for (int q : m.required_questions) {
    // is_due(q), its `required` known from the list: the call costs a line 360 instructions.
    if (ev.asked(q) != AskState::kNotAsked && !answers.by_question[q].present && to_ask[q] == ToAsk::kNo) {
      to_ask[q] = ToAsk::kYes;
      inputs.blocking_undecided = true;
    }
  }
  for (int q : m.conditional_questions)
    if (answers.by_question[q].present && ev.asked(q) == AskState::kNotAsked)
      result.warnings.push_back("question '" + m.questions[q].id + "' was answered although it is not asked for this patient (" +
                                m.questions[q].asked_when.text + " does not hold); the answer is used");
  if (inputs.blocking_undecided)  // (nothing is marked to ask otherwise)
    for (size_t q = 0; q < m.questions.size(); ++q)
      if (to_ask[q] == ToAsk::kYes) result.missing_questions.push_back({m.questions[q].id, m.questions[q].prompt});
  for (const auto& w : answers.warnings) result.warnings.push_back(w.message);

  // The flags by severity, in rulebook order within one: the rule indices
  // sorted (a stable sort of ints, not of flags), each flag made once, in
  // its place. Its evidence is read from the recorder, which holds every
  // rule's values by now (no rule's nodes are another's in full detail).
  const auto by_severity = [&](int a, int b) { return SeverityRank(m.rules[a].severity) < SeverityRank(m.rules[b].severity); };
  if (!std::is_sorted(fired_rules.begin(), fired_rules.end(), by_severity))
    std::stable_sort(fired_rules.begin(), fired_rules.end(), by_severity);
  result.flags.reserve(fired_rules.size());
  for (int r : fired_rules) {
    const internal::Rule& rule = m.rules[r];
    Flag& f = result.flags.emplace_back();
    f.id = rule.id;
    f.severity = rule.severity;
    f.points = rule.points;
    f.local_policy = rule.local_policy;
    f.urgent = rule.urgent;
    if (full) {
      f.title = rule.title;
      f.message = assemble.RenderMessage(rule);
      f.action = rule.action;
      f.evidence = assemble.EvidenceOf(rule);
      for (int s : rule.sources) f.sources.push_back({m.sources[s].label, m.sources[s].citation, m.sources[s].url});
    }
  }
  result.score = inputs.score;
  result.band = internal::BandFor(m, inputs.score).name;
  inputs.unrecognized_medication = !result.unrecognized_medications.empty() || !result.probable_medications.empty();
  result.outcome = internal::DecideOutcome(m, inputs);
  scratch.fired = std::move(inputs.fired);
}

}  // namespace

void ScreenRecorded(const Rulebook& rulebook, const Questionnaire& questionnaire, ScreeningRecord* record,
                    ScreeningResult* out) {
  ScreenInto(rulebook, questionnaire, ScreenDetail::kFull, out, &record->matches, &record->tables, &record->recorder);
}

}  // namespace internal

ScreeningResult Screen(const Rulebook& rulebook, const Questionnaire& questionnaire, ScreenDetail detail) {
  ScreeningResult result;
  Screen(rulebook, questionnaire, detail, &result);
  return result;
}

void Screen(const Rulebook& rulebook, const Questionnaire& questionnaire, ScreenDetail detail, ScreeningResult* out) {
  internal::Scratch& scratch = internal::ThreadScratch();
  internal::ScreenInto(rulebook, questionnaire, detail, out, &scratch.matches, &scratch.tables, &scratch.recorder);
}

}  // namespace candidacy
