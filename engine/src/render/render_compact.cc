// The compact JSON result (`--format compact`, docs/output.md): one line per
// questionnaire with what a batch consumer acts on. Written directly, keys in
// a fixed order, so identical results give identical bytes.
// Test: tests/engine/render/render_compact_test.cc, tests/cli/batch_jobs_test.sh.
#include "candidacy/render_compact.h"

#include <cstdio>

namespace candidacy {
namespace {

// A JSON string, escaped as RenderJson's writer does: quote, backslash and
// the control characters; UTF-8 is kept as it is (inputs were validated).
void AppendString(std::string* out, const std::string& s) {
  out->push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          *out += hex;
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

template <typename List, typename Get>
void AppendList(std::string* out, const char* key, const List& list, Get get) {
  *out += ",\"";
  *out += key;
  *out += "\":[";
  bool first = true;
  for (const auto& item : list) {
    if (!first) out->push_back(',');
    first = false;
    AppendString(out, get(item));
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
  AppendString(&out, r.questionnaire_id);
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
