// A Bundle's Patient, Observation, Condition and MedicationStatement /
// MedicationRequest resources -> facts about the rulebook's questions, read
// through its FHIR mappings, over a document view (the located tree or the
// batch's simdjson DOM). Test: tests/engine/input/fhir_clinical_test.cc, fhir_fast_test.cc.
#include "input/fhir_clinical.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>

#include "base/diagnostic_messages.h"
#include "input/doc_node_view.h"
#include "input/fhir_units.h"
#include "input/simd_view.h"

namespace candidacy::internal {
namespace {

using Kind = DocNode::Kind;

const char* SystemName(std::string_view system) {
  if (system == kLoincSystem) return "LOINC";
  if (system == kSnomedSystem) return "SNOMED CT";
  if (system == kIcd10CmSystem) return "ICD-10-CM";
  if (system == kRxNormSystem) return "RxNorm";
  return nullptr;
}

// A Coding's texts, read in place (views into the resource: valid while it is).
struct Coding {
  std::string_view system, code, display;
};

template <typename View>
class Reader {
 public:
  Reader(const Model& model, int day, const std::string& file, EhrFacts* facts, std::vector<Diagnostic>* errors)
      : m_(model), e_(model.ehr), day_(day), file_(file), facts_(facts), errors_(errors) {}

  void Run(const std::vector<FhirResourceRefOf<View>>& resources) {
    index_ = &resources;
    for (const auto& r : resources) {
      res_ = &r;
      if (r.type == "Patient") Patient(r.resource);
      else if (r.type == "Observation") Observation(r.resource);
      else if (r.type == "Condition") Condition(r.resource);
      else if (r.type == "MedicationStatement" || r.type == "MedicationRequest") Medication(r.resource);
      else if (r.type == "AllergyIntolerance" && !e_.allergies.empty()) Allergy(r.resource);
      else if (!Administrative(r.type)) NotRead(r.type);
    }
  }

 private:
  std::string Name() const { return res_->type + (res_->id.empty() ? "" : "/" + res_->id); }

  // Resources that hold nothing a question asks (or hold it for others that
  // are read: a Medication through its MedicationRequest, a Composition's or
  // an Encounter's contained QuestionnaireResponse): passed over in silence.
  static bool Administrative(std::string_view type) {
    static constexpr std::string_view kTypes[] = {"QuestionnaireResponse", "Medication", "Composition", "Encounter",
                                                  "Practitioner", "PractitionerRole", "Organization", "Location",
                                                  "Provenance", "RelatedPerson", "Device", "Questionnaire", "Coverage"};
    return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
  }
  // Any other resource is clinical and not read here: said, never dropped.
  void NotRead(const std::string& type) {
    NotUsed(Name() + ": a resourceType this rulebook does not read" +
            (type == "AllergyIntolerance" ? " (its FHIR mapping has no allergies)" : ""));
  }
  std::string Origin(const std::string& path) const {
    if constexpr (!View::kLocated) return {};  // origins are for messages; the fast path has none
    return " (" + Name() + ", at " + res_->at + (path.empty() ? "" : "." + path) + ")";
  }

  template <typename... Args>
  void Error(const View& at, const std::string& path, Msg id, const Args&... args) {
    errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(id), file_, at.line(), at.column(),
                                          MessageText(id, args...) + Origin(path)));
  }
  // A member of the expected kind, or null (absent; or reported when of another kind).
  std::optional<View> Get(const View& object, const char* key, Kind kind, const char* expected, const std::string& path) {
    std::optional<View> v = object.Member(key);
    if (!v) return std::nullopt;
    const bool number = kind == Kind::kFloat && (v->kind() == Kind::kInt || v->kind() == Kind::kFloat);
    if (v->kind() != kind && !number) {
      Error(*v, path.empty() ? key : path + "." + key, Msg::kFhirFieldExpected, res_->type + "." + (path.empty() ? "" : path + ".") + key,
            expected, DocKindName(v->kind()));
      return std::nullopt;
    }
    return v;
  }
  void NotUsed(const std::string& what) { facts_->not_used.push_back(what); }

  // CodeableConcept.coding[] (wrong shapes reported).
  std::vector<Coding> Codings(const View& concept, const std::string& path) {
    std::vector<Coding> out;
    const std::optional<View> list = Get(concept, "coding", Kind::kArray, "a list of Codings", path);
    if (!list) return out;
    size_t i = 0;
    list->ForEachItem([&](const View& c) {
      const std::string at = View::kLocated ? path + ".coding[" + std::to_string(i) + "]" : std::string();
      ++i;
      if (c.kind() != Kind::kObject) {
        Error(c, at, Msg::kFhirFieldExpected, res_->type + "." + at, "a Coding (a mapping with system and code)", DocKindName(c.kind()));
        return;
      }
      Coding coding;
      if (const std::optional<View> s = Get(c, "system", Kind::kString, "a URI", at)) coding.system = s->text();
      if (const std::optional<View> s = Get(c, "code", Kind::kString, "a code (text)", at)) coding.code = s->text();
      if (const std::optional<View> s = Get(c, "display", Kind::kString, "text", at)) coding.display = s->text();
      out.push_back(std::move(coding));
    });
    return out;
  }
  std::string StatusCode(const View& r, const char* key) {
    const std::optional<View> concept = Get(r, key, Kind::kObject, "a CodeableConcept", "");
    if (!concept) return "";
    for (const auto& c : Codings(*concept, key))
      if (!c.code.empty()) return std::string(c.code);
    return "";
  }
  bool Day(const View& text, const std::string& path, int* day) {
    if (ParseFhirDay(text.text(), day)) return true;
    Error(text, path, Msg::kNotAFhirDate, ShortText(text.text()));
    return false;
  }

  void Add(int question, DocNode value, const std::string& source, const std::string& origin, int day, Precedence p) {
    EhrFact f;
    f.question = question;
    f.value = std::move(value);
    f.source = source;
    f.origin = origin;
    f.day = day;
    f.precedence = p;
    facts_->answers.push_back(std::move(f));
  }

  void Patient(const View& r) {
    if (const std::optional<View> birth = Get(r, "birthDate", Kind::kString, "a date", "")) {
      int born = 0;
      const std::string birth_text(birth->text());
      if (e_.age_question >= 0 && birth_text.size() == 10 && Day(*birth, "birthDate", &born)) {
        facts_->needs_date = true;
        if (day_ >= 0) {
          const int by = std::stoi(birth_text.substr(0, 4)), bm = std::stoi(birth_text.substr(5, 2)), bd = std::stoi(birth_text.substr(8, 2));
          const std::string today = FhirDayText(day_);
          const int ty = std::stoi(today.substr(0, 4)), tm = std::stoi(today.substr(5, 2)), td = std::stoi(today.substr(8, 2));
          const int age = ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
          DocNode v;
          v.kind = Kind::kInt;
          v.integer = age;
          v.line = birth->line();
          v.column = birth->column();
          Add(e_.age_question, std::move(v), Name() + " birthDate " + birth_text, Origin("birthDate"), -1, Precedence::kNeither);
        }
      } else if (e_.age_question >= 0 && birth_text.size() < 10) {
        NotUsed(Name() + " birthDate " + ShortText(birth_text) + ": not a full date, so no age");
      } else if (e_.age_question >= 0 && birth_text.size() > 10) {
        Day(*birth, "birthDate", &born);  // reports a malformed date
      }
    }
    if (const std::optional<View> gender = Get(r, "gender", Kind::kString, "a code", "")) {
      if (e_.sex_question < 0) return;
      const std::string gender_text(gender->text());
      auto it = e_.gender_values.find(gender_text);
      if (it == e_.gender_values.end()) {
        NotUsed(Name() + " gender '" + ShortText(gender_text) + "': not mapped to " + m_.questions[e_.sex_question].id);
        return;
      }
      DocNode v;
      v.kind = Kind::kString;
      v.text = it->second;
      v.line = gender->line();
      v.column = gender->column();
      Add(e_.sex_question, std::move(v), Name() + " gender " + gender_text, Origin("gender"), -1, Precedence::kNeither);
    }
  }

  // Observation.effective[x] (else issued) as a day; -1 when it has none.
  int ObservationDay(const View& r) {
    int day = -1;
    if (const std::optional<View> t = Get(r, "effectiveDateTime", Kind::kString, "a dateTime", "")) return Day(*t, "effectiveDateTime", &day) ? day : -2;
    if (const std::optional<View> t = Get(r, "effectiveInstant", Kind::kString, "an instant", "")) return Day(*t, "effectiveInstant", &day) ? day : -2;
    if (const std::optional<View> p = Get(r, "effectivePeriod", Kind::kObject, "a Period", "")) {
      for (const char* key : {"end", "start"})
        if (const std::optional<View> t = Get(*p, key, Kind::kString, "a dateTime", "effectivePeriod"))
          return Day(*t, std::string("effectivePeriod.") + key, &day) ? day : -2;
    }
    if (const std::optional<View> t = Get(r, "issued", Kind::kString, "an instant", "")) return Day(*t, "issued", &day) ? day : -2;
    return -1;
  }

  void Observation(const View& r) {
    // The LOINC codes of the observation and of its components that the rulebook maps.
    struct Hit {
      const EhrObservationCode* code;
      View holder;            // the observation or its component
      std::string path;       // "" or "component[1]"
    };
    std::vector<Hit> hits;
    std::string unmapped;  // the first LOINC code the rulebook does not map, for the report
    auto match = [&](const View& holder, const std::string& path) {
      const std::optional<View> concept = Get(holder, "code", Kind::kObject, "a CodeableConcept", path);
      if (!concept) return;
      for (const auto& c : Codings(*concept, path.empty() ? "code" : path + ".code")) {
        if (c.system != kLoincSystem) continue;
        auto it = e_.by_loinc.find(std::string(c.code));
        if (it != e_.by_loinc.end()) hits.push_back({&e_.observations[it->second], holder, path});
        else if (unmapped.empty()) unmapped = c.code;
      }
    };
    match(r, "");
    if (const std::optional<View> components = Get(r, "component", Kind::kArray, "a list of components", "")) {
      size_t i = 0;
      components->ForEachItem([&](const View& c) {
        if (c.kind() == Kind::kObject) match(c, "component[" + std::to_string(i) + "]");
        ++i;
      });
    }
    if (hits.empty()) {  // no vital sign the rulebook reads: said, not dropped
      NotUsed(Name() + (unmapped.empty() ? std::string(": no LOINC code (the rulebook reads vital signs by LOINC)")
                                         : " LOINC " + ShortText(unmapped) + ": in no mapping of the rulebook"));
      return;
    }
    facts_->needs_date = true;
    const std::string status = [&] {
      const std::optional<View> s = Get(r, "status", Kind::kString, "a code", "");
      return s ? std::string(s->text()) : std::string();
    }();
    const int day = ObservationDay(r);
    for (const auto& h : hits) {
      const std::string what = Name() + " LOINC " + h.code->loinc;
      if (status != "final" && status != "amended" && status != "corrected") {
        NotUsed(what + ": status " + (status.empty() ? "not given" : "'" + ShortText(status) + "'") + " (only final, amended or corrected are used)");
        continue;
      }
      if (day == -2) continue;  // a malformed date: reported
      if (day == -1) {
        NotUsed(what + ": no effective date, so its age is unknown");
        continue;
      }
      if (day_ < 0) continue;  // no screening date: reported once by the Bundle reader
      if (day > day_) {
        NotUsed(what + ": taken " + FhirDayText(day) + ", after the screening date " + FhirDayText(day_));
        continue;
      }
      if (day_ - day > e_.vitals_max_age_days) {
        NotUsed(what + ": taken " + FhirDayText(day) + ", " + std::to_string(day_ - day) + " days before the screening date; stale (older than " +
                std::to_string(e_.vitals_max_age_days) + " days)");
        continue;
      }
      const std::string at = h.path.empty() ? "valueQuantity" : h.path + ".valueQuantity";
      const std::optional<View> q = Get(h.holder, "valueQuantity", Kind::kObject, "a Quantity", h.path);
      if (!q) {
        NotUsed(what + ": no valueQuantity");
        continue;
      }
      const Question& question = m_.questions[h.code->question];
      const std::optional<View> value = Get(*q, "value", Kind::kFloat, "a number", at);
      if (!value) {
        if (!q->Member("value")) NotUsed(what + ": a Quantity with no value");
        continue;
      }
      const std::optional<View> code = Get(*q, "code", Kind::kString, "a unit code", at);
      const std::optional<View> unit = Get(*q, "unit", Kind::kString, "a unit", at);
      const std::string ucum = UcumCode(question.unit);
      const bool unit_ok = code ? code->text() == ucum : unit && UnitMatches(question.unit, unit->text());
      if (!unit_ok) {
        NotUsed(what + ": unit '" + ShortText(code ? code->text() : unit ? unit->text() : "") + "' is not " + question.unit +
                " (UCUM '" + ucum + "'); not converted");
        continue;
      }
      DocNode v = ToDocNode(*value);
      if (question.type == QuestionType::kInteger) {  // readings like 97.5 % answer an integer question rounded
        const double x = v.kind == Kind::kInt ? static_cast<double>(v.integer) : v.real;
        v.kind = Kind::kInt;
        v.integer = static_cast<std::int64_t>(std::floor(x + 0.5));
      }
      Add(h.code->question, std::move(v), what + " of " + FhirDayText(day), Origin(at + ".value"), day,
          h.code->higher_is_safer ? Precedence::kHigherWins : Precedence::kLowerWins);
    }
  }

  void Condition(const View& r) {
    const std::optional<View> concept = Get(r, "code", Kind::kObject, "a CodeableConcept", "");
    if (!concept) return;
    std::vector<std::pair<Coding, int>> mapped;
    std::string unmapped;
    for (const auto& c : Codings(*concept, "code")) {
      const std::vector<int> sets = e_.ConditionsOf(c.system, c.code);
      for (int set : sets) mapped.emplace_back(c, set);
      if (sets.empty() && unmapped.empty() && SystemName(c.system) != nullptr) unmapped = std::string(SystemName(c.system)) + " " + ShortText(c.code);
    }
    if (mapped.empty()) {
      if (!unmapped.empty()) NotUsed(Name() + " " + unmapped + ": in no value set of the rulebook");
      return;
    }
    const std::string clinical = StatusCode(r, "clinicalStatus");
    const std::string verification = StatusCode(r, "verificationStatus");
    const std::string what = Name() + " " + SystemName(mapped[0].first.system) + " " + std::string(mapped[0].first.code);
    if (clinical != "active" && clinical != "recurrence" && clinical != "relapse") {
      NotUsed(what + ": clinical status " + (clinical.empty() ? "not given" : "'" + ShortText(clinical) + "'") + " (only active, recurrence or relapse are used)");
      return;
    }
    if (verification != "confirmed") {
      NotUsed(what + ": verification status " + (verification.empty() ? "not given" : "'" + ShortText(verification) + "'") + " (only confirmed is used)");
      return;
    }
    std::vector<int> seen;
    for (const auto& [coding, set] : mapped) {
      const EhrConditionSet& s = e_.conditions[set];
      bool again = false;
      for (int q : seen) again |= q == s.question;
      if (again) continue;
      seen.push_back(s.question);
      const Question& q = m_.questions[s.question];
      DocNode v;
      v.line = concept->line();
      v.column = concept->column();
      if (q.type == QuestionType::kBoolean) {
        v.kind = Kind::kBool;
        v.boolean = true;
      } else {
        v.kind = Kind::kString;
        v.text = q.values[s.value];
      }
      Add(s.question, std::move(v), Name() + " " + SystemName(coding.system) + " " + std::string(coding.code) + " (" + s.label + ")", Origin("code"), -1,
          q.type == QuestionType::kBoolean ? Precedence::kYesWins : Precedence::kLaterValueWins);
    }
  }

  // An AllergyIntolerance whose substance an allergy set names (code.text,
  // else a coding's display): yes to its question, when the allergy is
  // active and neither refuted nor entered in error (unconfirmed counts: an
  // allergy suspected is an allergy to ask about).
  void Allergy(const View& r) {
    const std::optional<View> concept = Get(r, "code", Kind::kObject, "a CodeableConcept", "");
    std::vector<std::string> texts;
    if (concept) {
      if (const std::optional<View> text = Get(*concept, "text", Kind::kString, "text", "code")) texts.emplace_back(text->text());
      for (const auto& c : Codings(*concept, "code"))
        if (!c.display.empty()) texts.emplace_back(c.display);
    }
    std::vector<int> sets;
    std::string named;
    for (const auto& text : texts) {
      sets = e_.AllergiesNamedIn(text);
      if (!sets.empty()) {
        named = text;
        break;
      }
    }
    if (sets.empty()) {
      NotUsed(Name() + (texts.empty() ? std::string(": no substance named (code.text or a coding's display)")
                                      : " '" + ShortText(texts.front()) + "': in no allergy mapping of the rulebook"));
      return;
    }
    const std::string what = Name() + " '" + ShortText(named) + "'";
    const std::string clinical = StatusCode(r, "clinicalStatus");
    const std::string verification = StatusCode(r, "verificationStatus");
    if (clinical != "active") {
      NotUsed(what + ": clinical status " + (clinical.empty() ? "not given" : "'" + ShortText(clinical) + "'") + " (only active is used)");
      return;
    }
    if (verification == "refuted" || verification == "entered-in-error") {
      NotUsed(what + ": verification status '" + verification + "'");
      return;
    }
    for (int s : sets) {
      const EhrAllergySet& set = e_.allergies[s];
      DocNode v;
      v.kind = Kind::kBool;
      v.boolean = true;
      v.line = concept->line();
      v.column = concept->column();
      Add(set.question, std::move(v), what + " (" + set.label + ")", Origin("code"), -1, Precedence::kYesWins);
    }
  }

  // medicationReference -> the Medication's code: "#id" among the resource's
  // contained, "Medication/id" or a fullUrl among the Bundle's entries.
  std::optional<View> Referenced(const View& r, const View& reference) {
    const std::string ref(reference.text());
    if (!ref.empty() && ref[0] == '#') {
      std::optional<View> found;
      if (const std::optional<View> contained = r.Member("contained"))
        if (contained->kind() == Kind::kArray)  // (a located tree's non-list has no items either)
          contained->ForEachItem([&](const View& c) {
            if (found || c.kind() != Kind::kObject) return;
            if (const std::optional<View> id = c.Member("id"))
              if (id->kind() == Kind::kString && ref.compare(1, std::string::npos, id->text().data(), id->text().size()) == 0) found = c;
          });
      return found;
    }
    for (const auto& other : *index_)
      if (other.type == "Medication" && ((other.id.size() && ref == "Medication/" + other.id) || (!other.full_url.empty() && ref == other.full_url)))
        return other.resource;
    return std::nullopt;
  }

  void Medication(const View& r) {
    const std::optional<View> status = Get(r, "status", Kind::kString, "a code", "");
    const std::string s = status ? std::string(status->text()) : std::string();
    std::optional<View> concept = Get(r, "medicationCodeableConcept", Kind::kObject, "a CodeableConcept", "");
    std::string concept_path = "medicationCodeableConcept";
    if (!concept && !r.Member("medicationCodeableConcept")) {
      const std::optional<View> ref = Get(r, "medicationReference", Kind::kObject, "a Reference", "");
      const std::optional<View> text = !ref ? std::nullopt : Get(*ref, "reference", Kind::kString, "a reference (text)", "medicationReference");
      if (text) {
        const std::optional<View> med = Referenced(r, *text);
        if (!med) {
          Error(*text, "medicationReference.reference", Msg::kMedicationReferenceUnresolved, ShortText(text->text()));
          return;
        }
        concept_path = "medicationReference '" + ShortText(text->text()) + "' -> Medication.code";
        concept = Get(*med, "code", Kind::kObject, "a CodeableConcept", concept_path);
      }
    }
    if (s != "active") {
      NotUsed(Name() + ": status " + (s.empty() ? "not given" : "'" + ShortText(s) + "'") + " (only active medications are used)");
      return;
    }
    EhrMedication entry;
    entry.origin = Origin(concept_path);
    entry.text.kind = Kind::kString;
    entry.text.line = r.line();
    entry.text.column = r.column();
    if (!concept) {  // never dropped: an entry nothing recognises
      entry.text.text = "medication with no code or name";
      entry.source = Name();
      facts_->medications.push_back(std::move(entry));
      return;
    }
    entry.text.line = concept->line();
    entry.text.column = concept->column();
    const std::vector<Coding> codings = Codings(*concept, concept_path);
    for (const auto& c : codings) {
      if (c.system != kRxNormSystem) continue;
      auto it = e_.by_rxcui.find(std::string(c.code));
      if (it == e_.by_rxcui.end()) continue;
      const auto& generics = e_.medications[it->second].generics;
      for (size_t i = 0; i < generics.size(); ++i) entry.text.text += (i ? " + " : "") + generics[i];
      entry.source = Name() + " RxNorm " + std::string(c.code);
      facts_->medications.push_back(std::move(entry));
      return;
    }
    // No mapped code: the name as written, else a coding's display, else the code itself (unrecognised).
    const std::optional<View> text = Get(*concept, "text", Kind::kString, "text", concept_path);
    std::string code_text;
    for (const auto& c : codings) {
      if (!text && !c.display.empty() && entry.text.text.empty()) {
        entry.text.text = c.display;
        entry.source = Name() + " display of " + (SystemName(c.system) ? SystemName(c.system) : "code") + " " + std::string(c.code);
      }
      if (code_text.empty() && !c.code.empty()) code_text = std::string(SystemName(c.system) ? SystemName(c.system) : "code") + " " + std::string(c.code);
    }
    if (text && !text->text().empty()) {
      entry.text.text = text->text();
      entry.source = Name() + " text" + (code_text.empty() ? "" : " (" + code_text + " not mapped)");
    } else if (entry.text.text.empty()) {
      entry.text.text = code_text.empty() ? "medication with no code or name" : code_text;
      entry.source = Name() + (code_text.empty() ? "" : " " + code_text);
    }
    facts_->medications.push_back(std::move(entry));
  }

  const Model& m_;
  const EhrMapping& e_;
  int day_;
  const std::string& file_;
  EhrFacts* facts_;
  std::vector<Diagnostic>* errors_;
  const FhirResourceRefOf<View>* res_ = nullptr;
  const std::vector<FhirResourceRefOf<View>>* index_ = nullptr;
};

// Days from civil (Howard Hinnant's algorithm), proleptic Gregorian.
int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

bool ParseFhirDay(std::string_view text, int* day) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  if (text.size() > 10 && text[10] != 'T') return false;
  auto digits = [&](size_t at, size_t n) {  // (all checked above)
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return false;
  *day = DaysFromCivil(y, m, d);
  return true;
}

std::string FhirDayText(int day) {
  // civil_from_days
  int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  if (y >= 0 && y <= 9999) {  // every day a FHIR date can name: written by hand (snprintf costs more than the rest)
    std::string text = "0000-00-00";
    text[0] = static_cast<char>('0' + y / 1000), text[1] = static_cast<char>('0' + y / 100 % 10);
    text[2] = static_cast<char>('0' + y / 10 % 10), text[3] = static_cast<char>('0' + y % 10);
    text[5] = static_cast<char>('0' + m / 10), text[6] = static_cast<char>('0' + m % 10);
    text[8] = static_cast<char>('0' + d / 10), text[9] = static_cast<char>('0' + d % 10);
    return text;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

template <typename View>
void ReadClinicalResources(const std::vector<FhirResourceRefOf<View>>& resources, const Model& model, int screening_day,
                           const std::string& file, EhrFacts* facts, std::vector<Diagnostic>* errors) {
  Reader<View> reader(model, screening_day, file, facts, errors);
  reader.Run(resources);
}

void ReadClinicalResources(const std::vector<FhirResourceRef>& resources, const Model& model, int screening_day,
                           const std::string& file, EhrFacts* facts, std::vector<Diagnostic>* errors) {
  std::vector<FhirResourceRefOf<DocNodeView>> views;
  for (const auto& r : resources) views.push_back({DocNodeView(*r.resource), r.type, r.id, r.at, r.full_url});
  ReadClinicalResources(views, model, screening_day, file, facts, errors);
}

template void ReadClinicalResources(const std::vector<FhirResourceRefOf<DocNodeView>>&, const Model&, int, const std::string&, EhrFacts*,
                                    std::vector<Diagnostic>*);
template void ReadClinicalResources(const std::vector<FhirResourceRefOf<SimdView>>&, const Model&, int, const std::string&, EhrFacts*,
                                    std::vector<Diagnostic>*);

}  // namespace candidacy::internal
