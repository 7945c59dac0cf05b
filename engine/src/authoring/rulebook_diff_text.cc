// Rendering a rulebook diff (and the batch impact) as text for reviewers and
// as JSON for tools. Renderers only format. Test: tests/engine/authoring/rulebook_diff_text_test.cc.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "candidacy/rulebook_diff.h"

namespace candidacy {
namespace {

const char* ChangeName(DiffEntry::Change c) {
  switch (c) {
    case DiffEntry::Change::kAdded: return "added";
    case DiffEntry::Change::kRemoved: return "removed";
    case DiffEntry::Change::kChanged: return "changed";
  }
  return "changed";
}

const char* ChangeMark(DiffEntry::Change c) {
  switch (c) {
    case DiffEntry::Change::kAdded: return "+";
    case DiffEntry::Change::kRemoved: return "-";
    case DiffEntry::Change::kChanged: return "~";
  }
  return "~";
}

std::string Shown(const std::string& v) { return v.empty() ? "(none)" : v; }

std::string Ref(const RulebookRef& r) { return fmt::format("{} {} (sha256 {})", r.id, r.version, r.sha256.substr(0, 16)); }

std::string FieldText(const DiffField& f) {
  const std::string a = Shown(f.before), b = Shown(f.after);
  if (a.size() + b.size() <= 60 && a.find('\n') == std::string::npos && b.find('\n') == std::string::npos)
    return fmt::format("      {}: {} -> {}\n", f.field, a, b);
  return fmt::format("      {}:\n        - {}\n        + {}\n", f.field, a, b);
}

bool IsOutcomeChange(const ScreeningDiff& s) {
  return s.readable_before != s.readable_after || s.outcome_before != s.outcome_after;
}

// How many screenings made each move (before -> after).
using Moves = std::map<std::pair<std::string, std::string>, int>;

// The moves, the most frequent first (ties in before/after order).
std::vector<std::pair<std::pair<std::string, std::string>, int>> ByCount(const Moves& moves) {
  std::vector<std::pair<std::pair<std::string, std::string>, int>> list(moves.begin(), moves.end());
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return list;
}

}  // namespace

std::string RenderDiffText(const RulebookDiff& diff, const std::vector<ScreeningDiff>* screenings, bool every_screening) {
  std::string out = fmt::format("--- {}\n+++ {}\n", Ref(diff.before), Ref(diff.after));
  const bool same_mappings = diff.mapping_sha256_before == diff.mapping_sha256_after;
  if (!same_mappings)
    out += fmt::format("FHIR mappings: sha256 {} -> {}\n", Shown(diff.mapping_sha256_before.substr(0, 16)),
                       Shown(diff.mapping_sha256_after.substr(0, 16)));
  if (diff.entries.empty()) {
    out += diff.before.sha256 == diff.after.sha256 && same_mappings
               ? "\nNo differences.\n"
               : "\nNo differences in what the engine reads (the files differ only in comments or layout).\n";
  }
  for (size_t i = 0; i < diff.entries.size();) {
    const std::string& section = diff.entries[i].section;
    size_t j = i;
    int added = 0, removed = 0, changed = 0;
    for (; j < diff.entries.size() && diff.entries[j].section == section; ++j) {
      switch (diff.entries[j].change) {
        case DiffEntry::Change::kAdded: ++added; break;
        case DiffEntry::Change::kRemoved: ++removed; break;
        case DiffEntry::Change::kChanged: ++changed; break;
      }
    }
    std::string upper = section;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += fmt::format("\n{}: {} added, {} removed, {} changed\n", upper, added, removed, changed);
    for (; i < j; ++i) {
      const DiffEntry& e = diff.entries[i];
      out += fmt::format("  {} {}", ChangeMark(e.change), e.id);
      if (!e.summary.empty()) out += "  " + e.summary;
      out += "\n";
      for (const auto& f : e.fields) out += FieldText(f);
    }
  }
  if (screenings) {
    // The impact at a glance: outcome moves, urgency, then rule status moves,
    // most frequent first; one pass over the batch.
    int changed = 0, outcomes = 0, urgent_on = 0, urgent_off = 0;
    Moves moves;
    std::map<std::string, Moves> rule_moves;
    for (const auto& s : *screenings) {
      if (s.changed()) ++changed;
      if (IsOutcomeChange(s)) {
        ++outcomes;
        ++moves[{s.readable_before ? s.outcome_before : "unreadable", s.readable_after ? s.outcome_after : "unreadable"}];
      }
      urgent_on += !s.urgent_before && s.urgent_after;
      urgent_off += s.urgent_before && !s.urgent_after;
      for (const auto& r : s.rules) ++rule_moves[r.rule][{r.before, r.after}];
    }
    out += fmt::format("\nSCREENINGS: {} questionnaire{}, {} changed, {} of them in outcome\n", screenings->size(),
                       screenings->size() == 1 ? "" : "s", changed, outcomes);
    if (!moves.empty()) {
      out += "  outcomes:\n";
      for (const auto& [m, n] : ByCount(moves)) out += fmt::format("    {} -> {}: {}\n", m.first, m.second, n);
    }
    if (urgent_on + urgent_off > 0) {
      out += "  urgent:\n";
      if (urgent_on > 0) out += fmt::format("    no -> yes: {}\n", urgent_on);
      if (urgent_off > 0) out += fmt::format("    yes -> no: {}\n", urgent_off);
    }
    if (!rule_moves.empty()) {
      out += "  rules:\n";
      for (const auto& [rule, by_move] : rule_moves) {
        std::string line;
        for (const auto& [m, n] : ByCount(by_move)) line += fmt::format("{}{} -> {}: {}", line.empty() ? "" : "; ", m.first, m.second, n);
        out += fmt::format("    {}  {}\n", rule, line);
      }
    }
    for (const auto& s : *screenings) {
      if (!every_screening || !s.changed()) continue;
      out += fmt::format("  line {}  {}  ", s.line, s.id.empty() ? "(no id)" : s.id);
      if (!s.readable_before || !s.readable_after) {
        out += fmt::format("{} -> {}\n", s.readable_before ? s.outcome_before : "unreadable",
                           s.readable_after ? s.outcome_after : "unreadable");
        for (const auto& e : s.errors_before) out += "      old rulebook: " + e + "\n";
        for (const auto& e : s.errors_after) out += "      new rulebook: " + e + "\n";
        continue;
      }
      out += s.outcome_before == s.outcome_after ? fmt::format("{} (unchanged)", s.outcome_after)
                                                 : fmt::format("{} -> {}", s.outcome_before, s.outcome_after);
      if (s.score_before != s.score_after) out += fmt::format(", score {} -> {}", s.score_before, s.score_after);
      out += "\n";
      if (s.unrecognized_before != s.unrecognized_after)
        out += fmt::format("      medications not recognised: {} -> {}\n", s.unrecognized_before, s.unrecognized_after);
      if (s.urgent_before != s.urgent_after)
        out += fmt::format("      urgent: {} -> {}\n", s.urgent_before ? "yes" : "no", s.urgent_after ? "yes" : "no");
      if (s.probable_before != s.probable_after)
        out += fmt::format("      medications matched only probably: {} -> {}\n", s.probable_before, s.probable_after);
      for (const auto& r : s.rules) out += fmt::format("      {}: {} -> {}\n", r.rule, r.before, r.after);
    }
  }
  return out;
}

std::string RenderDiffJson(const RulebookDiff& diff, const std::vector<ScreeningDiff>* screenings) {
  using Json = nlohmann::ordered_json;
  auto ref = [](const RulebookRef& r, const std::string& mapping_sha256) {
    Json x{{"id", r.id}, {"version", r.version}, {"sha256", r.sha256}};
    x["mapping_sha256"] = mapping_sha256.empty() ? Json(nullptr) : Json(mapping_sha256);
    return x;
  };
  Json j;
  j["before"] = ref(diff.before, diff.mapping_sha256_before);
  j["after"] = ref(diff.after, diff.mapping_sha256_after);
  j["entries"] = Json::array();
  for (const auto& e : diff.entries) {
    Json x{{"section", e.section}, {"id", e.id}, {"change", ChangeName(e.change)}};
    if (!e.summary.empty()) x["summary"] = e.summary;
    if (e.change == DiffEntry::Change::kChanged) {
      x["fields"] = Json::array();
      for (const auto& f : e.fields) x["fields"].push_back(Json{{"field", f.field}, {"before", f.before}, {"after", f.after}});
    }
    j["entries"].push_back(std::move(x));
  }
  if (screenings) {
    j["screenings"] = Json::array();
    for (const auto& s : *screenings) {
      if (!s.changed()) continue;
      Json x{{"line", s.line}, {"id", s.id}};
      x["outcome"] = Json{{"before", s.readable_before ? Json(s.outcome_before) : Json(nullptr)},
                          {"after", s.readable_after ? Json(s.outcome_after) : Json(nullptr)}};
      x["score"] = Json{{"before", s.score_before}, {"after", s.score_after}};
      x["unrecognized_medications"] = Json{{"before", s.unrecognized_before}, {"after", s.unrecognized_after}};
      x["probable_medications"] = Json{{"before", s.probable_before}, {"after", s.probable_after}};
      x["urgent"] = Json{{"before", s.urgent_before}, {"after", s.urgent_after}};
      x["rules"] = Json::array();
      for (const auto& r : s.rules) x["rules"].push_back(Json{{"id", r.rule}, {"before", r.before}, {"after", r.after}});
      if (!s.errors_before.empty()) x["errors_before"] = s.errors_before;
      if (!s.errors_after.empty()) x["errors_after"] = s.errors_after;
      j["screenings"].push_back(std::move(x));
    }
    int total = static_cast<int>(screenings->size()), changed = 0;
    for (const auto& s : *screenings) changed += s.changed() ? 1 : 0;
    j["screened"] = total;
    j["changed"] = changed;
  }
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace candidacy
