// libFuzzer target: the FHIR QuestionnaireResponse questionnaire reader (linkIds, value[x] types,
// quantities and units, nested items, then the same validation as JSON).
// Either it reads, or it fails with at least one located diagnostic.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return candidacy::fuzz::ReadQuestionnaireInput(data, size, candidacy::InputFormat::kFhir, "fuzz.fhir.json");
}
