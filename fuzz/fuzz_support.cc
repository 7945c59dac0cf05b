// The shipped rulebook for the fuzz targets (see fuzz_support.h).
#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace candidacy::fuzz {

const Rulebook& ShippedRulebook() {
  static const std::shared_ptr<const Rulebook> rulebook = [] {
    std::shared_ptr<const Rulebook> rb;
    std::vector<Diagnostic> diagnostics;
    const Status s = Rulebook::Load(std::string(CANDIDACY_SOURCE_DIR) + "/rules/ketamine", &rb, &diagnostics);
    if (!s.ok()) {
      for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stderr);
      std::fprintf(stderr, "fuzz setup: the shipped rulebook does not load: %s\n", s.ToString().c_str());
      std::abort();
    }
    return rb;
  }();
  return *rulebook;
}

int ReadQuestionnaireInput(const std::uint8_t* data, std::size_t size, InputFormat format, const char* display_name) {
  ReadOptions options;
  options.format = format;
  options.display_name = display_name;
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  const Status s = ReadQuestionnaire(ShippedRulebook(), AsText(data, size), options, &q, &diagnostics);
  if (!s.ok() && !HasErrors(diagnostics)) std::abort();
  for (const auto& d : diagnostics) (void)FormatDiagnostic(d);
  return 0;
}

}  // namespace candidacy::fuzz
