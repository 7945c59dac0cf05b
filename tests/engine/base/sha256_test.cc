// SHA-256 against the FIPS 180-2 test vectors, whole and in pieces.
#include <catch2/catch.hpp>

#include "base/sha256.h"

TEST_CASE("sha256 matches the standard test vectors", "[sha256]") {
  using candidacy::internal::Sha256Hex;
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  candidacy::internal::Sha256 h;
  h.Update("ab");
  h.Update("c");
  CHECK(h.HexDigest() == Sha256Hex("abc"));
}
