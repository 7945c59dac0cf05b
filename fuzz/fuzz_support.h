// Shared by the libFuzzer targets in this folder: the shipped rulebook,
// loaded once per process, so each input costs only what it exercises.
// The targets are built by CANDIDACY_FUZZ (fuzz/CMakeLists.txt) and run by fuzz/run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "candidacy/questionnaire.h"
#include "candidacy/rulebook.h"

namespace candidacy::fuzz {

// rules/ketamine of the source tree; aborts (a fuzzer setup error, not a
// finding) when it does not load.
const Rulebook& ShippedRulebook();

// One input through a questionnaire reader against the shipped rulebook:
// either it reads, or it fails with at least one located diagnostic (a
// refusal that does not say why aborts: a finding).
int ReadQuestionnaireInput(const std::uint8_t* data, std::size_t size, InputFormat format, const char* display_name);

// The batch's fast paths (simdjson; plain JSON and FHIR) on one input: if
// they take it, the located reader must read it without an error or warning
// and with the same answers (and, for a Bundle, the same sources); aborts
// otherwise (a finding). Returns whether the fast path took it.
bool FastPathAgrees(std::string_view text, const char* display_name);

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace candidacy::fuzz
