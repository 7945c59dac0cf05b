// The tiny rulebook the rulebook-tests suites share (authoring/rulebook_tests*_test.cc):
// five rules, three bases (inline, a flat YAML file, a JSON file), and a
// Fixture that writes it with a tests/cases.yaml and loads the test files.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/rulebook_tests.h"
#include "test_support.h"

namespace candidacy::testing {

// Five rules: EX-1 and EX-2 read required questions (pregnant only when the
// patient is not male), RV-1 two conditions on a required number, RV-2 only
// the optional SpO2 (so it can never be undecided), IX-1 the medication list.
inline constexpr const char* kMain = R"yaml(questions:
  - {id: age, type: integer, range: [0, 120], required: true, prompt: "Age?"}
  - {id: sex, type: enum, values: [female, male], required: true, prompt: "Sex?"}
  - {id: pregnant, type: boolean, required: true, asked_when: "sex != 'male'", prompt: "Pregnant?"}
  - {id: vitals.systolic, type: integer, range: [50, 300], required: true, prompt: "Systolic?"}
  - {id: vitals.spo2, type: integer, range: [50, 100], prompt: "SpO2?"}
  - {id: medications, type: list_of_text, required: true, prompt: "Medications?"}
classes:
  - {id: opioid, title: Opioids}
drugs:
  - {generic: morphine, classes: [opioid], brands: [MS Contin]}
rules:
  - {id: EX-1, title: Minor, severity: exclude, sources: [S], message: m, action: a, when: "age < 18"}
  - {id: EX-2, title: Pregnant, severity: exclude, sources: [S], message: m, action: a, when: "pregnant"}
  - {id: RV-1, title: BP, severity: review, points: 3, sources: [S], message: m, action: a,
     when: "vitals.systolic >= 140 and vitals.systolic <= 180"}
  - {id: RV-2, title: SpO2, severity: review, points: 2, sources: [S], message: m, action: a, when: "vitals.spo2 < 94"}
  - {id: IX-1, title: Opioid, severity: caution, points: 1, sources: [S], message: m, action: a,
     when: "any medication in class 'opioid'"}
)yaml";

// An adult woman, nothing fires: inline here; patient.yaml holds the same flat.
inline constexpr const char* kBases = R"yaml(bases:
  adult:
    id: t-1
    age: 40
    sex: female
    pregnant: false
    vitals: {systolic: 120, spo2: 98}
    medications: []
  flat: ../patient.yaml
  man: ../man.json
)yaml";
inline constexpr const char* kPatient = "id: t-2\nage: 40\nsex: female\npregnant: false\nvitals.systolic: 120\nvitals.spo2: 98\nmedications: []\n";
inline constexpr const char* kMan = R"({"id": "t-3", "age": 50, "sex": "male", "vitals": {"systolic": 120}, "medications": ["MS Contin 15 mg"]})";

struct Loaded {
  Status status;
  std::vector<RulebookTestCase> cases;
  std::string diagnostics;  // formatted, the temporary folder shown as RB
};

// The mini rulebook with tests/bases.yaml and `tests` as tests/cases.yaml.
class Fixture {
 public:
  explicit Fixture(const std::string& tests, const std::string& bases = kBases)
      : rb_({{"rulebook.yaml", MiniRoot()},
             {"main.yaml", kMain},
             {"patient.yaml", kPatient},
             {"man.json", kMan},
             {"tests/bases.yaml", bases},
             {"tests/cases.yaml", tests}}) {
    const Status s = rb_.Load();
    INFO(rb_.diagnostics());
    REQUIRE(s.ok());
  }
  const Rulebook& rulebook() const { return *rb_.rulebook(); }
  Loaded Load() const {
    Loaded out;
    std::vector<Diagnostic> diagnostics;
    out.status = LoadRulebookTests(rulebook(), rb_.dir() + "/tests", &out.cases, &diagnostics);
    for (const auto& d : diagnostics) out.diagnostics += FormatDiagnostic(d);
    for (size_t pos; (pos = out.diagnostics.find(rb_.dir())) != std::string::npos;)
      out.diagnostics.replace(pos, rb_.dir().size(), "RB");
    return out;
  }
  const std::string& dir() const { return rb_.dir(); }

 private:
  TempRulebook rb_;
};

// One case per row, written in flow style: `- {name: .., base: .., <rest>}`.
inline std::string CaseFile(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string out = "cases:\n";
  for (const auto& [name, rest] : rows) out += "  - {name: \"" + name + "\", " + rest + "}\n";
  return out;
}

}  // namespace candidacy::testing
