// Loading rulebook test files (DIR/tests/*.yaml): bases, cases, expectations.
// Each case's questionnaire is its base document with `set` and `remove`
// applied, emitted and read by ReadQuestionnaire, so every answer a test gives
// is validated like an intake's; a problem is reported at the test's own line.
// Test: tests/engine/authoring/rulebook_tests_loader_test.cc.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <yaml-cpp/yaml.h>

#include "authoring/rulebook_tests_yaml.h"
#include "base/spelling.h"
#include "base/yaml_util.h"
#include "candidacy/limits.h"
#include "candidacy/rulebook_tests.h"
#include "rulebook/field_tables.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace internal {
namespace {

namespace fs = std::filesystem;

const Outcome kOutcomes[] = {Outcome::kIneligible, Outcome::kIncomplete, Outcome::kNeedsReview,
                             Outcome::kEligibleWithPrecautions, Outcome::kEligible};

bool IsBaseName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool LooksLikePath(const std::string& s) {
  auto ends = [&](const char* suffix) {
    const std::string x(suffix);
    return s.size() > x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
  };
  return s.find('/') != std::string::npos || ends(".yaml") || ends(".yml") || ends(".json");
}

std::string Suggest(const std::string& name, const std::vector<std::string_view>& candidates, const std::string& otherwise) {
  const std::string hint = ClosestName(name, candidates);
  return hint.empty() ? otherwise : MessageText(Msg::kDidYouMeanHint, hint);
}

std::string Place(const SourceLocation& where) { return where.file + ":" + std::to_string(where.line); }

// ---- the loader ------------------------------------------------------------

struct Base {
  std::string name;
  YamlFile* file = nullptr;  // where it is declared
  YAML::Node at;             // its value: a path, or the questionnaire inline
  YAML::Node document;       // the parsed questionnaire (a mapping), once resolved
  bool resolved = false, usable = false;
};

struct SetEntry {
  std::string id;
  YAML::Node value;
};

class TestLoader {
 public:
  TestLoader(const Rulebook& rulebook, std::string directory, std::vector<Diagnostic>* diagnostics,
             const std::vector<UnsavedFile>& unsaved)
      : rulebook_(rulebook), model_(internal::ModelOf(rulebook)), dir_(std::move(directory)), diags_(diagnostics), unsaved_(unsaved) {
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
    for (const auto& r : model_.rules) rule_ids_.push_back(r.id);
    for (const auto& q : model_.questions) question_ids_.push_back(q.id);
    for (const auto& b : model_.bands) band_names_.push_back(b.name);
    for (Outcome o : kOutcomes) outcome_names_.push_back(OutcomeName(o));
  }

  void Run(std::vector<RulebookTestCase>* cases) {
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) return;  // no tests yet
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".yaml" && !fs::is_directory(it->path(), ec)) names.push_back(it->path().filename().string());
    if (ec) return Unreadable(dir_, ec.message());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      const std::string path = dir_ + "/" + name;
      std::string text;
      const UnsavedFile* held = nullptr;
      for (const auto& u : unsaved_)
        if (u.path == name) held = &u;
      const Status s = held == nullptr ? ReadFileCapped(path, limits::kMaxRuleFileBytes, &text)
                       : held->text.size() > limits::kMaxRuleFileBytes
                           ? Status::Error(StatusCode::kIoError, path + ": larger than the limit of " + std::to_string(limits::kMaxRuleFileBytes) + " bytes")
                           : (text = held->text, Status::Ok());
      if (!s.ok()) {
        Unreadable(path, s.message().substr(s.message().find(": ") + 2));
        continue;
      }
      files_.push_back(std::make_unique<YamlFile>(path, std::move(text), diags_));
      YamlFile* f = files_.back().get();
      if (!f->Parse() || f->root().IsNull()) continue;
      if (CheckFields(f, f->root(), Mapping::kTestFile)) parsed_.push_back(f);
    }
    for (YamlFile* f : parsed_) DeclareBases(f);
    for (YamlFile* f : parsed_) {
      YAML::Node list;
      if (!f->GetSequence(f->root(), "cases", &list)) continue;
      for (const auto& n : list) LoadCase(f, n, cases);
    }
  }

 private:
  void Unreadable(const std::string& path, const std::string& reason) {
    Diagnostic d;
    d.code = CodeOf(Msg::kCannotReadTestFile);
    d.location.file = path;
    d.message = MessageText(Msg::kCannotReadTestFile, reason);
    diags_->push_back(std::move(d));
  }

  // ---- bases ---------------------------------------------------------------
  void DeclareBases(YamlFile* f) {
    const YAML::Node bases = f->root()["bases"];
    if (!bases.IsDefined() || bases.IsNull()) return;
    if (!bases.IsMap()) {
      f->Error(Msg::kBasesMapNamesQuestionnaires, bases);
      return;
    }
    for (const auto& kv : bases) {
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : "";
      if (!IsBaseName(name)) {
        f->Error(Msg::kBaseNameLettersDigits, kv.first, name);
        continue;
      }
      if (auto it = bases_.find(name); it != bases_.end()) {
        f->Error(Msg::kBaseDeclaredTwiceFirst, kv.first, name, Place(it->second.file->Where(it->second.at)));
        continue;
      }
      if (!(kv.second.IsScalar() && !kv.second.Scalar().empty()) && !kv.second.IsMap()) {
        f->Error(Msg::kBasePathQuestionnaireFile, kv.second, name);
        continue;
      }
      Base b;
      b.name = name;
      b.file = f;
      b.at = kv.second;
      bases_.emplace(name, std::move(b));
      base_names_.push_back(bases_.at(name).name);
    }
  }

  // Reads the questionnaire file `relative` (to the directory of `f`); errors at `at`.
  bool ReadBaseFile(YamlFile* f, const YAML::Node& at, const std::string& relative, YAML::Node* out) {
    const std::string path = (fs::path(f->source().path()).parent_path() / relative).lexically_normal().string();
    std::string text;
    const Status s = ReadFileCapped(path, limits::kMaxDocumentBytes, &text);
    if (!s.ok()) {
      f->Error(Msg::kCannotReadBaseFile, at, relative, s.message().substr(s.message().find(": ") + 2));
      return false;
    }
    try {
      *out = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      f->Error(Msg::kBaseFileNotValid, at, relative, e.msg, std::to_string(e.mark.line + 1));
      return false;
    }
    if (!out->IsMap()) {
      f->Error(Msg::kBaseFileDoesNot, at, relative);
      return false;
    }
    return true;
  }

  Base* Resolve(Base* b) {
    if (!b->resolved) {
      b->resolved = true;
      if (b->at.IsMap()) {
        b->document = b->at;
        b->usable = true;
      } else {
        b->usable = ReadBaseFile(b->file, b->at, b->at.Scalar(), &b->document);
      }
    }
    return b->usable ? b : nullptr;
  }

  // ---- cases ---------------------------------------------------------------
  void LoadCase(YamlFile* f, const YAML::Node& n, std::vector<RulebookTestCase>* cases) {
    if (!CheckFields(f, n, Mapping::kTestCase)) return;
    RulebookTestCase c;
    c.where = f->Where(n);
    f->GetString(n, "name", &c.name);
    if (c.name.empty() && n["name"].IsScalar()) f->Error(Msg::kCaseSNameNot, n["name"]);
    if (!c.name.empty()) {
      if (auto [it, fresh] = case_names_.emplace(c.name, c.where); !fresh)
        f->Error(Msg::kCaseNamedAlreadyDefined, n["name"], c.name, Place(it->second));
    }
    LoadExpectation(f, n["expect"], &c.expect);

    std::vector<SetEntry> sets;
    LoadSet(f, n["set"], &sets);
    std::vector<std::string> removes;
    LoadRemove(f, n, sets, &removes);

    // The base document, then the questionnaire.
    const YAML::Node base_at = n["base"];
    std::string base_label;
    YAML::Node document;
    const Base* inline_base = nullptr;
    if (!base_at.IsScalar() || base_at.Scalar().empty()) {
      f->Error(Msg::kBaseNameBaseGive, base_at);
      return;
    }
    const std::string& ref = base_at.Scalar();
    if (auto it = bases_.find(ref); it != bases_.end()) {
      const Base* b = Resolve(&it->second);
      if (b == nullptr) return;  // reported where the base is declared
      document = YAML::Clone(b->document);
      base_label = "base '" + ref + "'";
      if (b->at.IsMap()) inline_base = b;
    } else if (LooksLikePath(ref)) {
      if (!ReadBaseFile(f, base_at, ref, &document)) return;
      base_label = "base file '" + ref + "'";
    } else {
      f->Error(Msg::kUnknownBase, base_at, ref, Suggest(ref, base_names_, MessageText(Msg::kUndeclaredBaseHint)));
      return;
    }

    for (const auto& id : removes) RemovePath(document, id);
    for (const auto& s : sets) SetPath(document, s.id, YAML::Clone(s.value));
    YAML::Emitter out;
    Emit(out, document);
    ReadOptions options;
    options.format = InputFormat::kYaml;
    options.display_name = "<test case>";
    std::vector<Diagnostic> problems;
    if (!ReadQuestionnaire(rulebook_, out.c_str(), options, &c.questionnaire, &problems).ok()) {
      for (const auto& d : problems) Relocate(f, d, sets, base_at, base_label, inline_base);
      return;
    }
    cases->push_back(std::move(c));
  }

  // A problem of the case's questionnaire, reported at the `set` value that
  // caused it, else at the inline base's answer, else at the case's `base`.
  void Relocate(YamlFile* f, const Diagnostic& d, const std::vector<SetEntry>& sets, const YAML::Node& base_at,
                const std::string& base_label, const Base* inline_base) {
    const std::string& m = d.message;
    const std::string field = m.substr(0, m.find_first_of(":["));
    for (const auto& s : sets) {
      if (field != s.id || m.size() <= s.id.size()) continue;
      YAML::Node at = s.value;
      if (m[s.id.size()] == '[' && at.IsSequence()) {  // medications[2]: point at the item
        const size_t index = std::strtoul(m.c_str() + s.id.size() + 1, nullptr, 10);
        if (index < at.size()) at.reset(at[index]);  // reset, not =: assigning would rewrite the test's node
      }
      f->Report(DiagnosticSeverity::kError, d.code, f->Where(at), m);
      return;
    }
    if (inline_base != nullptr) {
      const YAML::Node at = FindPath(inline_base->document, field);
      if (at.IsDefined()) {
        inline_base->file->Report(DiagnosticSeverity::kError, d.code, inline_base->file->Where(at), m);
        return;
      }
    }
    f->Report(DiagnosticSeverity::kError, d.code, f->Where(base_at), "the questionnaire from " + base_label + " does not read: " + m);
  }

  void LoadSet(YamlFile* f, const YAML::Node& set, std::vector<SetEntry>* out) {
    if (!set.IsDefined() || set.IsNull()) return;
    if (!set.IsMap()) {
      f->Error(Msg::kSetMapQuestionIds, set);
      return;
    }
    std::set<std::string> seen;
    for (const auto& kv : set) {
      const std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
      if (!CheckQuestion(f, kv.first, id)) continue;
      if (!seen.insert(id).second) {
        f->Error(Msg::kSetTwiceCase, kv.first, id);
        continue;
      }
      out->push_back({id, kv.second});
    }
  }

  void LoadRemove(YamlFile* f, const YAML::Node& n, const std::vector<SetEntry>& sets, std::vector<std::string>* out) {
    if (!f->GetStringList(n, "remove", out)) return;
    for (size_t i = 0; i < out->size(); ++i) {
      const std::string& id = (*out)[i];
      if (!CheckQuestion(f, n["remove"][i], id)) continue;
      if (std::any_of(sets.begin(), sets.end(), [&](const SetEntry& s) { return s.id == id; }))
        f->Error(Msg::kBothSetRemovedCase, n["remove"][i], id);
    }
  }

  bool CheckQuestion(YamlFile* f, const YAML::Node& at, const std::string& id) {
    if (model_.question_index.count(id) != 0) return true;
    f->Error(Msg::kUnknownQuestion, at, id, Suggest(id, question_ids_, MessageText(Msg::kNoSuchQuestionHint)));
    return false;
  }

  // ---- expectations --------------------------------------------------------
  void LoadExpectation(YamlFile* f, const YAML::Node& n, TestExpectation* e) {
    if (n.IsMap() && n.size() == 0) {
      std::string keys;
      for (auto k : FieldsOf(Mapping::kExpectation).allowed) keys += (keys.empty() ? "" : ", ") + std::string(k);
      f->Error(Msg::kExpectChecksNothingGive, n, keys);
      return;
    }
    if (!CheckFields(f, n, Mapping::kExpectation)) return;
    if (n["outcome"].IsDefined()) {
      std::string name;
      f->GetString(n, "outcome", &name);
      for (Outcome o : kOutcomes)
        if (name == OutcomeName(o)) e->outcome = o;
      if (!e->outcome && n["outcome"].IsScalar())
        f->Error(Msg::kNotOutcome, n["outcome"], name, Suggest(name, outcome_names_, MessageText(Msg::kOutcomesHint)));
    }
    std::map<std::string, const char*> expected_under;  // rule id -> the list that names it
    for (auto [key, list] : {std::pair{"fires", &e->fires}, {"not_fires", &e->not_fires}, {"undecided", &e->undecided},
                             {"not_evaluated", &e->not_evaluated}}) {
      if (!f->GetStringList(n, key, list)) continue;
      for (size_t i = 0; i < list->size(); ++i) {
        const std::string& id = (*list)[i];
        if (std::find(rule_ids_.begin(), rule_ids_.end(), id) == rule_ids_.end()) {
          f->Error(Msg::kUnknownRule, n[key][i], id, Suggest(id, rule_ids_, MessageText(Msg::kNoSuchRuleHint)));
        } else if (auto [it, fresh] = expected_under.emplace(id, key); !fresh) {
          f->Error(Msg::kRuleAlreadyExpectedUnder, n[key][i], id, it->second);
        }
      }
    }
    if (f->GetStringList(n, "missing", &e->missing))
      for (size_t i = 0; i < e->missing.size(); ++i) CheckQuestion(f, n["missing"][i], e->missing[i]);
    if (n["score"].IsDefined()) {
      int score = 0;
      if (f->GetInt(n, "score", 0, 1000000, &score)) e->score = score;
    }
    if (n["band"].IsDefined()) {
      std::string band;
      if (f->GetString(n, "band", &band)) {
        if (std::find(band_names_.begin(), band_names_.end(), band) != band_names_.end()) {
          e->band = band;
        } else {
          std::string names;
          for (auto b : band_names_) names += (names.empty() ? "" : ", ") + std::string(b);
          f->Error(Msg::kNotBandRulebookExpected, n["band"], band, names);
        }
      }
    }
    if (n["unrecognized"].IsDefined()) {
      std::vector<std::string> entries;
      if (f->GetStringList(n, "unrecognized", &entries)) e->unrecognized = std::move(entries);
    }
    if (n["probable"].IsDefined()) {
      std::vector<std::string> entries;
      if (f->GetStringList(n, "probable", &entries)) e->probable = std::move(entries);
    }
    if (n["urgent"].IsDefined()) {
      bool urgent = false;
      if (f->GetBool(n, "urgent", &urgent)) e->urgent = urgent;
    }
  }

  const Rulebook& rulebook_;
  const Model& model_;
  std::string dir_;
  std::vector<Diagnostic>* diags_;
  const std::vector<UnsavedFile>& unsaved_;  // by file name in the folder
  std::vector<std::unique_ptr<YamlFile>> files_;
  std::vector<YamlFile*> parsed_;
  std::map<std::string, Base> bases_;
  std::map<std::string, SourceLocation> case_names_;
  std::vector<std::string_view> rule_ids_, question_ids_, band_names_, outcome_names_, base_names_;
};

// Identical diagnostics (an inline base's error seen by every case using it) once.
void Deduplicate(std::vector<Diagnostic>* diagnostics, size_t from) {
  std::vector<Diagnostic> kept(diagnostics->begin(), diagnostics->begin() + static_cast<std::ptrdiff_t>(from));
  std::set<std::string> seen;
  for (size_t i = from; i < diagnostics->size(); ++i)
    if (seen.insert(FormatDiagnostic((*diagnostics)[i])).second) kept.push_back(std::move((*diagnostics)[i]));
  *diagnostics = std::move(kept);
}

}  // namespace
}  // namespace internal

Status LoadRulebookTests(const Rulebook& rulebook, const std::string& tests_directory,
                         std::vector<RulebookTestCase>* cases, std::vector<Diagnostic>* diagnostics) {
  return LoadRulebookTests(rulebook, tests_directory, {}, cases, diagnostics);
}

Status LoadRulebookTests(const Rulebook& rulebook, const std::string& tests_directory, const std::vector<UnsavedFile>& unsaved,
                         std::vector<RulebookTestCase>* cases, std::vector<Diagnostic>* diagnostics) {
  cases->clear();
  const size_t before = diagnostics->size();
  std::vector<Diagnostic> found;
  try {
    internal::TestLoader loader(rulebook, tests_directory, &found, unsaved);
    loader.Run(cases);
  } catch (const std::exception& e) {  // yaml-cpp on hostile input, allocation failure
    Diagnostic d;
    d.code = internal::CodeOf(internal::Msg::kCannotLoadTests);
    d.location.file = tests_directory;
    d.message = internal::MessageText(internal::Msg::kCannotLoadTests, e.what());
    found.push_back(std::move(d));
  }
  internal::Deduplicate(&found, 0);
  SortDiagnostics(&found);
  diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (HasErrors(found)) {
    cases->clear();
    const size_t errors = diagnostics->size() - before;
    return Status::Error(StatusCode::kRulebookInvalid, "the tests in " + tests_directory + " have " + std::to_string(errors) +
                                                           (errors == 1 ? " error" : " errors"));
  }
  return Status::Ok();
}

}  // namespace candidacy
