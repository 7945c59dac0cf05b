// The compact JSON result (`--format compact`, docs/output.md): one line per
// questionnaire with what a batch consumer acts on. Written directly, keys in
// a fixed order, so identical results give identical bytes.
// Test: tests/engine/render/render_compact_test.cc, tests/cli/batch_jobs_test.sh.
#include "candidacy/render_compact.h"

#include <cassert>
#include <charconv>
#include <cstring>
#include <string_view>

#include "render/json_writer.h"

namespace candidacy {
namespace {

// The line is written in place, in room made for its longest (each text
// escaped at its longest), then cut to what it took: one resize, not an
// append a piece.
template <size_t N>
char* Put(char* p, const char (&literal)[N]) {
  std::memcpy(p, literal, N - 1);
  return p + N - 1;
}

char* Put(char* p, std::string_view text) {
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}

// ,"key":["a","b"]
template <typename List, typename Get>
char* PutList(char* p, std::string_view key, const List& list, Get get) {
  p = Put(p, ",\"");
  p = Put(p, key);
  p = Put(p, "\":[");
  bool first = true;
  for (const auto& item : list) {
    if (!first) *p++ = ',';
    first = false;
    p = render::WriteJsonString(p, get(item));
  }
  *p++ = ']';
  return p;
}

template <typename List, typename Get>
size_t ListBound(std::string_view key, const List& list, Get get) {
  size_t n = key.size() + 6;  // ,"key":[ ]
  for (const auto& item : list) n += render::JsonStringBound(get(item)) + 1;
  return n;
}

const std::string& UrgentRule(const UrgentReason& u) { return u.rule; }
const std::string& FlagId(const Flag& f) { return f.id; }
const std::string& QuestionId(const MissingQuestion& q) { return q.id; }
const std::string& Text(const std::string& s) { return s; }

// The lists that follow the score, in the line's order: f(key, list, text of
// an item), once for the room they need and once to write them.
template <typename F>
void ForEachList(const ScreeningResult& r, F&& f) {
  f("flags", r.flags, FlagId);
  f("missing_questions", r.missing_questions, QuestionId);
  f("unrecognized_medications", r.unrecognized_medications, Text);
  f("probable_medications", r.probable_medications, Text);
}

}  // namespace

void AppendJsonCompact(const ScreeningResult& r, std::string* to) {
  const std::string_view outcome = OutcomeName(r.outcome);
  size_t bound = 64 + outcome.size() + render::JsonStringBound(r.questionnaire_id);  // the literals, the score
  ForEachList(r, [&](std::string_view key, const auto& list, auto get) { bound += ListBound(key, list, get); });
  if (r.urgent()) bound += 16 + ListBound("urgent_rules", r.urgent_reasons, UrgentRule);
  const size_t start = to->size();
  to->resize(start + bound);
  char* const begin = to->data() + start;
  char* p = begin;
  *p++ = '{';
  if (r.urgent()) {  // an urgent screening opens its line with it
    p = Put(p, "\"urgent\":true");
    p = PutList(p, "urgent_rules", r.urgent_reasons, UrgentRule);
    *p++ = ',';
  }
  p = Put(p, "\"id\":");
  p = render::WriteJsonString(p, r.questionnaire_id);
  p = Put(p, ",\"outcome\":\"");
  p = Put(p, outcome);
  p = Put(p, "\",\"score\":");
  p = std::to_chars(p, begin + bound, r.score).ptr;  // (as std::to_string writes an int)
  ForEachList(r, [&](std::string_view key, const auto& list, auto get) { p = PutList(p, key, list, get); });
  p = Put(p, "}\n");
  assert(p <= begin + bound);
  to->resize(start + static_cast<size_t>(p - begin));
}

std::string RenderJsonCompact(const ScreeningResult& r) {
  std::string out;
  out.reserve(160);
  AppendJsonCompact(r, &out);
  return out;
}

}  // namespace candidacy
