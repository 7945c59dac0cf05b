// libFuzzer target: the YAML questionnaire reader (document limits, duplicate
// keys, UTF-8, anchors, validation against the shipped rulebook's questions).
// Either it reads, or it fails with at least one located diagnostic.
#include <cstdlib>

#include "candidacy/questionnaire.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace candidacy;
  const Rulebook& rulebook = fuzz::ShippedRulebook();
  ReadOptions options;
  options.format = InputFormat::kYaml;
  options.display_name = "fuzz.yaml";
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  const Status s = ReadQuestionnaire(rulebook, fuzz::AsText(data, size), options, &q, &diagnostics);
  if (!s.ok() && !HasErrors(diagnostics)) std::abort();  // a refusal must say why
  for (const auto& d : diagnostics) (void)FormatDiagnostic(d);
  return 0;
}
