// What the interview's files share (engine-private): trimming typed text,
// question kinds, a question by id, an answer's canonical text, and a YAML
// scalar. Tested by tests/engine/intake/interview_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "input/answers.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// `s` without leading and trailing blanks (spaces, tabs, line ends).
std::string Trim(std::string_view s);

inline bool IsTextQuestion(const Question& q) { return q.type == QuestionType::kTextList; }
inline bool IsList(const Question& q) { return q.type == QuestionType::kEnumList || q.type == QuestionType::kTextList; }

// The question `id` of model `m`, or null.
const Question* FindQuestion(const Model& m, const std::string& id);

// The canonical text of a read answer to `q`: one value, or a list's values.
std::vector<std::string> Canonical(const Question& q, const Answer& a);

// A YAML scalar for `text`: plain when it cannot be read as anything but
// itself (numbers, true/false, identifiers), double-quoted otherwise.
std::string YamlScalar(const std::string& text, bool force_quotes);

}  // namespace candidacy::internal
