// SHA-256 through OpenSSL (its low-level calls; sha256.cc says why), as lower-case hex.
// Tested by tests/engine/base/sha256_test.cc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace candidacy::internal {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string HexDigest();  // finishes; call once

 private:
  void* ctx_;  // SHA256_CTX
};

std::string Sha256Hex(std::string_view data);

// `size` bytes as lower-case hex (a digest as every result and record shows it).
std::string LowerHex(const unsigned char* bytes, std::size_t size);

}  // namespace candidacy::internal
