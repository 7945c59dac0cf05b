// JSON documents (input/document_json.cc), read through ReadQuestionnaire:
// syntax errors never quote medication text, answer errors are located; the
// tree typed as JSON types it, with places.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "input/document.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using Read = ReadAttempt;

Read ReadDoc(const std::string& doc, InputFormat format = InputFormat::kAuto) { return TryRead(doc, format, "test.yaml"); }

// nlohmann's "last read: '...'" would quote free-text medications: it is cut.
TEST_CASE("questionnaire: JSON syntax errors never quote medication text", "[questionnaire]") {
  const std::string doc = GENERATE(as<std::string>{}, "{\"id\": \"a\",\n \"medications\": [\"Xanax 2mg]\n}",
                                   "{\"id\": \"a\", \"medications\": [\"Xanax 2mg \xff\"]}");
  const Read r = ReadDoc(doc);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(DiagnosticCodeName(r.diagnostics[0].code) == std::string("json-syntax"));
  CHECK_THAT(r.text, !Catch::Contains("Xanax"));
}

// JSON answers and duplicate keys are located too, not only syntax errors.
TEST_CASE("questionnaire: JSON answer errors are located", "[questionnaire]") {
  const std::string doc = GENERATE(as<std::string>{}, "{\"id\": \"j\",\n \"patient\": {\"age\": 121}}",
                                   "{\"id\": \"j\",\n \"patient\": {\"age\": 40, \"age\": 41}}");
  const Read r = ReadDoc(doc);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].location.line == 2);
}

TEST_CASE("document json: values typed as JSON types them, in document order, with places", "[document]") {
  using internal::DocNode;
  DocNode doc;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(internal::ParseJsonDocument("{\"id\": \"x\",\n \"a\": [1, 2.5, true, null, \"t\", {}]}", "q.json", &doc, &diagnostics));
  CHECK(diagnostics.empty());
  REQUIRE(doc.kind == DocNode::Kind::kObject);
  REQUIRE(doc.members.size() == 2);
  CHECK(doc.members[0].first == "id");
  const DocNode& a = doc.members[1].second;
  REQUIRE(a.items.size() == 6);
  const DocNode::Kind kinds[] = {DocNode::Kind::kInt,  DocNode::Kind::kFloat,  DocNode::Kind::kBool,
                                 DocNode::Kind::kNull, DocNode::Kind::kString, DocNode::Kind::kObject};
  for (size_t i = 0; i < 6; ++i) CHECK(a.items[i].kind == kinds[i]);
  CHECK(a.items[0].integer == 1);
  CHECK(a.items[1].real == 2.5);
  CHECK(a.line == 2);
}

TEST_CASE("document json: bad JSON is refused with a located diagnostic", "[document]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"{", "q.json:1:2: error: syntax error while parsing object key"},
      {"{\"id\": \"a\",\n \"patient\": {\"age\": }\n}", "q.json:2:21: error: syntax error while parsing value - unexpected '}'"},
      {"{\"id\": \"a\", \"id\": \"b\"}", "error: key 'id' appears twice in one object"},
      {"{\"id\": \"a\"} x", "q.json:1:"},
      {"{\"n\": 1e400}", "number overflow parsing '1e400'"},
  }));
  CAPTURE(text);
  internal::DocNode doc;
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(internal::ParseJsonDocument(text, "q.json", &doc, &diagnostics));
  REQUIRE_FALSE(diagnostics.empty());
  std::string formatted;
  for (const auto& d : diagnostics) formatted += FormatDiagnostic(d);
  CHECK_THAT(formatted, Catch::Contains(expected));
}

}  // namespace
}  // namespace candidacy::testing
