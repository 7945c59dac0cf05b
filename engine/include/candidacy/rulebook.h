// A loaded, checked rulebook: questions, derived values, the medication
// lexicon and the rules, ready to screen questionnaires. Immutable and safe
// to share between threads once loaded. Tested by tests/engine/rulebook/rulebook_test.cc.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "candidacy/status.h"

namespace candidacy {

namespace internal {
struct Model;           // the checked rulebook (engine/src/rulebook/model.h)
struct RulebookAccess;  // the engine's way to it (engine/src/rulebook/rulebook_access.h)
}

// What a caller may read about one question, e.g. to prompt for it.
struct QuestionInfo {
  std::string id;
  std::string type;        // integer | number | boolean | enum | list_of_enum | list_of_text
  std::string unit;        // may be empty
  std::string prompt;
  bool required = false;
  bool has_range = false;
  double min = 0, max = 0; // when has_range
  std::vector<std::string> values;  // enum and list_of_enum
  std::string asked_when;  // the expression as written; empty = always asked
};

// A rule file's text as an editor holds it, not yet saved: read in place of
// the file on disk (candidacy lsp loads the rulebook so as you type).
struct UnsavedFile {
  std::string path;  // relative to the rulebook directory, as rulebook.yaml includes it: "rules/review.yaml"
  std::string text;
};

// How Load may reuse the work of an earlier load. The defaults parse the
// YAML every time.
struct LoadOptions {
  // A directory for compiled rulebook images (docs/rulebook-cache.md): Load
  // reads the image of an unchanged rulebook instead of its YAML, and writes
  // one after parsing. It must be the user's own (mode 0700 when Load creates
  // it); an image there is trusted as much as the rulebook itself. Empty:
  // no image is read or written.
  std::string cache_directory;
  // Told, one line at a time, whether an image was used and why one was not
  // read or written; never any questionnaire data. May be empty.
  std::function<void(const std::string&)> log;
  // Files read from these texts instead of the disk. When not empty no image
  // is read or written (the rulebook on disk is not the one loaded).
  std::vector<UnsavedFile> unsaved;
};

class Rulebook {
 public:
  // Loads the rulebook whose root file is `directory`/rulebook.yaml, with
  // every file it includes. On success returns OK and sets *out; warnings may
  // still be appended to *diagnostics. On failure returns kRulebookInvalid
  // (every problem found is in *diagnostics, sorted by place) or kIoError.
  // `diagnostics` must not be null. Always parses the YAML.
  static Status Load(const std::string& directory, std::shared_ptr<const Rulebook>* out,
                     std::vector<Diagnostic>* diagnostics);
  // The same, reading and writing images as `options` allow. The rulebook,
  // its warnings and everything derived from them are the same either way;
  // a missing, stale, foreign or damaged image only means the YAML is parsed.
  static Status Load(const std::string& directory, const LoadOptions& options, std::shared_ptr<const Rulebook>* out,
                     std::vector<Diagnostic>* diagnostics);

  ~Rulebook();
  Rulebook(const Rulebook&) = delete;
  Rulebook& operator=(const Rulebook&) = delete;

  const std::string& id() const;
  const std::string& title() const;
  const std::string& version() const;
  const std::string& effective() const;
  // SHA-256 (hex) over every file of the rulebook, in include order, with
  // their relative paths: a change to any byte of any file changes it.
  const std::string& sha256() const;
  const std::string& directory() const;
  std::size_t rule_count() const;
  std::size_t medication_name_count() const;
  std::vector<QuestionInfo> questions() const;

 private:
  friend struct internal::RulebookAccess;
  explicit Rulebook(std::unique_ptr<internal::Model> model);
  std::unique_ptr<internal::Model> model_;
};

}  // namespace candidacy
