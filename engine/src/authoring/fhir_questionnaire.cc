// The rulebook's questions as a FHIR R4 Questionnaire (JSON), asked_when
// translated to enableWhen where FHIR can express it. Mapping: docs/fhir.md.
// Test: tests/engine/authoring/fhir_questionnaire_test.cc, tests/cli/fhir_test.sh.
#include "authoring/fhir_questionnaire.h"

#include <cctype>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "candidacy/fhir_questionnaire.h"
#include "input/fhir_units.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace internal {
namespace {

using Json = nlohmann::ordered_json;

const Question* QuestionRef(const Model& model, const Node& n) {
  if (n.kind != NodeKind::kRef || n.ref_is_derived || n.index < 0 || n.index >= static_cast<int>(model.questions.size()))
    return nullptr;
  return &model.questions[static_cast<size_t>(n.index)];
}

// A literal as an enableWhen answer of question `q`; false when it is not one.
bool Literal(const Question& q, const Node& n, EnableWhen* w) {
  const Node* lit = &n;
  double sign = 1;
  if (n.kind == NodeKind::kNegate && n.children.size() == 1) {
    lit = n.children[0].get();
    sign = -1;
  }
  switch (q.type) {
    case QuestionType::kBoolean:
      if (lit != &n || lit->kind != NodeKind::kBoolean) return false;
      w->answer_type = "answerBoolean";
      w->boolean = lit->boolean;
      return true;
    case QuestionType::kInteger:
    case QuestionType::kNumber:
      if (lit->kind != NodeKind::kNumber) return false;
      w->number = sign * lit->number;
      if (q.type == QuestionType::kInteger && w->number != std::floor(w->number)) return false;  // answerInteger only
      w->answer_type = q.type == QuestionType::kInteger ? "answerInteger" : "answerDecimal";
      return true;
    case QuestionType::kEnum:
    case QuestionType::kEnumList:
      if (lit != &n || lit->kind != NodeKind::kString) return false;
      w->answer_type = "answerCoding";
      w->code = lit->text;
      return true;
    case QuestionType::kTextList:
      return false;
  }
  return false;
}

const char* FlipOp(CompareOp op) {  // literal OP question == question FLIPPED literal
  switch (op) {
    case CompareOp::kEq: return "=";
    case CompareOp::kNe: return "!=";
    case CompareOp::kLt: return ">";
    case CompareOp::kLe: return ">=";
    case CompareOp::kGt: return "<";
    case CompareOp::kGe: return "<=";
  }
  return "?";
}

// One atom: appends its conditions to *out; *any says they are alternatives
// (contains any, in). False when the node is not an atom FHIR can express.
bool Atom(const Model& model, const Node& n, std::vector<EnableWhen>* out, bool* any) {
  *any = false;
  switch (n.kind) {
    case NodeKind::kRef: {  // a boolean question on its own
      const Question* q = QuestionRef(model, n);
      if (q == nullptr || q->type != QuestionType::kBoolean) return false;
      out->push_back(EnableWhen{q->id, "=", "answerBoolean", true, 0, ""});
      return true;
    }
    case NodeKind::kNot: {  // not <boolean question>: enabled unless answered true
      if (n.children.size() != 1) return false;
      const Question* q = QuestionRef(model, *n.children[0]);
      if (q == nullptr || q->type != QuestionType::kBoolean) return false;
      out->push_back(EnableWhen{q->id, "!=", "answerBoolean", true, 0, ""});
      return true;
    }
    case NodeKind::kCompare: {
      if (n.children.size() != 2) return false;
      const bool left = QuestionRef(model, *n.children[0]) != nullptr;
      const Question* q = QuestionRef(model, *n.children[left ? 0 : 1]);
      if (q == nullptr) return false;
      EnableWhen w;
      w.question = q->id;
      w.op = left ? CompareOpText(n.op) : FlipOp(n.op);
      if (w.op == "==") w.op = "=";
      if (!Literal(*q, *n.children[left ? 1 : 0], &w)) return false;
      if ((w.answer_type == "answerBoolean" || w.answer_type == "answerCoding") && w.op != "=" && w.op != "!=") return false;
      out->push_back(std::move(w));
      return true;
    }
    case NodeKind::kContains:
    case NodeKind::kContainsAny:
    case NodeKind::kIn: {
      if (n.children.size() != 2) return false;
      const Question* q = QuestionRef(model, *n.children[0]);
      if (q == nullptr) return false;
      const bool list_question = q->type == QuestionType::kEnumList;
      if ((n.kind == NodeKind::kIn) == list_question) return false;  // `in` tests a scalar, `contains` a list
      std::vector<const Node*> values;
      if (n.kind == NodeKind::kContains) {
        values.push_back(n.children[1].get());
      } else {
        if (n.children[1]->kind != NodeKind::kList) return false;
        for (const auto& v : n.children[1]->children) values.push_back(v.get());
      }
      if (values.empty()) return false;
      for (const Node* v : values) {
        EnableWhen w;
        w.question = q->id;
        w.op = "=";
        if (!Literal(*q, *v, &w)) return false;
        out->push_back(std::move(w));
      }
      *any = values.size() > 1;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

EnableCondition TranslateAskedWhen(const Model& model, const Node& root) {
  EnableCondition c;
  bool any = false;
  if (root.kind == NodeKind::kAnd || root.kind == NodeKind::kOr) {
    const bool is_and = root.kind == NodeKind::kAnd;
    for (const auto& child : root.children) {
      if (!Atom(model, *child, &c.when, &any) || (is_and && any)) {  // and over alternatives is (a or b) and c
        c.expressible = false;
        c.when.clear();
        return c;
      }
    }
    c.behavior = is_and ? "all" : "any";
  } else if (Atom(model, root, &c.when, &any)) {
    if (c.when.size() > 1) c.behavior = "any";
  } else {
    c.expressible = false;
    c.when.clear();
  }
  if (c.when.size() <= 1) c.behavior.clear();
  return c;
}

std::string DumpEnableCondition(const EnableCondition& c) {
  if (!c.expressible) return "not expressible\n";
  std::string out;
  for (const auto& w : c.when) {
    out += w.question + " " + w.op + " ";
    if (w.answer_type == "answerBoolean") out += w.boolean ? "true" : "false";
    else if (w.answer_type == "answerCoding") out += "'" + w.code + "'";
    else out += fmt::format("{}", w.number);
    out += "\n";
  }
  if (!c.behavior.empty()) out += "behavior: " + c.behavior + "\n";
  return out;
}

namespace {

std::string FhirId(const std::string& id) {  // [A-Za-z0-9\-\.]{1,64}
  std::string out;
  for (char c : id) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '-';
  return out.empty() ? "rulebook" : out.substr(0, 64);
}

std::string ComputableName(const std::string& id) {  // "ketamine-iv-adult" -> "KetamineIvAdult"
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "Q" + out;
  return out;
}

std::string Words(const std::string& id) {  // "treatment_resistant_depression" -> "treatment resistant depression"
  std::string out = id;
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

Json Number(QuestionType type, double v) {
  if (type == QuestionType::kInteger && v == std::floor(v) && std::fabs(v) < 9e15) return Json(static_cast<long long>(v));
  return Json(v);
}

Json EnableWhenJson(const Model& model, const EnableWhen& w) {
  Json j;
  j["question"] = w.question;
  j["operator"] = w.op;
  if (w.answer_type == "answerBoolean") {
    j[w.answer_type] = w.boolean;
  } else if (w.answer_type == "answerCoding") {
    j[w.answer_type] = Json{{"code", w.code}, {"display", Words(w.code)}};
  } else {
    const auto it = model.question_index.find(w.question);
    j[w.answer_type] = Number(it == model.question_index.end() ? QuestionType::kNumber : model.questions[it->second].type, w.number);
  }
  return j;
}

Json QuestionItem(const Model& model, const Question& q, const std::string& url) {
  Json item;
  Json extensions = Json::array();
  if (!q.unit.empty())
    extensions.push_back({{"url", "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"},
                          {"valueCoding", {{"system", kUcumSystem}, {"code", UcumCode(q.unit)}, {"display", q.unit}}}});
  if (q.has_range) {
    const char* value = q.type == QuestionType::kInteger ? "valueInteger" : "valueDecimal";
    extensions.push_back({{"url", "http://hl7.org/fhir/StructureDefinition/minValue"}, {value, Number(q.type, q.min)}});
    extensions.push_back({{"url", "http://hl7.org/fhir/StructureDefinition/maxValue"}, {value, Number(q.type, q.max)}});
  }
  EnableCondition condition;
  if (q.asked_when.root) {
    condition = TranslateAskedWhen(model, *q.asked_when.root);
    if (!condition.expressible) extensions.push_back({{"url", url + ":asked-when"}, {"valueString", q.asked_when.text}});
  }
  if (!extensions.empty()) item["extension"] = extensions;
  item["linkId"] = q.id;
  item["text"] = q.prompt;
  switch (q.type) {
    case QuestionType::kBoolean: item["type"] = "boolean"; break;
    case QuestionType::kInteger: item["type"] = "integer"; break;
    case QuestionType::kNumber: item["type"] = "decimal"; break;
    case QuestionType::kEnum:
    case QuestionType::kEnumList: item["type"] = "choice"; break;
    case QuestionType::kTextList: item["type"] = "string"; break;
  }
  if (condition.expressible && !condition.when.empty()) {
    item["enableWhen"] = Json::array();
    for (const auto& w : condition.when) item["enableWhen"].push_back(EnableWhenJson(model, w));
    if (!condition.behavior.empty()) item["enableBehavior"] = condition.behavior;
  }
  item["required"] = q.required;
  if (q.type == QuestionType::kEnumList || q.type == QuestionType::kTextList) item["repeats"] = true;
  if (!q.values.empty()) {
    item["answerOption"] = Json::array();
    for (const auto& v : q.values) item["answerOption"].push_back({{"valueCoding", {{"code", v}, {"display", Words(v)}}}});
  }
  return item;
}

}  // namespace
}  // namespace internal

std::string FhirQuestionnaireUrl(const Rulebook& rulebook) { return "urn:candidacy:" + internal::FhirId(rulebook.id()); }

std::string RenderFhirQuestionnaire(const Rulebook& rulebook) {
  using internal::Json;
  const internal::Model& m = internal::ModelOf(rulebook);
  const std::string url = FhirQuestionnaireUrl(rulebook);
  Json out;
  out["resourceType"] = "Questionnaire";
  out["id"] = internal::FhirId(m.id);
  out["url"] = url;
  out["identifier"] = Json::array({{{"system", "urn:candidacy:rulebook-sha256"}, {"value", m.sha256}}});
  out["version"] = m.version;
  out["name"] = internal::ComputableName(m.id);
  out["title"] = m.title;
  out["status"] = "active";
  if (!m.effective.empty()) out["date"] = m.effective;
  out["description"] = "The intake questions of the Candidacy rulebook " + m.id + " " + m.version +
                       "; answer them in a QuestionnaireResponse to screen it with `candidacy screen`.";
  // Items grouped by the id's first segment ("vitals.systolic_bp" in group "vitals"), groups in order of first appearance.
  Json items = Json::array();
  std::vector<std::string> groups;  // linkId of each entry of `items`, "" for a top-level question
  for (const auto& q : m.questions) {
    const size_t dot = q.id.find('.');
    Json item = internal::QuestionItem(m, q, url);
    if (dot == std::string::npos) {
      items.push_back(std::move(item));
      groups.emplace_back();
      continue;
    }
    const std::string group = q.id.substr(0, dot);
    size_t k = 0;
    while (k < groups.size() && groups[k] != group) ++k;
    if (k == groups.size()) {
      std::string text = internal::Words(group);
      if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
      items.push_back({{"linkId", group}, {"text", text}, {"type", "group"}, {"item", Json::array()}});
      groups.push_back(group);
    }
    items[k]["item"].push_back(std::move(item));
  }
  out["item"] = std::move(items);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace candidacy
