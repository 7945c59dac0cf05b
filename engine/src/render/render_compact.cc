// The compact JSON result (`--format compact`, docs/output.md): one line per
// questionnaire with what a batch consumer acts on. Written directly, keys in
// a fixed order, so identical results give identical bytes.
// Test: tests/engine/render/render_compact_test.cc, tests/cli/batch_jobs_test.sh.
#include "candidacy/render_compact.h"

#include "render/json_writer.h"

namespace candidacy {
namespace {

template <typename List, typename Get>
void AppendList(std::string* out, const char* key, const List& list, Get get) {
  *out += ",\"";
  *out += key;
  *out += "\":[";
  bool first = true;
  for (const auto& item : list) {
    if (!first) out->push_back(',');
    first = false;
    render::AppendJsonString(out, get(item));
  }
  out->push_back(']');
}

}  // namespace

void AppendJsonCompact(const ScreeningResult& r, std::string* to) {
  std::string& out = *to;
  out += "{";
  if (r.urgent()) {  // an urgent screening opens its line with it
    out += "\"urgent\":true";
    AppendList(&out, "urgent_rules", r.urgent_reasons, [](const UrgentReason& u) -> const std::string& { return u.rule; });
    out += ",";
  }
  out += "\"id\":";
  render::AppendJsonString(&out, r.questionnaire_id);
  out += ",\"outcome\":\"";
  out += OutcomeName(r.outcome);
  out += "\",\"score\":";
  out += std::to_string(r.score);
  AppendList(&out, "flags", r.flags, [](const Flag& f) -> const std::string& { return f.id; });
  AppendList(&out, "missing_questions", r.missing_questions, [](const MissingQuestion& q) -> const std::string& { return q.id; });
  AppendList(&out, "unrecognized_medications", r.unrecognized_medications, [](const std::string& s) -> const std::string& { return s; });
  AppendList(&out, "probable_medications", r.probable_medications, [](const std::string& s) -> const std::string& { return s; });
  out += "}\n";
}

std::string RenderJsonCompact(const ScreeningResult& r) {
  std::string out;
  out.reserve(160);
  AppendJsonCompact(r, &out);
  return out;
}

}  // namespace candidacy
