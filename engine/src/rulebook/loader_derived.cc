// Rulebook loader, derived values. Test: tests/engine/rulebook/loader_test.cc.
#include "rulebook/loader_internal.h"

namespace candidacy::internal {

void RulebookLoader::DeclareDerived(YamlFile* f, const YAML::Node& n) {
  if (!CheckFields(f, n, Mapping::kDerived)) return;
  Derived d;
  f->GetString(n, "id", &d.id);
  f->GetString(n, "unit", &d.unit);
  f->GetString(n, "description", &d.description);
  d.where = f->Where(n);
  std::string type = "number";
  f->GetString(n, "type", &type);
  if (type != "number") f->Error(Msg::kDerivedValueSType, n["type"]);
  if (!IsDottedId(d.id)) {
    f->Error(Msg::kDerivedIdLowerCase, n["id"], d.id);
    return;
  }
  if (model_->question_index.count(d.id) != 0 ||
      !model_->derived_index.emplace(d.id, static_cast<int>(model_->derived.size())).second) {
    f->Error(Msg::kAlreadyDeclared, n["id"], d.id);
    return;
  }
  NameDeclared(f, NameKind::kDerived, static_cast<int>(model_->derived.size()), n["id"]);
  model_->derived.push_back(std::move(d));
  derived_nodes_.push_back({f, n});
}

void RulebookLoader::CheckDerived(int i) {
  auto& [f, n] = derived_nodes_[i];
  Scope scope{model_.get(), static_cast<int>(model_->questions.size()), i,
              "a derived value may only use derived values declared before it"};
  CompileExpression(f, n["expr"], scope, ValueType::kNumber, &model_->derived[i].expr);
}

}  // namespace candidacy::internal
