// Name-based UUIDs (version 5) through OpenSSL's SHA-1. Test: tests/engine/base/uuid_v5_test.cc.
//
// The low-level SHA1_* calls, as sha256.cc does and for the same reason: EVP
// would bring OpenSSL's provider machinery into the binary (linked statically:
// ~300 KB of pointer tables to relocate at every start) and its set-up into
// the first call.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "base/uuid_v5.h"

#include <openssl/sha.h>

namespace candidacy::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool ParseUuid(std::string_view text, Uuid* out) {
  if (text.size() != 36) return false;
  Uuid parsed{};
  size_t byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
      ++i;
      continue;
    }
    const int hi = HexValue(text[i]);
    const int lo = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
    if (hi < 0 || lo < 0 || byte >= parsed.size()) return false;
    parsed[byte++] = static_cast<std::uint8_t>(hi << 4 | lo);
    i += 2;
  }
  if (byte != parsed.size()) return false;
  *out = parsed;
  return true;
}

std::string FormatUuid(const Uuid& uuid) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[uuid[i] >> 4];
    out += kHex[uuid[i] & 0xF];
  }
  return out;
}

Uuid NameBasedUuidV5(const Uuid& name_space, std::string_view name) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA_CTX ctx;
  SHA1_Init(&ctx);
  SHA1_Update(&ctx, name_space.data(), name_space.size());
  SHA1_Update(&ctx, name.data(), name.size());
  SHA1_Final(digest, &ctx);
  Uuid out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = digest[i];
  out[6] = static_cast<std::uint8_t>((out[6] & 0x0F) | 0x50);  // version 5
  out[8] = static_cast<std::uint8_t>((out[8] & 0x3F) | 0x80);  // RFC 4122 variant
  return out;
}

}  // namespace candidacy::internal
