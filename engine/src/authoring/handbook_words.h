// Rulebook expressions in plain words for the handbook that clinical
// committees review: `vitals.systolic_bp > 180 or vitals.diastolic_bp > 100`
// reads "systolic blood pressure is above 180 mmHg, or diastolic blood
// pressure is above 100 mmHg". Questions are named by a short label made from
// their id. Tested by tests/engine/authoring/handbook_words_test.cc.
#pragma once

#include <string>

#include "expr/ast.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// A short label from an id's last dotted part: underscores become spaces,
// common clinical abbreviations are spelt out (bp, spo2, mi, avm), a trailing
// unit abbreviation is dropped (weight_kg with unit kg: "weight"; not
// fasting_hours with unit hours) and "X_months_ago" reads
// "months since X". `unit` may be empty.
std::string LabelFromId(const std::string& id, const std::string& unit);

// An enum value or class id in words: "active_with_plan" -> "active with plan".
std::string ValueWords(const std::string& value);

// The type-checked expression `node` (from `model`) in plain English.
// Never fails; depth is bounded by the loader's expression limits.
std::string PlainWords(const Model& model, const Node& node);

}  // namespace candidacy::internal
