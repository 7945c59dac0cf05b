// libFuzzer target: screening arbitrary documents (YAML or JSON, detected as
// the CLI does) against the shipped rulebook, rendered as text and JSON. Checks
// that screening is deterministic (the same document twice gives the same
// JSON) and that the JSON result is well-formed.
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "candidacy/screening.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace candidacy;
  const Rulebook& rulebook = fuzz::ShippedRulebook();
  ReadOptions options;
  options.display_name = "fuzz";
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  if (!ReadQuestionnaire(rulebook, fuzz::AsText(data, size), options, &q, &diagnostics).ok()) {
    (void)RenderJsonError(1, q.id(), diagnostics);
    return 0;
  }
  const ScreeningResult result = Screen(rulebook, q);
  const std::string json = RenderJson(result, false);
  (void)RenderText(result);
  (void)RenderJson(result, true);
  if (RenderJson(Screen(rulebook, q), false) != json) std::abort();  // deterministic
  if (!nlohmann::json::accept(json)) std::abort();                  // well-formed JSON
  if (json.find('\n') != json.size() - 1) std::abort();             // one NDJSON line
  return 0;
}
