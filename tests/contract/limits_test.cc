// The caps of candidacy/limits.h that a questionnaire or an expression can reach: at the limit (accepted) and one past (a clear error).
#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/limits.h"
#include "input/document.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

namespace lim = candidacy::limits;

struct Read {
  Status status;
  std::vector<Diagnostic> diagnostics;
  std::string text;
};

Read ReadDoc(const std::string& doc) {
  Read r;
  Questionnaire q;
  ReadOptions options;
  options.display_name = "test.yaml";
  r.status = ReadQuestionnaire(Shipped(), doc, options, &q, &r.diagnostics);
  for (const auto& d : r.diagnostics) r.text += FormatDiagnostic(d);
  return r;
}

// Reads `ok` (must succeed) and `past` (must fail with one error of `code` whose text has `expect`).
void AtAndPast(const std::string& ok, const std::string& past, const char* code, const std::string& expect) {
  const Read at = ReadDoc(ok);
  INFO("at the limit:\n" << at.text);
  CHECK(at.status.ok());
  const Read over = ReadDoc(past);
  INFO("one past:\n" << over.text);
  CHECK(over.status.code() == StatusCode::kQuestionnaireInvalid);
  REQUIRE(over.diagnostics.size() == 1);
  CHECK(DiagnosticCodeName(over.diagnostics[0].code) == std::string(code));
  CHECK_THAT(over.text, Catch::Contains(expect));
}

std::size_t CountValues(const internal::DocNode& n) {
  std::size_t count = 1;
  for (const auto& item : n.items) count += CountValues(item);
  for (const auto& member : n.members) count += CountValues(member.second);
  return count;
}

std::size_t BaseValues() {
  internal::DocNode root;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(internal::ParseYamlDocument(BaseQuestionnaire(), "base", &root, &diagnostics));
  return CountValues(root);
}

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// `levels` nested flow mappings (JSON or YAML) around `leaf`.
std::string Nest(int levels, bool json, const std::string& leaf = "1") {
  return Repeat(json ? "{\"a\": " : "{a: ", levels) + leaf + Repeat("}", levels);
}

// A YAML flow list of `n` copies of `item`.
std::string List(const std::string& item, std::size_t n) {
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) out += (i ? ", " : "") + item;
  return out + "]";
}

TEST_CASE("limits: kMaxDocumentBytes", "[limits]") {
  SECTION("YAML") {
    std::string doc = BaseQuestionnaire();
    while (doc.size() + 1000 <= lim::kMaxDocumentBytes) doc += "#" + std::string(998, 'x') + "\n";
    const std::size_t rest = lim::kMaxDocumentBytes - doc.size();
    doc += rest >= 2 ? "#" + std::string(rest - 2, 'x') + "\n" : std::string(rest, '\n');
    REQUIRE(doc.size() == lim::kMaxDocumentBytes);
    AtAndPast(doc, doc + "\n", "too-large", "the document is 1048577 bytes; the limit is 1048576");
  }
  SECTION("JSON") {
    std::string doc = "{\"id\": \"j\"}";
    doc += std::string(lim::kMaxDocumentBytes - doc.size(), ' ');
    AtAndPast(doc, doc + " ", "too-large", "the document is 1048577 bytes; the limit is 1048576");
  }
}

TEST_CASE("limits: kMaxDocumentDepth", "[limits]") {
  static_assert(lim::kMaxDocumentDepth == 16);
  const std::string yaml = "id: a\nextra: ";
  const std::string json_head = "{\"id\": \"a\", \"extra\": ";
  // The root is the first level: 15 more at the limit.
  SECTION("YAML mappings") {
    AtAndPast(yaml + Nest(15, false) + "\n", yaml + Nest(16, false) + "\n", "too-deep", "the document nests deeper than 16 levels");
  }
  SECTION("YAML sequences") {
    AtAndPast(yaml + Repeat("[", 15) + "1" + Repeat("]", 15) + "\n", yaml + Repeat("[", 16) + "1" + Repeat("]", 16) + "\n",
              "too-deep", "the document nests deeper than 16 levels");
  }
  SECTION("JSON") {
    AtAndPast(json_head + Nest(15, true) + "}", json_head + Nest(16, true) + "}", "too-deep",
              "the document nests deeper than 16 levels");
  }
}

// YAML and JSON count depth the same way: by containers.
TEST_CASE("limits: kMaxDocumentDepth is the same for an empty innermost mapping", "[limits]") {
  CHECK_FALSE(ReadDoc("{\"id\": \"a\", \"extra\": " + Nest(15, true, "{}") + "}").status.ok());
  CHECK_FALSE(ReadDoc("id: a\nextra: " + Nest(15, false, "{}") + "\n").status.ok());
}

TEST_CASE("limits: kMaxDocumentNodes", "[limits]") {
  const std::size_t base = BaseValues();
  REQUIRE(base < 200);
  const char* expect = "the document has more than 20000 values";
  SECTION("YAML: an unknown list fills the document to the cap") {
    const std::size_t k = lim::kMaxDocumentNodes - base - 1;  // the list itself and its items
    AtAndPast(BaseQuestionnaire() + "pad: " + List("0", k) + "\n", BaseQuestionnaire() + "pad: " + List("0", k + 1) + "\n",
              "too-large", expect);
  }
  SECTION("JSON") {
    const std::size_t k = lim::kMaxDocumentNodes - 3;  // root, id, pad
    AtAndPast("{\"id\": \"j\", \"pad\": " + List("0", k) + "}", "{\"id\": \"j\", \"pad\": " + List("0", k + 1) + "}",
              "too-large", expect);
  }
  SECTION("YAML aliases count each time they are used") {
    std::size_t rest = lim::kMaxDocumentNodes - base;
    std::string doc = BaseQuestionnaire();
    if (rest % 2 == 1) doc += "odd: 0\n", --rest;
    doc += "pad: &p " + List("0", rest / 2 - 1) + "\npad2: *p\n";
    AtAndPast(doc, doc + "one_more: 0\n", "too-large", "aliases count each time they are used");
  }
  SECTION("an alias bomb is refused quickly") {
    std::string bomb = "id: x\na0: &a0 " + List("x", 10) + "\n";
    for (int i = 1; i < 10; ++i)
      bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " " + List("*a" + std::to_string(i - 1), 10) + "\n";
    const auto start = std::chrono::steady_clock::now();
    const Read r = ReadDoc(bomb);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 0.5);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == DiagnosticCode::kTooLarge);
    CHECK_THAT(r.text, Catch::Contains(expect));
  }
}

TEST_CASE("limits: kMaxListItems", "[limits]") {
  static_assert(lim::kMaxListItems == 200);
  const std::string base = BaseQuestionnaire();
  SECTION("medications") {
    AtAndPast(WithAnswer(base, "medications", List("sertraline 100 mg", 200)),
              WithAnswer(base, "medications", List("sertraline 100 mg", 201)), "too-large",
              "medications: lists 201 items; the limit is 200");
  }
  SECTION("indications") {
    AtAndPast(WithAnswer(base, "indications", List("ptsd", 200)), WithAnswer(base, "indications", List("ptsd", 201)),
              "too-large", "indications: lists 201 items; the limit is 200");
  }
}

TEST_CASE("limits: kMaxTextBytes", "[limits]") {
  static_assert(lim::kMaxTextBytes == 1000);
  const std::string base = BaseQuestionnaire();
  auto medication = [&](const std::string& text) { return WithAnswer(base, "medications", "['" + text + "']"); };
  SECTION("a medication entry") {
    const std::string at = "sertraline " + std::string(lim::kMaxTextBytes - 11, 'x');
    AtAndPast(medication(at), medication(at + "x"), "too-large", "medications[0]: is 1001 bytes long; the limit is 1000");
    CHECK_THAT(ReadDoc(medication(at + "x")).text, !Catch::Contains("sertraline"));
  }
  SECTION("a medication entry counts bytes, not characters") {
    std::string at;
    for (int i = 0; i < 500; ++i) at += "\xC3\xA9";  // é
    AtAndPast(medication(at), medication(at + "x"), "too-large", "is 1001 bytes long; the limit is 1000");
  }
  SECTION("the id") {
    const std::string at(lim::kMaxTextBytes, 'q');
    AtAndPast(WithAnswer(base, "id", at), WithAnswer(base, "id", at + "q"), "too-large", "id: is 1001 bytes long; the limit is 1000");
  }
}

// A rulebook (MiniRoot plus main.yaml) with each expression place filled in.
// No rule reads d.v: a rule reading a derived value whose expression failed
// crashes the loader (reported separately), which would hide the diagnostics tested here.
struct Places {
  std::string asked_when = "a.x";
  std::string derived = "a.n * 2";
  std::string when = "a.x";
};

std::string MainYaml(const Places& p) {
  return "questions:\n"                                                          // 1
         "  - {id: a.x, type: boolean, prompt: Is it x, required: true}\n"       // 2
         "  - id: a.n\n"                                                         // 3
         "    type: number\n"                                                    // 4
         "    prompt: How much\n"                                                // 5
         "    asked_when: " + p.asked_when + "\n"                                // 6
         "derived:\n"                                                            // 7
         "  - id: d.v\n"                                                         // 8
         "    expr: " + p.derived + "\n"                                         // 9
         "rules:\n"                                                              // 10
         "  - id: R1\n"                                                          // 11
         "    title: R\n"                                                        // 12
         "    severity: info\n"                                                  // 13
         "    when: " + p.when + "\n"                                            // 14
         "    message: m\n"                                                      // 15
         "    action: a\n"                                                       // 16
         "    sources: [S]\n";                                                   // 17
}

struct Place {
  const char* name;
  std::string Places::*field;
  std::string operand;  // a value of the right type
  int line, column;     // where the expression starts in main.yaml
};

const std::vector<Place> kPlaces = {
    {"asked_when", &Places::asked_when, "a.x", 6, 17},
    {"derived expr", &Places::derived, "a.n", 9, 11},
    {"when", &Places::when, "a.x", 14, 11},
};

// Loads main.yaml with `text` at `place`; returns the formatted diagnostics, errors only.
std::string LoadErrors(const Place& place, const std::string& text, bool* ok) {
  Places p;
  p.*place.field = text;
  TempRulebook rb({{"rulebook.yaml", MiniRoot()}, {"main.yaml", MainYaml(p)}});
  *ok = rb.Load().ok();
  std::string errors;
  const std::string all = rb.diagnostics();
  for (std::size_t at = 0, end; at < all.size(); at = end + 1) {
    end = all.find('\n', at);
    if (end == std::string::npos) end = all.size();
    const std::string line = all.substr(at, end - at);
    if (line.find(": error: ") != std::string::npos) errors += line + "\n";
  }
  return errors;
}

TEST_CASE("limits: the expression places load by default", "[limits]") {
  bool ok = false;
  const std::string errors = LoadErrors(kPlaces[0], Places().asked_when, &ok);
  INFO(errors);
  CHECK(ok);
}

TEST_CASE("limits: kMaxExpressionBytes", "[limits]") {
  static_assert(lim::kMaxExpressionBytes == 4096);
  const Place place = GENERATE(from_range(kPlaces));
  INFO(place.name);
  const std::string at = place.operand + std::string(lim::kMaxExpressionBytes - place.operand.size(), ' ');
  bool ok = false;
  std::string errors = LoadErrors(place, "\"" + at + "\"", &ok);
  CHECK(errors.empty());
  CHECK(ok);
  errors = LoadErrors(place, "\"" + at + " \"", &ok);
  CHECK_FALSE(ok);
  CHECK(errors == "RB/main.yaml:" + std::to_string(place.line) + ":" + std::to_string(place.column + 1) +
                      ": error: the expression is 4097 bytes long; the limit is 4096 [too-large]\n");
}

TEST_CASE("limits: kMaxExpressionDepth", "[limits]") {
  static_assert(lim::kMaxExpressionDepth == 64);
  struct Nesting {
    const char* open;
    const char* close;
  };
  const Place place = GENERATE(from_range(kPlaces));
  const Nesting nesting = GENERATE(Nesting{"(", ")"}, Nesting{"not ", ""}, Nesting{"-", ""});
  const bool boolean = place.operand == "a.x";
  const std::string open = nesting.open;
  if ((open == "not " && !boolean) || (open == "-" && boolean)) return;  // 'not' nests booleans, '-' numbers, '(' both
  INFO(place.name << ", nesting " << nesting.open);
  auto nested = [&](int depth) { return Repeat(nesting.open, depth) + place.operand + Repeat(nesting.close, depth); };
  bool ok = false;
  std::string errors = LoadErrors(place, nested(64), &ok);
  CHECK(errors.empty());
  CHECK(ok);
  errors = LoadErrors(place, nested(65), &ok);
  CHECK_FALSE(ok);
  const int column = place.column + 64 * static_cast<int>(open.size());  // the 65th opener
  CHECK(errors == "RB/main.yaml:" + std::to_string(place.line) + ":" + std::to_string(column) +
                      ": error: the expression nests deeper than 64 levels [too-large]\n");
}

TEST_CASE("limits: kMaxRuleFileDepth", "[limits]") {
  static_assert(lim::kMaxRuleFileDepth == 32);
  // The root mapping is level 1; `extra` holds levels 2 .. depth (flow lists).
  auto load = [](int depth, bool* ok) {
    const std::string extra = "extra: " + Repeat("[", depth - 1) + Repeat("]", depth - 1) + "\n";
    TempRulebook rb({{"rulebook.yaml", MiniRoot()}, {"main.yaml", MainYaml(Places{}) + extra}});
    *ok = rb.Load().ok();
    return rb.diagnostics();
  };
  bool ok = true;
  std::string errors = load(32, &ok);
  CHECK(errors.find("too-deep") == std::string::npos);  // at the limit: only the unknown key is an error
  CHECK(errors.find("unknown key") != std::string::npos);
  errors = load(33, &ok);
  CHECK_FALSE(ok);
  CHECK(errors.find("RB/main.yaml:18:39: error: the file nests deeper than 32 levels [too-deep]") != std::string::npos);
  // Far past it (past yaml-cpp's own guard of 500 levels): the same error, never a crash.
  errors = load(20000, &ok);
  CHECK_FALSE(ok);
  CHECK(errors.find("error: the file nests deeper than 32 levels [too-deep]") != std::string::npos);
}

}  // namespace
}  // namespace candidacy::testing
