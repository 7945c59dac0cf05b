// What changed between two versions of a rulebook, and what the change does
// to screenings: metadata and score bands, sources, questions, derived values,
// rules and the medication lexicon compared item by item, and a batch of
// questionnaires screened against both. Plain data; renderers in the same
// header. Tested by tests/engine/authoring/rulebook_diff_test.cc and tests/cli/diff_test.sh.
#pragma once

#include <string>
#include <vector>

#include "candidacy/rulebook.h"
#include "candidacy/screening.h"

namespace candidacy {

struct DiffField {
  std::string field;   // "points", "when", "range", ...
  std::string before;  // "" when the field is absent
  std::string after;
};

// One item added, removed or changed. Sections come in a fixed order
// (metadata, policy, sources, questions, derived, rules, classes, drugs,
// names, common words, then the FHIR code mappings: fhir mapping, loinc,
// value sets, rxnorm, allergies), items within a section by id.
struct DiffEntry {
  enum class Change { kAdded, kRemoved, kChanged };
  std::string section;
  std::string id;
  Change change = Change::kChanged;
  std::string summary;             // title, prompt, classes or generics, to recognise the item (may be empty)
  std::vector<DiffField> fields;   // kChanged: the fields that differ, in a fixed order
};

struct RulebookDiff {
  RulebookRef before, after;
  // Of the FHIR code mappings (fhir/, docs/fhir.md), hashed apart from the
  // rule files; "" for a rulebook without them.
  std::string mapping_sha256_before, mapping_sha256_after;
  std::vector<DiffEntry> entries;  // empty: nothing the engine reads differs
};

// Compares everything the engine reads from the two rulebooks (not comments
// or layout: those change only the hash). Never fails.
RulebookDiff DiffRulebooks(const Rulebook& before, const Rulebook& after);

// How one rule was decided on one questionnaire: "fired", "not fired",
// "undecided", "not evaluated", or "absent" (no such rule in that rulebook).
struct RuleStatusChange {
  std::string rule;
  std::string before, after;
};

// One questionnaire of a batch screened against both rulebooks.
struct ScreeningDiff {
  long line = 0;                     // in the batch, 1-based
  std::string id;
  bool readable_before = true, readable_after = true;
  std::vector<std::string> errors_before, errors_after;  // why it could not be read (messages only)
  std::string outcome_before, outcome_after;  // OutcomeName, or "" when not readable
  int score_before = 0, score_after = 0;
  int unrecognized_before = 0, unrecognized_after = 0;  // medication entries not recognised
  int probable_before = 0, probable_after = 0;          // medication entries matched only probably
  bool urgent_before = false, urgent_after = false;
  std::vector<RuleStatusChange> rules;  // rules whose status differs, by id
  bool changed() const;  // readability, outcome, urgency, score, unrecognised or probable count, or any rule status
};

// Compares two screenings of the same questionnaire, `before` by
// `rulebook_before` and `after` by `rulebook_after`. Sets outcome, score,
// unrecognised and probable counts and the rules (by id) whose status differs; a rule
// added or removed counts only when it fired, was undecided or not evaluated.
void CompareScreenings(const Rulebook& rulebook_before, const ScreeningResult& before, const Rulebook& rulebook_after,
                       const ScreeningResult& after, ScreeningDiff* out);

// Text for a reviewer: the two rulebooks, every entry by section, then (when
// `screenings` is not null) the batch summary: how many screenings moved from
// each outcome to each other, and how often each rule changed its status;
// then, with `every_screening`, each changed screening. Ends with a newline.
// Deterministic.
std::string RenderDiffText(const RulebookDiff& diff, const std::vector<ScreeningDiff>* screenings,
                           bool every_screening = true);

// One JSON object (pretty-printed): {"before","after","entries","screenings"?}.
std::string RenderDiffJson(const RulebookDiff& diff, const std::vector<ScreeningDiff>* screenings);

}  // namespace candidacy
