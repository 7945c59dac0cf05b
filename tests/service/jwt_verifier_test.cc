// The CDS Client JWT verifier (service/jwt_verifier.cc): keys made here with
// libcrypto (RSA 2048 and EC P-384), a JWKS written from them, tokens signed
// here; a good RS384 and ES384 token verifies, and a table of bad tokens
// (claims, signatures, algorithms, framing) and bad JWKS are refused.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "jwt_verifier.h"

using candidacy::service::JwtVerifier;

namespace {

constexpr long long kNow = 1800000000;
const std::string kAud = "https://cds.example/cds-services/ketamine-candidacy";

std::string B64(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}

std::string Bn(EVP_PKEY* key, const char* name, int pad = 0) {
  BIGNUM* bn = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(key, name, &bn) == 1);
  std::string out(static_cast<size_t>(pad > 0 ? pad : BN_num_bytes(bn)), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

struct Keys {
  EVP_PKEY* rsa = EVP_RSA_gen(2048);
  EVP_PKEY* other_rsa = EVP_RSA_gen(2048);
  EVP_PKEY* ec = EVP_EC_gen("P-384");
  std::string Jwks() {
    nlohmann::json keys = nlohmann::json::array();
    keys.push_back({{"kty", "RSA"}, {"kid", "r1"}, {"n", B64(Bn(rsa, OSSL_PKEY_PARAM_RSA_N))}, {"e", B64(Bn(rsa, OSSL_PKEY_PARAM_RSA_E))}});
    keys.push_back({{"kty", "EC"}, {"kid", "e1"}, {"crv", "P-384"}, {"x", B64(Bn(ec, OSSL_PKEY_PARAM_EC_PUB_X, 48))},
                    {"y", B64(Bn(ec, OSSL_PKEY_PARAM_EC_PUB_Y, 48))}});
    keys.push_back({{"kty", "oct"}, {"k", "c2VjcmV0"}});  // skipped
    return nlohmann::json{{"keys", keys}}.dump();
  }
};

Keys& TheKeys() {
  static Keys keys;
  return keys;
}

std::string Sign(EVP_PKEY* key, const std::string& data, bool ec) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t n = 0;
  REQUIRE(EVP_DigestSignInit(ctx, nullptr, EVP_sha384(), nullptr, key) == 1);
  REQUIRE(EVP_DigestSign(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1);
  std::string sig(n, '\0');
  REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &n, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1);
  sig.resize(n);
  EVP_MD_CTX_free(ctx);
  if (!ec) return sig;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
  ECDSA_SIG* s = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
  std::string raw(96, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(s), reinterpret_cast<unsigned char*>(raw.data()), 48);
  BN_bn2binpad(ECDSA_SIG_get0_s(s), reinterpret_cast<unsigned char*>(raw.data()) + 48, 48);
  ECDSA_SIG_free(s);
  return raw;
}

nlohmann::json Claims() { return {{"iss", "https://ehr.example"}, {"aud", kAud}, {"exp", kNow + 300}, {"iat", kNow}, {"jti", "j-1"}}; }

std::string Token(const nlohmann::json& header, const nlohmann::json& claims, EVP_PKEY* key, bool ec) {
  const std::string signing = B64(header.dump()) + "." + B64(claims.dump());
  return signing + "." + B64(Sign(key, signing, ec));
}

JwtVerifier Verifier() {
  JwtVerifier v;
  std::string error;
  REQUIRE(v.LoadJwks(TheKeys().Jwks(), &error));
  REQUIRE(v.key_count() == 2);
  return v;
}

}  // namespace

TEST_CASE("JWT: good RS384 and ES384 tokens verify", "[service][jwt]") {
  const JwtVerifier v = Verifier();
  std::string why;
  CHECK(v.Verify(Token({{"alg", "RS384"}, {"kid", "r1"}}, Claims(), TheKeys().rsa, false), kAud, kNow, &why));
  CHECK(v.Verify(Token({{"alg", "ES384"}, {"kid", "e1"}}, Claims(), TheKeys().ec, true), kAud, kNow, &why));
  CHECK(v.Verify(Token({{"alg", "RS384"}}, Claims(), TheKeys().rsa, false), kAud, kNow, &why));  // no kid: any RSA key
  nlohmann::json array_aud = Claims();
  array_aud["aud"] = {"https://other.example", kAud};
  CHECK(v.Verify(Token({{"alg", "RS384"}}, array_aud, TheKeys().rsa, false), kAud, kNow, &why));
}

TEST_CASE("JWT: bad tokens are refused with a reason", "[service][jwt]") {
  const JwtVerifier v = Verifier();
  Keys& k = TheKeys();
  auto with = [](const char* key, nlohmann::json value) {
    nlohmann::json c = Claims();
    if (value.is_null()) c.erase(key);
    else c[key] = value;
    return c;
  };
  const std::string good = Token({{"alg", "RS384"}, {"kid", "r1"}}, Claims(), k.rsa, false);
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"", "no bearer token"},
      {"abc", "three parts"},
      {"a.b", "three parts"},
      {"a.b.c.d", "three parts"},
      {"!!.b.c", "base64url"},
      {B64("not json") + "." + B64("{}") + ".", "header"},
      {B64("{\"alg\":\"none\"}") + "." + B64(Claims().dump()) + ".", "alg"},
      {B64("{\"alg\":\"HS384\"}") + "." + B64(Claims().dump()) + "." + B64("x"), "alg"},
      {B64("{\"alg\":\"RS256\"}") + "." + B64(Claims().dump()) + "." + B64("x"), "alg"},
      {Token({{"alg", "RS384"}, {"kid", "nobody"}}, Claims(), k.rsa, false), "no key"},
      {Token({{"alg", "RS384"}, {"kid", "r1"}}, Claims(), k.other_rsa, false), "signature"},
      {good.substr(0, good.size() - 3) + "AAA", "signature"},
      {Token({{"alg", "ES384"}, {"kid", "e1"}}, Claims(), k.ec, false), "96 bytes"},  // DER, not JOSE's r||s
      {Token({{"alg", "RS384"}}, with("exp", kNow - 60), k.rsa, false), "expired"},
      {Token({{"alg", "RS384"}}, with("exp", nullptr), k.rsa, false), "exp"},
      {Token({{"alg", "RS384"}}, with("exp", "soon"), k.rsa, false), "exp"},
      {Token({{"alg", "RS384"}}, with("aud", "https://cds.example/"), k.rsa, false), "aud"},
      {Token({{"alg", "RS384"}}, with("aud", nullptr), k.rsa, false), "aud"},
      {Token({{"alg", "RS384"}}, with("iss", nullptr), k.rsa, false), "iss"},
      {Token({{"alg", "RS384"}}, with("iss", ""), k.rsa, false), "iss"},
      {Token({{"alg", "RS384"}}, with("jti", nullptr), k.rsa, false), "jti"},
      {std::string(20000, 'a'), "too long"},
  };
  for (const auto& [token, reason] : rows) {
    INFO(token.substr(0, 120));
    std::string why;
    CHECK_FALSE(v.Verify(token, kAud, kNow, &why));
    CHECK(why.find(reason) != std::string::npos);
  }
}

TEST_CASE("JWKS: files without a usable key are refused", "[service][jwt]") {
  for (const std::string text : {"", "[]", "{}", R"({"keys":{}})", R"({"keys":[]})", R"({"keys":[{"kty":"RSA","n":"!!","e":"AQAB"}]})",
                                 R"({"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]})"}) {
    INFO(text);
    JwtVerifier v;
    std::string error;
    CHECK_FALSE(v.LoadJwks(text, &error));
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("base64url", "[service][jwt]") {
  std::string out;
  CHECK(JwtVerifier::Base64UrlDecode("aGVsbG8", &out));
  CHECK(out == "hello");
  CHECK(JwtVerifier::Base64UrlDecode("", &out));
  CHECK(out.empty());
  CHECK_FALSE(JwtVerifier::Base64UrlDecode("aGVsbG8=", &out));
  CHECK_FALSE(JwtVerifier::Base64UrlDecode("a", &out));
  CHECK_FALSE(JwtVerifier::Base64UrlDecode("a+b/", &out));
}
