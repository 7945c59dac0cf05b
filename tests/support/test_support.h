// Helpers shared by the unit tests: the shipped rulebook, temporary
// rulebooks written from strings, and questionnaires built from a clean base
// with answers set or removed. Used by every *_test.cc.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"
#include "candidacy/screening.h"
#include "expr/ast.h"

namespace candidacy::testing {

std::string SourceDir();

// The bytes of a file (REQUIREs it can be opened).
std::string FileText(const std::string& path);

// The shipped rules/ketamine rulebook, loaded once (REQUIREs it loads).
const Rulebook& Shipped();

// A fresh temporary folder, removed with all it holds (permissions a test
// took away given back first).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A rulebook directory in a fresh temporary folder: file path -> content.
// Load() returns the status; diagnostics() the diagnostics, each formatted
// with FormatDiagnostic and with the temporary folder replaced by "RB".
class TempRulebook {
 public:
  explicit TempRulebook(const std::map<std::string, std::string>& files);
  ~TempRulebook();
  Status Load();
  const std::string& dir() const { return dir_.path(); }
  const std::shared_ptr<const Rulebook>& rulebook() const { return rulebook_; }
  std::string diagnostics() const;  // all, formatted, joined

 private:
  TempDir dir_;
  std::shared_ptr<const Rulebook> rulebook_;
  std::vector<Diagnostic> diagnostics_;
};

// The mini rulebook of mini_rulebook.h, loaded once (for expression tests).
const Rulebook& MiniRulebook();
// `text` parsed and type-checked as a condition over the mini rulebook's
// questions and derived values (REQUIREs both succeed); its nodes not numbered.
internal::Expression CheckedMiniCondition(const std::string& text);

// A minimal valid rulebook.yaml that includes "main.yaml" and declares sources S and L.
std::string MiniRoot();

// A clean questionnaire for the shipped rulebook: a 40-year-old woman with
// treatment-resistant depression, every due question answered, nothing fires.
std::string BaseQuestionnaire();

// Returns `yaml` with the dotted `path` set to the YAML scalar/flow text
// `value` (e.g. "181", "true", "'active'", "[a, b]"), creating mappings as needed.
std::string WithAnswer(const std::string& yaml, const std::string& path, const std::string& value);
// Returns `yaml` with the dotted `path` removed.
std::string Without(const std::string& yaml, const std::string& path);

// Reading a document against the shipped rulebook, success or not.
struct ReadAttempt {
  Status status;
  std::vector<Diagnostic> diagnostics;
  Questionnaire q;
  std::string text;  // the diagnostics, formatted
};
ReadAttempt TryRead(const std::string& doc, InputFormat format, const std::string& display_name);

// Reads `text` against `rulebook` (REQUIREs it reads, showing the diagnostics when not).
Questionnaire ReadText(const Rulebook& rulebook, const std::string& text);

// Changes to BaseQuestionnaire(): dotted path -> YAML value, or kDrop to
// remove the answer.
constexpr const char* kDrop = nullptr;
using Sets = std::vector<std::pair<const char*, const char*>>;
// `yaml` with `sets` applied in order.
std::string ApplySets(std::string yaml, const Sets& sets);
// BaseQuestionnaire() with `sets` applied, read against the shipped
// rulebook (REQUIREs it reads, showing the diagnostics when not).
Questionnaire ReadBase(const Sets& sets);

// Reads `text` against `rulebook` (REQUIREs success) and screens it.
ScreeningResult ScreenText(const Rulebook& rulebook, const std::string& text);

// The renderers' sample (tests/engine/render/): the base questionnaire with
// BP 184, age 70, glaucoma unanswered, and four medication entries (two
// recognised, one misspelt, one unknown), screened by the shipped rulebook.
ScreeningResult RenderSample();
// Reads `text`; returns the formatted diagnostics ("" when it reads cleanly).
std::string ReadErrors(const Rulebook& rulebook, const std::string& text);

// Ids of the flags that fired / rules undecided / not evaluated.
std::vector<std::string> FlagIds(const ScreeningResult& r);
std::vector<std::string> UndecidedIds(const ScreeningResult& r);
std::vector<std::string> NotEvaluatedIds(const ScreeningResult& r);
bool Has(const std::vector<std::string>& ids, const std::string& id);

}  // namespace candidacy::testing
