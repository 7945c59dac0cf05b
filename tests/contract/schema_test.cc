// The JSON Schemas in docs/ checked with valijson: every sample's result
// (screened now, pretty and compact, and its golden in samples/expected/),
// batch error lines, and the CDS Hooks response of every sample validate;
// tables of deliberately broken documents are rejected, so a schema that
// accepted anything would fail here.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "schema_file.h"
#include "test_support.h"

using namespace candidacy::testing;
using Json = nlohmann::json;

namespace {

const SchemaFile& ResultSchema() {
  static const SchemaFile schema(SourceDir() + "/docs/result.schema.json");
  return schema;
}

const SchemaFile& CdsHooksSchema() {
  static const SchemaFile schema(SourceDir() + "/docs/cds-hooks.schema.json");
  return schema;
}

// samples/*.yaml and samples/*.json, sorted.
std::vector<std::string> SampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/samples")) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".json")) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

candidacy::ScreeningResult ScreenFile(const std::string& path) {
  candidacy::Questionnaire q;
  std::vector<candidacy::Diagnostic> diagnostics;
  candidacy::ReadOptions options;
  options.display_name = path;
  const std::string text = FileText(path);
  REQUIRE(candidacy::ReadQuestionnaire(Shipped(), text, options, &q, &diagnostics).ok());
  return candidacy::Screen(Shipped(), q);
}

std::string Sample06() { return SourceDir() + "/samples/06-review-bp-maoi.yaml"; }

}  // namespace

TEST_CASE("every sample's result validates against docs/result.schema.json", "[schema]") {
  const auto files = SampleFiles();
  REQUIRE(files.size() >= 22);
  for (const auto& path : files) {
    CAPTURE(path);
    const auto result = ScreenFile(path);
    CHECK(ResultSchema().Errors(Json::parse(candidacy::RenderJson(result, false))) == "");
    CHECK(ResultSchema().Errors(Json::parse(candidacy::RenderJson(result, true))) == "");
    const std::string stem = std::filesystem::path(path).stem().string();
    CHECK(ResultSchema().Errors(Json::parse(FileText(SourceDir() + "/samples/expected/" + stem + ".json"))) == "");
  }
}

TEST_CASE("every FHIR Bundle's result (schema 1.2, with the ehr record) validates against docs/result.schema.json", "[schema][fhir]") {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/tests/fhir/bundles")) {
    if (entry.path().extension() != ".json") continue;
    CAPTURE(entry.path().string());
    const auto result = ScreenFile(entry.path().string());
    REQUIRE(result.ehr.present);
    Json j = Json::parse(candidacy::RenderJson(result, false));
    CHECK(ResultSchema().Errors(j) == "");
    j["schema_version"] = "1.1";  // the ehr record is 1.2's
    CHECK(ResultSchema().Errors(j) != "");
    ++count;
  }
  CHECK(count >= 12);
}

TEST_CASE("every sample's CDS Hooks response validates against docs/cds-hooks.schema.json", "[schema]") {
  for (const auto& path : SampleFiles()) {
    CAPTURE(path);
    const auto result = ScreenFile(path);
    const Json compact = Json::parse(candidacy::RenderCdsHooks(result, false));
    CHECK(CdsHooksSchema().Errors(compact) == "");
    CHECK(CdsHooksSchema().Errors(Json::parse(candidacy::RenderCdsHooks(result, true))) == "");
    CHECK(compact["cards"].size() == 1 + result.flags.size());
  }
}

TEST_CASE("batch error lines validate against docs/result.schema.json", "[schema]") {
  // Real diagnostics: a questionnaire that cannot be read.
  candidacy::Questionnaire q;
  std::vector<candidacy::Diagnostic> diagnostics;
  candidacy::ReadOptions options;
  options.format = candidacy::InputFormat::kJson;
  CHECK_FALSE(candidacy::ReadQuestionnaire(Shipped(), R"({"id": "q-7", "patient": {"age": "old"}})", options, &q,
                                           &diagnostics)
                  .ok());
  REQUIRE_FALSE(diagnostics.empty());
  CHECK(ResultSchema().Errors(Json::parse(candidacy::RenderJsonError(7, "q-7", diagnostics))) == "");
  CHECK(ResultSchema().Errors(Json::parse(candidacy::RenderJsonError(1, "", diagnostics))) == "");
  diagnostics.clear();
  CHECK_FALSE(candidacy::ReadQuestionnaire(Shipped(), "{\"id\": ", options, &q, &diagnostics).ok());
  REQUIRE_FALSE(diagnostics.empty());
  CHECK(ResultSchema().Errors(Json::parse(candidacy::RenderJsonError(12, "", diagnostics))) == "");
}

namespace {
// A change to a valid document: set the value at `pointer`, or remove it
// when `value` is absent.
struct Breakage {
  const char* what;
  const char* pointer;
  const char* value;  // JSON text; nullptr removes the key
};

Json Broken(Json doc, const Breakage& b) {
  const Json::json_pointer pointer(b.pointer);
  if (b.value) {
    doc[pointer] = Json::parse(b.value);
  } else {
    doc[pointer.parent_pointer()].erase(pointer.back());
  }
  return doc;
}
}  // namespace

TEST_CASE("the result schema rejects broken results", "[schema]") {
  const Json valid = Json::parse(candidacy::RenderJson(ScreenFile(Sample06()), false));
  REQUIRE(ResultSchema().Errors(valid) == "");
  REQUIRE(valid["flags"].size() == 2);
  REQUIRE(valid["not_evaluated"].size() >= 1);
  const Breakage b = GENERATE(values<Breakage>({
      {"no schema_version", "/schema_version", nullptr},
      {"another schema_version", "/schema_version", R"("2.0")"},
      {"schema_version as a number", "/schema_version", "1.0"},
      {"unknown outcome", "/outcome", R"("maybe")"},
      {"outcome null on a result", "/outcome", "null"},
      {"fractional score", "/score", "6.5"},
      {"score as text", "/score", R"("6")"},
      {"empty band", "/band", R"("")"},
      {"an unknown key", "/extra", "1"},
      {"no flags", "/flags", nullptr},
      {"flags not a list", "/flags", "{}"},
      {"unknown severity", "/flags/0/severity", R"("critical")"},
      {"a flag without its action", "/flags/0/action", nullptr},
      {"points as text", "/flags/0/points", R"("3")"},
      {"local_policy as text", "/flags/0/local_policy", R"("no")"},
      {"an unknown key in a flag", "/flags/0/why", R"("because")"},
      {"unknown evidence state", "/flags/0/evidence/0/state", R"("known")"},
      {"answered evidence with no value", "/flags/0/evidence/0/value", "null"},
      {"unanswered evidence with a value", "/flags/0/evidence/0/state", R"("unanswered")"},
      {"evidence value an object", "/flags/0/evidence/0/value", R"({"v": 1})"},
      {"evidence list of numbers", "/flags/1/evidence/0/value", "[1, 2]"},
      {"empty unit", "/flags/0/evidence/0/unit", R"("")"},
      {"a source url not https", "/flags/0/sources/0/url", R"("http://example.org")"},
      {"a source without citation", "/flags/0/sources/0/citation", nullptr},
      {"a source label with a space", "/flags/0/sources/0/label", R"("E F")"},
      {"blocking on a not-evaluated rule", "/not_evaluated/0/blocking", "true"},
      {"not-evaluated missing as text", "/not_evaluated/0/missing", R"("history.mi_months_ago")"},
      {"undecided rule without blocking", "/undecided/0", R"({"id":"RV-06","title":"t","severity":"review","missing":["history.glaucoma"]})"},
      {"a missing question without prompt", "/missing_questions/0", R"({"id":"history.glaucoma"})"},
      {"unrecognised medication with generics", "/medications/0/recognized", "false"},
      {"recognised medication without generics", "/medications/1/generic", "[]"},
      {"a warning that is not text", "/warnings/0", "1"},
      {"unrecognized_medications of objects", "/unrecognized_medications/0", R"({"text": "x"})"},
      {"short sha256", "/rulebook/sha256", R"("abc")"},
      {"upper-case sha256", "/rulebook/sha256", R"("C0E474457A1A138E047E5BE155DB6EAA50C0E474457A1A138E047E5BE155DB6E")"},
      {"a rulebook without version", "/rulebook/version", nullptr},
      {"no rulebook", "/rulebook", nullptr},
      // 1.1: urgency and probable matches.
      {"no urgent", "/urgent", nullptr},
      {"urgent as text", "/urgent", R"("no")"},
      {"urgent with no reason", "/urgent", "true"},
      {"a reason while not urgent", "/urgent_reasons", R"([{"rule":"RV-18","reason":"Active suicidal ideation with a plan"}])"},
      {"an urgent reason without its rule", "/urgent_reasons", R"([{"reason":"x"}])"},
      {"a flag without urgent", "/flags/0/urgent", nullptr},
      {"no probable_medications", "/probable_medications", nullptr},
      {"probable names as text", "/medications/0/probable_names", R"("Xanax")"},
      {"a medication without probable_names", "/medications/0/probable_names", nullptr},
  }));
  CAPTURE(b.what);
  CHECK(ResultSchema().Errors(Broken(valid, b)) != "");
}

TEST_CASE("the result schema rejects broken batch error lines", "[schema]") {
  const Json valid = Json::parse(candidacy::RenderJsonError(
      3, "q-3", {candidacy::Diagnostic{candidacy::DiagnosticSeverity::kError, candidacy::DiagnosticCode::kBadValue,
                                       candidacy::SourceLocation{"<line 3>", 1, 5}, "bad value", ""}}));
  REQUIRE(ResultSchema().Errors(valid) == "");
  const Breakage b = GENERATE(values<Breakage>({
      {"no errors", "/errors", nullptr},
      {"empty errors", "/errors", "[]"},
      {"line 0", "/line", "0"},
      {"line as text", "/line", R"("3")"},
      {"an outcome on an error line", "/outcome", R"("eligible")"},
      {"id a number", "/id", "3"},
      {"an error without message", "/errors/0/message", nullptr},
      {"an error code in capitals", "/errors/0/code", R"("BAD_VALUE")"},
      {"an unknown key", "/score", "0"},
  }));
  CAPTURE(b.what);
  CHECK(ResultSchema().Errors(Broken(valid, b)) != "");
}

TEST_CASE("the CDS Hooks schema rejects broken responses", "[schema]") {
  const Json valid = Json::parse(candidacy::RenderCdsHooks(ScreenFile(Sample06()), false));
  REQUIRE(CdsHooksSchema().Errors(valid) == "");
  static const std::string long_summary = "\"" + std::string(140, 'x') + "\"";
  const Breakage b = GENERATE(values<Breakage>({
      {"no cards", "/cards", nullptr},
      {"cards not a list", "/cards", "{}"},
      {"a card without summary", "/cards/0/summary", nullptr},
      {"a summary of 140 characters", "/cards/0/summary", long_summary.c_str()},
      {"an empty summary", "/cards/1/summary", R"("")"},
      {"indicator hard-stop (CDS Hooks 1.0 only)", "/cards/0/indicator", R"("hard-stop")"},
      {"indicator in capitals", "/cards/1/indicator", R"("WARNING")"},
      {"a card without indicator", "/cards/1/indicator", nullptr},
      {"a card without source", "/cards/0/source", nullptr},
      {"a source without label", "/cards/1/source/label", nullptr},
      {"a source url that is not a URL", "/cards/1/source/url", R"("see the leaflet")"},
      {"a uuid that is not one", "/cards/0/uuid", R"("card-1")"},
      {"detail not text", "/cards/0/detail", R"(["a"])"},
      {"suggestions without selectionBehavior", "/cards/0/suggestions", R"([{"label": "Order BP recheck"}])"},
      {"an unknown selectionBehavior", "/cards/0/selectionBehavior", R"("all")"},
      {"a link of type relative", "/cards/0/links", R"([{"label": "a", "url": "https://a.example", "type": "relative"}])"},
      {"a link without url", "/cards/0/links", R"([{"label": "a", "type": "absolute"}])"},
      {"an absolute link with appContext", "/cards/0/links", R"([{"label": "a", "url": "https://a.example", "type": "absolute", "appContext": "x"}])"},
      {"an action of unknown type", "/systemActions", R"([{"type": "merge", "description": "d"}])"},
      {"a topic without code", "/cards/0/source/topic", R"({"system": "http://example.org"})"},
  }));
  CAPTURE(b.what);
  CHECK(CdsHooksSchema().Errors(Broken(valid, b)) != "");
}
