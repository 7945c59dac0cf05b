// Reading an intake questionnaire (YAML, JSON or a FHIR R4 QuestionnaireResponse) and validating every answer
// against the rulebook's questions. A questionnaire either reads completely
// or not at all: nothing is screened from a half-read document.
// Tested by tests/engine/input/questionnaire_test.cc.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "candidacy/rulebook.h"
#include "candidacy/status.h"

namespace candidacy {

namespace internal {
struct Answers;  // engine/src/input/answers.h
struct QuestionnaireAccess;  // the engine's way to them (engine/src/input/questionnaire_access.h)
}

enum class InputFormat {
  kAuto,  // JSON when the first non-blank byte is '{', YAML otherwise
  kYaml,
  kJson,  // a JSON object with a "resourceType" is read as FHIR (kFhir)
  kFhir,  // a FHIR R4 QuestionnaireResponse (JSON); docs/fhir.md
};

// Readable bytes a caller may promise after the text it reads (ReadOptions::padded).
inline constexpr std::size_t kReadPaddingBytes = 64;

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;
  std::string display_name = "<input>";  // used as the file in diagnostics
  // The text is followed by at least kReadPaddingBytes readable bytes (of any
  // value), as in the batch's line blocks: JSON is then parsed where it lies,
  // not copied first.
  bool padded = false;
};

class Questionnaire {
 public:
  Questionnaire();
  ~Questionnaire();
  Questionnaire(Questionnaire&&) noexcept;
  Questionnaire& operator=(Questionnaire&&) noexcept;

  const std::string& id() const;
  // Non-fatal findings (unknown fields), for the result's `warnings`.
  const std::vector<Diagnostic>& warnings() const;

 private:
  friend struct internal::QuestionnaireAccess;
  friend Status ReadQuestionnaire(const Rulebook&, std::string_view, const ReadOptions&,
                                  Questionnaire*, std::vector<Diagnostic>*);
  std::unique_ptr<internal::Answers> answers_;
};

// Parses `text` and validates it against `rulebook`. On success returns OK and
// fills *out (whose warnings() hold non-fatal findings). On failure returns
// kQuestionnaireInvalid with every problem in *diagnostics (file, line and
// column where the format gives them, and always the field path); *out is
// left empty. Never throws. `out` and `diagnostics` must not be null; `out`
// may hold an earlier questionnaire (its memory is reused).
Status ReadQuestionnaire(const Rulebook& rulebook, std::string_view text, const ReadOptions& options,
                         Questionnaire* out, std::vector<Diagnostic>* diagnostics);

}  // namespace candidacy
