// Questionnaire reading: document -> validated answers. Every answer is
// checked against its question (type, range, allowed values) and every
// problem is reported; an unknown field is a warning. Nothing half-read is
// returned. Test: tests/engine/input/questionnaire_test.cc.
#include "candidacy/questionnaire.h"

#include <unordered_map>

#include "input/answer_validator.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {

Questionnaire::Questionnaire() : answers_(std::make_unique<internal::Answers>()) {}
Questionnaire::~Questionnaire() = default;
Questionnaire::Questionnaire(Questionnaire&&) noexcept = default;
Questionnaire& Questionnaire::operator=(Questionnaire&&) noexcept = default;
const std::string& Questionnaire::id() const { return answers_->id; }
const std::vector<Diagnostic>& Questionnaire::warnings() const { return answers_->warnings; }


Status ReadQuestionnaire(const Rulebook& rulebook, std::string_view text, const ReadOptions& options,
                         Questionnaire* out, std::vector<Diagnostic>* diagnostics) {
  using internal::DocNode;
  // Emptied in place: a batch reading line after line into one Questionnaire
  // keeps its answer table's memory.
  if (out->answers_ == nullptr) out->answers_ = std::make_unique<internal::Answers>();
  out->answers_->id.clear();
  out->answers_->warnings.clear();
  out->answers_->sources.clear();
  out->answers_->medication_sources.clear();
  out->answers_->ehr = EhrRecord();
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) {
    size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a byte-order mark
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    format = i < text.size() && text[i] == '{' ? InputFormat::kJson : InputFormat::kYaml;
  }
  // (JSON's fast path below empties the answers in place, keeping their lists' memory.)
  if (format != InputFormat::kJson) out->answers_->by_question.clear();
  std::vector<Diagnostic> errors;
  DocNode root;
  // The fast path: a JSON questionnaire simdjson reads and the validator
  // accepts without a word. Anything else (an error, a warning, FHIR) is read
  // by the located reader below, which gives every message its place.
  if (format == InputFormat::kJson) {
    if (internal::ReadJsonAnswersFast(internal::ModelOf(rulebook), text, options.padded, out->answers_.get())) return Status::Ok();
    *out = Questionnaire();  // nothing half-read stays
  }
  const bool parsed = format == InputFormat::kJson || format == InputFormat::kFhir
                          ? internal::ParseJsonDocument(text, options.display_name, &root, &errors)
                          : internal::ParseYamlDocument(text, options.display_name, &root, &errors);
  Questionnaire q;
  // A JSON document with a resourceType is FHIR (docs/fhir.md): converted, then validated like any other.
  const bool fhir = parsed && (format == InputFormat::kFhir || (format == InputFormat::kJson && internal::IsFhirResource(root)));
  DocNode converted;
  internal::FhirOrigins origins;
  std::vector<Diagnostic> fhir_warnings;
  // A Bundle: its QuestionnaireResponse and clinical resources, with every answer's source.
  std::unordered_map<std::string, std::string> sources;
  const bool bundle = fhir && internal::IsFhirBundle(root);
  const bool convertible =
      fhir && (bundle ? internal::FhirBundleToDocument(root, internal::ModelOf(rulebook), options.display_name, &converted, &origins, &sources,
                                                       &q.answers_->medication_sources, &q.answers_->ehr, &errors, &fhir_warnings)
                      : internal::FhirResponseToDocument(root, internal::ModelOf(rulebook), options.display_name, &converted, &origins, &errors, &fhir_warnings));
  if (parsed && (!fhir || convertible)) {
    internal::AnswerValidator<internal::DocNodeView> validator(internal::ModelOf(rulebook), options.display_name, q.answers_.get(), &errors);
    if (fhir) validator.set_origins(&origins);
    validator.Root(internal::DocNodeView(fhir ? converted : root));
    if (bundle) {
      const auto& model = internal::ModelOf(rulebook);
      q.answers_->sources.assign(model.questions.size(), std::string());
      for (auto& [id, source] : sources) {
        auto it = model.question_index.find(id);
        if (it != model.question_index.end()) q.answers_->sources[it->second] = std::move(source);
      }
    }
    q.answers_->warnings.insert(q.answers_->warnings.end(), fhir_warnings.begin(), fhir_warnings.end());
  }
  if (!errors.empty()) {
    SortDiagnostics(&errors);
    diagnostics->insert(diagnostics->end(), errors.begin(), errors.end());
    return Status::Error(StatusCode::kQuestionnaireInvalid,
                         options.display_name + ": " + std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors"));
  }
  *out = std::move(q);
  return Status::Ok();
}

}  // namespace candidacy
