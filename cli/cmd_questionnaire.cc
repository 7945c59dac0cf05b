// `candidacy questionnaire --format fhir`: the rulebook's questions as a form
// an EHR can build from (a FHIR R4 Questionnaire; docs/fhir.md). Answers
// come back as a QuestionnaireResponse to `candidacy screen`.
// Test: tests/cli/fhir_test.sh.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "candidacy/fhir_questionnaire.h"
#include "command_table.h"
#include "exit_codes.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

struct QuestionnaireOptions {
  std::string rulebook;
  std::string format = "fhir";
};

int Run(const QuestionnaireOptions& o) {
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.rulebook, &rulebook); rc != kExitOk) return rc;
  const std::string out = RenderFhirQuestionnaire(*rulebook);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "candidacy: cannot write the questionnaire: %s\n", std::strerror(errno));
    return kExitIo;
  }
  return kExitOk;
}

}  // namespace

Command QuestionnaireCommand() {
  auto options = std::make_shared<QuestionnaireOptions>();
  Command c;
  c.name = "questionnaire";
  c.help = "Write the rulebook's questions as a form for an EHR (--format fhir: a FHIR R4 Questionnaire)";
  c.configure = [options](CLI::App* app) {
    app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--format", options->format, "Output: fhir (a FHIR R4 Questionnaire, JSON; the default)")
        ->check(CLI::IsMember({"fhir"}));
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
