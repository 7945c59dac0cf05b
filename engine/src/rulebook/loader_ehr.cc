// Rulebook loader, FHIR code mappings: fhir/mapping.yaml and the files it
// includes -> Model::ehr (rulebook/ehr_mapping.h; the format: docs/fhir.md).
// Hashed apart from the rule files, so a rulebook's sha256 (and every result
// that names it) is that of its rules. Test: tests/engine/rulebook/loader_ehr_test.cc.
#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <sys/stat.h>

#include "base/ascii.h"
#include "base/sha256.h"
#include "base/yaml_util.h"
#include "candidacy/limits.h"
#include "rulebook/field_tables.h"
#include "rulebook/loader.h"
#include "rulebook/model.h"

namespace candidacy::internal {

std::vector<int> EhrMapping::ConditionsOf(std::string_view system, std::string_view code) const {
  std::vector<int> sets;
  if (system == kSnomedSystem) {
    auto it = by_snomed.find(std::string(code));
    if (it != by_snomed.end()) sets.push_back(it->second);
    return sets;
  }
  if (system != kIcd10CmSystem) return sets;
  // Per question, the longest listed code that is the code or a parent of it
  // (F20 takes F20.9 and F20.81; F10.21 is remission where F10 is active).
  std::vector<std::pair<int, size_t>> best;  // (set, length of its code), one a question
  for (const auto& [listed, set] : icd10cm) {
    const bool under = code == listed ||
                       (code.size() > listed.size() && code.compare(0, listed.size(), listed) == 0 &&
                        (listed.find('.') != std::string::npos || code[listed.size()] == '.'));
    if (!under) continue;
    const int question = conditions[set].question;  // (a structured binding is not captured before C++20)
    auto same = std::find_if(best.begin(), best.end(), [&](const auto& b) { return conditions[b.first].question == question; });
    if (same == best.end()) best.emplace_back(set, listed.size());
    else if (listed.size() > same->second) *same = {set, listed.size()};
  }
  for (const auto& [set, length] : best) sets.push_back(set);
  std::sort(sets.begin(), sets.end());
  return sets;
}

bool IsAllergyName(std::string_view name) {
  if (name.empty() || name.front() == ' ' || name.back() == ' ' || name.find("  ") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || std::isalnum(static_cast<unsigned char>(c)); });
}

std::vector<int> EhrMapping::AllergiesNamedIn(std::string_view text) const {
  // Letters folded (AsciiLower); a name matches where it starts and ends at a word's edge.
  const std::string folded = AsciiLower(text);
  auto word = [&](size_t i) { return i < folded.size() && std::isalnum(static_cast<unsigned char>(folded[i])); };
  std::vector<int> sets;
  for (size_t s = 0; s < allergies.size(); ++s) {
    bool found = false;
    for (const auto& name : allergies[s].names) {
      const std::string n = AsciiLower(name);
      for (size_t at = folded.find(n); at != std::string::npos && !found; at = folded.find(n, at + 1))
        found = (at == 0 || !word(at - 1)) && !word(at + n.size());
      if (found) break;
    }
    if (found) sets.push_back(static_cast<int>(s));
  }
  return sets;
}

namespace {

bool AllDigits(const std::string& s, size_t min, size_t max) {
  return s.size() >= min && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// LOINC: digits, '-', one check digit (8480-6).
bool IsLoinc(const std::string& s) {
  const size_t dash = s.find('-');
  return dash != std::string::npos && dash + 2 == s.size() && AllDigits(s.substr(0, dash), 1, 7) &&
         std::isdigit(static_cast<unsigned char>(s.back()));
}

// ICD-10-CM: a letter, two characters, then optionally '.' and 1-4 more (F20, F20.9, I50.21, E80.2).
bool IsIcd10Cm(const std::string& s) {
  if (s.size() < 3 || !std::isupper(static_cast<unsigned char>(s[0]))) return false;
  for (size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 3) {
      if (c != '.' || s.size() == 4) return false;
      continue;
    }
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return s.size() <= 8;
}

class EhrLoader {
 public:
  EhrLoader(Model* model, std::vector<Diagnostic>* diags) : m_(*model), diags_(diags) {}

  bool Run() {
    const std::string dir = m_.directory + "/fhir";
    struct stat st {};
    if (::stat((dir + "/mapping.yaml").c_str(), &st) != 0) return true;  // no mapping: nothing to read
    const size_t before = diags_->size();
    m_.ehr = EhrMapping{};
    m_.ehr.questionnaire_url = "urn:candidacy:" + m_.id;
    YamlFile* root = Open(dir, "mapping.yaml", nullptr, YAML::Node());
    if (root != nullptr && root->Parse()) Root(dir, root);
    m_.ehr.sha256 = hash_.HexDigest();
    m_.ehr.loaded = true;
    for (size_t i = before; i < diags_->size(); ++i)
      if ((*diags_)[i].severity == DiagnosticSeverity::kError) return false;
    return true;
  }

 private:
  YamlFile* Open(const std::string& dir, const std::string& relative, YamlFile* from, const YAML::Node& at) {
    std::string text;
    const std::string path = dir + "/" + relative;
    Status s = ReadFileCapped(path, limits::kMaxRuleFileBytes, &text);
    if (!s.ok()) {
      if (from != nullptr) from->Error(Msg::kCannotReadIncludedFile, at, relative, s.message().substr(s.message().find(": ") + 2));
      return nullptr;
    }
    HashRuleFile("fhir/" + relative, text, &hash_);
    m_.ehr.files.push_back("fhir/" + relative);
    files_.push_back(std::make_unique<YamlFile>(path, std::move(text), diags_));
    return files_.back().get();
  }

  void Root(const std::string& dir, YamlFile* f) {
    const YAML::Node& root = f->root();
    if (!CheckFields(f, root, Mapping::kFhirMappingFile)) return;
    const YAML::Node settings = root["fhir"];
    if (CheckFields(f, settings, Mapping::kFhirSettings)) {
      f->GetString(settings, "questionnaire", &m_.ehr.questionnaire_url);
      f->GetInt(settings, "vitals_max_age_days", 0, 3650, &m_.ehr.vitals_max_age_days);
      if (settings["patient"].IsDefined()) Patient(f, settings["patient"]);
    }
    YAML::Node include;
    if (!f->GetSequence(root, "include", &include)) return;
    std::set<std::string> seen;
    for (const auto& item : include) {
      const std::string* rel = IncludedPath(f, item, "mapping.yaml", &seen);
      if (rel == nullptr) continue;
      YamlFile* file = Open(dir, *rel, f, item);
      if (file == nullptr || !file->Parse() || file->root().IsNull()) continue;
      if (!CheckFields(file, file->root(), Mapping::kFhirCodeFile)) continue;
      YAML::Node list;
      if (file->GetSequence(file->root(), "observations", &list))
        for (const auto& n : list) Observation(file, n);
      if (file->GetSequence(file->root(), "conditions", &list))
        for (const auto& n : list) Condition(file, n);
      if (file->GetSequence(file->root(), "medications", &list))
        for (const auto& n : list) Medication(file, n);
      if (file->GetSequence(file->root(), "allergies", &list))
        for (const auto& n : list) Allergy(file, n);
    }
  }

  // A question id of the rulebook, of one of `types`; -1 (reported) otherwise.
  int QuestionOf(YamlFile* f, const YAML::Node& at, const std::string& what,
                 std::initializer_list<QuestionType> types, const char* expected) {
    if (!at.IsScalar()) {
      f->Error(Msg::kEhrNotAQuestion, at, std::string("?"), " (a question id)");
      return -1;
    }
    auto it = m_.question_index.find(at.Scalar());
    if (it == m_.question_index.end()) {
      f->Error(Msg::kEhrNotAQuestion, at, at.Scalar(), "");
      return -1;
    }
    const Question& q = m_.questions[it->second];
    if (std::find(types.begin(), types.end(), q.type) == types.end()) {
      f->Error(Msg::kEhrQuestionType, at, q.id, QuestionTypeName(q.type), what, expected);
      return -1;
    }
    return it->second;
  }

  void Patient(YamlFile* f, const YAML::Node& n) {
    if (!CheckFields(f, n, Mapping::kFhirPatient)) return;
    // (operator[] of a missing key gives a node that throws when asked its type: IsDefined first)
    if (n["age"].IsDefined()) m_.ehr.age_question = QuestionOf(f, n["age"], "Patient.birthDate", {QuestionType::kInteger}, "an integer question");
    if (n["sex"].IsDefined()) m_.ehr.sex_question = QuestionOf(f, n["sex"], "Patient.gender", {QuestionType::kEnum}, "an enum question");
    const YAML::Node g = n["gender"];
    if (!g.IsDefined()) return;
    if (!CheckFields(f, g, Mapping::kFhirGender)) return;
    for (const auto& kv : g) {
      if (!kv.second.IsScalar()) continue;
      const std::string value = kv.second.Scalar();
      if (m_.ehr.sex_question >= 0) {
        const auto& values = m_.questions[m_.ehr.sex_question].values;
        if (std::find(values.begin(), values.end(), value) == values.end()) {
          std::string list;
          for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
          f->Error(Msg::kEhrGenderValue, kv.second, value, "a value of " + m_.questions[m_.ehr.sex_question].id + " (" + list + ")");
          continue;
        }
      }
      m_.ehr.gender_values[kv.first.Scalar()] = value;
    }
  }

  void Observation(YamlFile* f, const YAML::Node& n) {
    if (!CheckFields(f, n, Mapping::kFhirObservation)) return;
    EhrObservationCode o;
    f->GetString(n, "loinc", &o.loinc);
    f->GetString(n, "display", &o.display);
    o.where = f->Where(n);
    bool ok = true;
    if (!IsLoinc(o.loinc)) {
      f->Error(Msg::kEhrBadCode, n["loinc"], o.loinc, "a LOINC", "digits, a dash and a check digit: 8480-6");
      ok = false;
    }
    o.question = QuestionOf(f, n["question"], "an Observation", {QuestionType::kInteger, QuestionType::kNumber}, "a number question");
    std::string safer;
    f->GetString(n, "safer", &safer);
    if (safer != "higher" && safer != "lower") {
      f->Error(Msg::kEhrSaferValue, n["safer"], safer);
      ok = false;
    }
    o.higher_is_safer = safer == "higher";
    if (!ok || o.question < 0) return;
    if (!Unique(f, n["loinc"], "LOINC", o.loinc, &m_.ehr.by_loinc, static_cast<int>(m_.ehr.observations.size()))) return;
    Remember(f, n["loinc"], "LOINC", o.loinc);
    m_.ehr.observations.push_back(std::move(o));
  }

  bool Unique(YamlFile* f, const YAML::Node& at, const char* system, const std::string& code,
              std::unordered_map<std::string, int>* index, int value) {
    auto [it, fresh] = index->emplace(code, value);
    if (fresh) return true;
    auto line = seen_lines_.find(std::string(system) + "|" + code);
    f->Error(Msg::kEhrCodeTwice, at, system, code, line == seen_lines_.end() ? std::string("?") : std::to_string(line->second));
    return false;
  }

  void Remember(YamlFile* f, const YAML::Node& at, const char* system, const std::string& code) {
    seen_lines_.emplace(std::string(system) + "|" + code, f->Where(at).line);
  }

  void Condition(YamlFile* f, const YAML::Node& n) {
    if (!CheckFields(f, n, Mapping::kFhirCondition)) return;
    EhrConditionSet c;
    f->GetString(n, "label", &c.label);
    f->GetString(n, "source", &c.source);
    c.where = f->Where(n);
    c.question = QuestionOf(f, n["question"], "a Condition", {QuestionType::kBoolean, QuestionType::kEnum}, "a boolean or enum question");
    if (c.question < 0) return;
    const Question& q = m_.questions[c.question];
    const YAML::Node answer = n["answer"];
    const std::string a = answer.IsScalar() ? answer.Scalar() : "";
    if (q.type == QuestionType::kBoolean) {
      if (a != "true") {
        f->Error(Msg::kEhrAnswerValue, answer, a, q.id, "true: a coded condition says yes, never no");
        return;
      }
      c.value = 1;
    } else {
      auto it = std::find(q.values.begin(), q.values.end(), a);
      if (it == q.values.end()) {
        std::string list;
        for (const auto& v : q.values) list += (list.empty() ? "" : ", ") + v;
        f->Error(Msg::kEhrAnswerValue, answer, a, q.id, "one of " + list);
        return;
      }
      c.value = static_cast<int>(it - q.values.begin());
    }
    const int index = static_cast<int>(m_.ehr.conditions.size());
    bool ok = f->GetStringList(n, "snomed", &c.snomed) && f->GetStringList(n, "icd10cm", &c.icd10cm);
    if (!ok) return;
    for (size_t i = 0; i < c.snomed.size(); ++i) {
      const YAML::Node at = n["snomed"][i];
      if (!AllDigits(c.snomed[i], 6, 18)) {
        f->Error(Msg::kEhrBadCode, at, c.snomed[i], "a SNOMED CT", "a concept id of 6 to 18 digits: 58214004");
        continue;
      }
      if (Unique(f, at, "SNOMED CT", c.snomed[i], &m_.ehr.by_snomed, index)) Remember(f, at, "SNOMED CT", c.snomed[i]);
    }
    for (size_t i = 0; i < c.icd10cm.size(); ++i) {
      const YAML::Node at = n["icd10cm"][i];
      if (!IsIcd10Cm(c.icd10cm[i])) {
        f->Error(Msg::kEhrBadCode, at, c.icd10cm[i], "an ICD-10-CM", "a letter, two characters, then '.' and more: F20, I50.21");
        continue;
      }
      if (Unique(f, at, "ICD-10-CM", c.icd10cm[i], &icd_seen_, index)) {
        Remember(f, at, "ICD-10-CM", c.icd10cm[i]);
        m_.ehr.icd10cm.emplace_back(c.icd10cm[i], index);
      }
    }
    m_.ehr.conditions.push_back(std::move(c));
  }

  void Allergy(YamlFile* f, const YAML::Node& n) {
    if (!CheckFields(f, n, Mapping::kFhirAllergy)) return;
    EhrAllergySet a;
    f->GetString(n, "label", &a.label);
    f->GetString(n, "source", &a.source);
    a.where = f->Where(n);
    a.question = QuestionOf(f, n["question"], "an allergy", {QuestionType::kBoolean}, "a boolean question");
    if (a.question < 0) return;
    if (!f->GetStringList(n, "names", &a.names)) return;
    if (a.names.empty()) {
      f->Error(Msg::kEhrAllergyName, n["names"], "an empty list", "at least one name: [ketamine]");
      return;
    }
    for (size_t i = 0; i < a.names.size(); ++i)
      if (!IsAllergyName(a.names[i])) {
        f->Error(Msg::kEhrAllergyName, n["names"][i], "'" + a.names[i] + "'", "words of letters and digits, one space between: ketamine, Ketalar");
        return;
      }
    m_.ehr.allergies.push_back(std::move(a));
  }

  void Medication(YamlFile* f, const YAML::Node& n) {
    if (!CheckFields(f, n, Mapping::kFhirMedication)) return;
    EhrMedicationCode c;
    f->GetString(n, "rxcui", &c.rxcui);
    f->GetString(n, "name", &c.name);
    c.where = f->Where(n);
    if (!AllDigits(c.rxcui, 1, 9)) {
      f->Error(Msg::kEhrBadCode, n["rxcui"], c.rxcui, "an RxNorm", "an RxCUI of digits: 596");
      return;
    }
    const YAML::Node drug = n["drug"];
    std::vector<YAML::Node> drugs;
    if (drug.IsSequence())
      for (const auto& d : drug) drugs.push_back(d);
    else
      drugs.push_back(drug);
    for (const auto& d : drugs) {
      if (!d.IsScalar() || m_.lexicon.FindDrug(d.Scalar()) < 0) {
        f->Error(Msg::kEhrNotADrug, d, d.IsScalar() ? d.Scalar() : std::string("?"), "");
        return;
      }
      c.generics.push_back(d.Scalar());
    }
    if (!Unique(f, n["rxcui"], "RxNorm", c.rxcui, &m_.ehr.by_rxcui, static_cast<int>(m_.ehr.medications.size()))) return;
    Remember(f, n["rxcui"], "RxNorm", c.rxcui);
    m_.ehr.medications.push_back(std::move(c));
  }

  Model& m_;
  std::vector<Diagnostic>* diags_;
  Sha256 hash_;
  std::vector<std::unique_ptr<YamlFile>> files_;
  std::unordered_map<std::string, int> icd_seen_;
  std::unordered_map<std::string, int> seen_lines_;
};

}  // namespace

bool LoadEhrMapping(Model* model, std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  bool ok = false;
  try {
    EhrLoader loader(model, &found);
    ok = loader.Run();
  } catch (const std::exception& e) {  // yaml-cpp on hostile input
    Diagnostic d;
    d.code = CodeOf(Msg::kCannotLoadRulebook);
    d.location.file = model->directory + "/fhir/mapping.yaml";
    d.message = MessageText(Msg::kCannotLoadRulebook, e.what());
    found.push_back(std::move(d));
    ok = false;
  }
  SortDiagnostics(&found);
  diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  return ok;
}

}  // namespace candidacy::internal
