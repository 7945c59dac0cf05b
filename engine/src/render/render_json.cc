// The JSON result of docs/output.md (schema_version 1.1), keys in a fixed
// order so identical results give identical bytes. Test: tests/engine/render/render_json_test.cc.
#include "candidacy/render_json.h"

#include <nlohmann/json.hpp>

namespace candidacy {
namespace {

using Json = nlohmann::ordered_json;

const char* StateName(AnswerValue::Kind kind) {
  switch (kind) {
    case AnswerValue::Kind::kUnanswered: return "unanswered";
    case AnswerValue::Kind::kNotAsked: return "not_asked";
    default: return "answered";
  }
}

Json ValueJson(const AnswerValue& v) {
  switch (v.kind) {
    case AnswerValue::Kind::kBoolean: return v.boolean;
    case AnswerValue::Kind::kNumber:
      if (v.integer) return static_cast<long long>(v.number);
      return v.number;
    case AnswerValue::Kind::kText: return v.text;
    case AnswerValue::Kind::kList: return v.list;
    default: return nullptr;
  }
}

Json RuleList(const std::vector<UndecidedRule>& rules, bool with_blocking) {
  Json out = Json::array();
  for (const auto& u : rules) {
    Json j;
    j["id"] = u.id;
    j["title"] = u.title;
    j["severity"] = SeverityName(u.severity);
    j["missing"] = u.missing;
    if (with_blocking) j["blocking"] = u.blocking;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string RenderJson(const ScreeningResult& r, bool pretty) {
  Json j;
  j["schema_version"] = r.ehr.present ? kResultSchemaVersionEhr : kResultSchemaVersion;
  j["id"] = r.questionnaire_id;
  j["urgent"] = r.urgent();
  Json urgent = Json::array();
  for (const auto& u : r.urgent_reasons) urgent.push_back(Json{{"rule", u.rule}, {"reason", u.reason}});
  j["urgent_reasons"] = std::move(urgent);
  j["outcome"] = OutcomeName(r.outcome);
  j["score"] = r.score;
  j["band"] = r.band;
  Json flags = Json::array();
  for (const auto& f : r.flags) {
    Json fj;
    fj["id"] = f.id;
    fj["title"] = f.title;
    fj["severity"] = SeverityName(f.severity);
    fj["points"] = f.points;
    fj["message"] = f.message;
    fj["action"] = f.action;
    fj["local_policy"] = f.local_policy;
    fj["urgent"] = f.urgent;
    Json evidence = Json::array();
    for (const auto& e : f.evidence) {
      Json ej;
      ej["id"] = e.id;
      ej["state"] = StateName(e.value.kind);
      ej["value"] = ValueJson(e.value);
      if (!e.unit.empty()) ej["unit"] = e.unit;
      if (!e.source.empty()) ej["source"] = e.source;
      evidence.push_back(std::move(ej));
    }
    fj["evidence"] = std::move(evidence);
    Json sources = Json::array();
    for (const auto& s : f.sources) {
      Json sj;
      sj["label"] = s.label;
      sj["citation"] = s.citation;
      if (!s.url.empty()) sj["url"] = s.url;
      sources.push_back(std::move(sj));
    }
    fj["sources"] = std::move(sources);
    flags.push_back(std::move(fj));
  }
  j["flags"] = std::move(flags);
  j["undecided"] = RuleList(r.undecided, true);
  Json missing = Json::array();
  for (const auto& q : r.missing_questions) missing.push_back(Json{{"id", q.id}, {"prompt", q.prompt}});
  j["missing_questions"] = std::move(missing);
  j["not_evaluated"] = RuleList(r.not_evaluated, false);
  Json meds = Json::array();
  for (const auto& m : r.medications) {
    Json mj;
    mj["text"] = m.text;
    mj["recognized"] = m.recognized;
    mj["generic"] = m.generics;
    mj["classes"] = m.classes;
    mj["probable_names"] = m.probable_names;
    meds.push_back(std::move(mj));
  }
  j["medications"] = std::move(meds);
  j["unrecognized_medications"] = r.unrecognized_medications;
  j["probable_medications"] = r.probable_medications;
  j["warnings"] = r.warnings;
  j["rulebook"] = Json{{"id", r.rulebook.id}, {"title", r.rulebook.title}, {"version", r.rulebook.version}, {"sha256", r.rulebook.sha256}};
  if (r.ehr.present) {  // schema 1.2: a FHIR Bundle's sources, disagreements and what was not used
    Json ehr;
    ehr["screening_date"] = r.ehr.screening_date.empty() ? Json(nullptr) : Json(r.ehr.screening_date);
    ehr["date_source"] = r.ehr.date_source.empty() ? Json(nullptr) : Json(r.ehr.date_source);
    ehr["mapping_sha256"] = r.ehr.mapping_sha256.empty() ? Json(nullptr) : Json(r.ehr.mapping_sha256);
    Json answers = Json::array();
    for (const auto& a : r.ehr.answers) answers.push_back(Json{{"question", a.question}, {"value", a.value}, {"source", a.source}});
    ehr["answers"] = std::move(answers);
    Json disagreements = Json::array();
    for (const auto& d : r.ehr.disagreements)
      disagreements.push_back(Json{{"question", d.question},
                                   {"questionnaire", Json{{"value", d.questionnaire_value}, {"source", d.questionnaire_source}}},
                                   {"ehr", Json{{"value", d.ehr_value}, {"source", d.ehr_source}}},
                                   {"used", d.used},
                                   {"why", d.why}});
    ehr["disagreements"] = std::move(disagreements);
    ehr["not_used"] = r.ehr.not_used;
    j["ehr"] = std::move(ehr);
  }
  // Inputs were validated as UTF-8; `replace` keeps a renderer from ever throwing.
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string RenderJsonError(long input_line, const std::string& id, const std::vector<Diagnostic>& diagnostics) {
  Json j;
  j["schema_version"] = kResultSchemaVersion;
  j["line"] = input_line;
  j["id"] = id.empty() ? Json(nullptr) : Json(id);
  j["outcome"] = nullptr;
  Json errors = Json::array();
  for (const auto& d : diagnostics) {
    Json e;
    e["code"] = DiagnosticCodeName(d.code);
    e["message"] = d.message;
    if (d.location.line > 0) e["column"] = d.location.column;
    errors.push_back(std::move(e));
  }
  j["errors"] = std::move(errors);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace candidacy
