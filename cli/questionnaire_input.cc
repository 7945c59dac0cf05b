// Questionnaire input for commands. Test: tests/cli/.
#include "questionnaire_input.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "candidacy/limits.h"
#include "exit_codes.h"

namespace candidacy::cli {

int ReadDocumentFile(const std::string& name, std::string* out) {
  FILE* f = name == "-" ? stdin : std::fopen(name.c_str(), "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "candidacy: %s: cannot open: %s\n", name.c_str(), std::strerror(errno));
    return kExitIo;
  }
  out->clear();
  char buffer[1 << 16];
  size_t n;
  bool too_large = false;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    out->append(buffer, n);
    if (out->size() > limits::kMaxDocumentBytes) {
      too_large = true;
      break;
    }
  }
  const bool failed = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (failed) {
    std::fprintf(stderr, "candidacy: %s: read error\n", name.c_str());
    return kExitIo;
  }
  if (too_large) {
    std::fprintf(stderr, "%s: error: the document is larger than the limit of %zu bytes [too-large]\n", name.c_str(),
                 limits::kMaxDocumentBytes);
    return kExitQuestionnaireInvalid;
  }
  return kExitOk;
}

InputFormat InputFormatNamed(const std::string& format) {
  return format == "json"   ? InputFormat::kJson
         : format == "yaml" ? InputFormat::kYaml
         : format == "fhir" ? InputFormat::kFhir
                            : InputFormat::kAuto;
}

Status ParseQuestionnaire(const Rulebook& rulebook, std::string_view text, InputFormat format,
                          const std::string& display_name, Questionnaire* out, std::vector<Diagnostic>* diagnostics) {
  ReadOptions read;
  read.format = format;
  read.display_name = display_name;
  return ReadQuestionnaire(rulebook, text, read, out, diagnostics);
}

int LoadQuestionnaire(const Rulebook& rulebook, const std::string& file, const std::string& format, Questionnaire* out,
                      std::string* raw) {
  std::string text;
  if (int rc = ReadDocumentFile(file, &text); rc != kExitOk) return rc;
  if (raw != nullptr) *raw = text;
  const std::string display_name = file == "-" ? "<stdin>" : file;
  std::vector<Diagnostic> diagnostics;
  const Status status = ParseQuestionnaire(rulebook, text, InputFormatNamed(format), display_name, out, &diagnostics);
  if (status.ok()) return kExitOk;
  for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stderr);
  std::fprintf(stderr, "candidacy: %s was not screened (%zu error%s)\n", display_name.c_str(), diagnostics.size(),
               diagnostics.size() == 1 ? "" : "s");
  return kExitQuestionnaireInvalid;
}

}  // namespace candidacy::cli
