// The CDS Client's bearer JWT (CDS Hooks 2.0, "Trusting CDS Clients"):
// signature RS384 or ES384 against a key of a JWKS file, and the claims iss
// (present), aud (the service URL called), exp (not passed), jti (present).
// Verified with OpenSSL's libcrypto; the JOSE framing (base64url, JSON) here.
// Stateless: jti is required but not remembered (replicas share nothing;
// docs/service.md). Tested by tests/service/jwt_verifier_test.cc.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace candidacy::service {

class JwtVerifier {
 public:
  JwtVerifier();
  ~JwtVerifier();
  JwtVerifier(JwtVerifier&&) noexcept;
  JwtVerifier& operator=(JwtVerifier&&) noexcept;

  // Reads a JWKS ({"keys":[...]}) of RSA keys (n, e) and EC P-384 keys
  // (crv, x, y). False with a message when the text is not one, or holds no
  // usable key; keys of other types or curves are skipped.
  bool LoadJwks(std::string_view jwks_text, std::string* error);
  size_t key_count() const;

  // True when `token` (the compact JWS, without "Bearer ") is signed by one
  // of the keys (its kid when the header names one) with RS384 or ES384,
  // and its claims hold iss, jti, an aud equal to (or an array holding)
  // `audience`, and an exp after `now_seconds` (less 30 s of clock skew).
  // Otherwise false with the reason (no token contents) in *why.
  bool Verify(std::string_view token, std::string_view audience, long long now_seconds, std::string* why) const;

  // base64url without padding, decoded; false on a character outside the alphabet.
  static bool Base64UrlDecode(std::string_view in, std::string* out);

 private:
  struct Key;
  std::vector<std::unique_ptr<Key>> keys_;
};

}  // namespace candidacy::service
