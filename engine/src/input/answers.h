// A questionnaire's answers, validated and indexed by question, ready for the
// evaluator. Built by questionnaire.cc. Tested by tests/engine/input/questionnaire_test.cc.
#pragma once

#include <string>
#include <vector>

#include "candidacy/result.h"
#include "candidacy/status.h"

namespace candidacy::internal {

struct Answer {
  bool present = false;
  bool null_given = false;    // answered with an explicit null: asked and left unanswered
  bool implied = false;       // not given: read as true from its implied_by question (a warning says so)
  double number = 0;          // integer, number; boolean as 0/1; enum as value index
  std::vector<int> enum_list;  // list_of_enum: value indices, in the order given
  std::vector<std::string> texts;  // list_of_text
};

inline bool operator==(const Answer& a, const Answer& b) {
  return a.present == b.present && a.null_given == b.null_given && a.implied == b.implied && a.number == b.number &&
         a.enum_list == b.enum_list &&
         a.texts == b.texts;
}

struct Answers {
  std::string id;
  std::vector<Answer> by_question;  // indexed like Model::questions
  std::vector<Diagnostic> warnings;
  // FHIR Bundle inputs only (else empty): each answer's source, indexed like
  // Model::questions; each medication entry's; and the record for the result.
  std::vector<std::string> sources;
  std::vector<std::string> medication_sources;
  EhrRecord ehr;
};

// The same questionnaire id and answers (warnings aside).
inline bool SameAnswers(const Answers& a, const Answers& b) { return a.id == b.id && a.by_question == b.by_question; }

}  // namespace candidacy::internal
