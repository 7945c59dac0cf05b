// Lint: the loader's findings plus the authoring checks of docs/authoring.md
// (rules that never or always fire, unreachable bands, empty classes, review
// provenance). Test: tests/engine/authoring/lint_test.cc.
#include "candidacy/lint.h"

#include <ctime>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "base/diagnostic_messages.h"
#include "base/source_text.h"
#include "candidacy/rulebook.h"
#include "decide/rule_analysis.h"
#include "rulebook/loader.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {

using internal::CodeOf;
using internal::MessageText;
using internal::Msg;
namespace {

using internal::Model;

Diagnostic Warning(DiagnosticCode code, const SourceLocation& where, std::string message) {
  Diagnostic d;
  d.severity = DiagnosticSeverity::kWarning;
  d.code = code;
  d.location = where;
  d.message = std::move(message);
  return d;
}

std::string Today() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
  return buffer;
}

// "YYYY-MM-DD" plus `months`, as a comparable "YYYY-MM-DD" (day kept).
std::string AddMonths(const std::string& date, int months) {
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2));
  const int total = y * 12 + (m - 1) + months;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%s", total / 12, total % 12 + 1, date.substr(8, 2).c_str());
  return buffer;
}

void CheckProvenance(const Model& m, const std::string& today, std::vector<Diagnostic>* out) {
  auto stale = [&](const std::string& reviewed_on) {
    return m.review_period_months > 0 && !reviewed_on.empty() && AddMonths(reviewed_on, m.review_period_months) < today;
  };
  if (m.reviewed_by.empty() || m.reviewed_on.empty())
    out->push_back(Warning(CodeOf(Msg::kRulebookNamesNoReviewer), m.where, MessageText(Msg::kRulebookNamesNoReviewer)));
  else if (stale(m.reviewed_on))
    out->push_back(Warning(CodeOf(Msg::kRulebookWasLastReviewed), m.where,
                           MessageText(Msg::kRulebookWasLastReviewed, m.reviewed_on, std::to_string(m.review_period_months), today)));
  for (const auto& r : m.rules) {
    if (r.reviewed_by.empty() || r.reviewed_on.empty()) {
      out->push_back(Warning(CodeOf(Msg::kRuleNamesNo), r.where,
                             MessageText(Msg::kRuleNamesNo, r.id, (r.reviewed_by.empty() ? std::string("reviewer (reviewed_by)") : "review date (reviewed_on)"))));
    } else if (stale(r.reviewed_on)) {
      out->push_back(Warning(CodeOf(Msg::kRuleWasLastReviewed), r.where,
                             MessageText(Msg::kRuleWasLastReviewed, r.id, r.reviewed_on, std::to_string(m.review_period_months), today)));
    }
  }
}

// Returns the rules that can fire (for the band check).
std::vector<const internal::Rule*> CheckReach(const Model& m, std::vector<Diagnostic>* out) {
  std::vector<const internal::Rule*> can_fire;
  for (const auto& r : m.rules) {
    switch (internal::AnalyseRule(m, r)) {
      case internal::RuleReach::kNeverFires:
        out->push_back(Warning(CodeOf(Msg::kRuleCanNeverFire), r.when_where,
                               MessageText(Msg::kRuleCanNeverFire, r.id)));
        continue;
      case internal::RuleReach::kAlwaysFires:
        out->push_back(Warning(CodeOf(Msg::kRuleFiresEveryComplete), r.when_where,
                               MessageText(Msg::kRuleFiresEveryComplete, r.id)));
        break;
      default:
        break;
    }
    can_fire.push_back(&r);
  }
  return can_fire;
}

// The scores some set of rules that can fire together reaches. Rules that no
// complete answers fire together (internal::CanFireTogether, e.g. age < 18
// and age >= 65) are never summed together: the rules with points are grouped
// by such conflicts, a group of at most kMaxGroup rules is tried subset by
// subset without a conflicting pair, a larger one as if it had none (more
// scores, never fewer: a band is reported only when surely unreachable).
std::vector<char> ReachableScores(const Model& m, const std::vector<const internal::Rule*>& can_fire, long total) {
  constexpr size_t kMaxGroup = 16;
  std::vector<const internal::Rule*> rules;
  for (const auto* r : can_fire)
    if (r->points > 0) rules.push_back(r);
  const size_t n = rules.size();
  std::vector<std::vector<char>> conflict(n, std::vector<char>(n, 0));
  std::vector<size_t> group(n);
  for (size_t i = 0; i < n; ++i) group[i] = i;
  auto find = [&](size_t i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      if (internal::CanFireTogether(m, *rules[i], *rules[j]) == internal::Together::kNo) {
        conflict[i][j] = conflict[j][i] = 1;
        group[find(i)] = find(j);
      }
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < n; ++i) groups[find(i)].push_back(i);
  std::vector<char> reachable(static_cast<size_t>(total) + 1, 0);
  reachable[0] = 1;
  for (const auto& [root, members] : groups) {
    std::set<long> sums;  // what this group adds
    if (members.size() <= kMaxGroup) {
      for (size_t mask = 0; mask < (size_t{1} << members.size()); ++mask) {
        long sum = 0;
        bool ok = true;
        for (size_t a = 0; a < members.size() && ok; ++a) {
          if (!(mask & (size_t{1} << a))) continue;
          sum += rules[members[a]]->points;
          for (size_t b = a + 1; b < members.size() && ok; ++b)
            ok = !((mask & (size_t{1} << b)) && conflict[members[a]][members[b]]);
        }
        if (ok) sums.insert(sum);
      }
    } else {
      std::vector<char> sub(static_cast<size_t>(total) + 1, 0);
      sub[0] = 1;
      for (size_t i : members)
        for (long s = total; s >= rules[i]->points; --s)
          if (sub[static_cast<size_t>(s - rules[i]->points)]) sub[static_cast<size_t>(s)] = 1;
      for (long s = 0; s <= total; ++s)
        if (sub[static_cast<size_t>(s)]) sums.insert(s);
    }
    std::vector<char> next(reachable.size(), 0);
    for (long s = 0; s <= total; ++s)
      if (reachable[static_cast<size_t>(s)])
        for (long add : sums)
          if (s + add <= total) next[static_cast<size_t>(s + add)] = 1;
    reachable = std::move(next);
  }
  return reachable;
}

void CheckBands(const Model& m, const std::vector<const internal::Rule*>& can_fire, std::vector<Diagnostic>* out) {
  long total = 0;
  for (const auto* r : can_fire) total += r->points;
  if (total > 1000000) return;
  const std::vector<char> reachable = ReachableScores(m, can_fire, total);
  for (size_t b = 0; b < m.bands.size(); ++b) {
    const long from = m.bands[b].from;
    const long to = b + 1 < m.bands.size() ? m.bands[b + 1].from : total + 1;  // exclusive
    bool hit = false;
    for (long s = from; s < to && s <= total && !hit; ++s) hit = reachable[static_cast<size_t>(s)] != 0;
    if (!hit)
      out->push_back(Warning(CodeOf(Msg::kBandFromReachedNo), m.bands[b].where,
                             MessageText(Msg::kBandFromReachedNo, m.bands[b].name, std::to_string(from), std::to_string(total))));
  }
}

void CheckClasses(const Model& m, std::vector<Diagnostic>* out) {
  std::set<int> used;
  for (const auto& d : m.lexicon.drugs()) used.insert(d.classes.begin(), d.classes.end());
  for (size_t c = 0; c < m.lexicon.classes().size(); ++c)
    if (used.count(static_cast<int>(c)) == 0)
      out->push_back(Warning(CodeOf(Msg::kMedicationClassHasNo), m.lexicon.classes()[c].where,
                             MessageText(Msg::kMedicationClassHasNo, m.lexicon.classes()[c].id)));
}

// Fills each diagnostic's source line from its file (read once each; an unsaved one from its text).
void AddSourceLines(const std::string& directory, const std::vector<UnsavedFile>& unsaved, std::vector<Diagnostic>* diagnostics) {
  std::map<std::string, std::unique_ptr<internal::SourceText>> files;
  for (auto& d : *diagnostics) {
    if (!d.source_line.empty() || d.location.line <= 0 || d.location.file.empty()) continue;
    auto& text = files[d.location.file];
    if (!text) {
      std::string content;
      const UnsavedFile* held = nullptr;
      for (const auto& u : unsaved)
        if (internal::JoinRulebookPath(directory, u.path) == d.location.file) held = &u;
      if (held != nullptr)
        content = held->text;
      else
        internal::ReadFileCapped(d.location.file, 16 << 20, &content);
      text = std::make_unique<internal::SourceText>(d.location.file, std::move(content));
    }
    d.source_line = text->Line(d.location.line);
  }
}

}  // namespace

Status LintRulebook(const std::string& directory, const LintOptions& options, std::vector<Diagnostic>* diagnostics) {
  std::shared_ptr<const Rulebook> rulebook;
  std::vector<Diagnostic> found;
  LoadOptions load;
  load.unsaved = options.unsaved;
  const Status status = Rulebook::Load(directory, load, &rulebook, &found);
  if (status.ok()) {
    const Model& m = internal::ModelOf(*rulebook);
    CheckClasses(m, &found);
    CheckBands(m, CheckReach(m, &found), &found);
    CheckProvenance(m, options.today.empty() ? Today() : options.today, &found);
    AddSourceLines(directory, options.unsaved, &found);
  }
  SortDiagnostics(&found);
  diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  return status;
}

std::string DiagnosticsJson(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& d : diagnostics) {
    nlohmann::ordered_json j;
    j["file"] = d.location.file;
    j["line"] = d.location.line;
    j["column"] = d.location.column;
    j["severity"] = d.severity == DiagnosticSeverity::kError ? "error" : "warning";
    j["code"] = DiagnosticCodeName(d.code);
    j["message"] = d.message;
    out.push_back(std::move(j));
  }
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace candidacy
