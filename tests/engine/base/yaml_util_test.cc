// Reading rule files (base/yaml_util.h): bad YAML snippets give one located
// error each; mapping checks (unknown, duplicate, missing keys) and typed
// fields report at the offending key or value (tables).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/yaml_util.h"

namespace candidacy::testing {
namespace {

using internal::YamlFile;

// Each diagnostic as "line:column: message [code]", one per line.
std::string Brief(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics)
    out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message + " [" +
           DiagnosticCodeName(d.code) + "]\n";
  return out;
}

TEST_CASE("yaml util: bad YAML is one located error", "[yaml]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"a: [1, 2\n", "2:1: end of sequence flow not found [yaml-syntax]\n"},
      {"a: {b: 1\n", "2:1: end of map flow not found [yaml-syntax]\n"},
      {"a: 1\n  b: 2\n", "2:4: illegal map value [yaml-syntax]\n"},
      {"a: 'open", "1:9: illegal EOF in scalar [yaml-syntax]\n"},
      {"a: *nope\n", "1:4: the referenced anchor is not defined [yaml-syntax]\n"},
      {std::string(80, '[') + "1" + std::string(80, ']') + "\n", "the file nests deeper than"},
  }));
  CAPTURE(text);
  std::vector<Diagnostic> diagnostics;
  YamlFile file("f.yaml", text, &diagnostics);
  CHECK_FALSE(file.Parse());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].location.file == "f.yaml");
  CHECK(diagnostics[0].severity == DiagnosticSeverity::kError);
  CHECK_THAT(Brief(diagnostics), Catch::Contains(expected));
}

TEST_CASE("yaml util: a mapping's keys are checked against the allowed and required ones", "[yaml]") {
  auto [text, complete, expected] = GENERATE(table<std::string, bool, std::string>({
      {"{id: R1, title: T}", true, ""},
      {"{id: R1, sevrity: x, title: T}", true, "1:10: unknown key 'sevrity' in rule (did you mean 'severity'?) [unknown-key]\n"},
      {"{id: R1, zzz: x, title: T}", true, "1:10: unknown key 'zzz' in rule (expected one of: id, title, severity) [unknown-key]\n"},
      {"{id: R1, id: R2, title: T}", true, "1:10: key 'id' appears twice in this rule [duplicate-key]\n"},
      {"{id: R1}", false, "1:1: rule has no 'title' [missing-key]\n"},
      {"{}", false, "1:1: rule has no 'id' [missing-key]\n1:1: rule has no 'title' [missing-key]\n"},
      {"[id, title]", false, "1:1: expected a rule (a mapping of keys to values) [wrong-type]\n"},
      {"{[a]: 1, id: R1, title: T}", true, "1:2: expected a plain key [wrong-type]\n"},
  }));
  CAPTURE(text);
  std::vector<Diagnostic> diagnostics;
  YamlFile file("f.yaml", text, &diagnostics);
  REQUIRE(file.Parse());
  CHECK(file.CheckMapping(file.root(), "rule", {"id", "title", "severity"}, {"id", "title"}) == complete);
  CHECK(Brief(diagnostics) == expected);
}

TEST_CASE("yaml util: typed fields refuse bad values at the value", "[yaml]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"{n: 7, b: true, s: x, l: [a, b]}", ""},
      {"{n: x}", "1:5: 'n' must be a whole number [wrong-type]\n"},
      {"{n: 2.5}", "1:5: 'n' must be a whole number [wrong-type]\n"},
      {"{n: '7'}", "1:5: 'n' must be a whole number [wrong-type]\n"},
      {"{n: 1001}", "1:5: 'n' must be from 0 to 1000 [bad-value]\n"},
      {"{n: -1}", "1:5: 'n' must be from 0 to 1000 [bad-value]\n"},
      {"{b: yes}", "1:5: 'b' must be true or false [wrong-type]\n"},
      {"{s: [x]}", "1:5: 's' must be text [wrong-type]\n"},
      {"{l: x}", "1:5: 'l' must be a list, such as [a, b] [wrong-type]\n"},
      {"{l: [a, [b]]}", "1:9: each item of 'l' must be text [wrong-type]\n"},
  }));
  CAPTURE(text);
  std::vector<Diagnostic> diagnostics;
  YamlFile file("f.yaml", text, &diagnostics);
  REQUIRE(file.Parse());
  int n = 0;
  bool b = false;
  std::string s;
  std::vector<std::string> l;
  const bool ok = file.GetInt(file.root(), "n", 0, 1000, &n) & file.GetBool(file.root(), "b", &b) &
                  file.GetString(file.root(), "s", &s) & file.GetStringList(file.root(), "l", &l);
  CHECK(ok == expected.empty());
  CHECK(Brief(diagnostics) == expected);
  if (ok && text.find("n: 7") != std::string::npos) {
    CHECK(n == 7);
    CHECK(b);
    CHECK(s == "x");
    CHECK(l == std::vector<std::string>{"a", "b"});
  }
}

}  // namespace
}  // namespace candidacy::testing
