// Constants the image writer and reader share (rulebook/image.h describes
// the format), and a tripwire that fails the build when a struct the image
// holds changes size: a new field must be written, read and dumped.
// Test: tests/engine/rulebook/image_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>

#include "candidacy/limits.h"
#include "rulebook/model.h"

namespace candidacy::internal {

inline constexpr char kImageMagic[8] = {'C', 'N', 'D', 'Y', 'R', 'B', 'I', '\n'};
inline constexpr std::size_t kImageChecksumBytes = 8;  // ImageChecksum (rulebook/image_bytes.h)
inline constexpr std::size_t kImagePrefixBytes = sizeof kImageMagic + 4 + kImageChecksumBytes;

inline constexpr std::uint32_t kLiteralFile = 0xFFFFFFFFu;  // a location whose path is not one of the files
inline constexpr std::uint32_t kNoNode = 0xFFFFFFFFu;       // never written for a valid model

// Caps on what one image may hold, beyond "no more than the bytes left".
inline constexpr std::size_t kMaxImageString = limits::kMaxRuleFileBytes;  // no text is longer than its file
inline constexpr std::size_t kMaxImageHeaderString = 4096;                 // versions, fingerprint, paths
inline constexpr std::size_t kMaxImageFiles = limits::kMaxIncludes + 1;
inline constexpr std::size_t kMaxExpressionNodes = 2 * limits::kMaxExpressionBytes;
inline constexpr std::size_t kMaxImageCount = 0xFFFFFFFFu;  // lists with no named limit

// Added a field to one of these? Write it in rulebook/image_writer.cc, read
// it in rulebook/image_reader.cc, dump it in tests/support/model_dump.cc, raise
// kImageFormatVersion, then update the size here. (x86-64 libstdc++ only.)
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(Node) == 120, "Node changed: update the rulebook image");
static_assert(sizeof(Question) == 240, "Question changed: update the rulebook image");
static_assert(sizeof(Derived) == 176, "Derived changed: update the rulebook image");
static_assert(sizeof(Source) == 96, "Source changed: update the rulebook image");
static_assert(sizeof(MessagePart) == 48, "MessagePart changed: update the rulebook image");
static_assert(sizeof(Rule) == 368, "Rule changed: update the rulebook image");
static_assert(sizeof(Band) == 80, "Band changed: update the rulebook image");
static_assert(sizeof(DrugClass) == 112, "DrugClass changed: update the rulebook image");
static_assert(sizeof(Drug) == 56, "Drug changed: update the rulebook image");
static_assert(sizeof(DrugName) == 64, "DrugName changed: update the rulebook image");
// (Model::groups, fields, required_questions, conditional_questions and list_questions are not written: every
// Rulebook rebuilds them with IndexQuestions;
// nor Model::node_count, value_count, conditions, rule_condition, rule_value, program, Node::id, value_id,
// shared_value and compiled: every Rulebook numbers the nodes and compiles them with NumberNodes;
// nor EhrMapping's indices by code: the reader rebuilds them from its lists;
// nor Model::names, where names are written for editors: IndexRulebookSymbols always parses the YAML.)
static_assert(sizeof(EhrObservationCode) == 112, "EhrObservationCode changed: update the rulebook image");
static_assert(sizeof(EhrConditionSet) == 160, "EhrConditionSet changed: update the rulebook image");
static_assert(sizeof(EhrMedicationCode) == 128, "EhrMedicationCode changed: update the rulebook image");
static_assert(sizeof(EhrAllergySet) == 136, "EhrAllergySet changed: update the rulebook image");
static_assert(sizeof(EhrMapping) == 456, "EhrMapping changed: update the rulebook image");
static_assert(sizeof(Model) - sizeof(Lexicon) - sizeof(FieldIndex) - sizeof(EhrMapping) - sizeof(Model::names) - 2 * sizeof(std::vector<int>) - sizeof(Model::rule_value) - sizeof(Model::list_questions) - sizeof(Program) == 768,
              "Model changed: update the rulebook image");
static_assert(sizeof(Diagnostic) == 112, "Diagnostic changed: update the rulebook image");
#endif

}  // namespace candidacy::internal
