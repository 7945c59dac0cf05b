// Rulebook loader: rulebook.yaml and its included files -> Model.
// Phases run in dependency order across all files: questions, derived values,
// lexicon, rules; so a rule may sit in any file. Test: tests/engine/rulebook/loader_test.cc.
#include "rulebook/loader.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <re2/re2.h>

#include "base/ascii.h"
#include "base/sha256.h"
#include "base/spelling.h"
#include "base/yaml_util.h"
#include "candidacy/limits.h"
#include "expr/parser.h"
#include "rulebook/message_template.h"
#include "rulebook/type_check.h"

namespace candidacy::internal {

const char* QuestionTypeName(QuestionType type) {
  switch (type) {
    case QuestionType::kInteger: return "integer";
    case QuestionType::kNumber: return "number";
    case QuestionType::kBoolean: return "boolean";
    case QuestionType::kEnum: return "enum";
    case QuestionType::kEnumList: return "list_of_enum";
    case QuestionType::kTextList: return "list_of_text";
  }
  return "?";
}

ValueType ValueTypeOf(QuestionType type) {
  switch (type) {
    case QuestionType::kInteger:
    case QuestionType::kNumber: return ValueType::kNumber;
    case QuestionType::kBoolean: return ValueType::kBoolean;
    case QuestionType::kEnum: return ValueType::kEnum;
    case QuestionType::kEnumList: return ValueType::kEnumList;
    case QuestionType::kTextList: return ValueType::kTextList;
  }
  return ValueType::kBoolean;
}

namespace {

bool IsLowerWord(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// question and derived ids: lower-case words joined by dots (patient.age, bmi)
bool IsDottedId(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (i + 1 >= s.size() || !(s[i + 1] >= 'a' && s[i + 1] <= 'z')) return false;
    } else if (!IsLowerWord(s[i])) {
      return false;
    }
  }
  return true;
}

// rule ids, source labels, rulebook and class ids: letters, digits, - _ .
bool IsPlainId(const std::string& s) {
  if (s.empty() || s.size() > 64 || !std::isalnum(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool ValidDrugName(const std::string& s) {
  if (s.size() < 2 || s.size() > 100) return false;
  if (!std::isalnum(static_cast<unsigned char>(s.front())) || !std::isalnum(static_cast<unsigned char>(s.back()))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '\'' || c == '.' ||
           (static_cast<unsigned char>(c) & 0x80);
  });
}

class Loader {
 public:
  Loader(std::string directory, std::vector<Diagnostic>* diagnostics)
      : dir_(std::move(directory)), diags_(diagnostics), model_(std::make_unique<Model>()) {
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  }

  std::unique_ptr<Model> Run(Status* status) {
    YamlFile* root = Open("rulebook.yaml", status);
    if (root == nullptr) return nullptr;
    if (root->Parse()) LoadRoot(root);
    for (auto& [file, node] : includes_) {
      YamlFile* f = Open(node.Scalar(), nullptr, file, node);
      if (f != nullptr && f->Parse()) CheckRuleFile(f);
    }
    // A file that cannot be read or parsed would only make later phases echo
    // its absence; every other error is independent and reported together.
    for (const auto& d : *diags_)
      if (d.code == DiagnosticCode::kYamlSyntax || d.code == DiagnosticCode::kFileUnreadable) return Finish();
    ForEach("questions", [&](YamlFile* f, const YAML::Node& n) { DeclareQuestion(f, n); });
    for (size_t i = 0; i < question_nodes_.size(); ++i) CheckAskedWhen(static_cast<int>(i));
    for (size_t i = 0; i < question_nodes_.size(); ++i) ResolveImpliedBy(static_cast<int>(i));
    ForEach("derived", [&](YamlFile* f, const YAML::Node& n) { DeclareDerived(f, n); });
    for (size_t i = 0; i < derived_nodes_.size(); ++i) CheckDerived(static_cast<int>(i));
    ForEach("classes", [&](YamlFile* f, const YAML::Node& n) { LoadClass(f, n); });
    ForEach("drugs", [&](YamlFile* f, const YAML::Node& n) { LoadDrug(f, n); });
    ForEach("combinations", [&](YamlFile* f, const YAML::Node& n) { LoadCombination(f, n); });
    ForEach("common_words", [&](YamlFile* f, const YAML::Node& n) { LoadCommonWord(f, n); });
    CompileLexicon();
    ForEach("rules", [&](YamlFile* f, const YAML::Node& n) { LoadRule(f, n); });
    CheckCounts();
    WarnUnused();
    return Finish();
  }

 private:
  // ---- files -------------------------------------------------------------
  YamlFile* Open(const std::string& relative, Status* status, YamlFile* from = nullptr, const YAML::Node& at = {}) {
    const std::string path = dir_ + "/" + relative;
    std::string text;
    Status s = ReadFileCapped(path, limits::kMaxRuleFileBytes, &text);
    if (!s.ok()) {
      if (from == nullptr) {  // the root itself: nothing to point at
        if (status != nullptr) *status = s;
        Diagnostic d;
        d.code = DiagnosticCode::kFileUnreadable;
        d.location.file = path;
        d.message = s.message().substr(s.message().find(": ") + 2) + " (a rulebook directory holds rulebook.yaml)";
        diags_->push_back(std::move(d));
      } else {
        from->Error(DiagnosticCode::kFileUnreadable, at, "cannot read included file '" + relative + "': " + s.message().substr(s.message().find(": ") + 2));
      }
      return nullptr;
    }
    HashRuleFile(relative, text, &hash_);
    model_->files.push_back(relative);
    files_.push_back(std::make_unique<YamlFile>(path, std::move(text), diags_));
    return files_.back().get();
  }

  std::unique_ptr<Model> Finish() {
    model_->sha256 = hash_.HexDigest();
    model_->directory = dir_;
    SortDiagnostics(diags_);
    if (HasErrors(*diags_)) return nullptr;
    return std::move(model_);
  }

  template <typename F>
  void ForEach(const char* key, F&& fn) {
    for (auto& f : files_) {
      if (f.get() == files_.front().get() || !f->root().IsMap()) continue;
      YAML::Node list;
      if (!f->GetSequence(f->root(), key, &list)) continue;
      for (const auto& item : list) fn(f.get(), item);
    }
  }

  // ---- rulebook.yaml -----------------------------------------------------
  void LoadRoot(YamlFile* f) {
    const YAML::Node& root = f->root();
    if (!f->CheckMapping(root, "rulebook file", {"rulebook", "policy", "sources", "include"}, {"rulebook", "sources", "include"}))
      return;
    LoadMeta(f, root["rulebook"]);
    LoadPolicy(f, root["policy"]);
    LoadSources(f, root["sources"]);
    const YAML::Node include = root["include"];
    if (!include.IsSequence()) {
      f->Error(DiagnosticCode::kWrongType, include, "'include' must list the rulebook's files, such as [questions.yaml, rules/exclusions.yaml]");
      return;
    }
    std::set<std::string> seen;
    for (const auto& item : include) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        f->Error(DiagnosticCode::kWrongType, item, "each include must be a file path");
        continue;
      }
      const std::string& rel = item.Scalar();
      if (rel[0] == '/' || rel.find("..") != std::string::npos) {
        f->Error(DiagnosticCode::kBadValue, item, "include '" + rel + "' must be a path inside the rulebook directory");
        continue;
      }
      if (rel == "rulebook.yaml" || !seen.insert(rel).second) {
        f->Error(DiagnosticCode::kDuplicateId, item, "'" + rel + "' is included twice");
        continue;
      }
      if (includes_.size() >= limits::kMaxIncludes) {
        f->Error(DiagnosticCode::kTooLarge, item, "more than " + std::to_string(limits::kMaxIncludes) + " included files");
        break;
      }
      includes_.emplace_back(f, item);
    }
  }

  void LoadMeta(YamlFile* f, const YAML::Node& meta) {
    if (!f->CheckMapping(meta, "rulebook metadata",
                         {"id", "title", "version", "effective", "reviewed_by", "reviewed_on", "review_period_months"},
                         {"id", "title", "version", "effective"}))
      return;
    Model& m = *model_;
    m.where = f->Where(meta);
    f->GetString(meta, "id", &m.id);
    f->GetString(meta, "title", &m.title);
    f->GetString(meta, "version", &m.version);
    f->GetString(meta, "effective", &m.effective);
    f->GetString(meta, "reviewed_by", &m.reviewed_by);
    f->GetString(meta, "reviewed_on", &m.reviewed_on);
    f->GetInt(meta, "review_period_months", 1, 120, &m.review_period_months);
    if (!IsPlainId(m.id)) f->Error(DiagnosticCode::kBadValue, meta["id"], "rulebook id '" + m.id + "' must be letters, digits, '-', '_' or '.'");
    if (!IsDate(m.effective)) f->Error(DiagnosticCode::kBadValue, meta["effective"], "'effective' must be a date written YYYY-MM-DD");
    if (meta["reviewed_on"].IsDefined() && !IsDate(m.reviewed_on))
      f->Error(DiagnosticCode::kBadValue, meta["reviewed_on"], "'reviewed_on' must be a date written YYYY-MM-DD");
  }

  void LoadPolicy(YamlFile* f, const YAML::Node& policy) {
    Model& m = *model_;
    m.bands = {{"low", 0, false, {}}, {"moderate", 5, true, {}}, {"high", 10, true, {}}};  // the contract's default
    if (!policy.IsDefined()) return;
    if (!f->CheckMapping(policy, "policy", {"bands", "unrecognized_medication", "probable_medication_matches"}, {})) return;
    f->GetBool(policy, "probable_medication_matches", &m.probable_medications);
    std::string unrecognized = "needs_review";
    f->GetString(policy, "unrecognized_medication", &unrecognized);
    if (unrecognized == "needs_review") {
      m.unrecognized_needs_review = true;
    } else if (unrecognized == "report") {
      m.unrecognized_needs_review = false;
    } else {
      f->Error(DiagnosticCode::kBadValue, policy["unrecognized_medication"],
               "'unrecognized_medication' must be needs_review or report, not '" + unrecognized + "'");
    }
    YAML::Node bands;
    if (!policy["bands"].IsDefined() || !f->GetSequence(policy, "bands", &bands)) return;
    m.bands.clear();
    for (const auto& b : bands) {
      if (!f->CheckMapping(b, "score band", {"name", "from", "outcome"}, {"name", "from"})) continue;
      Band band;
      band.where = f->Where(b);
      f->GetString(b, "name", &band.name);
      f->GetInt(b, "from", 0, 100000, &band.from);
      std::string outcome;
      f->GetString(b, "outcome", &outcome);
      if (!outcome.empty() && outcome != "needs_review")
        f->Error(DiagnosticCode::kBadValue, b["outcome"], "a band's outcome can only be needs_review (leave it out for none)");
      band.needs_review = outcome == "needs_review";
      if (m.bands.empty() && band.from != 0) f->Error(DiagnosticCode::kBadValue, b["from"], "the first band must start from 0");
      if (!m.bands.empty() && band.from <= m.bands.back().from)
        f->Error(DiagnosticCode::kBadValue, b["from"], "bands must be listed by rising 'from'; " + std::to_string(band.from) + " is not above " + std::to_string(m.bands.back().from));
      m.bands.push_back(std::move(band));
    }
    if (m.bands.empty()) f->Error(DiagnosticCode::kBadValue, policy["bands"], "list at least one band, from 0");
  }

  void LoadSources(YamlFile* f, const YAML::Node& sources) {
    if (!sources.IsSequence()) {
      f->Error(DiagnosticCode::kWrongType, sources, "'sources' must be a list of {label, citation, url}");
      return;
    }
    for (const auto& s : sources) {
      if (!f->CheckMapping(s, "source", {"label", "citation", "url"}, {"label", "citation"})) continue;
      Source src;
      f->GetString(s, "label", &src.label);
      f->GetString(s, "citation", &src.citation);
      f->GetString(s, "url", &src.url);
      if (!IsPlainId(src.label)) {
        f->Error(DiagnosticCode::kBadValue, s["label"], "a source label must be letters, digits, '-', '_' or '.'");
        continue;
      }
      if (!src.url.empty() && src.url.rfind("https://", 0) != 0 && src.url.rfind("http://", 0) != 0)
        f->Error(DiagnosticCode::kBadValue, s["url"], "a source url must start with https://");
      if (!model_->source_index.emplace(src.label, static_cast<int>(model_->sources.size())).second) {
        f->Error(DiagnosticCode::kDuplicateId, s["label"], "source '" + src.label + "' is declared twice");
        continue;
      }
      model_->sources.push_back(std::move(src));
      source_nodes_.push_back(s);
    }
  }

  void CheckRuleFile(YamlFile* f) {
    if (f->root().IsNull()) return;  // an empty file
    f->CheckMapping(f->root(), "rule file", {"questions", "derived", "classes", "drugs", "combinations", "common_words", "rules"}, {});
  }

  // ---- questions ---------------------------------------------------------
  struct Located {
    YamlFile* file;
    YAML::Node node;
  };

  void DeclareQuestion(YamlFile* f, const YAML::Node& n) {
    if (!f->CheckMapping(n, "question", {"id", "type", "unit", "range", "values", "required", "asked_when", "implied_by", "prompt", "for_the_record"},
                         {"id", "type", "prompt"}))
      return;
    Question q;
    f->GetString(n, "id", &q.id);
    f->GetString(n, "unit", &q.unit);
    f->GetString(n, "prompt", &q.prompt);
    f->GetBool(n, "required", &q.required);
    f->GetBool(n, "for_the_record", &q.for_the_record);
    q.where = f->Where(n);
    if (!IsDottedId(q.id)) {
      f->Error(DiagnosticCode::kBadValue, n["id"], "question id '" + q.id + "' must be lower-case words joined by dots, such as patient.age");
      return;
    }
    if (q.id == "id") {
      f->Error(DiagnosticCode::kBadValue, n["id"], "'id' is the questionnaire's own identifier, not a question");
      return;
    }
    std::string type;
    f->GetString(n, "type", &type);
    static const std::pair<const char*, QuestionType> kTypes[] = {
        {"integer", QuestionType::kInteger}, {"number", QuestionType::kNumber},     {"boolean", QuestionType::kBoolean},
        {"enum", QuestionType::kEnum},       {"list_of_enum", QuestionType::kEnumList}, {"list_of_text", QuestionType::kTextList}};
    bool known = false;
    for (auto& [name, t] : kTypes)
      if (type == name) q.type = t, known = true;
    if (!known) {
      f->Error(DiagnosticCode::kBadValue, n["type"], "unknown question type '" + type + "' (expected integer, number, boolean, enum, list_of_enum or list_of_text)");
      return;
    }
    const bool numeric = q.type == QuestionType::kInteger || q.type == QuestionType::kNumber;
    const bool enumerated = q.type == QuestionType::kEnum || q.type == QuestionType::kEnumList;
    if (const YAML::Node r = n["range"]; r.IsDefined()) {
      double lo = 0, hi = 0;
      if (!numeric) {
        f->Error(DiagnosticCode::kBadValue, r, "only integer and number questions take a range");
      } else if (!r.IsSequence() || r.size() != 2 || !YamlFile::IsPlainScalar(r[0]) || !YamlFile::IsPlainScalar(r[1]) ||
                 !YamlFile::ParseNumber(r[0].Scalar(), &lo) || !YamlFile::ParseNumber(r[1].Scalar(), &hi)) {
        f->Error(DiagnosticCode::kWrongType, r, "'range' must be two numbers, [min, max]");
      } else if (lo > hi) {
        f->Error(DiagnosticCode::kBadValue, r, "the range's min is above its max");
      } else {
        q.has_range = true;
        q.min = lo;
        q.max = hi;
      }
    }
    if (n["values"].IsDefined() && !enumerated) f->Error(DiagnosticCode::kBadValue, n["values"], "only enum and list_of_enum questions take values");
    if (enumerated) {
      f->GetStringList(n, "values", &q.values);
      std::set<std::string> seen;
      for (const auto& v : q.values)
        if (!seen.insert(v).second) f->Error(DiagnosticCode::kDuplicateId, n["values"], "value '" + v + "' is listed twice");
      if (q.values.empty()) f->Error(DiagnosticCode::kMissingKey, n, "an " + type + " question needs its allowed values, such as values: [none, mild]");
    }
    if (model_->questions.size() >= limits::kMaxQuestions) {
      f->Error(DiagnosticCode::kTooLarge, n, "more than " + std::to_string(limits::kMaxQuestions) + " questions");
      return;
    }
    if (!model_->question_index.emplace(q.id, static_cast<int>(model_->questions.size())).second) {
      f->Error(DiagnosticCode::kDuplicateId, n["id"], "question '" + q.id + "' is declared twice");
      return;
    }
    if (q.id == "medications") {
      if (q.type == QuestionType::kTextList)
        model_->medications_question = static_cast<int>(model_->questions.size());
      else
        f->Error(DiagnosticCode::kBadValue, n["type"], "the 'medications' question must be of type list_of_text");
    }
    model_->questions.push_back(std::move(q));
    question_nodes_.push_back({f, n});
  }

  // Parses and type-checks one expression scalar; reports located errors.
  bool CompileExpression(YamlFile* f, const YAML::Node& scalar, const Scope& scope, ValueType want, Expression* out) {
    if (!scalar.IsScalar()) {
      f->Error(DiagnosticCode::kWrongType, scalar, "an expression must be written as text");
      return false;
    }
    ParseError perr;
    if (!ParseExpression(scalar.Scalar(), out, &perr)) {
      const DiagnosticCode code = scalar.Scalar().size() > limits::kMaxExpressionBytes || perr.message.find("deeper") != std::string::npos
                                      ? DiagnosticCode::kTooLarge : DiagnosticCode::kExpressionSyntax;
      f->Report(DiagnosticSeverity::kError, code, f->WhereInScalar(scalar, perr.offset), perr.message);
      return false;
    }
    std::vector<TypeError> errors;
    if (TypeCheck(out, scope, want, &errors)) return true;
    for (auto& e : errors) f->Report(DiagnosticSeverity::kError, e.code, f->WhereInScalar(scalar, e.offset), e.message);
    out->root.reset();
    return false;
  }

  void CheckAskedWhen(int i) {
    auto& [f, n] = question_nodes_[i];
    const YAML::Node cond = n["asked_when"];
    if (!cond.IsDefined()) return;
    Scope scope{model_.get(), i, 0, "asked_when may only use questions declared before this one"};
    CompileExpression(f, cond, scope, ValueType::kBoolean, &model_->questions[i].asked_when);
  }

  // implied_by: another question whose answer, given without this boolean
  // one, reads this one as true (docs/rulebook.md, "Questions").
  void ResolveImpliedBy(int i) {
    auto& [f, n] = question_nodes_[i];
    const YAML::Node node = n["implied_by"];
    if (!node.IsDefined()) return;
    std::string id;
    if (!f->GetString(n, "implied_by", &id)) return;
    Question& q = model_->questions[i];
    if (q.type != QuestionType::kBoolean) {
      f->Error(DiagnosticCode::kBadValue, node, "only a boolean question takes implied_by (it is read as true when unanswered)");
      return;
    }
    auto it = model_->question_index.find(id);
    if (it == model_->question_index.end()) {
      std::vector<std::string_view> names;
      for (const auto& other : model_->questions) names.push_back(other.id);
      const std::string near = ClosestName(id, names);
      f->Error(DiagnosticCode::kUnknownReference, node,
               "implied_by names no declared question: '" + id + "'" + (near.empty() ? "" : " (did you mean '" + near + "'?)"));
      return;
    }
    if (it->second == i) {
      f->Error(DiagnosticCode::kBadValue, node, "a question cannot be implied by itself");
      return;
    }
    q.implied_by = it->second;
    model_->implied.push_back(i);
  }

  // ---- derived values ----------------------------------------------------
  void DeclareDerived(YamlFile* f, const YAML::Node& n) {
    if (!f->CheckMapping(n, "derived value", {"id", "type", "unit", "expr", "description"}, {"id", "expr"})) return;
    Derived d;
    f->GetString(n, "id", &d.id);
    f->GetString(n, "unit", &d.unit);
    f->GetString(n, "description", &d.description);
    d.where = f->Where(n);
    std::string type = "number";
    f->GetString(n, "type", &type);
    if (type != "number") f->Error(DiagnosticCode::kBadValue, n["type"], "a derived value's type must be number");
    if (!IsDottedId(d.id)) {
      f->Error(DiagnosticCode::kBadValue, n["id"], "derived id '" + d.id + "' must be lower-case words, such as bmi");
      return;
    }
    if (model_->question_index.count(d.id) != 0 ||
        !model_->derived_index.emplace(d.id, static_cast<int>(model_->derived.size())).second) {
      f->Error(DiagnosticCode::kDuplicateId, n["id"], "'" + d.id + "' is already declared");
      return;
    }
    model_->derived.push_back(std::move(d));
    derived_nodes_.push_back({f, n});
  }

  void CheckDerived(int i) {
    auto& [f, n] = derived_nodes_[i];
    Scope scope{model_.get(), static_cast<int>(model_->questions.size()), i,
                "a derived value may only use derived values declared before it"};
    CompileExpression(f, n["expr"], scope, ValueType::kNumber, &model_->derived[i].expr);
  }

  // ---- lexicon -----------------------------------------------------------
  void LoadClass(YamlFile* f, const YAML::Node& n) {
    if (!f->CheckMapping(n, "medication class", {"id", "title", "interacts"}, {"id"})) return;
    DrugClass c;
    c.where = f->Where(n);
    f->GetString(n, "id", &c.id);
    f->GetString(n, "title", &c.title);
    f->GetBool(n, "interacts", &c.interacts);
    if (!IsPlainId(c.id)) {
      f->Error(DiagnosticCode::kBadValue, n["id"], "class id '" + c.id + "' must be letters, digits, '-' or '_'");
      return;
    }
    if (model_->lexicon.FindClass(c.id) >= 0) {
      f->Error(DiagnosticCode::kDuplicateId, n["id"], "medication class '" + c.id + "' is declared twice");
      return;
    }
    model_->lexicon.AddClass(std::move(c));
    class_nodes_.push_back({f, n});
  }

  // Registers a matchable name; names are unique regardless of case.
  void AddName(YamlFile* f, const YAML::Node& at, const std::string& text, std::vector<int> drugs) {
    if (!ValidDrugName(text)) {
      f->Error(DiagnosticCode::kBadValue, at, "medication name '" + text + "' must be 2 to 100 letters, digits, spaces, '-', '.' or apostrophes, starting and ending with a letter or digit");
      return;
    }
    if (!names_seen_.emplace(AsciiLower(text), at.Mark().line + 1).second) {
      f->Error(DiagnosticCode::kDuplicateId, at, "medication name '" + text + "' is listed more than once (names match regardless of case)");
      return;
    }
    if (model_->lexicon.names().size() >= limits::kMaxMedicationNames) {
      f->Error(DiagnosticCode::kTooLarge, at, "more than " + std::to_string(limits::kMaxMedicationNames) + " medication names");
      return;
    }
    model_->lexicon.AddName({text, std::move(drugs), false});
    name_nodes_.push_back({f, at});
  }

  void LoadDrug(YamlFile* f, const YAML::Node& n) {
    if (!f->CheckMapping(n, "drug", {"generic", "classes", "brands", "patterns"}, {"generic", "classes"})) return;
    Drug d;
    f->GetString(n, "generic", &d.generic);
    std::vector<std::string> classes, brands, patterns;
    f->GetStringList(n, "classes", &classes);
    f->GetStringList(n, "brands", &brands);
    f->GetStringList(n, "patterns", &patterns);
    if (classes.empty()) f->Error(DiagnosticCode::kMissingKey, n, "drug '" + d.generic + "' needs at least one class");
    for (size_t i = 0; i < classes.size(); ++i) {
      const int c = model_->lexicon.FindClass(classes[i]);
      if (c < 0) {
        f->Error(DiagnosticCode::kUnknownReference, n["classes"][i], "unknown medication class '" + classes[i] + "'");
        continue;
      }
      d.classes.push_back(c);
    }
    if (model_->lexicon.FindDrug(d.generic) >= 0) {
      f->Error(DiagnosticCode::kDuplicateId, n["generic"], "drug '" + d.generic + "' is declared twice");
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
  void AddPattern(YamlFile* f, const YAML::Node& at, const std::string& pattern, std::vector<int> drugs) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    RE2 re(pattern, options);
    if (!re.ok()) {
      f->Error(DiagnosticCode::kBadPattern, at, "pattern '" + pattern + "' is not a valid regular expression: " + re.error());
      return;
    }
    if (RE2::FullMatch("", re)) {
      f->Error(DiagnosticCode::kBadPattern, at, "pattern '" + pattern + "' matches empty text, so it would recognise anything");
      return;
    }
    DrugName name{pattern, std::move(drugs), true};
    model_->lexicon.AddName(std::move(name));
    name_nodes_.push_back({f, at});
  }

  void LoadCombination(YamlFile* f, const YAML::Node& n) {
    if (!f->CheckMapping(n, "combination", {"name", "ingredients", "patterns"}, {"name", "ingredients"})) return;
    std::string name;
    std::vector<std::string> ingredients, patterns;
    f->GetString(n, "name", &name);
    f->GetStringList(n, "ingredients", &ingredients);
    f->GetStringList(n, "patterns", &patterns);
    std::vector<int> drugs;
    for (size_t i = 0; i < ingredients.size(); ++i) {
      const int d = model_->lexicon.FindDrug(ingredients[i]);
      if (d < 0)
        f->Error(DiagnosticCode::kUnknownReference, n["ingredients"][i], "ingredient '" + ingredients[i] + "' is not a generic listed under drugs");
      else
        drugs.push_back(d);
    }
    if (ingredients.size() < 2) f->Error(DiagnosticCode::kBadValue, n["ingredients"], "a combination lists two or more ingredients");
    if (drugs.size() != ingredients.size() || drugs.empty()) return;
    for (size_t i = 0; i < patterns.size(); ++i) AddPattern(f, n["patterns"][i], patterns[i], drugs);
    AddName(f, n["name"], name, std::move(drugs));
  }

  void CompileLexicon() {
    std::vector<std::pair<int, std::string>> errors;
    if (model_->lexicon.Compile(&errors)) return;
    for (auto& [index, message] : errors) {
      if (index >= 0) {
        auto& [f, node] = name_nodes_[index];
        f->Error(DiagnosticCode::kBadPattern, node, "medication name does not compile as a pattern: " + message);
      } else if (!files_.empty()) {
        files_.front()->Report(DiagnosticSeverity::kError, DiagnosticCode::kBadPattern, SourceLocation{files_.front()->source().path(), 0, 0}, message);
      }
    }
  }

  // common_words: words never taken for a misspelt drug name (docs/rulebook.md).
  void LoadCommonWord(YamlFile* f, const YAML::Node& n) {
    if (!n.IsScalar() || !YamlFile::IsPlainScalar(n)) {
      f->Error(DiagnosticCode::kWrongType, n, "each common word must be a plain word, such as medicine");
      return;
    }
    std::string word = n.Scalar();
    const bool letters = !word.empty() && word.size() <= 64 &&
                         std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
    if (!letters) {
      f->Error(DiagnosticCode::kBadValue, n, "common word '" + word.substr(0, 64) + "' must be one word of letters a-z (at most 64)");
      return;
    }
    word = AsciiLower(word);
    if (!common_words_.insert(word).second) {
      f->Error(DiagnosticCode::kDuplicateId, n, "common word '" + word + "' is listed twice");
      return;
    }
    model_->lexicon.AddCommonWord(word);
  }

  // ---- rules -------------------------------------------------------------
  void LoadRule(YamlFile* f, const YAML::Node& n) {
    if (!f->CheckMapping(n, "rule",
                         {"id", "title", "severity", "points", "when", "message", "action", "sources", "local_policy",
                          "urgent", "reviewed_by", "reviewed_on"},
                         {"id", "title", "severity", "when", "message", "action"}))
      return;
    Rule r;
    f->GetString(n, "id", &r.id);
    f->GetString(n, "title", &r.title);
    f->GetString(n, "action", &r.action);
    f->GetString(n, "reviewed_by", &r.reviewed_by);
    f->GetString(n, "reviewed_on", &r.reviewed_on);
    f->GetInt(n, "points", 0, 1000, &r.points);
    f->GetBool(n, "local_policy", &r.local_policy);
    f->GetBool(n, "urgent", &r.urgent);
    r.where = f->Where(n);
    if (!IsPlainId(r.id)) f->Error(DiagnosticCode::kBadValue, n["id"], "rule id '" + r.id + "' must be letters, digits, '-', '_' or '.'");
    if (!rule_ids_.insert(r.id).second) f->Error(DiagnosticCode::kDuplicateId, n["id"], "rule '" + r.id + "' is declared twice");
    if (n["reviewed_on"].IsDefined() && !IsDate(r.reviewed_on))
      f->Error(DiagnosticCode::kBadValue, n["reviewed_on"], "'reviewed_on' must be a date written YYYY-MM-DD");

    std::string severity;
    f->GetString(n, "severity", &severity);
    static const std::pair<const char*, Severity> kSeverities[] = {
        {"exclude", Severity::kExclude}, {"review", Severity::kReview}, {"caution", Severity::kCaution}, {"info", Severity::kInfo}};
    bool known = false;
    for (auto& [name, s] : kSeverities)
      if (severity == name) r.severity = s, known = true;
    if (!known) f->Error(DiagnosticCode::kBadValue, n["severity"], "severity must be exclude, review, caution or info, not '" + severity + "'");
    if (r.urgent && known && r.severity != Severity::kReview && r.severity != Severity::kExclude)
      f->Error(DiagnosticCode::kBadValue, n["urgent"], "only an exclude or review rule can be urgent (a clinician must act on it now), not a " + severity + " one");

    std::vector<std::string> sources;
    f->GetStringList(n, "sources", &sources);
    for (size_t i = 0; i < sources.size(); ++i) {
      auto it = model_->source_index.find(sources[i]);
      if (it == model_->source_index.end()) {
        f->Error(DiagnosticCode::kUnknownReference, n["sources"][i], "source '" + sources[i] + "' is not in the rulebook's sources");
        continue;
      }
      r.sources.push_back(it->second);
      cited_.insert(it->second);
    }
    if (sources.empty() && !r.local_policy)
      f->Error(DiagnosticCode::kMissingSource, n, "rule '" + r.id + "' cites no source; add sources: [..] or mark it local_policy: true");

    Scope scope{model_.get(), static_cast<int>(model_->questions.size()), static_cast<int>(model_->derived.size()), ""};
    const bool expr_ok = CompileExpression(f, n["when"], scope, ValueType::kBoolean, &r.when);

    const YAML::Node msg = n["message"];
    if (!msg.IsScalar()) {
      f->Error(DiagnosticCode::kWrongType, msg, "'message' must be text");
    } else {
      std::vector<TemplateError> errors;
      if (!ParseMessageTemplate(msg.Scalar(), *model_, &r.message, &errors))
        for (auto& e : errors) f->Report(DiagnosticSeverity::kError, DiagnosticCode::kBadPlaceholder, f->WhereInScalar(msg, e.offset), e.message);
    }
    if (expr_ok && model_->rules.size() < limits::kMaxRules) {
      MarkUsed(*r.when.root);
      r.when_where = f->WhereInScalar(n["when"], 0);
      CollectConditions(f, n["when"], *r.when.root, &r.conditions);
      model_->rules.push_back(std::move(r));
    } else if (model_->rules.size() >= limits::kMaxRules) {
      f->Error(DiagnosticCode::kTooLarge, n, "more than " + std::to_string(limits::kMaxRules) + " rules");
    }
  }

  // Leaf conditions of a rule's `when`, each with its place in the file.
  static void CollectConditions(YamlFile* f, const YAML::Node& scalar, const Node& node,
                                std::vector<std::pair<const Node*, SourceLocation>>* out) {
    switch (node.kind) {
      case NodeKind::kAnd:
      case NodeKind::kOr:
      case NodeKind::kNot:
        for (const auto& c : node.children) CollectConditions(f, scalar, *c, out);
        return;
      default:
        if (node.type == ValueType::kBoolean) out->emplace_back(&node, f->WhereInScalar(scalar, node.offset));
    }
  }

  void MarkUsed(const Node& node) {
    if (node.kind == NodeKind::kRef && !node.ref_is_derived) used_questions_.insert(node.index);
    if (node.kind == NodeKind::kRef && node.ref_is_derived && model_->derived[node.index].expr.root)  // null if it failed to compile
      MarkUsed(*model_->derived[node.index].expr.root);
    if (node.kind == NodeKind::kMedicationClass) used_questions_.insert(model_->medications_question);
    for (const auto& c : node.children) MarkUsed(*c);
  }

  void CheckCounts() {
    if (model_->rules.empty() && !HasErrors(*diags_) && !files_.empty())
      files_.front()->Report(DiagnosticSeverity::kError, DiagnosticCode::kMissingKey,
                             SourceLocation{files_.front()->source().path(), 1, 1}, "the rulebook has no rules");
  }

  void WarnUnused() {
    if (HasErrors(*diags_)) return;
    for (const auto& q : model_->questions)
      if (q.asked_when.root) MarkUsed(*q.asked_when.root);
    for (size_t i = 0; i < model_->questions.size(); ++i)
      if (used_questions_.count(static_cast<int>(i)) == 0 && !model_->questions[i].for_the_record) {
        auto& [f, n] = question_nodes_[i];
        f->Warning(DiagnosticCode::kUnused, n["id"], "question '" + model_->questions[i].id + "' is used by no rule, derived value or asked_when (mark it for_the_record: true if that is intended)");
      }
    for (size_t i = 0; i < model_->sources.size(); ++i)
      if (cited_.count(static_cast<int>(i)) == 0)
        files_.front()->Warning(DiagnosticCode::kUnused, source_nodes_[i]["label"], "source '" + model_->sources[i].label + "' is cited by no rule");
  }

  std::string dir_;
  std::vector<Diagnostic>* diags_;
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

}  // namespace

void HashRuleFile(std::string_view relative, std::string_view text, Sha256* hash) {
  hash->Update(relative);
  hash->Update(std::string_view("\0", 1));
  hash->Update(std::to_string(text.size()));
  hash->Update(std::string_view("\0", 1));
  hash->Update(text);
}

std::unique_ptr<Model> LoadModel(const std::string& directory, std::vector<Diagnostic>* diagnostics, Status* status) {
  *status = Status::Ok();
  try {
    Loader loader(directory, diagnostics);
    auto model = loader.Run(status);
    if (model == nullptr && status->ok())
      *status = Status::Error(StatusCode::kRulebookInvalid, "the rulebook in " + directory + " has errors");
    return model;
  } catch (const std::exception& e) {  // yaml-cpp on hostile input, allocation failure
    Diagnostic d;
    d.code = DiagnosticCode::kYamlSyntax;
    d.location.file = directory + "/rulebook.yaml";
    d.message = std::string("cannot load the rulebook: ") + e.what();
    diagnostics->push_back(std::move(d));
    *status = Status::Error(StatusCode::kRulebookInvalid, d.message);
    return nullptr;
  }
}

}  // namespace candidacy::internal
