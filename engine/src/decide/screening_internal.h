// Screening with its evaluation record handed back, for rule coverage and
// explanations. Tested by tests/engine/authoring/rulebook_tests_test.cc and tests/engine/decide/explain_test.cc.
#pragma once

#include <vector>

#include "candidacy/screening.h"
#include "decide/eval_recorder.h"
#include "decide/evaluator.h"
#include "lexicon/lexicon.h"

namespace candidacy::internal {

// What one screening evaluated, kept after it: explain prints its answer
// lines and values from it and rule coverage counts conditions from it,
// neither evaluating nor matching anything again.
struct ScreeningRecord {
  EvalRecorder recorder;                 // kFull: every node's value, reached, examined
  std::vector<MedicationMatch> matches;  // one per medication entry, as the screening matched it
  EvalTables tables;                     // whether each question was asked, the derived values
};

// As Screen() with full detail into *out (replaced whole), keeping the
// recorder, the medication matches and the evaluator's tables in *record.
void ScreenRecorded(const Rulebook& rulebook, const Questionnaire& questionnaire, ScreeningRecord* record,
                    ScreeningResult* out);

}  // namespace candidacy::internal
