// FHIR R4 QuestionnaireResponse -> neutral questionnaire document, with the
// origin (linkId, JSON path) of every converted value. Test: tests/engine/input/document_fhir_test.cc.
#include "base/diagnostic_messages.h"
#include "input/document_fhir.h"

#include <utility>

#include "candidacy/limits.h"
#include "input/fhir_units.h"

namespace candidacy::internal {
namespace {

using Kind = DocNode::Kind;

const DocNode* DocMember(const DocNode& object, const char* key) {
  for (const auto& [k, v] : object.members)
    if (k == key) return &v;
  return nullptr;
}

std::string ShortText(const std::string& s) { return s.size() > 80 ? s.substr(0, 80) + "..." : s; }

// The value[x] types the reader understands, and which question types take each.
bool Accepts(QuestionType type, const std::string& key) {
  switch (type) {
    case QuestionType::kBoolean: return key == "valueBoolean";
    case QuestionType::kInteger:
    case QuestionType::kNumber: return key == "valueInteger" || key == "valueDecimal" || key == "valueQuantity";
    case QuestionType::kEnum:
    case QuestionType::kEnumList: return key == "valueCoding" || key == "valueString";
    case QuestionType::kTextList: return key == "valueString";
  }
  return false;
}

const char* Expected(QuestionType type) {
  switch (type) {
    case QuestionType::kBoolean: return "valueBoolean";
    case QuestionType::kInteger: return "valueInteger or valueQuantity";
    case QuestionType::kNumber: return "valueDecimal, valueInteger or valueQuantity";
    case QuestionType::kEnum:
    case QuestionType::kEnumList: return "valueCoding (its code) or valueString";
    case QuestionType::kTextList: return "valueString";
  }
  return "?";
}

bool IsValueKey(const std::string& key) {
  return key.size() > 5 && key.compare(0, 5, "value") == 0 && key[5] >= 'A' && key[5] <= 'Z';
}

class Converter {
 public:
  Converter(const Model& model, const std::string& file, std::vector<Diagnostic>* errors,
            std::vector<Diagnostic>* warnings, std::string prefix)
      : model_(model), file_(file), errors_(errors), warnings_(warnings), prefix_(std::move(prefix)) {}

  bool Run(const DocNode& root, DocNode* out, FhirOrigins* origins, std::vector<std::string>* link_ids) {
    if (link_ids != nullptr) link_ids->clear();
    *out = DocNode{};
    out->kind = Kind::kObject;
    out->line = root.line;
    out->column = root.column;
    if (root.kind != Kind::kObject) {
      Error(root, CodeOf(Msg::kFHIRQuestionnaireResponseJSONObject), "", "",
            MessageText(Msg::kFHIRQuestionnaireResponseJSONObject, DocKindName(root.kind)));
      return false;
    }
    const DocNode* type = DocMember(root, "resourceType");
    if (type == nullptr) {
      Error(root, CodeOf(Msg::kNotFHIRResourceThere), "", "resourceType",
            MessageText(Msg::kNotFHIRResourceThere));
      return false;
    }
    if (type->kind != Kind::kString || type->text != "QuestionnaireResponse") {
      Error(*type, CodeOf(Msg::kNotReadOnlyQuestionnaireResponse), "", "resourceType",
            MessageText(Msg::kNotReadOnlyQuestionnaireResponse, (type->kind == Kind::kString ? "resourceType '" + ShortText(type->text) + "'" : std::string("a resourceType of ") + DocKindName(type->kind))));
      return false;
    }
    ReadStatus(root);
    Canonical(root);
    Id(root);
    if (const DocNode* items = DocMember(root, "item")) Items(*items, "", "item", 1);
    // The neutral document, then the origins (node addresses are final only now).
    out->members.reserve(entries_.size());
    if (link_ids != nullptr) link_ids->clear();
    for (auto& e : entries_) {
      if (link_ids != nullptr) link_ids->push_back(e.link_id);
      out->members.emplace_back(std::move(e.key), std::move(e.value));
    }
    (*origins)[out] = root_origin_;
    for (size_t i = 0; i < entries_.size(); ++i) {
      DocNode& v = out->members[i].second;
      (*origins)[&v] = entries_[i].origin;
      for (size_t k = 0; k < v.items.size() && k < entries_[i].item_origins.size(); ++k)
        (*origins)[&v.items[k]] = entries_[i].item_origins[k];
    }
    return true;
  }

 private:
  struct Entry {
    std::string key;
    DocNode value;
    std::string origin;
    std::vector<std::string> item_origins;  // list answers: one per item
    std::string link_id;
  };

  std::string Origin(const std::string& link_id, const std::string& at) const {
    return link_id.empty() ? " (at " + prefix_ + at + ")" : " (linkId '" + ShortText(link_id) + "', at " + prefix_ + at + ")";
  }

  // QuestionnaireResponse.questionnaire, when given, must be this rulebook's
  // Questionnaire: its url, and its version when the canonical has one.
  void Canonical(const DocNode& root) {
    const DocNode* c = DocMember(root, "questionnaire");
    if (c == nullptr) return;
    const std::string url = model_.ehr.questionnaire_url.empty() ? "urn:candidacy:" + model_.id : model_.ehr.questionnaire_url;
    const std::string ours = url + "|" + model_.version;
    if (c->kind != Kind::kString) {
      Error(*c, CodeOf(Msg::kQuestionnaireCanonicalOther), "", "questionnaire",
            MessageText(Msg::kQuestionnaireCanonicalOther, std::string("a ") + DocKindName(c->kind), ours));
      return;
    }
    const size_t bar = c->text.find('|');
    const std::string given_url = c->text.substr(0, bar);
    if (given_url != url || (bar != std::string::npos && c->text.substr(bar + 1) != model_.version))
      Error(*c, CodeOf(Msg::kQuestionnaireCanonicalOther), "", "questionnaire",
            MessageText(Msg::kQuestionnaireCanonicalOther, ShortText(c->text), ours));
  }

  void Error(const DocNode& node, DiagnosticCode code, const std::string& link_id, const std::string& at,
             const std::string& message, const std::string& question = "") {
    errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, code, file_, node.line, node.column,
                                          (question.empty() ? "" : question + ": ") + message +
                                              (at.empty() ? "" : Origin(link_id, at))));
  }

  void ReadStatus(const DocNode& root) {
    const DocNode* s = DocMember(root, "status");
    if (s == nullptr) {
      Error(root, CodeOf(Msg::kQuestionnaireResponseHasNoStatus), "", "status",
            MessageText(Msg::kQuestionnaireResponseHasNoStatus));
      return;
    }
    if (s->kind != Kind::kString) {
      Error(*s, CodeOf(Msg::kStatusExpectedCodeFound), "", "status", MessageText(Msg::kStatusExpectedCodeFound, DocKindName(s->kind)));
      return;
    }
    if (s->text == "completed" || s->text == "amended" || s->text == "in-progress") return;
    if (s->text == "stopped") {
      warnings_->push_back(DocumentDiagnostic(DiagnosticSeverity::kWarning, CodeOf(Msg::kQuestionnaireResponseWasStoppedBefore), file_, s->line, s->column,
                                              MessageText(Msg::kQuestionnaireResponseWasStoppedBefore)));
      return;
    }
    if (s->text == "entered-in-error") {
      Error(*s, CodeOf(Msg::kStatusEnteredErrorResponse), "", "status",
            MessageText(Msg::kStatusEnteredErrorResponse));
      return;
    }
    Error(*s, CodeOf(Msg::kStatusNotQuestionnaireResponseStatus), "", "status",
          MessageText(Msg::kStatusNotQuestionnaireResponseStatus, ShortText(s->text)));
  }

  // QuestionnaireResponse.id, else identifier.value: the questionnaire id.
  void Id(const DocNode& root) {
    const DocNode* id = DocMember(root, "id");
    std::string at = "id";
    if (id == nullptr) {
      if (const DocNode* identifier = DocMember(root, "identifier")) {
        if (identifier->kind != Kind::kObject) {
          Error(*identifier, CodeOf(Msg::kIdentifierExpectedOneIdentifier), "", "identifier",
                MessageText(Msg::kIdentifierExpectedOneIdentifier, DocKindName(identifier->kind)));
          root_origin_ = " (at id or identifier.value)";  // the validator still reports the missing id
          return;
        }
        id = DocMember(*identifier, "value");
        at = "identifier.value";
      }
    }
    if (id == nullptr) {
      root_origin_ = " (at id or identifier.value)";
      return;  // the validator reports the missing id at the document
    }
    entries_.push_back(Entry{"id", *id, Origin("", at), {}, ""});
  }

  std::string Resolve(const std::string& link_id, const std::string& parent) const {
    if (model_.question_index.count(link_id) || model_.groups.count(link_id) || parent.empty()) return link_id;
    return parent + "." + link_id;
  }

  void Items(const DocNode& items, const std::string& parent, const std::string& at, int depth) {
    if (items.kind != Kind::kArray) {
      Error(items, CodeOf(Msg::kItemExpectedListItems), "", at, MessageText(Msg::kItemExpectedListItems, DocKindName(items.kind)));
      return;
    }
    if (depth > limits::kMaxFhirItemDepth) {
      Error(items, CodeOf(Msg::kItemsNestDeeperThan), "", at,
            MessageText(Msg::kItemsNestDeeperThan, std::to_string(limits::kMaxFhirItemDepth)));
      return;
    }
    for (size_t i = 0; i < items.items.size(); ++i) Item(items.items[i], parent, at + "[" + std::to_string(i) + "]", depth);
  }

  void Item(const DocNode& item, const std::string& parent, const std::string& at, int depth) {
    if (item.kind != Kind::kObject) {
      Error(item, CodeOf(Msg::kExpectedItemMappingWith), "", at, MessageText(Msg::kExpectedItemMappingWith, DocKindName(item.kind)));
      return;
    }
    const DocNode* link = DocMember(item, "linkId");
    if (link == nullptr) {
      Error(item, CodeOf(Msg::kItemHasNoLinkId), "", at, MessageText(Msg::kItemHasNoLinkId));
      return;
    }
    if (link->kind != Kind::kString || link->text.empty()) {
      const bool empty = link->kind == Kind::kString;
      Error(*link, CodeOf(empty ? Msg::kLinkIdEmpty : Msg::kLinkIdNotText), "", at + ".linkId",
            empty ? MessageText(Msg::kLinkIdEmpty) : MessageText(Msg::kLinkIdNotText, DocKindName(link->kind)));
      return;
    }
    const std::string& link_id = link->text;
    const std::string path = Resolve(link_id, parent);
    if (path == "id") {  // not a question: the questionnaire id comes from QuestionnaireResponse.id
      warnings_->push_back(DocumentDiagnostic(DiagnosticSeverity::kWarning, CodeOf(Msg::kUnknownFieldIdIgnored), file_, link->line,
                                              link->column, MessageText(Msg::kUnknownFieldIdIgnored, Origin(link_id, at))));
      return;
    }
    const DocNode* answers = DocMember(item, "answer");
    const DocNode* children = DocMember(item, "item");
    // Items under a question (item[].item, answer[].item) are its siblings in
    // the id space: relative to the question's group, not to the question.
    const std::string child_parent = model_.question_index.count(path) ? parent : path;
    if (answers != nullptr) {
      Answers(item, *answers, link_id, path, child_parent, at, depth);
    } else if (children == nullptr && model_.groups.count(path) == 0) {
      entries_.push_back(Entry{path, Null(item), Origin(link_id, at), {}, link_id});  // asked, not answered
    }
    if (children != nullptr) Items(*children, child_parent, at + ".item", depth + 1);
  }

  static DocNode Null(const DocNode& at) {
    DocNode n;
    n.line = at.line;
    n.column = at.column;
    return n;
  }

  void Answers(const DocNode& item, const DocNode& answers, const std::string& link_id, const std::string& path,
               const std::string& child_parent, const std::string& at, int depth) {
    const std::string answer_at = at + ".answer";
    if (answers.kind != Kind::kArray) {
      Error(answers, CodeOf(Msg::kAnswerExpectedListAnswers), link_id, answer_at,
            MessageText(Msg::kAnswerExpectedListAnswers, DocKindName(answers.kind)));
      return;
    }
    auto found = model_.question_index.find(path);
    if (found == model_.question_index.end()) {
      if (model_.groups.count(path)) {
        Error(answers, CodeOf(Msg::kGroupQuestionsNotQuestion), link_id, answer_at,
              MessageText(Msg::kGroupQuestionsNotQuestion, ShortText(path)));
      } else {
        entries_.push_back(Entry{path, Null(item), Origin(link_id, at), {}, link_id});  // unknown: the validator warns
      }
      FollowAnswerItems(answers, child_parent, answer_at, depth);
      return;
    }
    const Question& q = model_.questions[found->second];
    const bool list = q.type == QuestionType::kEnumList || q.type == QuestionType::kTextList;
    if (!list && answers.items.size() > 1) {
      Error(answers.items[1], CodeOf(Msg::kHasAnswersQuestionTakes), link_id, answer_at + "[1]",
            MessageText(Msg::kHasAnswersQuestionTakes, std::to_string(answers.items.size())), q.id);
      FollowAnswerItems(answers, child_parent, answer_at, depth);
      return;
    }
    Entry entry{path, DocNode{}, Origin(link_id, list ? answer_at : at), {}, link_id};
    entry.value.line = answers.line;
    entry.value.column = answers.column;
    if (list) entry.value.kind = Kind::kArray;  // no answer at all ([]) is an empty list: "none"
    bool ok = true;
    for (size_t i = 0; i < answers.items.size(); ++i) {
      const std::string where = answer_at + "[" + std::to_string(i) + "]";
      DocNode value;
      std::string value_at;
      if (!Value(answers.items[i], q, link_id, where, &value, &value_at)) {
        ok = false;
        continue;
      }
      if (list) {
        entry.value.items.push_back(std::move(value));
        entry.item_origins.push_back(Origin(link_id, value_at));
      } else {
        entry.value = std::move(value);
        entry.origin = Origin(link_id, value_at);
      }
    }
    if (ok) entries_.push_back(std::move(entry));
    FollowAnswerItems(answers, child_parent, answer_at, depth);
  }

  // answer[].item: items nested under an answer, followed like item[].item.
  void FollowAnswerItems(const DocNode& answers, const std::string& parent, const std::string& answer_at, int depth) {
    for (size_t i = 0; i < answers.items.size(); ++i)
      if (answers.items[i].kind == Kind::kObject)
        if (const DocNode* nested = DocMember(answers.items[i], "item"))
          Items(*nested, parent, answer_at + "[" + std::to_string(i) + "].item", depth + 1);
  }

  // One answer: exactly one value[x] of a type the question takes.
  bool Value(const DocNode& answer, const Question& q, const std::string& link_id, const std::string& at, DocNode* value,
             std::string* value_at) {
    if (answer.kind != Kind::kObject) {
      Error(answer, CodeOf(Msg::kExpectedAnswerMappingWith), link_id, at, MessageText(Msg::kExpectedAnswerMappingWith, DocKindName(answer.kind)), q.id);
      return false;
    }
    const std::pair<std::string, DocNode>* chosen = nullptr;
    for (const auto& member : answer.members) {
      if (!IsValueKey(member.first)) continue;
      if (chosen != nullptr) {
        Error(member.second, CodeOf(Msg::kAnswerHasBothGive), link_id, at + "." + member.first,
              MessageText(Msg::kAnswerHasBothGive, chosen->first, member.first), q.id);
        return false;
      }
      chosen = &member;
    }
    if (chosen == nullptr) {
      Error(answer, CodeOf(Msg::kAnswerHasNoValue), link_id, at, MessageText(Msg::kAnswerHasNoValue, Expected(q.type)), q.id);
      return false;
    }
    const std::string& key = chosen->first;
    const DocNode& v = chosen->second;
    *value_at = at + "." + key;
    if (!Accepts(q.type, key)) {
      Error(v, CodeOf(Msg::kDoesNotAnswerQuestion), link_id, *value_at,
            MessageText(Msg::kDoesNotAnswerQuestion, ShortText(key), QuestionTypeName(q.type), Expected(q.type)), q.id);
      return false;
    }
    auto kind_error = [&](const char* what, const DocNode& n, const std::string& where) {
      Error(n, CodeOf(Msg::kKeyExpectedFound), link_id, where, MessageText(Msg::kKeyExpectedFound, key, what, DocKindName(n.kind)), q.id);
      return false;
    };
    if (key == "valueBoolean") {
      if (v.kind != Kind::kBool) return kind_error("true or false", v, *value_at);
      *value = v;
    } else if (key == "valueInteger") {
      if (v.kind != Kind::kInt) return kind_error("a whole number", v, *value_at);
      *value = v;
    } else if (key == "valueDecimal") {
      if (v.kind != Kind::kInt && v.kind != Kind::kFloat) return kind_error("a number", v, *value_at);
      *value = v;
    } else if (key == "valueString") {
      if (v.kind != Kind::kString) return kind_error("text", v, *value_at);
      *value = v;
    } else if (key == "valueCoding") {
      if (v.kind != Kind::kObject) return kind_error("a Coding (a mapping with a code)", v, *value_at);
      const DocNode* code = DocMember(v, "code");
      if (code == nullptr) {
        Error(v, CodeOf(Msg::kValueCodingHasNoCode), link_id, *value_at, MessageText(Msg::kValueCodingHasNoCode), q.id);
        return false;
      }
      *value_at += ".code";
      if (code->kind != Kind::kString) return kind_error("a code (text)", *code, *value_at);
      *value = *code;
    } else {  // valueQuantity
      if (v.kind != Kind::kObject) return kind_error("a Quantity (a mapping with value and unit)", v, *value_at);
      if (!QuantityUnit(v, q, link_id, *value_at)) return false;
      const DocNode* number = DocMember(v, "value");
      if (number == nullptr) {
        Error(v, CodeOf(Msg::kValueQuantityHasNoValue), link_id, *value_at, MessageText(Msg::kValueQuantityHasNoValue), q.id);
        return false;
      }
      *value_at += ".value";
      if (number->kind != Kind::kInt && number->kind != Kind::kFloat) return kind_error("a number", *number, *value_at);
      *value = *number;
    }
    return true;
  }

  // A Quantity's unit (display) and code (UCUM) must both name the question's unit.
  bool QuantityUnit(const DocNode& quantity, const Question& q, const std::string& link_id, const std::string& at) {
    const std::string expected = q.unit.empty() ? "" : q.unit + " (UCUM '" + UcumCode(q.unit) + "')";
    if (q.unit.empty()) {
      Error(quantity, CodeOf(Msg::kQuestionHasNoUnit), link_id, at,
            MessageText(Msg::kQuestionHasNoUnit, (q.type == QuestionType::kInteger ? "valueInteger" : "valueDecimal")), q.id);
      return false;
    }
    const DocNode* unit = DocMember(quantity, "unit");
    const DocNode* code = DocMember(quantity, "code");
    const DocNode* system = DocMember(quantity, "system");
    if (unit == nullptr && code == nullptr) {
      Error(quantity, CodeOf(Msg::kValueQuantityHasNoUnit), link_id, at, MessageText(Msg::kValueQuantityHasNoUnit, expected), q.id);
      return false;
    }
    if (system != nullptr && code != nullptr && (system->kind != Kind::kString || system->text != kUcumSystem)) {
      Error(*system, CodeOf(Msg::kUnitCodeUCUMSystem), link_id, at + ".system",
            MessageText(Msg::kUnitCodeUCUMSystem, kUcumSystem, (system->kind == Kind::kString ? ", not '" + ShortText(system->text) + "'" : "")),
            q.id);
      return false;
    }
    if (code != nullptr && (code->kind != Kind::kString || code->text != UcumCode(q.unit))) {
      Error(*code, CodeOf(Msg::kNotTheQuestionsUnit), link_id, at + ".code",
            MessageText(Msg::kNotTheQuestionsUnit, (code->kind == Kind::kString ? "unit code '" + ShortText(code->text) + "'" : std::string("a unit code of ") + DocKindName(code->kind)), expected),
            q.id);
      return false;
    }
    if (unit != nullptr && (unit->kind != Kind::kString || !UnitMatches(q.unit, unit->text))) {
      Error(*unit, CodeOf(Msg::kNotTheQuestionsUnit), link_id, at + ".unit",
            MessageText(Msg::kNotTheQuestionsUnit, (unit->kind == Kind::kString ? "unit '" + ShortText(unit->text) + "'" : std::string("a unit of ") + DocKindName(unit->kind)), expected),
            q.id);
      return false;
    }
    return true;
  }

  const Model& model_;
  const std::string& file_;
  std::vector<Diagnostic>* errors_;
  std::vector<Diagnostic>* warnings_;
  std::vector<Entry> entries_;
  std::string root_origin_;
  std::string prefix_;
};

}  // namespace

bool IsFhirResource(const DocNode& root) {
  return root.kind == Kind::kObject && DocMember(root, "resourceType") != nullptr;
}

bool FhirResponseToDocument(const DocNode& response, const Model& model, const std::string& file, DocNode* out,
                            FhirOrigins* origins, std::vector<Diagnostic>* errors, std::vector<Diagnostic>* warnings,
                            const std::string& at_prefix, std::vector<std::string>* link_ids) {
  Converter converter(model, file, errors, warnings, at_prefix);
  return converter.Run(response, out, origins, link_ids);
}

}  // namespace candidacy::internal
