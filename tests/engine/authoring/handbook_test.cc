// The rulebook handbook (authoring/handbook.cc): the shipped rulebook's
// handbook in both formats (every rule, question, class and source present;
// deterministic; escaped). The words: handbook_words_test.cc; the writers:
// handbook_writer_test.cc.
#include <catch2/catch.hpp>

#include "authoring/handbook_writer.h"
#include "base/html_escape.h"
#include "candidacy/handbook.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

using namespace candidacy::internal;
using candidacy::testing::TempRulebook;

TEST_CASE("the shipped handbook covers the whole rulebook in both formats", "[handbook]") {
  const auto& rb = candidacy::testing::Shipped();
  const Model& m = candidacy::internal::ModelOf(rb);
  for (auto format : {candidacy::HandbookFormat::kMarkdown, candidacy::HandbookFormat::kHtml}) {
    const std::string text = candidacy::RenderHandbook(rb, format);
    CHECK(text == candidacy::RenderHandbook(rb, format));  // deterministic
    CHECK(text.find(m.sha256) != std::string::npos);
    CHECK(text.find("<script") == std::string::npos);
    CHECK(text.find(rb.directory()) == std::string::npos);  // no machine-specific path
    const bool html = format == candidacy::HandbookFormat::kHtml;
    for (const auto& r : m.rules) {
      CAPTURE(r.id);
      CHECK(text.find(r.id + " ") != std::string::npos);
      if (html) CHECK(text.find("id=\"rule-" + r.id + "\"") != std::string::npos);
    }
    for (const auto& q : m.questions) CHECK(text.find(q.id) != std::string::npos);
    for (const auto& c : m.lexicon.classes()) CHECK(text.find(c.id) != std::string::npos);
    for (const auto& d : m.lexicon.drugs())
      CHECK(text.find(html ? EscapeHtml(d.generic) : EscapeMarkdown(d.generic)) != std::string::npos);
    for (const auto& s : m.sources) CHECK(text.find(s.url) != std::string::npos);
  }
  const std::string md = candidacy::RenderHandbook(rb, candidacy::HandbookFormat::kMarkdown);
  CHECK(md.find("systolic blood pressure is above 180 mmHg, or diastolic blood pressure is above 100 mmHg") != std::string::npos);
}

TEST_CASE("rulebook text is escaped in the HTML handbook", "[handbook]") {
  TempRulebook rb({{"rulebook.yaml", candidacy::testing::MiniRoot()}, {"main.yaml", R"yaml(questions:
  - {id: a, type: boolean, prompt: "<script>alert('q')</script> & more?", required: true}
  - {id: medications, type: list_of_text, prompt: "Meds?", required: true, for_the_record: true}
rules:
  - {id: R1, title: "<img src=x onerror=y>", severity: review, sources: [S], message: "m <b>", action: "\"quoted\"", when: "a"}
)yaml"}});
  REQUIRE(rb.Load().ok());
  const std::string html = candidacy::RenderHandbook(*rb.rulebook(), candidacy::HandbookFormat::kHtml);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; &amp; more?") != std::string::npos);
  CHECK(html.find("&quot;quoted&quot;") != std::string::npos);
  const std::string md = candidacy::RenderHandbook(*rb.rulebook(), candidacy::HandbookFormat::kMarkdown);
  CHECK(md.find("<script") == std::string::npos);
  CHECK(md.find("&lt;img src=x onerror=y&gt;") != std::string::npos);
}
