// Named caps on every input the engine reads. Each is documented in
// docs/limits.md and tested at the limit and one past it (tests/contract/limits_test.cc).
#pragma once

#include <cstddef>

namespace candidacy::limits {

// Questionnaires (one document, YAML or JSON).
inline constexpr std::size_t kMaxDocumentBytes = 1 << 20;   // 1 MiB
inline constexpr int kMaxDocumentDepth = 16;                // nested mappings/sequences
inline constexpr std::size_t kMaxDocumentNodes = 20000;     // after alias expansion
inline constexpr std::size_t kMaxListItems = 200;           // medications, indications
inline constexpr std::size_t kMaxTextBytes = 1000;          // one medication entry, the id
inline constexpr int kMaxFhirItemDepth = 5;                 // FHIR QuestionnaireResponse: items within items

// Rule files.
inline constexpr std::size_t kMaxRuleFileBytes = 4 << 20;   // 4 MiB per file
inline constexpr int kMaxRuleFileDepth = 32;
inline constexpr std::size_t kMaxIncludes = 256;            // files listed under include
inline constexpr std::size_t kMaxExpressionBytes = 4096;    // one `when` / `asked_when` / `expr`
inline constexpr int kMaxExpressionDepth = 64;              // nesting of one expression
inline constexpr std::size_t kMaxRules = 20000;
inline constexpr std::size_t kMaxQuestions = 2000;
inline constexpr std::size_t kMaxMedicationNames = 50000;   // generics + brands + combinations

}  // namespace candidacy::limits
