// Answers and derived values as the result reports them, and a medication
// entry from its match. Test: tests/engine/decide/answer_value_test.cc.
#include "decide/answer_value.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>


namespace candidacy::internal {

AnswerValue QuestionAnswer(const Model& m, const Answers& a, const EvalTables& t, int q) {
  AnswerValue v;
  const Answer& ans = a.by_question[q];
  if (!ans.present) {
    v.kind = t.asked[static_cast<size_t>(q)] == AskState::kNotAsked ? AnswerValue::Kind::kNotAsked : AnswerValue::Kind::kUnanswered;
    return v;
  }
  const auto& question = m.questions[q];
  switch (question.type) {
    case QuestionType::kInteger:
    case QuestionType::kNumber:
      v.kind = AnswerValue::Kind::kNumber;
      v.number = ans.number;
      v.integer = question.type == QuestionType::kInteger || ans.number == std::floor(ans.number);
      break;
    case QuestionType::kBoolean:
      v.kind = AnswerValue::Kind::kBoolean;
      v.boolean = ans.number != 0;
      break;
    case QuestionType::kEnum:
      v.kind = AnswerValue::Kind::kText;
      v.text = question.values[static_cast<size_t>(ans.number)];
      break;
    case QuestionType::kEnumList:
      v.kind = AnswerValue::Kind::kList;
      for (int k : ans.enum_list) v.list.push_back(question.values[k]);
      break;
    case QuestionType::kTextList:
      v.kind = AnswerValue::Kind::kList;
      v.list = ans.texts;
      break;
  }
  return v;
}

AnswerValue DerivedAnswer(const Model& m, const EvalTables& t, int d) {
  AnswerValue v;
  const NumValue& n = t.derived[static_cast<size_t>(d)];
  if (n.state == NumValue::State::kKnown) {
    v.kind = AnswerValue::Kind::kNumber;
    v.number = n.value;
    v.integer = DerivedDigits(m.derived[d]) == 0;
  } else {
    v.kind = n.state == NumValue::State::kNotAsked ? AnswerValue::Kind::kNotAsked : AnswerValue::Kind::kUnanswered;
  }
  return v;
}

int DerivedDigits(const Derived& d) {
  const Node* root = d.expr.root.get();
  return root != nullptr && root->kind == NodeKind::kRound ? static_cast<int>(root->number) : -1;
}

MedicationEntry MedicationEntryOf(const Lexicon& lexicon, const std::string& text, const MedicationMatch& match) {
  MedicationEntry entry;
  entry.text = text;
  entry.recognized = match.recognized;
  for (int d : match.drugs) entry.generics.push_back(lexicon.drugs()[static_cast<size_t>(d)].generic);
  for (int c : match.classes) entry.classes.push_back(lexicon.classes()[static_cast<size_t>(c)].id);
  for (int p : match.probable) {
    entry.probable_names.push_back(lexicon.names()[static_cast<size_t>(p)].text);
    for (int d : lexicon.names()[static_cast<size_t>(p)].drugs)
      entry.probable_generics.push_back(lexicon.drugs()[static_cast<size_t>(d)].generic);
  }
  return entry;
}

}  // namespace candidacy::internal
