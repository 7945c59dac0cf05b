// HMAC-SHA256 (base/hmac_sha256.h) against the test vectors of RFC 4231.
#include <string>

#include <catch2/catch.hpp>

#include "base/hmac_sha256.h"

namespace candidacy::testing {
namespace {

TEST_CASE("HMAC-SHA256 matches RFC 4231", "[audit]") {
  CHECK(internal::HmacSha256Hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(internal::HmacSha256Hex(std::string(20, '\x0b'), "Hi There") ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST_CASE("HMAC-SHA256: RFC 4231 test cases 3, 4, 6 and 7", "[hmac]") {
  std::string counting;  // 0x01 .. 0x19
  for (int i = 1; i <= 25; ++i) counting += static_cast<char>(i);
  auto [key, data, mac] = GENERATE_COPY(table<std::string, std::string, std::string>({
      {std::string(20, '\xaa'), std::string(50, '\xdd'), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {counting, std::string(50, '\xcd'), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {std::string(131, '\xaa'),
       "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be "
       "hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
      {"", "", "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"},  // empty key and data (Python's hmac)
  }));
  CAPTURE(data.size());
  CHECK(internal::HmacSha256Hex(key, data) == mac);
}

}  // namespace
}  // namespace candidacy::testing
