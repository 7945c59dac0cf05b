// FHIR R4 QuestionnaireResponse -> neutral questionnaire document, with the
// origin (linkId, JSON path) of every converted value; written over a document
// view, for the located tree and the batch's simdjson DOM (which builds no
// paths or origins). Test: tests/engine/input/document_fhir_test.cc, fhir_fast_test.cc.
#include "base/diagnostic_messages.h"
#include "input/document_fhir.h"

#include <optional>
#include <string_view>
#include <utility>

#include "base/field_index.h"
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

  bool Run(const View& root, DocNode* out, FhirOrigins* origins, std::vector<FhirMember>* member_info) {
    if (member_info != nullptr) member_info->clear();
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
    members_ = &out->members;
    member_info_ = member_info;
    members_->reserve(64);
    ReadStatus(root);
    Canonical(root);
    Id(root);
    if (const std::optional<View> items = root.Member("item")) Items(*items, "", FieldIndex::kRoot, "item", 1);
    if (!View::kLocated) return true;  // no messages of its own: no origins to give them
    // The origins, now that the members' addresses are final.
    (*origins)[out] = root_origin_;
    for (size_t i = 0; i < members_->size(); ++i) {
      DocNode& v = (*members_)[i].second;
      (*origins)[&v] = origins_[i].origin;
      for (size_t k = 0; k < v.items.size() && k < origins_[i].items.size(); ++k) (*origins)[&v.items[k]] = origins_[i].items[k];
    }
    return true;
  }

 private:
  // Where a member of the document came from (a located view's only).
  struct MemberOrigin {
    std::string origin;
    std::vector<std::string> items;  // list answers: one per item
  };

  // A member of the converted document; its item's linkId and question; its origin.
  void Add(std::string key, DocNode value, std::string_view link_id, int question, std::string origin,
           std::vector<std::string> item_origins = {}) {
    members_->emplace_back(std::move(key), std::move(value));
    if (member_info_ != nullptr) member_info_->push_back(FhirMember{link_id, question});
    if constexpr (View::kLocated) origins_.push_back(MemberOrigin{std::move(origin), std::move(item_origins)});
  }

  // What an item's linkId names: the dotted id (`path`) and its question or group, or neither.
  struct Resolved {
    std::string path;
    int question = -1;
    int group = -1;
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
  std::string Origin(std::string_view link_id, const std::string& at) const {
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

  void Error(const View& node, DiagnosticCode code, std::string_view link_id, const std::string& at,
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
    Add("id", ToDocNode(*id), "", -1, Origin("", at));
  }

  // The dotted id a linkId names: the whole id, or else relative to `parent`
  // (a group's dotted id, group index `parent_group`; "" and kRoot at the
  // top; an unknown path and -2 under an unknown item).
  Resolved Resolve(std::string_view link_id, const std::string& parent, int parent_group) const {
    FieldIndex::Target target = model_.fields.Resolve(FieldIndex::kRoot, link_id);
    Resolved r;
    if (target.found() || parent.empty()) {
      r.path = std::string(link_id);
    } else {
      r.path.reserve(parent.size() + 1 + link_id.size());
      r.path.append(parent).append(1, '.').append(link_id);
      // Under an unknown item, unknown.
      target = parent_group == kUnknownGroup ? FieldIndex::Target{} : model_.fields.Resolve(parent_group, link_id);
    }
    r.question = target.question;
    r.group = target.question >= 0 ? -1 : target.group;  // (a question that is also a group is a question)
    return r;
  }

  void Items(const View& items, const std::string& parent, int parent_group, const std::string& at, int depth) {
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
    items.ForEachItem([&](const View& item) { Item(item, parent, parent_group, Index(at, i++), depth); });
  }

  void Item(const View& item, const std::string& parent, int parent_group, const std::string& at, int depth) {
    if (item.kind() != Kind::kObject) {
      Error(item, CodeOf(Msg::kExpectedItemMappingWith), "", at, MessageText(Msg::kExpectedItemMappingWith, DocKindName(item.kind())));
      return;
    }
    // Its members in one pass (linkId, answer, item; the first of each: a
    // second is refused while parsing).
    std::optional<View> link, answers, children;
    item.ForEachMember([&](std::string_view key, const View& value) {
      if (key == "linkId") {
        if (!link) link = value;
      } else if (key == "answer") {
        if (!answers) answers = value;
      } else if (key == "item") {
        if (!children) children = value;
      }
    });
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
    const std::string_view link_id = link->text();
    Resolved r = Resolve(link_id, parent, parent_group);
    const std::string& path = r.path;
    const int question = r.question;
    if (path == "id") {  // not a question: the questionnaire id comes from QuestionnaireResponse.id
      warnings_->push_back(DocumentDiagnostic(DiagnosticSeverity::kWarning, CodeOf(Msg::kUnknownFieldIdIgnored), file_, link->line(),
                                              link->column(), MessageText(Msg::kUnknownFieldIdIgnored, Origin(link_id, at))));
      return;
    }
    // Items under a question (item[].item, answer[].item) are its siblings in
    // the id space: relative to the question's group, not to the question.
    const std::string& child_parent = question >= 0 ? parent : path;
    const int child_group = question >= 0 ? parent_group : r.group >= 0 ? r.group : kUnknownGroup;
    if (answers) {
      Answers(item, *answers, link_id, r, child_parent, child_group, at, depth);
    } else if (!children && r.group < 0) {
      Add(std::move(r.path), Null(item), link_id, question, Origin(link_id, at));  // asked, not answered (children: none)
    }
    if (children) Items(*children, child_parent, child_group, Step(at, ".item"), depth + 1);
  }

  static DocNode Null(const View& at) {
    DocNode n;
    n.line = at.line();
    n.column = at.column();
    return n;
  }

  // (Takes r.path for the answer's member when it is a question's.)
  void Answers(const View& item, const View& answers, std::string_view link_id, Resolved& r,
               const std::string& child_parent, int child_group, const std::string& at, int depth) {
    const std::string& path = r.path;
    const int question = r.question;
    const std::string answer_at = Step(at, ".answer");
    if (answers.kind() != Kind::kArray) {
      Error(answers, CodeOf(Msg::kAnswerExpectedListAnswers), link_id, answer_at,
            MessageText(Msg::kAnswerExpectedListAnswers, DocKindName(answers.kind())));
      return;
    }
    if (question < 0) {
      if (r.group >= 0) {
        Error(answers, CodeOf(Msg::kGroupQuestionsNotQuestion), link_id, answer_at,
              MessageText(Msg::kGroupQuestionsNotQuestion, ShortText(path)));
      } else {
        Add(path, Null(item), link_id, -1, Origin(link_id, at));  // unknown: the validator warns
      }
      FollowAnswerItems(answers, child_parent, child_group, answer_at, depth);
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
      FollowAnswerItems(answers, child_parent, child_group, answer_at, depth);
      return;
    }
    DocNode entry;
    std::string origin = Origin(link_id, list ? answer_at : at);
    std::vector<std::string> item_origins;
    entry.line = answers.line();
    entry.column = answers.column();
    if (list) entry.kind = Kind::kArray;  // no answer at all ([]) is an empty list: "none"
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
        entry.items.push_back(std::move(value));
        if constexpr (View::kLocated) item_origins.push_back(Origin(link_id, value_at));
      } else {
        entry = std::move(value);
        if constexpr (View::kLocated) origin = Origin(link_id, value_at);
      }
    });
    if (ok) Add(std::move(r.path), std::move(entry), link_id, question, std::move(origin), std::move(item_origins));  // (child_parent is not it)
    FollowAnswerItems(answers, child_parent, child_group, answer_at, depth);
  }

  // answer[].item: items nested under an answer, followed like item[].item.
  void FollowAnswerItems(const View& answers, const std::string& parent, int parent_group, const std::string& answer_at, int depth) {
    size_t i = 0;
    answers.ForEachItem([&](const View& answer) {
      if (answer.kind() == Kind::kObject)
        if (const std::optional<View> nested = answer.Member("item"))
          Items(*nested, parent, parent_group, Step(Index(answer_at, i), ".item"), depth + 1);
      ++i;
    });
  }

  // One answer: exactly one value[x] of a type the question takes.
  bool Value(const View& answer, const Question& q, std::string_view link_id, const std::string& at, DocNode* value,
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
  bool QuantityUnit(const View& quantity, const Question& q, std::string_view link_id, const std::string& at) {
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
  static constexpr int kUnknownGroup = -2;  // under an item that names no group: nothing is known
  std::vector<std::pair<std::string, DocNode>>* members_ = nullptr;  // the document's (Run's *out)
  std::vector<FhirMember>* member_info_ = nullptr;  // by member (Run's, when given)
  std::vector<MemberOrigin> origins_;  // by member, a located view's
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
                              const std::string& at_prefix, std::vector<FhirMember>* members) {
  Converter<View> converter(model, file, errors, warnings, at_prefix);
  return converter.Run(response, out, origins, members);
}

template bool FhirResponseToDocument(const DocNodeView&, const Model&, const std::string&, DocNode*, FhirOrigins*,
                                       std::vector<Diagnostic>*, std::vector<Diagnostic>*, const std::string&, std::vector<FhirMember>*);
template bool FhirResponseToDocument(const SimdView&, const Model&, const std::string&, DocNode*, FhirOrigins*,
                                       std::vector<Diagnostic>*, std::vector<Diagnostic>*, const std::string&, std::vector<FhirMember>*);

}  // namespace candidacy::internal
