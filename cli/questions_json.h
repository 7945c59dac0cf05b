// The JSON of `candidacy questions --format json` (every question) and of
// `questions --for FILE --format json` (the plan: those still due, the ones
// that could change the outcome first), in one place so the command and the
// service's GET/POST /questions give the same bytes.
// Tested by tests/cli/questions_test.sh and tests/cli/serve_test.sh.
#pragma once

#include <string>
#include <vector>

#include "candidacy/questions.h"
#include "candidacy/rulebook.h"

namespace candidacy::cli {

// Every question in rulebook order: a JSON array, 2-space indent, ending in a newline.
std::string QuestionListJson(const std::vector<QuestionInfo>& questions);

// The plan for the questionnaire `id`: {"id","outcome","exclusions","due"},
// 2-space indent, ending in a newline.
std::string QuestionPlanJson(const std::string& id, const QuestionPlan& plan);

}  // namespace candidacy::cli
