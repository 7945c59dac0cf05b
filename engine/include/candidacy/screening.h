// Screening one questionnaire against a rulebook: every rule ends fired, not
// fired, undecided (a due answer is missing) or not evaluated (only optional
// answers are missing); the outcome and score follow the contract's policy.
// The result is plain data; renderers (report.h) turn it into text or JSON.
// Tested by tests/screening_test.cc and tests/criteria_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"

namespace candidacy {

// Most to least severe: the most severe that applies wins.
enum class Outcome { kIneligible, kIncomplete, kNeedsReview, kEligibleWithPrecautions, kEligible };
const char* OutcomeName(Outcome outcome);  // "ineligible", ...

enum class Severity { kExclude, kReview, kCaution, kInfo };
const char* SeverityName(Severity severity);  // "exclude", ...

// An answer as the result reports it.
struct AnswerValue {
  enum class Kind { kUnanswered, kNotAsked, kBoolean, kNumber, kText, kList };
  Kind kind = Kind::kUnanswered;
  bool boolean = false;
  double number = 0;
  bool integer = false;        // a number that prints without decimals
  std::string text;            // kText (enum values too)
  std::vector<std::string> list;
};

// One answer (or derived value) a rule read to reach its decision.
struct Evidence {
  std::string id;     // question id or derived name
  AnswerValue value;
  std::string unit;
};

struct Citation {
  std::string label;
  std::string citation;
  std::string url;  // may be empty
};

struct Flag {
  std::string id;
  std::string title;
  Severity severity = Severity::kInfo;
  int points = 0;
  std::string message;  // the rule's template with the actual answers filled in
  std::string action;
  bool local_policy = false;
  bool urgent = false;  // the rule is marked urgent: a clinician must act now
  std::vector<Evidence> evidence;
  std::vector<Citation> sources;
};

// A rule that could not be decided because answers are missing.
struct UndecidedRule {
  std::string id;
  std::string title;
  Severity severity = Severity::kInfo;
  std::vector<std::string> missing;  // question ids, rulebook order
  bool blocking = false;             // above info and a due answer is missing
};

struct MissingQuestion {
  std::string id;
  std::string prompt;
};

struct MedicationEntry {
  std::string text;                   // as written
  std::vector<std::string> generics;  // lexicon order (probable ones included); empty when unrecognised
  std::vector<std::string> classes;
  bool recognized = false;            // a known name occurs in it as written
  // Known names taken for misspelt words of it ("Adderal" -> "Adderall"):
  // probable matches, to be checked; their generics and classes are above.
  std::vector<std::string> probable_names;
  std::vector<std::string> probable_generics;  // the generics of those names (also in generics)
};

// Why a screening is urgent: an urgent rule that fired.
struct UrgentReason {
  std::string rule;    // its id
  std::string reason;  // its title
};

struct RulebookRef {
  std::string id;
  std::string title;
  std::string version;
  std::string sha256;
};

struct ScreeningResult {
  std::string questionnaire_id;
  Outcome outcome = Outcome::kIncomplete;
  int score = 0;
  std::string band;
  // The urgent rules that fired (suicidal ideation with a plan), in rulebook
  // order: when there is one, every output opens with it; the outcome is
  // decided as always.
  std::vector<UrgentReason> urgent_reasons;
  bool urgent() const { return !urgent_reasons.empty(); }
  std::vector<Flag> flags;                      // most severe first, then rulebook order
  std::vector<UndecidedRule> undecided;         // a due answer is missing
  std::vector<MissingQuestion> missing_questions;  // what to ask next, rulebook order
  std::vector<UndecidedRule> not_evaluated;     // only optional answers are missing
  std::vector<MedicationEntry> medications;     // every entry, in the order given
  std::vector<std::string> unrecognized_medications;
  std::vector<std::string> probable_medications;  // entries with a probable match (misspelt), as written
  std::vector<std::string> warnings;            // e.g. unknown fields
  RulebookRef rulebook;
};

// How much of a result to build. The decision (outcome, score, band, which
// rules fired or stayed undecided, what to ask) is the same either way.
// Either way the evaluation is recorded as it runs and nothing is evaluated
// twice: with kFull every sub-expression's value (and whether the decision
// reached it), from which a fired rule's evidence and `explain` are read,
// not reconstructed; with kSummary only the values an undecided rule's
// missing questions are read from.
enum class ScreenDetail {
  kFull,     // everything: messages, evidence, sources, medication details
  kSummary,  // what the compact form and an audit record carry: ids, outcome,
             // score, band, flag ids/severity/points, undecided and missing
             // question ids, urgent reasons, unrecognised and probable
             // medications, warnings; flags have no
             // title, message, action, evidence or sources, medications is empty
};

// Screens `questionnaire` (read against this same `rulebook`). Deterministic:
// the same inputs give an identical result. Never fails.
ScreeningResult Screen(const Rulebook& rulebook, const Questionnaire& questionnaire,
                       ScreenDetail detail = ScreenDetail::kFull);

// The same into *out, which is replaced whole (every field, whatever it held)
// while its lists keep their memory: a caller screening questionnaire after
// questionnaire on one thread (a batch) allocates less. Equal to Screen().
void Screen(const Rulebook& rulebook, const Questionnaire& questionnaire, ScreenDetail detail, ScreeningResult* out);

}  // namespace candidacy
