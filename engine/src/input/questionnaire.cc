// Questionnaire reading: document -> validated answers. Every answer is
// checked against its question (type, range, allowed values) and every
// problem is reported; an unknown field is a warning. Nothing half-read is
// returned. Test: tests/engine/input/questionnaire_test.cc.
#include "candidacy/questionnaire.h"

#include "input/answer_validator.h"
#include "input/fhir_answers.h"
#include "input/questionnaire_access.h"
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
  // The fast path: a JSON questionnaire or FHIR resource simdjson reads and
  // the validator accepts without a word. Anything else (an error, a warning)
  // is read by the located reader, which gives every message its place.
  if (format == InputFormat::kJson || format == InputFormat::kFhir) {
    if (internal::ReadJsonAnswersFast(internal::ModelOf(rulebook), text, options.padded, out->answers_.get(), format == InputFormat::kFhir))
      return Status::Ok();
    *out = Questionnaire();  // nothing half-read stays
  }
  return internal::ReadQuestionnaireLocated(rulebook, text, format, options.display_name, out, diagnostics);
}

namespace internal {

Status ReadQuestionnaireLocated(const Rulebook& rulebook, std::string_view text, InputFormat format,
                                const std::string& display_name, Questionnaire* out, std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> errors;
  DocNode root;
  const bool parsed = format == InputFormat::kJson || format == InputFormat::kFhir
                          ? ParseJsonDocument(text, display_name, &root, &errors)
                          : ParseYamlDocument(text, display_name, &root, &errors);
  Questionnaire q;
  Answers& answers = QuestionnaireAccess::Of(q);
  // A JSON document with a resourceType is FHIR (docs/fhir.md): converted, then validated like any other.
  const bool fhir = parsed && (format == InputFormat::kFhir || (format == InputFormat::kJson && IsFhirResource(root)));
  if (fhir) {
    ReadFhirAnswers(ModelOf(rulebook), DocNodeView(root), display_name, &answers, &errors);
  } else if (parsed) {
    AnswerValidator<DocNodeView> validator(ModelOf(rulebook), display_name, &answers, &errors);
    validator.Root(DocNodeView(root));
  }
  if (!errors.empty()) {
    SortDiagnostics(&errors);
    diagnostics->insert(diagnostics->end(), errors.begin(), errors.end());
    return Status::Error(StatusCode::kQuestionnaireInvalid,
                         display_name + ": " + std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors"));
  }
  *out = std::move(q);
  return Status::Ok();
}

}  // namespace internal
}  // namespace candidacy
