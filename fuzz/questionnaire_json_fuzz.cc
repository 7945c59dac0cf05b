// libFuzzer target: the JSON questionnaire reader (document limits, duplicate keys, UTF-8, validation against the
// shipped rulebook's questions).
// Either it reads, or it fails with at least one located diagnostic.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return candidacy::fuzz::ReadQuestionnaireInput(data, size, candidacy::InputFormat::kJson, "fuzz.json");
}
