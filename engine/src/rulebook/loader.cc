// Rulebook loader: rulebook.yaml and its included files -> Model. This file:
// the entry point, the files and includes, and the shared id checks and
// expression compiler; each section's loading is in its own file
// (loader_metadata, _questions, _derived, _lexicon, _rules, _unused;
// shared state in loader_internal.h). Test: tests/engine/rulebook/loader_test.cc.
#include "rulebook/loader.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "candidacy/limits.h"
#include "expr/parser.h"
#include "rulebook/loader_internal.h"

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

}  // namespace

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

std::unique_ptr<Model> RulebookLoader::Run(Status* status) {
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

YamlFile* RulebookLoader::Open(const std::string& relative, Status* status, YamlFile* from, const YAML::Node& at) {
  const std::string path = dir_ + "/" + relative;
  std::string text;
  const UnsavedFile* unsaved = nullptr;
  if (unsaved_ != nullptr)
    for (const auto& u : *unsaved_)
      if (u.path == relative) unsaved = &u;
  Status s = unsaved == nullptr ? ReadFileCapped(path, limits::kMaxRuleFileBytes, &text)
             : unsaved->text.size() > limits::kMaxRuleFileBytes
                 ? Status::Error(StatusCode::kIoError, path + ": larger than the limit of " + std::to_string(limits::kMaxRuleFileBytes) + " bytes")
                 : (text = unsaved->text, Status::Ok());
  if (!s.ok()) {
    if (from == nullptr) {  // the root itself: nothing to point at
      if (status != nullptr) *status = s;
      Diagnostic d;
      d.code = CodeOf(Msg::kRulebookRootUnreadable);
      d.location.file = path;
      d.message = MessageText(Msg::kRulebookRootUnreadable, s.message().substr(s.message().find(": ") + 2));
      diags_->push_back(std::move(d));
    } else {
      from->Error(Msg::kCannotReadIncludedFile, at, relative, s.message().substr(s.message().find(": ") + 2));
    }
    return nullptr;
  }
  HashRuleFile(relative, text, &hash_);
  model_->files.push_back(relative);
  files_.push_back(std::make_unique<YamlFile>(path, std::move(text), diags_));
  return files_.back().get();
}

std::unique_ptr<Model> RulebookLoader::Finish() {
  model_->sha256 = hash_.HexDigest();
  model_->directory = dir_;
  SortDiagnostics(diags_);
  if (HasErrors(*diags_)) return nullptr;
  return std::move(model_);
}

void RulebookLoader::LoadRoot(YamlFile* f) {
  const YAML::Node& root = f->root();
  if (!CheckFields(f, root, Mapping::kRulebookFile))
    return;
  LoadMeta(f, root["rulebook"]);
  LoadPolicy(f, root["policy"]);
  LoadSources(f, root["sources"]);
  const YAML::Node include = root["include"];
  if (!include.IsSequence()) {
    f->Error(Msg::kIncludeListRulebookS, include);
    return;
  }
  std::set<std::string> seen;
  for (const auto& item : include) {
    if (IncludedPath(f, item, "rulebook.yaml", &seen) == nullptr) continue;
    if (includes_.size() >= limits::kMaxIncludes) {
      f->Error(Msg::kMoreThanIncludedFiles, item, std::to_string(limits::kMaxIncludes));
      break;
    }
    includes_.emplace_back(f, item);
  }
}

void RulebookLoader::CheckRuleFile(YamlFile* f) {
  if (f->root().IsNull()) return;  // an empty file
  CheckFields(f, f->root(), Mapping::kRuleFile);
}

// Parses and type-checks one expression scalar; reports located errors.
bool RulebookLoader::CompileExpression(YamlFile* f, const YAML::Node& scalar, const Scope& scope, ValueType want, Expression* out) {
  if (!scalar.IsScalar()) {
    f->Error(Msg::kExpressionWrittenText, scalar);
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
  if (TypeCheck(out, scope, want, &errors)) {
    NamesUsed(f, scalar, *out->root);
    return true;
  }
  for (auto& e : errors) f->Report(DiagnosticSeverity::kError, e.code, f->WhereInScalar(scalar, e.offset), e.message);
  out->root.reset();
  return false;
}

void RulebookLoader::NameDeclared(YamlFile* f, NameKind kind, int index, const YAML::Node& id) {
  if (!id.IsScalar()) return;
  NamePlace p;
  p.kind = kind;
  p.index = index;
  p.declaration = true;
  p.where = f->Where(id);
  p.length = static_cast<int>(id.Scalar().size());
  model_->names.push_back(std::move(p));
}

// Every question, derived value and class a type-checked expression names
// (its depth is capped by the parser, so the walk's stack is bounded).
void RulebookLoader::NamesUsed(YamlFile* f, const YAML::Node& scalar, const Node& root) {
  std::vector<const Node*> pending{&root};
  while (!pending.empty()) {
    const Node* n = pending.back();
    pending.pop_back();
    for (const auto& c : n->children) pending.push_back(c.get());
    NamePlace p;
    p.index = n->index;
    p.length = static_cast<int>(n->text.size());
    if (n->kind == NodeKind::kRef) {
      p.kind = n->ref_is_derived ? NameKind::kDerived : NameKind::kQuestion;
      p.where = f->WhereInScalar(scalar, n->offset);
    } else if (n->kind == NodeKind::kMedicationClass) {
      const size_t at = scalar.Scalar().find(n->text, static_cast<size_t>(n->offset));  // the quoted id after "class"
      if (at == std::string::npos || n->index < 0) continue;
      p.kind = NameKind::kClass;
      p.where = f->WhereInScalar(scalar, static_cast<int>(at));
    } else {
      continue;
    }
    model_->names.push_back(std::move(p));
  }
}

const std::string* IncludedPath(YamlFile* f, const YAML::Node& item, std::string_view root_file, std::set<std::string>* seen) {
  if (!item.IsScalar() || item.Scalar().empty()) {
    f->Error(Msg::kEachIncludeFilePath, item);
    return nullptr;
  }
  const std::string& rel = item.Scalar();
  if (rel[0] == '/' || rel.find("..") != std::string::npos) {
    f->Error(Msg::kIncludePathInsideRulebook, item, rel);
    return nullptr;
  }
  if (rel == root_file || !seen->insert(rel).second) {
    f->Error(Msg::kIncludedTwice, item, rel);
    return nullptr;
  }
  return &rel;
}

std::string JoinRulebookPath(std::string directory, const std::string& relative) {
  while (directory.size() > 1 && directory.back() == '/') directory.pop_back();
  return directory + "/" + relative;
}

void HashRuleFile(std::string_view relative, std::string_view text, Sha256* hash) {
  hash->Update(relative);
  hash->Update(std::string_view("\0", 1));
  hash->Update(std::to_string(text.size()));
  hash->Update(std::string_view("\0", 1));
  hash->Update(text);
}

std::unique_ptr<Model> LoadModel(const std::string& directory, std::vector<Diagnostic>* diagnostics, Status* status,
                                 const std::vector<UnsavedFile>& unsaved) {
  *status = Status::Ok();
  try {
    RulebookLoader loader(directory, diagnostics, &unsaved);
    auto model = loader.Run(status);
    if (model == nullptr && status->ok())
      *status = Status::Error(StatusCode::kRulebookInvalid, "the rulebook in " + directory + " has errors");
    return model;
  } catch (const std::exception& e) {  // yaml-cpp on hostile input, allocation failure
    Diagnostic d;
    d.code = CodeOf(Msg::kCannotLoadRulebook);
    d.location.file = directory + "/rulebook.yaml";
    d.message = MessageText(Msg::kCannotLoadRulebook, e.what());
    diagnostics->push_back(std::move(d));
    *status = Status::Error(StatusCode::kRulebookInvalid, d.message);
    return nullptr;
  }
}

}  // namespace candidacy::internal
