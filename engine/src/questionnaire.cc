// Questionnaire reading: document -> validated answers. Every answer is
// checked against its question (type, range, allowed values) and every
// problem is reported; an unknown field is a warning. Nothing half-read is
// returned. Test: tests/questionnaire_test.cc.
#include "candidacy/questionnaire.h"

#include <cmath>

#include <fmt/format.h>

#include "answers.h"
#include "candidacy/limits.h"
#include "document.h"
#include "document_fhir.h"
#include "rulebook_model.h"

namespace candidacy {

Questionnaire::Questionnaire() : answers_(std::make_unique<internal::Answers>()) {}
Questionnaire::~Questionnaire() = default;
Questionnaire::Questionnaire(Questionnaire&&) noexcept = default;
Questionnaire& Questionnaire::operator=(Questionnaire&&) noexcept = default;
const std::string& Questionnaire::id() const { return answers_->id; }
const std::vector<Diagnostic>& Questionnaire::warnings() const { return answers_->warnings; }

namespace internal {
namespace {

std::string Number(double v) { return fmt::format("{}", v); }

// A short, safe rendering of a scalar for an error message.
std::string Shown(const DocNode& n) {
  switch (n.kind) {
    case DocNode::Kind::kBool: return n.boolean ? "true" : "false";
    case DocNode::Kind::kInt: return std::to_string(n.integer);
    case DocNode::Kind::kFloat: return Number(n.real);
    case DocNode::Kind::kString: return "'" + (n.text.size() > 40 ? n.text.substr(0, 40) + "..." : n.text) + "'";
    default: return DocKindName(n.kind);
  }
}

class Validator {
 public:
  Validator(const Model& model, const std::string& file, Answers* answers, std::vector<Diagnostic>* errors)
      : model_(model), file_(file), answers_(answers), errors_(errors) {
    answers_->by_question.assign(model.questions.size(), Answer{});
    seen_.assign(model.questions.size(), 0);
  }

  void Root(const DocNode& root) {
    if (root.kind != DocNode::Kind::kObject) {
      Error(root, DiagnosticCode::kWrongType, "", std::string("a questionnaire is a mapping of fields (id, patient, vitals, ...); this document is ") + DocKindName(root.kind));
      return;
    }
    bool has_id = false;
    for (const auto& [key, value] : root.members) {
      if (key == "id") {
        has_id = true;
        ReadId(value);
      } else {
        Field(key, value, 1);
      }
    }
    if (!has_id) Error(root, DiagnosticCode::kMissingKey, "id", "the questionnaire has no 'id' (its identifier; no name or date of birth)");
  }

 private:
  void Error(const DocNode& at, DiagnosticCode code, const std::string& path, std::string message) {
    errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, code, file_, at.line, at.column,
                                          (path.empty() ? std::move(message) : path + ": " + message) + Origin(at)));
  }

  // Where a converted (FHIR) node came from: " (linkId 'x', at item[2].answer[0].valueInteger)"; "" otherwise.
  std::string Origin(const DocNode& at) const {
    if (origins_ == nullptr) return "";
    auto it = origins_->find(&at);
    return it == origins_->end() ? "" : it->second;
  }

 public:
  void set_origins(const FhirOrigins* origins) { origins_ = origins; }

 private:

  void ReadId(const DocNode& v) {
    if (v.kind != DocNode::Kind::kString) {
      Error(v, DiagnosticCode::kBadAnswer, "id", std::string("expected text, found ") + DocKindName(v.kind));
    } else if (v.text.size() > limits::kMaxTextBytes) {
      Error(v, DiagnosticCode::kTooLarge, "id", "is " + std::to_string(v.text.size()) + " bytes long; the limit is " + std::to_string(limits::kMaxTextBytes));
    } else if (v.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      Error(v, DiagnosticCode::kBadAnswer, "id", "is empty; give the questionnaire's identifier");
    } else {
      answers_->id = v.text;
    }
  }

  bool IsPrefixOfQuestion(const std::string& path) const {
    const std::string prefix = path + ".";
    for (const auto& q : model_.questions)
      if (q.id.compare(0, prefix.size(), prefix) == 0) return true;
    return false;
  }

  void Field(const std::string& path, const DocNode& value, int depth) {
    auto it = model_.question_index.find(path);
    if (it != model_.question_index.end()) {
      ReadAnswer(it->second, value);
      return;
    }
    if (IsPrefixOfQuestion(path)) {  // a group such as `vitals`: it must hold its answers
      if (value.kind == DocNode::Kind::kObject) {
        if (depth < limits::kMaxDocumentDepth)
          for (const auto& [key, child] : value.members) Field(path + "." + key, child, depth + 1);
      } else if (value.kind != DocNode::Kind::kNull) {
        Error(value, DiagnosticCode::kBadAnswer, path,
              std::string("expected a mapping of answers (such as ") + path + ": {...}), found " + DocKindName(value.kind));
      }
      return;
    }
    answers_->warnings.push_back(DocumentDiagnostic(
        DiagnosticSeverity::kWarning, DiagnosticCode::kUnknownField, file_, value.line, value.column,
        "unknown field '" + (path.size() > 80 ? path.substr(0, 80) + "..." : path) + "' is ignored; the rulebook asks no such question" + Origin(value)));
  }

  void ReadAnswer(int index, const DocNode& v) {
    const Question& q = model_.questions[index];
    internal::Answer& a = answers_->by_question[index];
    // `patient: {age: 38}` and `patient.age: 17` in one document: which is meant?
    if (!seen_[index]) {
      seen_[index] = 1;
    } else {
      return Error(v, DiagnosticCode::kDuplicateKey, q.id, "is answered twice in this document; keep one answer");
    }
    if (v.kind == DocNode::Kind::kNull) {  // explicitly unanswered
      a.null_given = true;
      return;
    }
    switch (q.type) {
      case QuestionType::kInteger:
      case QuestionType::kNumber: {
        double x;
        if (v.kind == DocNode::Kind::kInt) {
          x = static_cast<double>(v.integer);
        } else if (v.kind == DocNode::Kind::kFloat) {
          x = v.real;
          if (!std::isfinite(x)) return Error(v, DiagnosticCode::kBadAnswer, q.id, "expected a finite number, found " + Shown(v));
          if (q.type == QuestionType::kInteger && x != std::floor(x))
            return Error(v, DiagnosticCode::kBadAnswer, q.id, "expected a whole number" + Unit(q) + ", found " + Shown(v));
        } else {
          return Error(v, DiagnosticCode::kBadAnswer, q.id,
                       std::string("expected ") + (q.type == QuestionType::kInteger ? "a whole number" : "a number") + Unit(q) + ", found " + DocKindName(v.kind) + (v.kind == DocNode::Kind::kString ? " " + Shown(v) : ""));
        }
        if (q.has_range && (x < q.min || x > q.max))
          return Error(v, DiagnosticCode::kOutOfRange, q.id, Number(x) + " is outside the allowed range " + Number(q.min) + ".." + Number(q.max) + Unit(q));
        a.number = x;
        break;
      }
      case QuestionType::kBoolean:
        if (v.kind != DocNode::Kind::kBool)
          return Error(v, DiagnosticCode::kBadAnswer, q.id, std::string("expected true or false, found ") + Shown(v));
        a.number = v.boolean ? 1 : 0;
        break;
      case QuestionType::kEnum: {
        const int k = EnumIndex(q, v);
        if (k < 0) return;
        a.number = k;
        break;
      }
      case QuestionType::kEnumList:
      case QuestionType::kTextList: {
        if (v.kind != DocNode::Kind::kArray)
          return Error(v, DiagnosticCode::kBadAnswer, q.id, std::string("expected a list, found ") + DocKindName(v.kind));
        if (v.items.size() > limits::kMaxListItems)
          return Error(v, DiagnosticCode::kTooLarge, q.id, "lists " + std::to_string(v.items.size()) + " items; the limit is " + std::to_string(limits::kMaxListItems));
        bool ok = true;
        for (size_t i = 0; i < v.items.size(); ++i) {
          const DocNode& item = v.items[i];
          const std::string where = q.id + "[" + std::to_string(i) + "]";
          if (q.type == QuestionType::kEnumList) {
            const int k = EnumIndex(q, item, where);
            if (k < 0) { ok = false; continue; }
            a.enum_list.push_back(k);
          } else if (item.kind != DocNode::Kind::kString) {
            Error(item, DiagnosticCode::kBadAnswer, where, std::string("expected text, found ") + DocKindName(item.kind));
            ok = false;
          } else if (item.text.size() > limits::kMaxTextBytes) {
            Error(item, DiagnosticCode::kTooLarge, where, "is " + std::to_string(item.text.size()) + " bytes long; the limit is " + std::to_string(limits::kMaxTextBytes));
            ok = false;
          } else if (item.text.find_first_not_of(" \t\r\n") == std::string::npos) {
            Error(item, DiagnosticCode::kBadAnswer, where, "is empty; remove it or write the medication");
            ok = false;
          } else {
            a.texts.push_back(item.text);  // never echoed in diagnostics: free text
          }
        }
        if (!ok) return;
        break;
      }
    }
    a.present = true;
  }

  int EnumIndex(const Question& q, const DocNode& v, const std::string& where = "") {
    const std::string& path = where.empty() ? q.id : where;
    if (v.kind == DocNode::Kind::kString)
      for (size_t i = 0; i < q.values.size(); ++i)
        if (q.values[i] == v.text) return static_cast<int>(i);
    std::string allowed;
    for (const auto& value : q.values) allowed += (allowed.empty() ? "" : ", ") + value;
    Error(v, DiagnosticCode::kBadAnswer, path, Shown(v) + " is not one of the allowed values: " + allowed);
    return -1;
  }

  static std::string Unit(const Question& q) { return q.unit.empty() ? "" : " " + q.unit; }

  const Model& model_;
  const std::string& file_;
  Answers* answers_;
  std::vector<Diagnostic>* errors_;
  std::vector<char> seen_;  // per question: an answer (or null) was given
  const FhirOrigins* origins_ = nullptr;  // set for a converted FHIR QuestionnaireResponse
};

}  // namespace
}  // namespace internal

Status ReadQuestionnaire(const Rulebook& rulebook, std::string_view text, const ReadOptions& options,
                         Questionnaire* out, std::vector<Diagnostic>* diagnostics) {
  using internal::DocNode;
  *out = Questionnaire();
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) {
    size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a byte-order mark
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    format = i < text.size() && text[i] == '{' ? InputFormat::kJson : InputFormat::kYaml;
  }
  std::vector<Diagnostic> errors;
  DocNode root;
  const bool parsed = format == InputFormat::kJson || format == InputFormat::kFhir
                          ? internal::ParseJsonDocument(text, options.display_name, &root, &errors)
                          : internal::ParseYamlDocument(text, options.display_name, &root, &errors);
  Questionnaire q;
  // A JSON document with a resourceType is FHIR (docs/fhir.md): converted, then validated like any other.
  const bool fhir = parsed && (format == InputFormat::kFhir || (format == InputFormat::kJson && internal::IsFhirResource(root)));
  DocNode converted;
  internal::FhirOrigins origins;
  std::vector<Diagnostic> fhir_warnings;
  const bool convertible =
      fhir && internal::FhirResponseToDocument(root, rulebook.model(), options.display_name, &converted, &origins, &errors, &fhir_warnings);
  if (parsed && (!fhir || convertible)) {
    internal::Validator validator(rulebook.model(), options.display_name, q.answers_.get(), &errors);
    if (fhir) validator.set_origins(&origins);
    validator.Root(fhir ? converted : root);
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
