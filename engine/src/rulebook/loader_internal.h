// The rulebook loader's shared state: one class, its sections defined one file
// each (loader*.cc). Private to the engine. Test: tests/engine/rulebook/loader_test.cc.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/sha256.h"
#include "base/yaml_util.h"
#include "candidacy/rulebook.h"
#include "candidacy/status.h"
#include "rulebook/field_tables.h"
#include "rulebook/model.h"
#include "rulebook/type_check.h"

namespace candidacy::internal {

// question and derived ids: lower-case words joined by dots (patient.age, bmi)
bool IsDottedId(const std::string& s);
// rule ids, source labels, rulebook and class ids: letters, digits, - _ .
bool IsPlainId(const std::string& s);
// YYYY-MM-DD with a month 1-12 and a day 1-31
bool IsDate(const std::string& s);

// Phases run in dependency order across all files: questions, derived values,
// lexicon, rules; so a rule may sit in any file.
class RulebookLoader {
 public:
  RulebookLoader(std::string directory, std::vector<Diagnostic>* diagnostics, const std::vector<UnsavedFile>* unsaved = nullptr)
      : dir_(std::move(directory)), diags_(diagnostics), unsaved_(unsaved), model_(std::make_unique<Model>()) {
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  }

  std::unique_ptr<Model> Run(Status* status);

 private:
  struct Located {
    YamlFile* file;
    YAML::Node node;
  };

  template <typename F>
  void ForEach(const char* key, F&& fn) {
    for (auto& f : files_) {
      if (f.get() == files_.front().get() || !f->root().IsMap()) continue;
      YAML::Node list;
      if (!f->GetSequence(f->root(), key, &list)) continue;
      for (const auto& item : list) fn(f.get(), item);
    }
  }

  // ---- files and includes (rulebook/loader.cc) ----
  YamlFile* Open(const std::string& relative, Status* status, YamlFile* from = nullptr, const YAML::Node& at = {});
  std::unique_ptr<Model> Finish();
  void LoadRoot(YamlFile* f);
  void CheckRuleFile(YamlFile* f);
  bool CompileExpression(YamlFile* f, const YAML::Node& scalar, const Scope& scope, ValueType want, Expression* out);
  // Model::names: a declaration at the id scalar `id`; the uses in a compiled expression.
  void NameDeclared(YamlFile* f, NameKind kind, int index, const YAML::Node& id);
  void NamesUsed(YamlFile* f, const YAML::Node& scalar, const Node& root);

  // ---- metadata, policy and sources (loader_metadata.cc) ----
  void LoadMeta(YamlFile* f, const YAML::Node& meta);
  void LoadPolicy(YamlFile* f, const YAML::Node& policy);
  void LoadSources(YamlFile* f, const YAML::Node& sources);

  // ---- questions (loader_questions.cc) ----
  void DeclareQuestion(YamlFile* f, const YAML::Node& n);
  void CheckAskedWhen(int i);
  void ResolveImpliedBy(int i);

  // ---- derived values (loader_derived.cc) ----
  void DeclareDerived(YamlFile* f, const YAML::Node& n);
  void CheckDerived(int i);

  // ---- lexicon: medication classes, drugs, combinations, common words (loader_lexicon.cc) ----
  void LoadClass(YamlFile* f, const YAML::Node& n);
  void AddName(YamlFile* f, const YAML::Node& at, const std::string& text, std::vector<int> drugs);
  void LoadDrug(YamlFile* f, const YAML::Node& n);
  void AddPattern(YamlFile* f, const YAML::Node& at, const std::string& pattern, std::vector<int> drugs);
  void LoadCombination(YamlFile* f, const YAML::Node& n);
  void CompileLexicon();
  void LoadCommonWord(YamlFile* f, const YAML::Node& n);

  // ---- rules (loader_rules.cc) ----
  void LoadRule(YamlFile* f, const YAML::Node& n);
  static void CollectConditions(YamlFile* f, const YAML::Node& scalar, const Node& node,
                                std::vector<std::pair<const Node*, SourceLocation>>* out);
  void MarkUsed(const Node& node);
  void CheckCounts();

  // ---- unused-item warnings (loader_unused.cc) ----
  void WarnUnused();

  std::string dir_;
  std::vector<Diagnostic>* diags_;
  const std::vector<UnsavedFile>* unsaved_;  // may be null
  std::unique_ptr<Model> model_;
  Sha256 hash_;
  std::vector<std::unique_ptr<YamlFile>> files_;
  std::vector<std::pair<YamlFile*, YAML::Node>> includes_;
  std::set<std::string> common_words_;
  std::vector<Located> question_nodes_, derived_nodes_, class_nodes_, name_nodes_;
  std::vector<YAML::Node> source_nodes_;
  std::unordered_map<std::string, int> names_seen_;
  std::set<std::string> rule_ids_;
  std::set<int> cited_, used_questions_;
};

}  // namespace candidacy::internal
