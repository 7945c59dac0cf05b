// YAML documents (input/document_yaml.cc): plain scalars typed by the YAML 1.2
// core schema, quoted ones as text, places kept; a table of bad YAML, each
// refused with a located diagnostic.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "input/document.h"

namespace candidacy::testing {
namespace {

using internal::DocNode;

TEST_CASE("document yaml: scalars are typed by the core schema, quoted ones are text", "[document]") {
  auto [scalar, kind] = GENERATE(table<std::string, DocNode::Kind>({
      {"null", DocNode::Kind::kNull}, {"~", DocNode::Kind::kNull}, {"", DocNode::Kind::kNull},
      {"true", DocNode::Kind::kBool}, {"false", DocNode::Kind::kBool},
      {"42", DocNode::Kind::kInt}, {"-7", DocNode::Kind::kInt},
      {"4.5", DocNode::Kind::kFloat}, {".inf", DocNode::Kind::kFloat}, {".nan", DocNode::Kind::kFloat},
      {"'42'", DocNode::Kind::kString}, {"\"true\"", DocNode::Kind::kString}, {"yes", DocNode::Kind::kString},
      {"0x26", DocNode::Kind::kString}, {"3_8", DocNode::Kind::kString}, {"Xanax 2mg", DocNode::Kind::kString},
      {"[a, b]", DocNode::Kind::kArray}, {"{a: 1}", DocNode::Kind::kObject},
  }));
  CAPTURE(scalar);
  DocNode doc;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(internal::ParseYamlDocument("id: x\nv: " + scalar + "\n", "q.yaml", &doc, &diagnostics));
  CHECK(diagnostics.empty());
  REQUIRE(doc.kind == DocNode::Kind::kObject);
  REQUIRE(doc.members.size() == 2);
  CHECK(doc.members[1].first == "v");
  CHECK(doc.members[1].second.kind == kind);
}

TEST_CASE("document yaml: values keep their line and column", "[document]") {
  DocNode doc;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(internal::ParseYamlDocument("id: x\npatient:\n  age: 40\n  meds: [a, 'b']\n", "q.yaml", &doc, &diagnostics));
  const DocNode& patient = doc.members[1].second;
  CHECK(patient.members[0].second.integer == 40);
  CHECK(patient.members[0].second.line == 3);
  CHECK(patient.members[0].second.column == 8);
  CHECK(patient.members[1].second.items[1].text == "b");
  CHECK(patient.members[1].second.items[1].line == 4);
  CHECK(patient.members[1].second.items[1].column == 13);
}

TEST_CASE("document yaml: bad YAML is refused with a located diagnostic", "[document]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {",\n", "q.yaml:1:1: error: unexpected text: no YAML value starts here [yaml-syntax]"},
      {"%YAML 2.0\n---\nid: a\n", "q.yaml:1:1: error: YAML major version too large"},
      {"id: a\n  bad: indent\n", "q.yaml:2:6: error: illegal map value"},
      {"id: a\nmedications: [Xanax 2mg\n", "q.yaml:3:1: error: end of sequence flow not found"},
      {"id: 'a", "error: illegal EOF in scalar"},
      {"id: a\npatient: {age: *nope}\n", "error: the referenced anchor is not defined"},
      {"id: a\n---\nid: b\n", "error: the file holds 2 YAML documents"},
      {"id: a\nid: b\n", "q.yaml:2:1: error: key 'id' appears twice in one mapping [duplicate-key]"},
      {"id: \"\xff\"\n", "q.yaml:1:5: error: a value is not valid UTF-8"},
      {"\xff: a\n", "error: a key is not valid UTF-8"},
      {std::string("id: a\0b\n", 8), "error: the document holds a NUL byte"},
  }));
  CAPTURE(text);
  DocNode doc;
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(internal::ParseYamlDocument(text, "q.yaml", &doc, &diagnostics));
  REQUIRE_FALSE(diagnostics.empty());
  std::string formatted;
  for (const auto& d : diagnostics) formatted += FormatDiagnostic(d);
  CHECK_THAT(formatted, Catch::Contains(expected));
}

}  // namespace
}  // namespace candidacy::testing
