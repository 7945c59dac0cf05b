// Screening one questionnaire against a rulebook: every rule ends fired, not
// fired, undecided (a due answer is missing) or not evaluated (only optional
// answers are missing); the outcome and score follow the contract's policy.
// The result is plain data (candidacy/result.h); renderers (report.h) turn it
// into text or JSON.
// Tested by tests/engine/decide/screening_test.cc and tests/contract/criteria_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/result.h"
#include "candidacy/rulebook.h"

namespace candidacy {

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
