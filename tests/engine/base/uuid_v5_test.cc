// Name-based UUIDs (base/uuid_v5.h): version-5 UUIDs against the RFC 4122 and
// Python vectors, and the malformed texts ParseUuid refuses.
#include <catch2/catch.hpp>

#include "base/uuid_v5.h"

TEST_CASE("version-5 UUIDs match the published vectors", "[cds-hooks]") {
  candidacy::internal::Uuid dns{};
  REQUIRE(candidacy::internal::ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", &dns));  // RFC 4122 NameSpace_DNS
  CHECK(candidacy::internal::FormatUuid(candidacy::internal::NameBasedUuidV5(dns, "python.org")) ==
        "886313e1-3b8a-5372-9b90-0c9aee199e5d");  // Python's uuid.uuid5(NAMESPACE_DNS, "python.org")
  candidacy::internal::Uuid url{};
  REQUIRE(candidacy::internal::ParseUuid("6BA7B811-9DAD-11D1-80B4-00C04FD430C8", &url));  // NameSpace_URL, upper case
  // Candidacy's card namespace is itself uuid5(NAMESPACE_URL, "urn:candidacy:cds-hooks:card").
  CHECK(candidacy::internal::FormatUuid(candidacy::internal::NameBasedUuidV5(url, "urn:candidacy:cds-hooks:card")) ==
        "9fa262b8-bade-5652-a32e-2c3c69df3de5");
}

TEST_CASE("malformed UUID texts are refused", "[cds-hooks]") {
  const char* bad = GENERATE("", "886313e1-3b8a-5372-9b90-0c9aee199e5", "886313e1-3b8a-5372-9b90-0c9aee199e5d0",
                             "886313e13b8a-5372-9b90-0c9aee199e5d-", "886313e1-3b8a-5372-9b90-0c9aee199e5g",
                             "886313e1+3b8a-5372-9b90-0c9aee199e5d", "{886313e1-3b8a-5372-9b90-0c9aee199e}");
  candidacy::internal::Uuid out{};
  out[0] = 0x42;
  CAPTURE(bad);
  CHECK_FALSE(candidacy::internal::ParseUuid(bad, &out));
  CHECK(out[0] == 0x42);  // untouched
}
