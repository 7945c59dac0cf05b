// HMAC-SHA256 with OpenSSL 3's EVP_MAC. Test: tests/engine/base/hmac_sha256_test.cc.
#include "base/hmac_sha256.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "base/sha256.h"

namespace candidacy::internal {
namespace {

// Fetched once: a fetch walks the provider tables (sha256.cc says what that costs).
EVP_MAC* HmacAlgorithm() {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  EVP_MAC* mac = HmacAlgorithm();
  if (mac == nullptr) return {};
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  if (ctx == nullptr) return {};
  char digest_name[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0), OSSL_PARAM_construct_end()};
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t out_len = 0;
  const bool ok = EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(), params) == 1 &&
                  EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1 &&
                  EVP_MAC_final(ctx, out, &out_len, sizeof out) == 1;
  EVP_MAC_CTX_free(ctx);
  if (!ok) return {};
  return LowerHex(out, out_len);
}

}  // namespace candidacy::internal
