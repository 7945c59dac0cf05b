// FHIR R4 QuestionnaireResponse -> neutral questionnaire document, with the
// origin (linkId, JSON path) of every converted value; written over a document
// view, for the located tree and the batch's simdjson DOM (which builds no
// paths or origins). Test: tests/engine/input/document_fhir_test.cc, fhir_fast_test.cc.
#include "base/diagnostic_messages.h"
#include "input/document_fhir.h"

#include <optional>
#include <string_view>
#include <utility>

#include "candidacy/limits.h"
#include "input/fhir_units.h"
#include "input/doc_node_view.h"
#include "input/simd_view.h"

namespace candidacy::internal {
namespace {

using Kind = DocNode::Kind;

// The value[x] types the reader understands, and which question types take each.
bool Accepts(QuestionType type, std::string_view key) {
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

bool IsValueKey(std::string_view key) {
  return key.size() > 5 && key.compare(0, 5, "value") == 0 && key[5] >= 'A' && key[5] <= 'Z';
}

template <typename View>
class Converter {
 public:
  Converter(const Model& model, const std::string& file, std::vector<Diagnostic>* errors,
            std::vector<Diagnostic>* warnings, std::string prefix)
      : model_(model), file_(file), errors_(errors), warnings_(warnings), prefix_(std::move(prefix)) {}

  bool Run(const View& root, DocNode* out, FhirOrigins* origins, std::vector<std::string>* link_ids) {
    if (link_ids != nullptr) link_ids->clear();
    *out = DocNode{};
    out->kind = Kind::kObject;
    out->line = root.line();
    out->column = root.column();
    if (root.kind() != Kind::kObject) {
      Error(root, CodeOf(Msg::kFHIRQuestionnaireResponseJSONObject), "", "",
            MessageText(Msg::kFHIRQuestionnaireResponseJSONObject, DocKindName(root.kind())));
      return false;
    }
    const std::optional<View> type = root.Member("resourceType");
    if (!type) {
      Error(root, CodeOf(Msg::kNotFHIRResourceThere), "", "resourceType",
            MessageText(Msg::kNotFHIRResourceThere));
      return false;
    }
    if (type->kind() != Kind::kString || type->text() != "QuestionnaireResponse") {
      Error(*type, CodeOf(Msg::kNotReadOnlyQuestionnaireResponse), "", "resourceType",
            MessageText(Msg::kNotReadOnlyQuestionnaireResponse, (type->kind() == Kind::kString ? "resourceType '" + ShortText(type->text()) + "'" : std::string("a resourceType of ") + DocKindName(type->kind()))));
      return false;
    }
    entries_.reserve(64);
    ReadStatus(root);
    Canonical(root);
    Id(root);
    if (const std::optional<View> items = root.Member("item")) Items(*items, "", "item", 1);
    // The neutral document, then the origins (node addresses are final only now).
    out->members.reserve(entries_.size());
    if (link_ids != nullptr) link_ids->clear();
    for (auto& e : entries_) {
      if (link_ids != nullptr) link_ids->push_back(e.link_id);
      out->members.emplace_back(std::move(e.key), std::move(e.value));
    }
    if (!View::kLocated) return true;  // no messages of its own: no origins to give them
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

  // JSON paths and origins are for messages: a view without places (the fast
  // path, which declines whenever there is a message) builds none.
  static std::string Step(const std::string& at, std::string_view step) {
    if constexpr (!View::kLocated) return {};
    std::string out = at;
    out.append(step.data(), step.size());
    return out;
  }
  static std::string Index(const std::string& at, size_t i) {
    if constexpr (!View::kLocated) return {};
    return at + "[" + std::to_string(i) + "]";
  }
  std::string Origin(const std::string& link_id, const std::string& at) const {
    if constexpr (!View::kLocated) return {};
    return link_id.empty() ? " (at " + prefix_ + at + ")" : " (linkId '" + ShortText(link_id) + "', at " + prefix_ + at + ")";
  }

  // QuestionnaireResponse.questionnaire, when given, must be this rulebook's
  // Questionnaire: its url, and its version when the canonical has one.
  void Canonical(const View& root) {
    const std::optional<View> c = root.Member("questionnaire");
    if (!c) return;
    const std::string url = model_.ehr.questionnaire_url.empty() ? "urn:candidacy:" + model_.id : model_.ehr.questionnaire_url;
    if (c->kind() != Kind::kString) {
      Error(*c, CodeOf(Msg::kQuestionnaireCanonicalOther), "", "questionnaire",
            MessageText(Msg::kQuestionnaireCanonicalOther, std::string("a ") + DocKindName(c->kind()), url + "|" + model_.version));
      return;
    }
    const std::string_view text = c->text();
    const size_t bar = text.find('|');
    const std::string_view given_url = text.substr(0, bar);
    if (given_url != url || (bar != std::string::npos && text.substr(bar + 1) != model_.version))
      Error(*c, CodeOf(Msg::kQuestionnaireCanonicalOther), "", "questionnaire",
            MessageText(Msg::kQuestionnaireCanonicalOther, ShortText(text), url + "|" + model_.version));
  }

  void Error(const View& node, DiagnosticCode code, const std::string& link_id, const std::string& at,
             const std::string& message, const std::string& question = "") {
    errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, code, file_, node.line(), node.column(),
                                          (question.empty() ? "" : question + ": ") + message +
                                              (at.empty() ? "" : Origin(link_id, at))));
  }

  void ReadStatus(const View& root) {
    const std::optional<View> s = root.Member("status");
    if (!s) {
      Error(root, CodeOf(Msg::kQuestionnaireResponseHasNoStatus), "", "status",
            MessageText(Msg::kQuestionnaireResponseHasNoStatus));
      return;
    }
    if (s->kind() != Kind::kString) {
      Error(*s, CodeOf(Msg::kStatusExpectedCodeFound), "", "status", MessageText(Msg::kStatusExpectedCodeFound, DocKindName(s->kind())));
      return;
    }
    const std::string_view text = s->text();
    if (text == "completed" || text == "amended" || text == "in-progress") return;
    if (text == "stopped") {
      warnings_->push_back(DocumentDiagnostic(DiagnosticSeverity::kWarning, CodeOf(Msg::kQuestionnaireResponseWasStoppedBefore), file_, s->line(), s->column(),
                                              MessageText(Msg::kQuestionnaireResponseWasStoppedBefore)));
      return;
    }
    if (text == "entered-in-error") {
      Error(*s, CodeOf(Msg::kStatusEnteredErrorResponse), "", "status",
            MessageText(Msg::kStatusEnteredErrorResponse));
      return;
    }
    Error(*s, CodeOf(Msg::kStatusNotQuestionnaireResponseStatus), "", "status",
          MessageText(Msg::kStatusNotQuestionnaireResponseStatus, ShortText(text)));
  }

  // QuestionnaireResponse.id, else identifier.value: the questionnaire id.
  void Id(const View& root) {
    std::optional<View> id = root.Member("id");
    std::string at = "id";
    if (!id) {
      if (const std::optional<View> identifier = root.Member("identifier")) {
        if (identifier->kind() != Kind::kObject) {
          Error(*identifier, CodeOf(Msg::kIdentifierExpectedOneIdentifier), "", "identifier",
                MessageText(Msg::kIdentifierExpectedOneIdentifier, DocKindName(identifier->kind())));
          root_origin_ = " (at id or identifier.value)";  // the validator still reports the missing id
          return;
        }
        id = identifier->Member("value");
        at = "identifier.value";
      }
    }
    if (!id) {
      root_origin_ = " (at id or identifier.value)";
      return;  // the validator reports the missing id at the document
    }
    entries_.push_back(Entry{"id", ToDocNode(*id), Origin("", at), {}, ""});
  }

  // The dotted id a linkId names under `parent`; *question: its question's index, or -1.
  std::string Resolve(const std::string& link_id, const std::string& parent, int* question) const {
    auto q = model_.question_index.find(link_id);
    if (q == model_.question_index.end() && !model_.groups.count(link_id) && !parent.empty()) {
      std::string path = parent + "." + link_id;
      q = model_.question_index.find(path);
      *question = q == model_.question_index.end() ? -1 : q->second;
      return path;
    }
    *question = q == model_.question_index.end() ? -1 : q->second;
    return link_id;
  }

  void Items(const View& items, const std::string& parent, const std::string& at, int depth) {
    if (items.kind() != Kind::kArray) {
      Error(items, CodeOf(Msg::kItemExpectedListItems), "", at, MessageText(Msg::kItemExpectedListItems, DocKindName(items.kind())));
      return;
    }
    if (depth > limits::kMaxFhirItemDepth) {
      Error(items, CodeOf(Msg::kItemsNestDeeperThan), "", at,
            MessageText(Msg::kItemsNestDeeperThan, std::to_string(limits::kMaxFhirItemDepth)));
      return;
    }
    size_t i = 0;
    items.ForEachItem([&](const View& item) { Item(item, parent, Index(at, i++), depth); });
  }

  void Item(const View& item, const std::string& parent, const std::string& at, int depth) {
    if (item.kind() != Kind::kObject) {
      Error(item, CodeOf(Msg::kExpectedItemMappingWith), "", at, MessageText(Msg::kExpectedItemMappingWith, DocKindName(item.kind())));
      return;
    }
    const std::optional<View> link = item.Member("linkId");
    if (!link) {
      Error(item, CodeOf(Msg::kItemHasNoLinkId), "", at, MessageText(Msg::kItemHasNoLinkId));
      return;
    }
    if (link->kind() != Kind::kString || link->text().empty()) {
      const bool empty = link->kind() == Kind::kString;
      Error(*link, CodeOf(empty ? Msg::kLinkIdEmpty : Msg::kLinkIdNotText), "", Step(at, ".linkId"),
            empty ? MessageText(Msg::kLinkIdEmpty) : MessageText(Msg::kLinkIdNotText, DocKindName(link->kind())));
      return;
    }
    const std::string link_id(link->text());
    int question = -1;
    const std::string path = Resolve(link_id, parent, &question);
    if (path == "id") {  // not a question: the questionnaire id comes from QuestionnaireResponse.id
      warnings_->push_back(DocumentDiagnostic(DiagnosticSeverity::kWarning, CodeOf(Msg::kUnknownFieldIdIgnored), file_, link->line(),
                                              link->column(), MessageText(Msg::kUnknownFieldIdIgnored, Origin(link_id, at))));
      return;
    }
    const std::optional<View> answers = item.Member("answer");
    const std::optional<View> children = item.Member("item");
    // Items under a question (item[].item, answer[].item) are its siblings in
    // the id space: relative to the question's group, not to the question.
    const std::string& child_parent = question >= 0 ? parent : path;
    if (answers) {
      Answers(item, *answers, link_id, path, question, child_parent, at, depth);
    } else if (!children && model_.groups.count(path) == 0) {
      entries_.push_back(Entry{path, Null(item), Origin(link_id, at), {}, link_id});  // asked, not answered
    }
    if (children) Items(*children, child_parent, Step(at, ".item"), depth + 1);
  }

  static DocNode Null(const View& at) {
    DocNode n;
    n.line = at.line();
    n.column = at.column();
    return n;
  }

  void Answers(const View& item, const View& answers, const std::string& link_id, const std::string& path, int question,
               const std::string& child_parent, const std::string& at, int depth) {
    const std::string answer_at = Step(at, ".answer");
    if (answers.kind() != Kind::kArray) {
      Error(answers, CodeOf(Msg::kAnswerExpectedListAnswers), link_id, answer_at,
            MessageText(Msg::kAnswerExpectedListAnswers, DocKindName(answers.kind())));
      return;
    }
    if (question < 0) {
      if (model_.groups.count(path)) {
        Error(answers, CodeOf(Msg::kGroupQuestionsNotQuestion), link_id, answer_at,
              MessageText(Msg::kGroupQuestionsNotQuestion, ShortText(path)));
      } else {
        entries_.push_back(Entry{path, Null(item), Origin(link_id, at), {}, link_id});  // unknown: the validator warns
      }
      FollowAnswerItems(answers, child_parent, answer_at, depth);
      return;
    }
    const Question& q = model_.questions[question];
    const bool list = q.type == QuestionType::kEnumList || q.type == QuestionType::kTextList;
    const size_t count = answers.size();
    if (!list && count > 1) {
      size_t i = 0;
      answers.ForEachItem([&](const View& second) {
        if (i++ == 1)
          Error(second, CodeOf(Msg::kHasAnswersQuestionTakes), link_id, Step(answer_at, "[1]"),
                MessageText(Msg::kHasAnswersQuestionTakes, std::to_string(count)), q.id);
      });
      FollowAnswerItems(answers, child_parent, answer_at, depth);
      return;
    }
    Entry entry{path, DocNode{}, Origin(link_id, list ? answer_at : at), {}, link_id};
    entry.value.line = answers.line();
    entry.value.column = answers.column();
    if (list) entry.value.kind = Kind::kArray;  // no answer at all ([]) is an empty list: "none"
    bool ok = true;
    size_t i = 0;
    answers.ForEachItem([&](const View& answer) {
      const std::string where = Index(answer_at, i++);
      DocNode value;
      std::string value_at;
      if (!Value(answer, q, link_id, where, &value, &value_at)) {
        ok = false;
        return;
      }
      if (list) {
        entry.value.items.push_back(std::move(value));
        entry.item_origins.push_back(Origin(link_id, value_at));
      } else {
        entry.value = std::move(value);
        entry.origin = Origin(link_id, value_at);
      }
    });
    if (ok) entries_.push_back(std::move(entry));
    FollowAnswerItems(answers, child_parent, answer_at, depth);
  }

  // answer[].item: items nested under an answer, followed like item[].item.
  void FollowAnswerItems(const View& answers, const std::string& parent, const std::string& answer_at, int depth) {
    size_t i = 0;
    answers.ForEachItem([&](const View& answer) {
      if (answer.kind() == Kind::kObject)
        if (const std::optional<View> nested = answer.Member("item"))
          Items(*nested, parent, Step(Index(answer_at, i), ".item"), depth + 1);
      ++i;
    });
  }

  // One answer: exactly one value[x] of a type the question takes.
  bool Value(const View& answer, const Question& q, const std::string& link_id, const std::string& at, DocNode* value,
             std::string* value_at) {
    if (answer.kind() != Kind::kObject) {
      Error(answer, CodeOf(Msg::kExpectedAnswerMappingWith), link_id, at, MessageText(Msg::kExpectedAnswerMappingWith, DocKindName(answer.kind())), q.id);
      return false;
    }
    std::string_view key;
    View v;
    bool chosen = false, two = false;
    answer.ForEachMember([&](std::string_view member_key, const View& member) {
      if (two || !IsValueKey(member_key)) return;
      if (chosen) {
        Error(member, CodeOf(Msg::kAnswerHasBothGive), link_id, Step(Step(at, "."), member_key),
              MessageText(Msg::kAnswerHasBothGive, std::string(key), std::string(member_key)), q.id);
        two = true;
        return;
      }
      chosen = true;
      key = member_key;
      v = member;
    });
    if (two) return false;
    if (!chosen) {
      Error(answer, CodeOf(Msg::kAnswerHasNoValue), link_id, at, MessageText(Msg::kAnswerHasNoValue, Expected(q.type)), q.id);
      return false;
    }
    *value_at = Step(Step(at, "."), key);
    if (!Accepts(q.type, key)) {
      Error(v, CodeOf(Msg::kDoesNotAnswerQuestion), link_id, *value_at,
            MessageText(Msg::kDoesNotAnswerQuestion, ShortText(key), QuestionTypeName(q.type), Expected(q.type)), q.id);
      return false;
    }
    auto kind_error = [&](const char* what, const View& n, const std::string& where) {
      Error(n, CodeOf(Msg::kKeyExpectedFound), link_id, where, MessageText(Msg::kKeyExpectedFound, std::string(key), what, DocKindName(n.kind())), q.id);
      return false;
    };
    if (key == "valueBoolean") {
      if (v.kind() != Kind::kBool) return kind_error("true or false", v, *value_at);
      *value = ToDocNode(v);
    } else if (key == "valueInteger") {
      if (v.kind() != Kind::kInt) return kind_error("a whole number", v, *value_at);
      *value = ToDocNode(v);
    } else if (key == "valueDecimal") {
      if (v.kind() != Kind::kInt && v.kind() != Kind::kFloat) return kind_error("a number", v, *value_at);
      *value = ToDocNode(v);
    } else if (key == "valueString") {
      if (v.kind() != Kind::kString) return kind_error("text", v, *value_at);
      *value = ToDocNode(v);
    } else if (key == "valueCoding") {
      if (v.kind() != Kind::kObject) return kind_error("a Coding (a mapping with a code)", v, *value_at);
      const std::optional<View> code = v.Member("code");
      if (!code) {
        Error(v, CodeOf(Msg::kValueCodingHasNoCode), link_id, *value_at, MessageText(Msg::kValueCodingHasNoCode), q.id);
        return false;
      }
      *value_at = Step(*value_at, ".code");
      if (code->kind() != Kind::kString) return kind_error("a code (text)", *code, *value_at);
      *value = ToDocNode(*code);
    } else {  // valueQuantity
      if (v.kind() != Kind::kObject) return kind_error("a Quantity (a mapping with value and unit)", v, *value_at);
      if (!QuantityUnit(v, q, link_id, *value_at)) return false;
      const std::optional<View> number = v.Member("value");
      if (!number) {
        Error(v, CodeOf(Msg::kValueQuantityHasNoValue), link_id, *value_at, MessageText(Msg::kValueQuantityHasNoValue), q.id);
        return false;
      }
      *value_at = Step(*value_at, ".value");
      if (number->kind() != Kind::kInt && number->kind() != Kind::kFloat) return kind_error("a number", *number, *value_at);
      *value = ToDocNode(*number);
    }
    return true;
  }

  // A Quantity's unit (display) and code (UCUM) must both name the question's unit.
  bool QuantityUnit(const View& quantity, const Question& q, const std::string& link_id, const std::string& at) {
    if (q.unit.empty()) {
      Error(quantity, CodeOf(Msg::kQuestionHasNoUnit), link_id, at,
            MessageText(Msg::kQuestionHasNoUnit, (q.type == QuestionType::kInteger ? "valueInteger" : "valueDecimal")), q.id);
      return false;
    }
    const std::string ucum = UcumCode(q.unit);
    auto expected = [&] { return q.unit + " (UCUM '" + ucum + "')"; };
    const std::optional<View> unit = quantity.Member("unit");
    const std::optional<View> code = quantity.Member("code");
    const std::optional<View> system = quantity.Member("system");
    if (!unit && !code) {
      Error(quantity, CodeOf(Msg::kValueQuantityHasNoUnit), link_id, at, MessageText(Msg::kValueQuantityHasNoUnit, expected()), q.id);
      return false;
    }
    if (system && code && (system->kind() != Kind::kString || system->text() != kUcumSystem)) {
      Error(*system, CodeOf(Msg::kUnitCodeUCUMSystem), link_id, Step(at, ".system"),
            MessageText(Msg::kUnitCodeUCUMSystem, kUcumSystem, (system->kind() == Kind::kString ? ", not '" + ShortText(system->text()) + "'" : "")),
            q.id);
      return false;
    }
    if (code && (code->kind() != Kind::kString || code->text() != ucum)) {
      Error(*code, CodeOf(Msg::kNotTheQuestionsUnit), link_id, Step(at, ".code"),
            MessageText(Msg::kNotTheQuestionsUnit, (code->kind() == Kind::kString ? "unit code '" + ShortText(code->text()) + "'" : std::string("a unit code of ") + DocKindName(code->kind())), expected()),
            q.id);
      return false;
    }
    if (unit && (unit->kind() != Kind::kString || !UnitMatches(q.unit, unit->text()))) {
      Error(*unit, CodeOf(Msg::kNotTheQuestionsUnit), link_id, Step(at, ".unit"),
            MessageText(Msg::kNotTheQuestionsUnit, (unit->kind() == Kind::kString ? "unit '" + ShortText(unit->text()) + "'" : std::string("a unit of ") + DocKindName(unit->kind())), expected()),
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

template <typename View>
bool FhirResponseToDocument(const View& response, const Model& model, const std::string& file, DocNode* out,
                              FhirOrigins* origins, std::vector<Diagnostic>* errors, std::vector<Diagnostic>* warnings,
                              const std::string& at_prefix, std::vector<std::string>* link_ids) {
  Converter<View> converter(model, file, errors, warnings, at_prefix);
  return converter.Run(response, out, origins, link_ids);
}

template bool FhirResponseToDocument(const DocNodeView&, const Model&, const std::string&, DocNode*, FhirOrigins*,
                                       std::vector<Diagnostic>*, std::vector<Diagnostic>*, const std::string&, std::vector<std::string>*);
template bool FhirResponseToDocument(const SimdView&, const Model&, const std::string&, DocNode*, FhirOrigins*,
                                       std::vector<Diagnostic>*, std::vector<Diagnostic>*, const std::string&, std::vector<std::string>*);

}  // namespace candidacy::internal
