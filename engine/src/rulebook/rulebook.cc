// The public Rulebook: a thin, immutable handle on the checked Model, loaded
// from YAML or from a compiled image. Tests: tests/engine/rulebook/rulebook_test.cc,
// tests/engine/rulebook/loader_test.cc, tests/engine/rulebook/image_test.cc.
#include "candidacy/rulebook.h"

#include "expr/program.h"
#include "expr/value_ids.h"
#include "rulebook/image_cache.h"
#include "rulebook/loader.h"
#include "rulebook/model.h"

namespace candidacy {

namespace internal {
void IndexQuestions(Model* model) {
  model->fields.Build(model->questions, &model->groups);
  model->required_questions.clear();
  model->conditional_questions.clear();
  model->list_questions.clear();
  for (size_t q = 0; q < model->questions.size(); ++q) {
    const Question& question = model->questions[q];
    if (question.required) model->required_questions.push_back(static_cast<int>(q));
    if (question.asked_when.root) model->conditional_questions.push_back(static_cast<int>(q));
    if (question.type == QuestionType::kEnumList || question.type == QuestionType::kTextList)
      model->list_questions.push_back(static_cast<int>(q));
  }
}

void NumberNodes(Model* model) {
  int next = 0;
  for (auto& q : model->questions)
    if (q.asked_when.root) next = NumberNodes(q.asked_when.root.get(), next);
  for (auto& d : model->derived)
    if (d.expr.root) next = NumberNodes(d.expr.root.get(), next);
  for (auto& r : model->rules)
    if (r.when.root) next = NumberNodes(r.when.root.get(), next);
  model->node_count = next;
  // Value ids: the rules' sub-expressions shared where equal; the asked_when
  // conditions and derived values, each computed once a screening, apart.
  ValueNumbering values;
  for (auto& q : model->questions)
    if (q.asked_when.root) values.Unique(q.asked_when.root.get());
  for (auto& d : model->derived)
    if (d.expr.root) values.Unique(d.expr.root.get());
  for (auto& r : model->rules)
    if (r.when.root) values.Share(r.when.root.get());
  for (auto& r : model->rules)
    if (r.when.root) values.MarkShared(r.when.root.get());
  model->value_count = values.count();
  // The rules' distinct conditions: rules with equal ones fire together.
  std::vector<int> condition_of(static_cast<size_t>(model->value_count), -1);  // by value id
  model->conditions.clear();
  model->rule_condition.clear();
  model->rule_value.clear();
  for (auto& r : model->rules) {
    int& c = condition_of[static_cast<size_t>(r.when.root->value_id)];  // every checked rule has a condition
    if (c < 0) {
      c = static_cast<int>(model->conditions.size());
      model->conditions.push_back(r.when.root.get());
    }
    model->rule_condition.push_back(c);
    model->rule_value.push_back(r.when.root->value_id);
  }
  // The flat steps a summary screening runs: asked_when, derived values and
  // the distinct conditions, in the order the tree walk computes them.
  ProgramBuilder program(model->value_count);
  for (size_t q = 0; q < model->questions.size(); ++q)
    if (model->questions[q].asked_when.root) program.AskedWhen(static_cast<int>(q), model->questions[q].asked_when.root.get());
  for (size_t d = 0; d < model->derived.size(); ++d)
    if (model->derived[d].expr.root) program.Derived(static_cast<int>(d), model->derived[d].expr.root.get());
  for (auto& r : model->rules)  // (a rule whose condition another's equals adds no step, but its nodes are marked)
    if (r.when.root) program.Condition(r.when.root.get());
  model->program = program.Take();
}
}  // namespace internal

Rulebook::Rulebook(std::unique_ptr<internal::Model> model) : model_(std::move(model)) {
  internal::IndexQuestions(model_.get());
  internal::NumberNodes(model_.get());
}
Rulebook::~Rulebook() = default;

Status Rulebook::Load(const std::string& directory, std::shared_ptr<const Rulebook>* out,
                      std::vector<Diagnostic>* diagnostics) {
  return Load(directory, LoadOptions{}, out, diagnostics);
}

Status Rulebook::Load(const std::string& directory, const LoadOptions& options, std::shared_ptr<const Rulebook>* out,
                      std::vector<Diagnostic>* diagnostics) {
  std::unique_ptr<internal::RulebookImageCache> cache;
  if (!options.cache_directory.empty() && options.unsaved.empty()) {
    std::string dir = directory;  // as the loader spells it in Model::directory and every location
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    cache = std::make_unique<internal::RulebookImageCache>(options.cache_directory, dir, options.log);
    if (auto model = cache->Read(diagnostics)) {  // the FHIR code mappings with it
      out->reset(new Rulebook(std::move(model)));
      return Status::Ok();
    }
  }
  const size_t before = diagnostics->size();
  Status status;
  auto model = internal::LoadModel(directory, diagnostics, &status, options.unsaved);
  if (model == nullptr) return status;
  if (!internal::LoadEhrMapping(model.get(), diagnostics))
    return Status::Error(StatusCode::kRulebookInvalid, "the FHIR mappings of " + directory + " have errors");
  if (cache != nullptr)
    cache->Write(*model, std::vector<Diagnostic>(diagnostics->begin() + static_cast<std::ptrdiff_t>(before), diagnostics->end()));
  out->reset(new Rulebook(std::move(model)));
  return Status::Ok();
}

const std::string& Rulebook::id() const { return model_->id; }
const std::string& Rulebook::title() const { return model_->title; }
const std::string& Rulebook::version() const { return model_->version; }
const std::string& Rulebook::effective() const { return model_->effective; }
const std::string& Rulebook::sha256() const { return model_->sha256; }
const std::string& Rulebook::directory() const { return model_->directory; }
std::size_t Rulebook::rule_count() const { return model_->rules.size(); }
std::size_t Rulebook::medication_name_count() const { return model_->lexicon.names().size(); }

std::vector<QuestionInfo> Rulebook::questions() const {
  std::vector<QuestionInfo> out;
  for (const auto& q : model_->questions) {
    QuestionInfo info;
    info.id = q.id;
    info.type = internal::QuestionTypeName(q.type);
    info.unit = q.unit;
    info.prompt = q.prompt;
    info.required = q.required;
    info.has_range = q.has_range;
    info.min = q.min;
    info.max = q.max;
    info.values = q.values;
    info.asked_when = q.asked_when.text;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace candidacy
