// The message table (base/diagnostic_messages.h): every message id has a code
// and a text that formats with its placeholders; placeholders are counted.
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/args.h>

#include "base/diagnostic_messages.h"
#include "candidacy/status.h"

using candidacy::DiagnosticCode;

// The message table (diagnostic_messages.cc): one entry per id, in id order,
// each with a code and a text that formats with as many arguments as it has
// placeholders; no two ids share a text.
TEST_CASE("every diagnostic message has a code and a text that formats", "[diagnostic]") {
  using candidacy::internal::kMessageCount;
  using candidacy::internal::MessageTable;
  using candidacy::internal::Msg;
  using candidacy::internal::PlaceholderCount;
  REQUIRE(kMessageCount > 0);
  std::set<std::string> texts;
  for (size_t i = 0; i < kMessageCount; ++i) {
    const auto& m = MessageTable()[i];
    INFO("message #" << i << ": " << (m.text ? m.text : "(null)"));
    CHECK(static_cast<size_t>(m.id) == i);
    REQUIRE(m.text != nullptr);
    CHECK(std::string(m.text).size() > 0);
    CHECK(std::string(candidacy::DiagnosticCodeName(m.code)) != "unknown");
    CHECK(texts.insert(m.text).second);
    const int placeholders = PlaceholderCount(m.text);
    REQUIRE(placeholders >= 0);
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (int a = 0; a < placeholders; ++a) args.push_back(std::string("<") + std::to_string(a) + ">");
    std::string out;
    CHECK_NOTHROW(out = fmt::vformat(m.text, args));
    if (placeholders > 0) CHECK(out.find("<" + std::to_string(placeholders - 1) + ">") != std::string::npos);
  }
  CHECK(PlaceholderCount("a {} b {{literal}} {name}") == 2);
  CHECK(PlaceholderCount("lone }") == -1);
  CHECK(candidacy::internal::CodeOf(Msg::kIncludePathInsideRulebook) == DiagnosticCode::kBadValue);
  CHECK(candidacy::internal::MessageText(Msg::kIncludePathInsideRulebook, "../x.yaml") ==
        "include '../x.yaml' must be a path inside the rulebook directory");
  CHECK(candidacy::internal::MessageText(Msg::kSourcesListLabelCitation) == "'sources' must be a list of {label, citation, url}");
}
