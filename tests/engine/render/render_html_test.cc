// The HTML report (render/render_html.cc): hostile medication text and ids,
// one article per flag with its severity, the banner, determinism. The
// escaping table and safe links: tests/engine/base/html_escape_test.cc.
#include <catch2/catch.hpp>

#include "candidacy/report.h"
#include "test_support.h"

using namespace candidacy::testing;

namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the HTML report escapes questionnaire text and shows every part", "[render-html]") {
  std::string q = WithAnswer(BaseQuestionnaire(), "vitals.systolic_bp", "150");
  q = WithAnswer(q, "medications",
                 "['<script>alert(1)</script>', 'XANAX 0.5mg \"prn\" & <b>', 'Phenelzine 15 mg tid']");
  q = Without(q, "history.glaucoma");
  const auto result = ScreenText(Shipped(), q);
  const std::string html = candidacy::RenderHtml(result, "2026-11-23T10:00:00Z");
  CHECK(html == candidacy::RenderHtml(result, "2026-11-23T10:00:00Z"));
  CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("XANAX 0.5mg &quot;prn&quot; &amp; &lt;b&gt;") != std::string::npos);
  CHECK(html.find("class=\"banner outcome-" + std::string(candidacy::OutcomeName(result.outcome)) + "\"") != std::string::npos);
  CHECK(Count(html, "<article class=\"flag severity-") == result.flags.size());
  for (const auto& f : result.flags)
    CHECK(html.find("<article class=\"flag severity-" + std::string(candidacy::SeverityName(f.severity)) + "\">\n<h4><span class=\"rule-id\">" + f.id) != std::string::npos);
  CHECK(html.find("2026-11-23T10:00:00Z") != std::string::npos);
  CHECK(html.find(result.rulebook.sha256) != std::string::npos);
  CHECK(Count(html, "<tr class=\"unrecognized\">") == result.unrecognized_medications.size());
  CHECK(html.find("phenelzine</td><td>maoi") != std::string::npos);
  for (const auto& m : result.missing_questions) CHECK(html.find(m.id) != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("Signature") != std::string::npos);
}

TEST_CASE("an HTML report without a time says so", "[render-html]") {
  const auto result = ScreenText(Shipped(), BaseQuestionnaire());
  const std::string html = candidacy::RenderHtml(result, "");
  CHECK(html.find("<td class=\"screened-at\">not recorded</td>") != std::string::npos);
  CHECK(html.find("<p class=\"outcome\">ELIGIBLE</p>") != std::string::npos);
  CHECK(html.find("<p>No rule fired.</p>") != std::string::npos);
}
