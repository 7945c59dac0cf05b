// Rulebook loader, unused-item warnings. Test: tests/engine/rulebook/loader_test.cc.
#include "rulebook/loader_internal.h"

namespace candidacy::internal {

void RulebookLoader::WarnUnused() {
  if (HasErrors(*diags_)) return;
  for (const auto& q : model_->questions)
    if (q.asked_when.root) MarkUsed(*q.asked_when.root);
  for (size_t i = 0; i < model_->questions.size(); ++i)
    if (used_questions_.count(static_cast<int>(i)) == 0 && !model_->questions[i].for_the_record) {
      auto& [f, n] = question_nodes_[i];
      f->Warning(Msg::kQuestionUsedNoRule, n["id"], model_->questions[i].id);
    }
  for (size_t i = 0; i < model_->sources.size(); ++i)
    if (cited_.count(static_cast<int>(i)) == 0)
      files_.front()->Warning(Msg::kSourceCitedNoRule, source_nodes_[i]["label"], model_->sources[i].label);
}

}  // namespace candidacy::internal
