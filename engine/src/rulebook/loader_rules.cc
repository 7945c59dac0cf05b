// Rulebook loader, rules. Test: tests/engine/rulebook/loader_test.cc.
#include "candidacy/limits.h"
#include "rulebook/loader_internal.h"
#include "rulebook/message_template.h"

namespace candidacy::internal {

void RulebookLoader::LoadRule(YamlFile* f, const YAML::Node& n) {
  if (!CheckFields(f, n, Mapping::kRule))
    return;
  Rule r;
  f->GetString(n, "id", &r.id);
  f->GetString(n, "title", &r.title);
  f->GetString(n, "action", &r.action);
  f->GetString(n, "reviewed_by", &r.reviewed_by);
  f->GetString(n, "reviewed_on", &r.reviewed_on);
  f->GetInt(n, "points", 0, 1000, &r.points);
  f->GetBool(n, "local_policy", &r.local_policy);
  f->GetBool(n, "urgent", &r.urgent);
  r.where = f->Where(n);
  if (!IsPlainId(r.id)) f->Error(Msg::kRuleIdLettersDigits, n["id"], r.id);
  if (!rule_ids_.insert(r.id).second) f->Error(Msg::kRuleDeclaredTwice, n["id"], r.id);
  if (n["reviewed_on"].IsDefined() && !IsDate(r.reviewed_on))
    f->Error(Msg::kReviewedDateWrittenYYYY, n["reviewed_on"]);

  std::string severity;
  f->GetString(n, "severity", &severity);
  static const std::pair<const char*, Severity> kSeverities[] = {
      {"exclude", Severity::kExclude}, {"review", Severity::kReview}, {"caution", Severity::kCaution}, {"info", Severity::kInfo}};
  bool known = false;
  for (auto& [name, s] : kSeverities)
    if (severity == name) r.severity = s, known = true;
  if (!known) f->Error(Msg::kSeverityExcludeReviewCaution, n["severity"], severity);
  if (r.urgent && known && r.severity != Severity::kReview && r.severity != Severity::kExclude)
    f->Error(Msg::kOnlyExcludeReviewRule, n["urgent"], severity);

  std::vector<std::string> sources;
  f->GetStringList(n, "sources", &sources);
  for (size_t i = 0; i < sources.size(); ++i) {
    auto it = model_->source_index.find(sources[i]);
    if (it == model_->source_index.end()) {
      f->Error(Msg::kSourceNotRulebookS, n["sources"][i], sources[i]);
      continue;
    }
    r.sources.push_back(it->second);
    cited_.insert(it->second);
  }
  if (sources.empty() && !r.local_policy)
    f->Error(Msg::kRuleCitesNoSource, n, r.id);

  Scope scope{model_.get(), static_cast<int>(model_->questions.size()), static_cast<int>(model_->derived.size()), ""};
  const bool expr_ok = CompileExpression(f, n["when"], scope, ValueType::kBoolean, &r.when);

  const YAML::Node msg = n["message"];
  if (!msg.IsScalar()) {
    f->Error(Msg::kMessageText, msg);
  } else {
    std::vector<TemplateError> errors;
    if (!ParseMessageTemplate(msg.Scalar(), *model_, &r.message, &errors))
      for (auto& e : errors) f->Report(DiagnosticSeverity::kError, DiagnosticCode::kBadPlaceholder, f->WhereInScalar(msg, e.offset), e.message);
  }
  if (expr_ok && model_->rules.size() < limits::kMaxRules) {
    MarkUsed(*r.when.root);
    r.when_where = f->WhereInScalar(n["when"], 0);
    CollectConditions(f, n["when"], *r.when.root, &r.conditions);
    NameDeclared(f, NameKind::kRule, static_cast<int>(model_->rules.size()), n["id"]);
    model_->rules.push_back(std::move(r));
  } else if (model_->rules.size() >= limits::kMaxRules) {
    f->Error(Msg::kMoreThanRules, n, std::to_string(limits::kMaxRules));
  }
}

// Leaf conditions of a rule's `when`, each with its place in the file.
void RulebookLoader::CollectConditions(YamlFile* f, const YAML::Node& scalar, const Node& node,
                              std::vector<std::pair<const Node*, SourceLocation>>* out) {
  switch (node.kind) {
    case NodeKind::kAnd:
    case NodeKind::kOr:
    case NodeKind::kNot:
      for (const auto& c : node.children) CollectConditions(f, scalar, *c, out);
      return;
    default:
      if (node.type == ValueType::kBoolean) out->emplace_back(&node, f->WhereInScalar(scalar, node.offset));
  }
}

void RulebookLoader::MarkUsed(const Node& node) {
  if (node.kind == NodeKind::kRef && !node.ref_is_derived) used_questions_.insert(node.index);
  if (node.kind == NodeKind::kRef && node.ref_is_derived && model_->derived[node.index].expr.root)  // null if it failed to compile
    MarkUsed(*model_->derived[node.index].expr.root);
  if (node.kind == NodeKind::kMedicationClass) used_questions_.insert(model_->medications_question);
  for (const auto& c : node.children) MarkUsed(*c);
}

void RulebookLoader::CheckCounts() {
  if (model_->rules.empty() && !HasErrors(*diags_) && !files_.empty())
    files_.front()->Report(DiagnosticSeverity::kError, Msg::kRulebookHasNoRules, SourceLocation{files_.front()->source().path(), 1, 1});
}

}  // namespace candidacy::internal
