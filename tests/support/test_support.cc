// Shared test helpers (see test_support.h).
#include "test_support.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "expr/parser.h"
#include "mini_rulebook.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "rulebook/type_check.h"

namespace candidacy::testing {

std::string SourceDir() { return CANDIDACY_SOURCE_DIR; }

std::string FileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO(path);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Rulebook& Shipped() {
  static std::shared_ptr<const Rulebook> rulebook = [] {
    std::shared_ptr<const Rulebook> rb;
    std::vector<Diagnostic> diagnostics;
    const Status s = Rulebook::Load(SourceDir() + "/rules/ketamine", &rb, &diagnostics);
    std::string text;
    for (const auto& d : diagnostics) text += FormatDiagnostic(d);
    INFO(text);
    REQUIRE(s.ok());
    return rb;
  }();
  return *rulebook;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "candidacy-test-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
  std::filesystem::remove_all(path_, ec);
}

TempRulebook::TempRulebook(const std::map<std::string, std::string>& files) {
  for (const auto& [path, content] : files) {
    const auto full = std::filesystem::path(dir()) / path;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
  }
}

TempRulebook::~TempRulebook() = default;

Status TempRulebook::Load() {
  diagnostics_.clear();
  return Rulebook::Load(dir(), &rulebook_, &diagnostics_);
}

std::string TempRulebook::diagnostics() const {
  std::string out;
  for (const auto& d : diagnostics_) out += FormatDiagnostic(d);
  for (size_t pos; (pos = out.find(dir())) != std::string::npos;) out.replace(pos, dir().size(), "RB");
  return out;
}

std::string MiniRoot() {
  return "rulebook:\n"
         "  id: mini\n"
         "  title: Mini\n"
         "  version: 0.1.0\n"
         "  effective: 2026-01-01\n"
         "sources:\n"
         "  - {label: S, citation: A source}\n"
         "  - {label: L, citation: Local policy}\n"
         "include: [main.yaml]\n";
}

std::string BaseQuestionnaire() {
  return R"(id: base-001
patient: {age: 40, sex: female, pregnant: false, breastfeeding: false, weight_kg: 70, height_cm: 170}
vitals: {systolic_bp: 120, diastolic_bp: 78, heart_rate: 72, spo2: 98}
indications: [treatment_resistant_depression]
depression: {failed_antidepressant_trials: 3, suicidal_ideation: none}
history:
  psychosis: false
  bipolar: false
  substance_use: none
  ketamine_misuse: false
  alcohol_drinks_per_week: 2
  heart_attack: false
  coronary_artery_disease: false
  unstable_angina: false
  heart_failure: none
  arrhythmia: false
  uncontrolled_hypertension: false
  pheochromocytoma: false
  aneurysm_or_avm: false
  intracerebral_hemorrhage: false
  stroke: false
  raised_intracranial_pressure: false
  glaucoma: false
  liver_disease: none
  hyperthyroidism: false
  seizure_disorder: false
  sleep_apnea: false
  interstitial_cystitis: false
  porphyria: false
  ketamine_allergy: false
  cognitive_impairment: false
medications: [sertraline 100 mg daily]
logistics: {escort_available: true, fasting_hours: 8, agrees_no_driving: true}
)";
}

namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream ss(path);
  for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
  return parts;
}

std::string Emit(const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}

}  // namespace

std::string WithAnswer(const std::string& yaml, const std::string& path, const std::string& value) {
  YAML::Node root = YAML::Load(yaml);
  const auto parts = Split(path);
  YAML::Node node = root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!node[parts[i]] || !node[parts[i]].IsMap()) node[parts[i]] = YAML::Node(YAML::NodeType::Map);
    node.reset(node[parts[i]]);
  }
  node[parts.back()] = YAML::Load(value);
  return Emit(root);
}

std::string Without(const std::string& yaml, const std::string& path) {
  YAML::Node root = YAML::Load(yaml);
  const auto parts = Split(path);
  YAML::Node node = root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!node[parts[i]]) return Emit(root);
    node.reset(node[parts[i]]);
  }
  node.remove(parts.back());
  return Emit(root);
}

ReadAttempt TryRead(const std::string& doc, InputFormat format, const std::string& display_name) {
  ReadAttempt r;
  ReadOptions options;
  options.format = format;
  options.display_name = display_name;
  r.status = ReadQuestionnaire(Shipped(), doc, options, &r.q, &r.diagnostics);
  for (const auto& d : r.diagnostics) r.text += FormatDiagnostic(d);
  return r;
}

Questionnaire ReadText(const Rulebook& rulebook, const std::string& text) {
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  ReadOptions options;
  options.display_name = "test.yaml";
  const Status s = ReadQuestionnaire(rulebook, text, options, &q, &diagnostics);
  std::string errors;
  for (const auto& d : diagnostics) errors += FormatDiagnostic(d);
  INFO(errors);
  REQUIRE(s.ok());
  return q;
}

std::string ApplySets(std::string yaml, const Sets& sets) {
  for (const auto& [path, value] : sets) yaml = value == kDrop ? Without(yaml, path) : WithAnswer(yaml, path, value);
  return yaml;
}

Questionnaire ReadBase(const Sets& sets) { return ReadText(Shipped(), ApplySets(BaseQuestionnaire(), sets)); }

ScreeningResult ScreenText(const Rulebook& rulebook, const std::string& text) {
  return Screen(rulebook, ReadText(rulebook, text));
}

std::string ReadErrors(const Rulebook& rulebook, const std::string& text) {
  Questionnaire q;
  std::vector<Diagnostic> diagnostics;
  ReadOptions options;
  options.display_name = "test.yaml";
  ReadQuestionnaire(rulebook, text, options, &q, &diagnostics);
  std::string out;
  for (const auto& d : diagnostics) out += FormatDiagnostic(d);
  return out;
}

std::vector<std::string> FlagIds(const ScreeningResult& r) {
  std::vector<std::string> ids;
  for (const auto& f : r.flags) ids.push_back(f.id);
  return ids;
}

std::vector<std::string> UndecidedIds(const ScreeningResult& r) {
  std::vector<std::string> ids;
  for (const auto& u : r.undecided) ids.push_back(u.id);
  return ids;
}

std::vector<std::string> NotEvaluatedIds(const ScreeningResult& r) {
  std::vector<std::string> ids;
  for (const auto& u : r.not_evaluated) ids.push_back(u.id);
  return ids;
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const Rulebook& MiniRulebook() {
  static TempRulebook* rb = [] {
    auto* r = new TempRulebook({{"rulebook.yaml", MiniRoot()}, {"main.yaml", MiniMain()}});
    REQUIRE(r->Load().ok());
    return r;
  }();
  return *rb->rulebook();
}

internal::Expression CheckedMiniCondition(const std::string& text) {
  const internal::Model& m = internal::ModelOf(MiniRulebook());
  internal::Expression e;
  internal::ParseError perr;
  REQUIRE(internal::ParseExpression(text, &e, &perr));
  std::vector<internal::TypeError> errors;
  REQUIRE(internal::TypeCheck(&e, internal::Scope{&m, static_cast<int>(m.questions.size()), static_cast<int>(m.derived.size()), ""},
                              internal::ValueType::kBoolean, &errors));
  return e;
}

ScreeningResult RenderSample() {
  std::string q = WithAnswer(BaseQuestionnaire(), "vitals.systolic_bp", "184");
  q = WithAnswer(q, "patient.age", "70");
  q = WithAnswer(q, "medications", "['XANAX 0.5mg prn', 'Norco 10/325 q6h prn', 'Zorblaxine 1 mg', 'Adderal 10 mg']");
  q = Without(q, "history.glaucoma");
  return ScreenText(Shipped(), q);
}

}  // namespace candidacy::testing
