// libFuzzer target: the FHIR QuestionnaireResponse questionnaire reader (linkIds, value[x] types,
// quantities and units, nested items, then the same validation as JSON).
// Either it reads, or it fails with at least one located diagnostic. And the
// batch's fast path for FHIR (document_fhir_fast.cc) never accepts what the
// located reader refuses, warns about or reads otherwise.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int rc = candidacy::fuzz::ReadQuestionnaireInput(data, size, candidacy::InputFormat::kFhir, "fuzz.fhir.json");
  candidacy::fuzz::FastPathAgrees(candidacy::fuzz::AsText(data, size), "fuzz.fhir.json");
  return rc;
}
