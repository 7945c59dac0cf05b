// JWT verification with libcrypto (OpenSSL 3). Test: tests/service/jwt_verifier_test.cc.
#include "jwt_verifier.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <nlohmann/json.hpp>

namespace candidacy::service {

struct JwtVerifier::Key {
  std::string kid;
  std::string kty;  // "RSA" or "EC"
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

constexpr long long kClockSkewSeconds = 30;
constexpr size_t kMaxTokenBytes = 16 * 1024;

EVP_PKEY* FromParams(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* pkey = nullptr;
  if (params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1)
    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return pkey;
}

EVP_PKEY* RsaKey(const std::string& n, const std::string& e) {
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  EVP_PKEY* pkey = nullptr;
  if (bn_n != nullptr && bn_e != nullptr && bld != nullptr && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1)
    pkey = FromParams("RSA", bld);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return pkey;
}

EVP_PKEY* Ec384Key(const std::string& x, const std::string& y) {
  if (x.size() != 48 || y.size() != 48) return nullptr;
  const std::string point = std::string(1, '\x04') + x + y;
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  EVP_PKEY* pkey = nullptr;
  if (bld != nullptr && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "P-384", 0) == 1 &&
      OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1)
    pkey = FromParams("EC", bld);
  OSSL_PARAM_BLD_free(bld);
  return pkey;
}

// JOSE's ES384 signature (r || s, 48 bytes each) as the DER ECDSA-Sig-Value libcrypto verifies.
bool EcdsaDer(const std::string& raw, std::string* der) {
  if (raw.size() != 96) return false;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 48, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 48, 48, nullptr);
  if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return false;
  }
  unsigned char* out = nullptr;
  const int n = i2d_ECDSA_SIG(sig, &out);
  ECDSA_SIG_free(sig);
  if (n <= 0) return false;
  der->assign(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  OPENSSL_free(out);
  return true;
}

bool VerifySha384(EVP_PKEY* pkey, std::string_view data, const std::string& signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha384(), nullptr, pkey) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

bool StringMember(const nlohmann::json& j, const char* key, std::string* out) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

}  // namespace

JwtVerifier::JwtVerifier() = default;
JwtVerifier::~JwtVerifier() = default;
JwtVerifier::JwtVerifier(JwtVerifier&&) noexcept = default;
JwtVerifier& JwtVerifier::operator=(JwtVerifier&&) noexcept = default;
size_t JwtVerifier::key_count() const { return keys_.size(); }

bool JwtVerifier::Base64UrlDecode(std::string_view in, std::string* out) {
  out->clear();
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return false;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return bits < 6;  // one leftover character (6 bits) cannot end a base64 text
}

bool JwtVerifier::LoadJwks(std::string_view text, std::string* error) {
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("keys") || !j["keys"].is_array()) {
    *error = "the JWKS is not a JSON object with a \"keys\" array";
    return false;
  }
  for (const auto& k : j["keys"]) {
    if (!k.is_object()) continue;
    auto key = std::make_unique<Key>();
    StringMember(k, "kid", &key->kid);
    StringMember(k, "kty", &key->kty);
    std::string a, b, crv;
    if (key->kty == "RSA") {
      std::string n64, e64;
      if (!StringMember(k, "n", &n64) || !StringMember(k, "e", &e64) || !Base64UrlDecode(n64, &a) || !Base64UrlDecode(e64, &b)) continue;
      key->pkey = RsaKey(a, b);
    } else if (key->kty == "EC") {
      std::string x64, y64;
      if (!StringMember(k, "crv", &crv) || crv != "P-384" || !StringMember(k, "x", &x64) || !StringMember(k, "y", &y64) ||
          !Base64UrlDecode(x64, &a) || !Base64UrlDecode(y64, &b))
        continue;
      key->pkey = Ec384Key(a, b);
    }
    if (key->pkey != nullptr) keys_.push_back(std::move(key));
  }
  if (keys_.empty()) {
    *error = "the JWKS holds no usable RSA or EC P-384 key";
    return false;
  }
  return true;
}

bool JwtVerifier::Verify(std::string_view token, std::string_view audience, long long now, std::string* why) const {
  auto fail = [why](const char* reason) {
    *why = reason;
    return false;
  };
  if (token.empty()) return fail("no bearer token");
  if (token.size() > kMaxTokenBytes) return fail("the token is too long");
  const size_t dot1 = token.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return fail("the token is not a compact JWS (three parts)");
  std::string header_text, claims_text, signature;
  if (!Base64UrlDecode(token.substr(0, dot1), &header_text) || !Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1), &claims_text) ||
      !Base64UrlDecode(token.substr(dot2 + 1), &signature))
    return fail("the token is not base64url");
  const nlohmann::json header = nlohmann::json::parse(header_text, nullptr, false);
  const nlohmann::json claims = nlohmann::json::parse(claims_text, nullptr, false);
  if (header.is_discarded() || !header.is_object()) return fail("the token's header is not a JSON object");
  if (claims.is_discarded() || !claims.is_object()) return fail("the token's claims are not a JSON object");
  std::string alg, kid;
  if (!StringMember(header, "alg", &alg) || (alg != "RS384" && alg != "ES384")) return fail("the token's alg is not RS384 or ES384");
  const bool has_kid = StringMember(header, "kid", &kid);
  const std::string kty = alg == "RS384" ? "RSA" : "EC";
  std::string der;
  if (kty == "EC" && !EcdsaDer(signature, &der)) return fail("the ES384 signature is not 96 bytes");
  const std::string& sig = kty == "EC" ? der : signature;
  const std::string_view signed_part = token.substr(0, dot2);
  bool verified = false, candidate = false;
  for (const auto& key : keys_) {
    if (key->kty != kty || (has_kid && key->kid != kid)) continue;
    candidate = true;
    if (VerifySha384(key->pkey, signed_part, sig)) {
      verified = true;
      break;
    }
  }
  if (!candidate) return fail("no key of the JWKS matches the token's kid and alg");
  if (!verified) return fail("the token's signature does not verify");
  std::string iss, jti;
  if (!StringMember(claims, "iss", &iss) || iss.empty()) return fail("the token has no iss");
  if (!StringMember(claims, "jti", &jti) || jti.empty()) return fail("the token has no jti");
  const auto aud = claims.find("aud");
  bool aud_ok = false;
  if (aud != claims.end() && aud->is_string()) aud_ok = aud->get<std::string>() == audience;
  if (aud != claims.end() && aud->is_array())
    for (const auto& a : *aud) aud_ok = aud_ok || (a.is_string() && a.get<std::string>() == audience);
  if (!aud_ok) return fail("the token's aud is not this service's URL");
  const auto exp = claims.find("exp");
  if (exp == claims.end() || !exp->is_number()) return fail("the token has no exp");
  if (exp->get<double>() + static_cast<double>(kClockSkewSeconds) <= static_cast<double>(now)) return fail("the token has expired");
  return true;
}

}  // namespace candidacy::service
