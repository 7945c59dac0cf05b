// The public Rulebook: a thin, immutable handle on the checked Model.
// Test: tests/rulebook_loader_test.cc.
#include "candidacy/rulebook.h"

#include "rulebook_loader.h"
#include "rulebook_model.h"

namespace candidacy {

Rulebook::Rulebook(std::unique_ptr<internal::Model> model) : model_(std::move(model)) {}
Rulebook::~Rulebook() = default;

Status Rulebook::Load(const std::string& directory, std::shared_ptr<const Rulebook>* out,
                      std::vector<Diagnostic>* diagnostics) {
  Status status;
  auto model = internal::LoadModel(directory, diagnostics, &status);
  if (model == nullptr) return status;
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
