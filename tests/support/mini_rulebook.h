// A small rulebook for expression tests: boolean a, b (optional), c
// (required), numbers n and x, enum sex with preg asked only when sex is not
// male, a list of enum `tags`, medications, a derived ratio, one class.
#pragma once

#include <string>

namespace candidacy::testing {

// Everything but the rules: questions, the derived value, the lexicon.
inline std::string MiniDeclarations() {
  return R"yaml(questions:
  - {id: a, type: boolean, prompt: "A?"}
  - {id: b, type: boolean, prompt: "B?"}
  - {id: c, type: boolean, prompt: "C?", required: true}
  - {id: n, type: integer, range: [0, 100], prompt: "N?", required: true}
  - {id: x, type: number, prompt: "X?"}
  - {id: sex, type: enum, values: [female, male], prompt: "Sex?", required: true}
  - {id: preg, type: boolean, required: true, asked_when: "sex != 'male'", prompt: "Pregnant?"}
  - {id: tags, type: list_of_enum, values: [p, q, r], prompt: "Tags?", required: true}
  - {id: medications, type: list_of_text, prompt: "Meds?", required: true}
derived:
  - {id: ratio, expr: "round(n / x, 1)"}
classes:
  - {id: opioid, title: Opioids}
  - {id: quiet, title: Quiet, interacts: false}
drugs:
  - {generic: morphine, classes: [opioid], brands: [MS Contin]}
  - {generic: acetaminophen, classes: [quiet], brands: [Tylenol]}
combinations:
  - {name: Tylenol with Codeine, ingredients: [acetaminophen, morphine]}
)yaml";
}

inline std::string MiniMain() {
  return MiniDeclarations() + R"yaml(rules:
  - {id: R1, title: Uses everything, severity: review, sources: [S], message: "m", action: "act",
     when: "a or b or c or n > 1 or ratio > 1 or preg or tags contains 'p' or any medication in class 'opioid'"}
)yaml";
}

}  // namespace candidacy::testing
