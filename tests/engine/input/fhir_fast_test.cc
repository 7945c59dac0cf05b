// The batch's fast path for FHIR (input/document_fhir_fast.cc) against the
// located reader: every fixture Bundle and QuestionnaireResponse of tests/fhir
// and samples/fhir screens to the same full JSON result (or the same messages)
// both ways, the fast path takes exactly what the located reader reads without
// a word, and a table of odd-but-valid and bad documents falls back and gives
// the located reader's message. The same through --input fhir (InputFormat::kFhir),
// as the CDS Hooks service reads a prefetched QuestionnaireResponse.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "candidacy/limits.h"
#include "candidacy/render_json.h"
#include "candidacy/screening.h"
#include "input/answer_validator.h"
#include "input/questionnaire_access.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

// Whether the fast path takes `text` (read as a batch line would be: padded, in place).
bool FastTakes(const std::string& text) {
  const std::string block = text + std::string(kReadPaddingBytes, '"');
  internal::Answers answers;
  return internal::ReadJsonAnswersFast(internal::ModelOf(Shipped()), std::string_view(block).substr(0, text.size()), true, &answers);
}

// A read and, when it succeeds, the full JSON result.
struct Outcome {
  bool ok = false;
  std::string messages, result;
};

Outcome Finish(bool ok, const Questionnaire& q, const std::vector<Diagnostic>& diagnostics) {
  Outcome o;
  o.ok = ok;
  for (const auto& d : diagnostics) o.messages += FormatDiagnostic(d);
  for (const auto& w : q.warnings()) o.messages += FormatDiagnostic(w);
  if (o.ok) o.result = RenderJson(Screen(Shipped(), q, ScreenDetail::kFull), false);
  return o;
}

// As the batch (kJson) or --input fhir and the CDS Hooks service (kFhir) read: the fast path first.
Outcome Read(const std::string& text, InputFormat format, Questionnaire* reuse = nullptr) {
  ReadOptions options;
  options.format = format;
  options.display_name = "doc.json";
  Questionnaire fresh;
  Questionnaire* q = reuse != nullptr ? reuse : &fresh;
  std::vector<Diagnostic> diagnostics;
  const bool ok = ReadQuestionnaire(Shipped(), text, options, q, &diagnostics).ok();
  return Finish(ok, *q, diagnostics);
}

// The located reader alone.
Outcome ReadLocated(const std::string& text, InputFormat format) {
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  const bool ok = internal::ReadQuestionnaireLocated(Shipped(), text, format, "doc.json", &q, &diagnostics).ok();
  return Finish(ok, q, diagnostics);
}

std::vector<std::string> Fixtures() {
  std::vector<std::string> out;
  for (const char* dir : {"/tests/fhir/bundles", "/tests/fhir/bad", "/tests/fhir/hl7", "/samples/fhir"})
    for (const auto& e : std::filesystem::directory_iterator(SourceDir() + dir))
      if (e.path().extension() == ".json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("fhir fast path: every fixture screens the same both ways") {
  Questionnaire reused;  // as the batch reads line after line into one
  int taken = 0, files = 0;
  for (const std::string& path : Fixtures()) {
    INFO(path);
    const std::string text = FileText(path);
    const Outcome located = ReadLocated(text, InputFormat::kJson);
    for (const Outcome& fast : {Read(text, InputFormat::kJson), Read(text, InputFormat::kJson, &reused), Read(text, InputFormat::kFhir)}) {
      CHECK(fast.ok == located.ok);
      CHECK(fast.messages == located.messages);
      CHECK(fast.result == located.result);
    }
    const Outcome located_fhir = ReadLocated(text, InputFormat::kFhir);
    CHECK(located_fhir.messages == located.messages);
    CHECK(located_fhir.result == located.result);
    // Taken exactly when the located reader has nothing to say.
    const bool silent = located.ok && located.messages.empty();
    CHECK(FastTakes(text) == silent);
    taken += silent;
    ++files;
  }
  CHECK(files >= 40);
  CHECK(taken >= 25);  // the fast path is really used
}

// The bench's Bundle (tests/fhir/bundles/b03) and QuestionnaireResponse (samples/fhir/01), as batch lines.
std::string Bundle() { return nlohmann::json::parse(FileText(SourceDir() + "/tests/fhir/bundles/b03-transaction-vitals-patient.json")).dump(); }
std::string Response() { return nlohmann::json::parse(FileText(SourceDir() + "/samples/fhir/01-eligible-trd.json")).dump(); }

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The values of a JSON document, as the located reader counts them against limits::kMaxDocumentNodes.
size_t Values(const nlohmann::json& j) {
  size_t n = 1;
  if (j.is_structured())
    for (const auto& v : j) n += Values(v);
  return n;
}

// `extension` with `zeros` zeros: 1 + zeros values more.
std::string WithZeros(const std::string& doc, size_t zeros) {
  std::string list = "0";
  for (size_t i = 1; i < zeros; ++i) list += ",0";
  return Replace(doc, "\"status\":", "\"extension\":[" + list + "],\"status\":");
}

std::string Nested(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "[";
  for (int i = 0; i < depth; ++i) s += "]";
  return s;
}

TEST_CASE("fhir fast path: odd and bad documents fall back to the located reader's message") {
  const std::string bundle = Bundle(), response = Response();
  struct Row {
    const char* what;
    std::string text;
    const char* message;  // in the located reader's messages ("" for none: read, with the same result)
  };
  const std::vector<Row> rows = {
      {"a duplicate key where nothing is read", Replace(response, "\"status\":", "\"meta\":{\"a\":1,\"a\":2},\"status\":"), "key 'a' appears twice"},
      {"a duplicate key in a big object", Replace(response, "\"status\":", "\"meta\":{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,\"i\":1,\"b\":2},\"status\":"), "key 'b' appears twice"},
      {"a duplicate key after two keys of one hash", Replace(response, "\"status\":", "\"meta\":{\"ad\":1,\"ba\":2,\"ad\":3},\"status\":"), "key 'ad' appears twice"},
      {"two keys of one hash, not the same", Replace(response, "\"status\":", "\"meta\":{\"ad\":1,\"ba\":2},\"status\":"), ""},
      {"a duplicate key in a Bundle's Patient", Replace(bundle, "\"resourceType\":\"Patient\"", "\"resourceType\":\"Patient\",\"gender\":\"female\",\"gender\":\"male\""), "appears twice"},
      {"nesting past the depth limit where nothing is read", Replace(response, "\"status\":", "\"extension\":" + Nested(16) + ",\"status\":"), "nests deeper than"},
      {"nesting at the depth limit", Replace(response, "\"status\":", "\"extension\":" + Nested(15) + ",\"status\":"), ""},
      {"values at the node limit", WithZeros(response, limits::kMaxDocumentNodes - Values(nlohmann::json::parse(response)) - 1), ""},
      {"one value past the node limit", WithZeros(response, limits::kMaxDocumentNodes - Values(nlohmann::json::parse(response))), "more than"},
      {"a lone surrogate where nothing is read", Replace(response, "\"status\":", "\"language\":\"\\ud800\",\"status\":"), "surrogate"},
      {"an escaped character", Replace(response, "\"status\":", "\"language\":\"\\u00e9\",\"status\":"), ""},
      {"a negative zero", Replace(response, "\"status\":", "\"extension\":[-0],\"status\":"), ""},
      {"a number too large for a double where nothing is read", Replace(response, "\"status\":", "\"extension\":[1e400],\"status\":"), ""},
      {"a byte-order mark", "\xEF\xBB\xBF" + response, ""},
      {"a stopped response (a warning)", Replace(response, "\"status\":\"completed\"", "\"status\":\"stopped\""), "stopped"},
      {"an unknown linkId (a warning)", Replace(response, "\"linkId\":\"age\"", "\"linkId\":\"age_at_intake\""), "is ignored"},
      {"a unit that is not the question's", Replace(response, "\"code\":\"a\"", "\"code\":\"mo\""), "is not the question's unit"},
      {"a second answer", Replace(response, "\"valueBoolean\":false}]", "\"valueBoolean\":false},{\"valueBoolean\":true}]"), "has 2 answers"},
      {"an id that is a mapping", Replace(response, "\"id\":\"sample-01-eligible-trd\"", "\"id\":{\"value\":\"x\"}"), "expected text"},
      {"a resource not read", Replace(response, "\"QuestionnaireResponse\"", "\"Patient\""), "resourceType 'Patient' is not read"},
      {"a Bundle type not read", Replace(bundle, "\"type\":\"transaction\"", "\"type\":\"history\""), "Bundle type 'history' is not read"},
      {"a Bundle's Observation value as text", Replace(bundle, "\"value\":118", "\"value\":\"118\""), "expected a number, found text"},
      {"a Bundle with no date", Replace(bundle, "\"authored\":", "\"authoredx\":"), "no screening date"},
      {"a syntax error", response.substr(0, response.size() - 1), "syntax error"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    for (InputFormat format : {InputFormat::kJson, InputFormat::kFhir}) {
      const Outcome located = ReadLocated(row.text, format);
      const Outcome fast = Read(row.text, format);
      CHECK(fast.ok == located.ok);
      CHECK(fast.messages == located.messages);
      CHECK(fast.result == located.result);
    }
    const Outcome located = ReadLocated(row.text, InputFormat::kJson);
    if (*row.message != '\0') {
      CHECK(located.messages.find(row.message) != std::string::npos);
      CHECK_FALSE(FastTakes(row.text));  // it has something to say: the located reader says it
    }
  }
  CHECK(FastTakes(bundle));
  CHECK(FastTakes(response));
  // At the limits, and with an escape that decodes to valid UTF-8: still the fast path's.
  CHECK(FastTakes(Replace(response, "\"status\":", "\"extension\":" + Nested(15) + ",\"status\":")));
  CHECK(FastTakes(WithZeros(response, limits::kMaxDocumentNodes - Values(nlohmann::json::parse(response)) - 1)));
  CHECK(FastTakes(Replace(response, "\"status\":", "\"language\":\"\\u00e9\",\"status\":")));
  // Keys whose hashes meet (ParseChecks compares them then): not a duplicate.
  CHECK(FastTakes(Replace(response, "\"status\":", "\"meta\":{\"ad\":1,\"ba\":2},\"status\":")));
  // --input fhir refuses a document with no resourceType, on the fast path too.
  const std::string plain = R"({"id":"p1","patient":{"age":38}})";
  const Outcome refused = Read(plain, InputFormat::kFhir);
  CHECK_FALSE(refused.ok);
  CHECK(refused.messages == ReadLocated(plain, InputFormat::kFhir).messages);
  CHECK(refused.messages.find("resourceType") != std::string::npos);
}

}  // namespace
}  // namespace candidacy::testing
