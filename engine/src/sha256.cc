// SHA-256 through OpenSSL's SHA256_* functions. Test: tests/sha256_test.cc.
//
// Not EVP: in OpenSSL 3 the first EVP_DigestInit_ex loads the configuration
// and fetches the digest from a provider, about 6 million instructions, more
// than hashing a whole rulebook; the low-level calls, deprecated in 3.0 but
// kept, go straight to the same assembly (SHA-NI, AVX2) without that setup.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "sha256.h"

#include <openssl/sha.h>

namespace candidacy::internal {

Sha256::Sha256() : ctx_(new SHA256_CTX) { SHA256_Init(static_cast<SHA256_CTX*>(ctx_)); }

Sha256::~Sha256() { delete static_cast<SHA256_CTX*>(ctx_); }

void Sha256::Update(std::string_view data) { SHA256_Update(static_cast<SHA256_CTX*>(ctx_), data.data(), data.size()); }

std::string Sha256::HexDigest() {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, static_cast<SHA256_CTX*>(ctx_));
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  Sha256 h;
  h.Update(data);
  return h.HexDigest();
}

}  // namespace candidacy::internal
