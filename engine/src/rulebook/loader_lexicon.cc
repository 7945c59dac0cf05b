// Rulebook loader, lexicon: medication classes, drugs, combinations, common words. Test: tests/engine/rulebook/loader_lexicon_test.cc.
#include <algorithm>
#include <cctype>

#include <re2/re2.h>

#include "base/ascii.h"
#include "candidacy/limits.h"
#include "rulebook/loader_internal.h"

namespace candidacy::internal {

namespace {

bool ValidDrugName(const std::string& s) {
  if (s.size() < 2 || s.size() > 100) return false;
  if (!std::isalnum(static_cast<unsigned char>(s.front())) || !std::isalnum(static_cast<unsigned char>(s.back()))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '\'' || c == '.' ||
           (static_cast<unsigned char>(c) & 0x80);
  });
}

}  // namespace

void RulebookLoader::LoadClass(YamlFile* f, const YAML::Node& n) {
  if (!CheckFields(f, n, Mapping::kClass)) return;
  DrugClass c;
  c.where = f->Where(n);
  f->GetString(n, "id", &c.id);
  f->GetString(n, "title", &c.title);
  f->GetBool(n, "interacts", &c.interacts);
  if (!IsPlainId(c.id)) {
    f->Error(Msg::kClassIdLettersDigits, n["id"], c.id);
    return;
  }
  if (model_->lexicon.FindClass(c.id) >= 0) {
    f->Error(Msg::kMedicationClassDeclaredTwice, n["id"], c.id);
    return;
  }
  NameDeclared(f, NameKind::kClass, static_cast<int>(model_->lexicon.classes().size()), n["id"]);
  model_->lexicon.AddClass(std::move(c));
  class_nodes_.push_back({f, n});
}

// Registers a matchable name; names are unique regardless of case.
void RulebookLoader::AddName(YamlFile* f, const YAML::Node& at, const std::string& text, std::vector<int> drugs) {
  if (!ValidDrugName(text)) {
    f->Error(Msg::kMedicationNameLettersDigits, at, text);
    return;
  }
  if (!names_seen_.emplace(AsciiLower(text), at.Mark().line + 1).second) {
    f->Error(Msg::kMedicationNameListedMore, at, text);
    return;
  }
  if (model_->lexicon.names().size() >= limits::kMaxMedicationNames) {
    f->Error(Msg::kMoreThanMedicationNames, at, std::to_string(limits::kMaxMedicationNames));
    return;
  }
  model_->lexicon.AddName({text, std::move(drugs), false});
  name_nodes_.push_back({f, at});
}

void RulebookLoader::LoadDrug(YamlFile* f, const YAML::Node& n) {
  if (!CheckFields(f, n, Mapping::kDrug)) return;
  Drug d;
  f->GetString(n, "generic", &d.generic);
  std::vector<std::string> classes, brands, patterns;
  f->GetStringList(n, "classes", &classes);
  f->GetStringList(n, "brands", &brands);
  f->GetStringList(n, "patterns", &patterns);
  if (classes.empty()) f->Error(Msg::kDrugNeedsLeastOne, n, d.generic);
  for (size_t i = 0; i < classes.size(); ++i) {
    const int c = model_->lexicon.FindClass(classes[i]);
    if (c < 0) {
      f->Error(Msg::kUnknownMedicationClass, n["classes"][i], classes[i]);
      continue;
    }
    d.classes.push_back(c);
  }
  if (model_->lexicon.FindDrug(d.generic) >= 0) {
    f->Error(Msg::kDrugDeclaredTwice, n["generic"], d.generic);
    return;
  }
  const std::string generic = d.generic;
  const int index = model_->lexicon.AddDrug(std::move(d));
  AddName(f, n["generic"], generic, {index});
  for (size_t i = 0; i < brands.size(); ++i) AddName(f, n["brands"][i], brands[i], {index});
  for (size_t i = 0; i < patterns.size(); ++i) AddPattern(f, n["patterns"][i], patterns[i], {index});
}

// An RE2 pattern for spelling variants ("st\\.? john'?s wort"); checked on its
// own first so a bad one is reported at its place with RE2's reason.
void RulebookLoader::AddPattern(YamlFile* f, const YAML::Node& at, const std::string& pattern, std::vector<int> drugs) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  RE2 re(pattern, options);
  if (!re.ok()) {
    f->Error(Msg::kPatternNotValidRegular, at, pattern, re.error());
    return;
  }
  if (RE2::FullMatch("", re)) {
    f->Error(Msg::kPatternMatchesEmptyText, at, pattern);
    return;
  }
  DrugName name{pattern, std::move(drugs), true};
  model_->lexicon.AddName(std::move(name));
  name_nodes_.push_back({f, at});
}

void RulebookLoader::LoadCombination(YamlFile* f, const YAML::Node& n) {
  if (!CheckFields(f, n, Mapping::kCombination)) return;
  std::string name;
  std::vector<std::string> ingredients, patterns;
  f->GetString(n, "name", &name);
  f->GetStringList(n, "ingredients", &ingredients);
  f->GetStringList(n, "patterns", &patterns);
  std::vector<int> drugs;
  for (size_t i = 0; i < ingredients.size(); ++i) {
    const int d = model_->lexicon.FindDrug(ingredients[i]);
    if (d < 0)
      f->Error(Msg::kIngredientNotGenericListed, n["ingredients"][i], ingredients[i]);
    else
      drugs.push_back(d);
  }
  if (ingredients.size() < 2) f->Error(Msg::kCombinationListsTwoMore, n["ingredients"]);
  if (drugs.size() != ingredients.size() || drugs.empty()) return;
  for (size_t i = 0; i < patterns.size(); ++i) AddPattern(f, n["patterns"][i], patterns[i], drugs);
  AddName(f, n["name"], name, std::move(drugs));
}

void RulebookLoader::CompileLexicon() {
  std::vector<std::pair<int, std::string>> errors;
  if (model_->lexicon.Compile(&errors)) return;
  for (auto& [index, message] : errors) {
    if (index >= 0) {
      auto& [f, node] = name_nodes_[index];
      f->Error(Msg::kMedicationNameDoesNot, node, message);
    } else if (!files_.empty()) {
      files_.front()->Report(DiagnosticSeverity::kError, DiagnosticCode::kBadPattern, SourceLocation{files_.front()->source().path(), 0, 0}, message);
    }
  }
}

// common_words: words never taken for a misspelt drug name (docs/rulebook.md).
void RulebookLoader::LoadCommonWord(YamlFile* f, const YAML::Node& n) {
  if (!n.IsScalar() || !YamlFile::IsPlainScalar(n)) {
    f->Error(Msg::kEachCommonWordPlain, n);
    return;
  }
  std::string word = n.Scalar();
  const bool letters = !word.empty() && word.size() <= 64 &&
                       std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  if (!letters) {
    f->Error(Msg::kCommonWordOneWord, n, word.substr(0, 64));
    return;
  }
  word = AsciiLower(word);
  if (!common_words_.insert(word).second) {
    f->Error(Msg::kCommonWordListedTwice, n, word);
    return;
  }
  model_->lexicon.AddCommonWord(word);
}

}  // namespace candidacy::internal
