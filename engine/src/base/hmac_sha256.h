// HMAC-SHA256 through OpenSSL's EVP_MAC, as lower-case hex (the audit
// trail's keyed mode, docs/audit.md). Tested by tests/engine/base/hmac_sha256_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace candidacy::internal {

// HMAC-SHA256 of `data` under `key`; empty on an OpenSSL failure (never expected).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

}  // namespace candidacy::internal
