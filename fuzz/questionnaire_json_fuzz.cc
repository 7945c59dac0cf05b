// libFuzzer target: the JSON questionnaire reader (document limits, duplicate keys, UTF-8, validation against the
// shipped rulebook's questions).
// Either it reads, or it fails with at least one located diagnostic. And the
// batch's fast path (simdjson) never accepts what the located reader refuses
// or reads otherwise: accepted there => the same answers, no error, no warning here
// (for a FHIR resource, read by the located FHIR reader).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int rc = candidacy::fuzz::ReadQuestionnaireInput(data, size, candidacy::InputFormat::kJson, "fuzz.json");
  candidacy::fuzz::FastPathAgrees(candidacy::fuzz::AsText(data, size), "fuzz.json");
  return rc;
}
