// SHA-256 through OpenSSL's SHA256_* functions. Test: tests/engine/base/sha256_test.cc.
//
// Not EVP: in OpenSSL 3 the first EVP_DigestInit_ex loads the configuration
// and fetches the digest from a provider, about 6 million instructions, more
// than hashing a whole rulebook; the low-level calls, deprecated in 3.0 but
// kept, go straight to the same assembly (SHA-NI, AVX2) without that setup.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "base/sha256.h"

#include <openssl/sha.h>

namespace candidacy::internal {

Sha256::Sha256() : ctx_(new SHA256_CTX) { SHA256_Init(static_cast<SHA256_CTX*>(ctx_)); }

Sha256::~Sha256() { delete static_cast<SHA256_CTX*>(ctx_); }

void Sha256::Update(std::string_view data) { SHA256_Update(static_cast<SHA256_CTX*>(ctx_), data.data(), data.size()); }

std::string Sha256::HexDigest() {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, static_cast<SHA256_CTX*>(ctx_));
  return LowerHex(digest, sizeof digest);
}

std::string LowerHex(const unsigned char* bytes, std::size_t size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0xF];
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  Sha256 h;
  h.Update(data);
  return h.HexDigest();
}

}  // namespace candidacy::internal
