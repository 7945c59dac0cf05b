// The plain result types of a screening and of a rule's explanation: what
// the decide stage produces and every renderer, the audit trail and the
// front ends read. Plain data with no behaviour beyond naming; nothing here
// knows the rulebook's model or the evaluator. Names and wordings in
// engine/src/base/result.cc; tested by tests/engine/base/result_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/status.h"

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
  std::string source;  // Bundle inputs only: where the answer came from (EhrAnswer::source); else empty
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

// FHIR Bundle inputs only (docs/fhir.md): where each answer came from, where
// the questionnaire and the EHR record disagreed, and what was read but not
// used. Empty (present == false) for every other input.
struct EhrAnswer {
  std::string question;  // question id, or "medications" for one medication entry
  std::string value;     // as text ("true", "184", "alprazolam")
  std::string source;    // "QuestionnaireResponse/qr-1 linkId 'vitals.systolic_bp'",
                         // "Observation/bp-1 LOINC 8480-6", "Condition/c-1 SNOMED CT 58214004"
};

struct EhrDisagreement {
  std::string question;
  std::string questionnaire_value, questionnaire_source;
  std::string ehr_value, ehr_source;
  std::string used;  // "questionnaire", "ehr" or "neither" (no safer side: left unanswered)
  std::string why;   // the precedence rule that chose it
};

struct EhrRecord {
  bool present = false;
  std::string screening_date;  // YYYY-MM-DD, and where it came from
  std::string date_source;
  std::string mapping_sha256;  // of the rulebook's fhir/*.yaml
  std::vector<EhrAnswer> answers;  // every answer given, in rulebook order, medications last
  std::vector<EhrDisagreement> disagreements;
  std::vector<std::string> not_used;  // "Observation/hr-1 LOINC 8867-4: taken 2026-09-01, older than 30 days"
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
  EhrRecord ehr;                                // FHIR Bundle inputs only
};

// A medication entry's drugs as every output words them: the generics found
// as written joined by " + ", then for a misspelt word "probable: quetiapine
// (read as Seroquel), check the spelling"; "" when nothing was recognised.
std::string MedicationWording(const MedicationEntry& entry);

// One rule's explanation on one questionnaire (ExplainRule, candidacy/explain.h;
// printed by RenderExplanation, candidacy/render_explanation.h): one step per
// sub-expression with the value it took in the screening's own evaluation.
struct ExplainStep {
  int depth = 0;                     // 0 for the whole `when`
  std::string text;                  // the sub-expression as written
  std::string value;                 // "true", "false", "unknown", a number, "not asked", or "not evaluated"
  std::vector<std::string> answers;  // for leaf conditions: "vitals.systolic_bp = 184 mmHg"
  bool decides = false;              // this operand settled its 'and' (false) or 'or' (true)
};

struct Explanation {
  std::string rule_id;
  std::string title;
  Severity severity = Severity::kInfo;
  int points = 0;
  std::string status;                // "fired", "not fired", "undecided", "not evaluated"
  std::string when;                  // the expression as written
  SourceLocation where;              // of the `when` text
  std::vector<ExplainStep> steps;    // depth-first, parents before children
  std::vector<std::string> missing;  // when undecided or not evaluated: the questions to answer
  std::string message;               // when fired
};

}  // namespace candidacy
