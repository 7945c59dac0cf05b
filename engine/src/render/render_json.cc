// The JSON result of docs/output.md (schema_version 1.1), written straight
// to its string by render/json_writer.h (no document tree), keys in a fixed
// order so identical results give identical bytes. Test: tests/engine/render/render_json_test.cc.
#include "candidacy/render_json.h"

#include "render/json_writer.h"

namespace candidacy {
namespace {

using render::JsonWriter;

const char* StateName(AnswerValue::Kind kind) {
  switch (kind) {
    case AnswerValue::Kind::kUnanswered: return "unanswered";
    case AnswerValue::Kind::kNotAsked: return "not_asked";
    default: return "answered";
  }
}

void WriteValue(JsonWriter& w, const AnswerValue& v) {
  switch (v.kind) {
    case AnswerValue::Kind::kBoolean: return w.Bool(v.boolean);
    case AnswerValue::Kind::kNumber:
      if (v.integer) return w.Int(static_cast<long long>(v.number));
      return w.Double(v.number);
    case AnswerValue::Kind::kText: return w.String(v.text);
    case AnswerValue::Kind::kList: return w.StringArray(v.list);
    default: return w.Null();
  }
}

void WriteRuleList(JsonWriter& w, const char* key, const std::vector<UndecidedRule>& rules, bool with_blocking) {
  w.Key(key);
  w.BeginArray();
  for (const auto& u : rules) {
    w.BeginObject();
    w.Member("id", u.id);
    w.Member("title", u.title);
    w.Member("severity", SeverityName(u.severity));
    w.Key("missing");
    w.StringArray(u.missing);
    if (with_blocking) w.Member("blocking", u.blocking);
    w.EndObject();
  }
  w.EndArray();
}

void WriteFlag(JsonWriter& w, const Flag& f) {
  w.BeginObject();
  w.Member("id", f.id);
  w.Member("title", f.title);
  w.Member("severity", SeverityName(f.severity));
  w.Member("points", f.points);
  w.Member("message", f.message);
  w.Member("action", f.action);
  w.Member("local_policy", f.local_policy);
  w.Member("urgent", f.urgent);
  w.Key("evidence");
  w.BeginArray();
  for (const auto& e : f.evidence) {
    w.BeginObject();
    w.Member("id", e.id);
    w.Member("state", StateName(e.value.kind));
    w.Key("value");
    WriteValue(w, e.value);
    if (!e.unit.empty()) w.Member("unit", e.unit);
    if (!e.source.empty()) w.Member("source", e.source);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sources");
  w.BeginArray();
  for (const auto& s : f.sources) {
    w.BeginObject();
    w.Member("label", s.label);
    w.Member("citation", s.citation);
    if (!s.url.empty()) w.Member("url", s.url);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// A text member, null when empty.
void TextOrNull(JsonWriter& w, const char* key, const std::string& text) {
  w.Key(key);
  if (text.empty()) w.Null();
  else w.String(text);
}

// One side of a disagreement: its value and where it came from.
void WriteSide(JsonWriter& w, const char* key, const std::string& value, const std::string& source) {
  w.Key(key);
  w.BeginObject();
  w.Member("value", value);
  w.Member("source", source);
  w.EndObject();
}

// Schema 1.2: a FHIR Bundle's sources, disagreements and what was not used.
void WriteEhr(JsonWriter& w, const EhrRecord& ehr) {
  w.Key("ehr");
  w.BeginObject();
  TextOrNull(w, "screening_date", ehr.screening_date);
  TextOrNull(w, "date_source", ehr.date_source);
  TextOrNull(w, "mapping_sha256", ehr.mapping_sha256);
  w.Key("answers");
  w.BeginArray();
  for (const auto& a : ehr.answers) {
    w.BeginObject();
    w.Member("question", a.question);
    w.Member("value", a.value);
    w.Member("source", a.source);
    w.EndObject();
  }
  w.EndArray();
  w.Key("disagreements");
  w.BeginArray();
  for (const auto& d : ehr.disagreements) {
    w.BeginObject();
    w.Member("question", d.question);
    WriteSide(w, "questionnaire", d.questionnaire_value, d.questionnaire_source);
    WriteSide(w, "ehr", d.ehr_value, d.ehr_source);
    w.Member("used", d.used);
    w.Member("why", d.why);
    w.EndObject();
  }
  w.EndArray();
  w.Key("not_used");
  w.StringArray(ehr.not_used);
  w.EndObject();
}

}  // namespace

std::string RenderJson(const ScreeningResult& r, bool pretty) {
  std::string out;
  out.reserve(pretty ? 4096 : 2048);
  JsonWriter w(&out, pretty);
  w.BeginObject();
  w.Member("schema_version", r.ehr.present ? kResultSchemaVersionEhr : kResultSchemaVersion);
  w.Member("id", r.questionnaire_id);
  w.Member("urgent", r.urgent());
  w.Key("urgent_reasons");
  w.BeginArray();
  for (const auto& u : r.urgent_reasons) {
    w.BeginObject();
    w.Member("rule", u.rule);
    w.Member("reason", u.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Member("outcome", OutcomeName(r.outcome));
  w.Member("score", r.score);
  w.Member("band", r.band);
  w.Key("flags");
  w.BeginArray();
  for (const auto& f : r.flags) WriteFlag(w, f);
  w.EndArray();
  WriteRuleList(w, "undecided", r.undecided, true);
  w.Key("missing_questions");
  w.BeginArray();
  for (const auto& q : r.missing_questions) {
    w.BeginObject();
    w.Member("id", q.id);
    w.Member("prompt", q.prompt);
    w.EndObject();
  }
  w.EndArray();
  WriteRuleList(w, "not_evaluated", r.not_evaluated, false);
  w.Key("medications");
  w.BeginArray();
  for (const auto& m : r.medications) {
    w.BeginObject();
    w.Member("text", m.text);
    w.Member("recognized", m.recognized);
    w.Key("generic");
    w.StringArray(m.generics);
    w.Key("classes");
    w.StringArray(m.classes);
    w.Key("probable_names");
    w.StringArray(m.probable_names);
    w.EndObject();
  }
  w.EndArray();
  w.Key("unrecognized_medications");
  w.StringArray(r.unrecognized_medications);
  w.Key("probable_medications");
  w.StringArray(r.probable_medications);
  w.Key("warnings");
  w.StringArray(r.warnings);
  w.Key("rulebook");
  w.BeginObject();
  w.Member("id", r.rulebook.id);
  w.Member("title", r.rulebook.title);
  w.Member("version", r.rulebook.version);
  w.Member("sha256", r.rulebook.sha256);
  w.EndObject();
  if (r.ehr.present) WriteEhr(w, r.ehr);
  w.EndObject();
  out.push_back('\n');
  return out;
}

std::string RenderJsonError(long input_line, const std::string& id, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  JsonWriter w(&out, false);
  w.BeginObject();
  w.Member("schema_version", kResultSchemaVersion);
  w.Member("line", input_line);
  w.Key("id");
  if (id.empty()) w.Null();
  else w.String(id);
  w.Key("outcome");
  w.Null();
  w.Key("errors");
  w.BeginArray();
  for (const auto& d : diagnostics) {
    w.BeginObject();
    w.Member("code", DiagnosticCodeName(d.code));
    w.Member("message", d.message);
    if (d.location.line > 0) w.Member("column", d.location.column);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace candidacy
