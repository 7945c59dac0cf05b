// Loads a rulebook directory into a checked Model: every file parsed, every
// key checked, every expression parsed and type-checked, every reference
// resolved; all problems are collected and reported together, sorted by
// place. Tested by tests/engine/rulebook/loader_test.cc and tests/bad_rulebooks/.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/sha256.h"
#include "base/yaml_util.h"
#include "candidacy/rulebook.h"
#include "candidacy/status.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// Returns the model, or null when there are errors (then *diagnostics holds
// them; it may hold warnings either way) or the root file cannot be read
// (*status then carries kIoError). A file named in `unsaved` is read from
// its text there instead of the disk.
std::unique_ptr<Model> LoadModel(const std::string& directory, std::vector<Diagnostic>* diagnostics, Status* status,
                                 const std::vector<UnsavedFile>& unsaved = {});

// The path of rule file `relative` of the rulebook in `directory` as the
// loader spells it in every diagnostic: "DIR/rules/review.yaml".
std::string JoinRulebookPath(std::string directory, const std::string& relative);

// One entry of an `include:` list, checked: a path inside the rulebook's
// folder, not `root_file` (the file that lists it), not listed before (kept
// in *seen). The path, or null after a located error.
const std::string* IncludedPath(YamlFile* f, const YAML::Node& item, std::string_view root_file, std::set<std::string>* seen);

// One file's part of Model::sha256: its relative path, \0, its size in
// decimal, \0, its text. The files go in Model::files order.
void HashRuleFile(std::string_view relative, std::string_view text, Sha256* hash);

}  // namespace candidacy::internal
