// Rulebook loader, questions. Test: tests/engine/rulebook/loader_test.cc.
#include <set>

#include "base/spelling.h"
#include "candidacy/limits.h"
#include "rulebook/loader_internal.h"

namespace candidacy::internal {

void RulebookLoader::DeclareQuestion(YamlFile* f, const YAML::Node& n) {
  if (!CheckFields(f, n, Mapping::kQuestion))
    return;
  Question q;
  f->GetString(n, "id", &q.id);
  f->GetString(n, "unit", &q.unit);
  f->GetString(n, "prompt", &q.prompt);
  f->GetBool(n, "required", &q.required);
  f->GetBool(n, "for_the_record", &q.for_the_record);
  q.where = f->Where(n);
  if (!IsDottedId(q.id)) {
    f->Error(Msg::kQuestionIdLowerCase, n["id"], q.id);
    return;
  }
  if (q.id == "id") {
    f->Error(Msg::kIdQuestionnaireSOwn, n["id"]);
    return;
  }
  std::string type;
  f->GetString(n, "type", &type);
  static const std::pair<const char*, QuestionType> kTypes[] = {
      {"integer", QuestionType::kInteger}, {"number", QuestionType::kNumber},     {"boolean", QuestionType::kBoolean},
      {"enum", QuestionType::kEnum},       {"list_of_enum", QuestionType::kEnumList}, {"list_of_text", QuestionType::kTextList}};
  bool known = false;
  for (auto& [name, t] : kTypes)
    if (type == name) q.type = t, known = true;
  if (!known) {
    f->Error(Msg::kUnknownQuestionTypeExpected, n["type"], type);
    return;
  }
  const bool numeric = q.type == QuestionType::kInteger || q.type == QuestionType::kNumber;
  const bool enumerated = q.type == QuestionType::kEnum || q.type == QuestionType::kEnumList;
  if (const YAML::Node r = n["range"]; r.IsDefined()) {
    double lo = 0, hi = 0;
    if (!numeric) {
      f->Error(Msg::kOnlyIntegerNumberQuestions, r);
    } else if (!r.IsSequence() || r.size() != 2 || !YamlFile::IsPlainScalar(r[0]) || !YamlFile::IsPlainScalar(r[1]) ||
               !YamlFile::ParseNumber(r[0].Scalar(), &lo) || !YamlFile::ParseNumber(r[1].Scalar(), &hi)) {
      f->Error(Msg::kRangeTwoNumbersMin, r);
    } else if (lo > hi) {
      f->Error(Msg::kRangeSMinAbove, r);
    } else {
      q.has_range = true;
      q.min = lo;
      q.max = hi;
    }
  }
  if (n["values"].IsDefined() && !enumerated) f->Error(Msg::kOnlyEnumListEnum, n["values"]);
  if (enumerated) {
    f->GetStringList(n, "values", &q.values);
    std::set<std::string> seen;
    for (const auto& v : q.values)
      if (!seen.insert(v).second) f->Error(Msg::kValueListedTwice, n["values"], v);
    if (q.values.empty()) f->Error(Msg::kQuestionNeedsAllowedValues, n, type);
  }
  if (model_->questions.size() >= limits::kMaxQuestions) {
    f->Error(Msg::kMoreThanQuestions, n, std::to_string(limits::kMaxQuestions));
    return;
  }
  if (!model_->question_index.emplace(q.id, static_cast<int>(model_->questions.size())).second) {
    f->Error(Msg::kQuestionDeclaredTwice, n["id"], q.id);
    return;
  }
  if (q.id == "medications") {
    if (q.type == QuestionType::kTextList)
      model_->medications_question = static_cast<int>(model_->questions.size());
    else
      f->Error(Msg::kMedicationsQuestionTypeList, n["type"]);
  }
  NameDeclared(f, NameKind::kQuestion, static_cast<int>(model_->questions.size()), n["id"]);
  model_->questions.push_back(std::move(q));
  question_nodes_.push_back({f, n});
}

void RulebookLoader::CheckAskedWhen(int i) {
  auto& [f, n] = question_nodes_[i];
  const YAML::Node cond = n["asked_when"];
  if (!cond.IsDefined()) return;
  Scope scope{model_.get(), i, 0, "asked_when may only use questions declared before this one"};
  CompileExpression(f, cond, scope, ValueType::kBoolean, &model_->questions[i].asked_when);
}

// implied_by: another question whose answer, given without this boolean
// one, reads this one as true (docs/rulebook.md, "Questions").
void RulebookLoader::ResolveImpliedBy(int i) {
  auto& [f, n] = question_nodes_[i];
  const YAML::Node node = n["implied_by"];
  if (!node.IsDefined()) return;
  std::string id;
  if (!f->GetString(n, "implied_by", &id)) return;
  Question& q = model_->questions[i];
  if (q.type != QuestionType::kBoolean) {
    f->Error(Msg::kOnlyBooleanQuestionTakes, node);
    return;
  }
  auto it = model_->question_index.find(id);
  if (it == model_->question_index.end()) {
    std::vector<std::string_view> names;
    for (const auto& other : model_->questions) names.push_back(other.id);
    const std::string near = ClosestName(id, names);
    f->Error(Msg::kImpliedNamesNoDeclared, node, id, (near.empty() ? "" : MessageText(Msg::kDidYouMeanSuffix, near)));
    return;
  }
  if (it->second == i) {
    f->Error(Msg::kQuestionCannotImpliedItself, node);
    return;
  }
  q.implied_by = it->second;
  model_->implied.push_back(i);
}

}  // namespace candidacy::internal
