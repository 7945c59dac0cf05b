// A rule's explanation as indented text, one line per step.
// Tested by tests/engine/render/render_explanation_test.cc and tests/cli/explain_test.sh.
#include "candidacy/render_explanation.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace candidacy {

std::string RenderExplanation(const Explanation& e) {
  std::string out = fmt::format("{}  {} ({}{}): {}\n", e.rule_id, e.title, SeverityName(e.severity),
                                e.points > 0 ? fmt::format(", {} points", e.points) : "", [&] {
                                  std::string s = e.status;
                                  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                                  return s;
                                }());
  out += fmt::format("when: {}\n", e.when);
  if (e.where.line > 0) out += fmt::format("  ({}:{}:{})\n", e.where.file, e.where.line, e.where.column);
  out += "\n";
  size_t width = 0;
  for (const auto& s : e.steps) width = std::max(width, s.depth * 2 + s.text.size());
  width = std::min<size_t>(width, 72);
  for (const auto& s : e.steps) {
    const std::string left = std::string(static_cast<size_t>(s.depth) * 2, ' ') + s.text;
    out += fmt::format("  {:<{}}  {}{}", left, width, s.value, s.decides && s.depth > 0 ? "   <- decides" : "");
    out += "\n";
    for (const auto& a : s.answers) out += fmt::format("  {}    {}\n", std::string(static_cast<size_t>(s.depth) * 2, ' '), a);
  }
  if (!e.message.empty()) out += "\nMessage: " + e.message + "\n";
  if (!e.missing.empty()) {
    std::string missing;
    for (const auto& m : e.missing) missing += (missing.empty() ? "" : ", ") + m;
    out += "\n" + std::string(e.status == "undecided" ? "Undecided until answered: " : "Not evaluated; optional answers missing: ") + missing + "\n";
  }
  return out;
}

}  // namespace candidacy
