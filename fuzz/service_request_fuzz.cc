// libFuzzer target: the service's request handling (service/), URL, headers
// and body. The input's first byte picks a service with or without JWT
// checks; the rest is one raw HTTP/1.1 request, parsed by Boost.Beast's
// request parser with the server's caps (as service/server.cc reads it) and
// handed to Service::Handle. Checks: Handle never throws, every status is a
// known one, and every JSON answer is well-formed JSON.
#include <cctype>
#include <cstdlib>
#include <memory>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "candidacy/limits.h"
#include "fuzz_support.h"
#include "service.h"

namespace {

namespace http = boost::beast::http;
using candidacy::service::Service;

std::string B64(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) out.push_back(kAlphabet[(buffer >> (bits -= 6)) & 63]);
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}

// A JWKS of one RSA key made at start-up: tokens in the corpus never verify,
// so this drives the framing, JSON and claim checks before the signature.
candidacy::service::JwtVerifier* Verifier() {
  static candidacy::service::JwtVerifier* v = [] {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    BIGNUM *n = nullptr, *e = nullptr;
    if (key == nullptr || EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) != 1 || EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e) != 1)
      std::abort();
    auto bytes = [](BIGNUM* bn) {
      std::string s(static_cast<size_t>(BN_num_bytes(bn)), '\0');
      BN_bn2bin(bn, reinterpret_cast<unsigned char*>(s.data()));
      return s;
    };
    const std::string jwks = nlohmann::json{{"keys", {{{"kty", "RSA"}, {"kid", "k"}, {"n", B64(bytes(n))}, {"e", B64(bytes(e))}}}}}.dump();
    BN_free(n);
    BN_free(e);
    EVP_PKEY_free(key);
    auto* made = new candidacy::service::JwtVerifier();
    std::string error;
    if (!made->LoadJwks(jwks, &error)) std::abort();
    return made;
  }();
  return v;
}

Service& TheService(bool jwt) {
  static std::shared_ptr<const candidacy::Rulebook> rulebook(&candidacy::fuzz::ShippedRulebook(), [](const candidacy::Rulebook*) {});
  static Service open(rulebook, nullptr, nullptr, "");
  static Service guarded(rulebook, nullptr, Verifier(), "https://cds.example");
  return jwt ? guarded : open;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const bool jwt = (data[0] & 1) != 0;
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(4 * candidacy::limits::kMaxDocumentBytes);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data + 1, size - 1), ec);
  if (ec == http::error::need_more) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  const auto& req = parser.get();
  candidacy::service::HttpRequest request;
  request.method = std::string(req.method_string());
  request.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = req.body();
  const candidacy::service::HttpResponse response = TheService(jwt).Handle(request);
  static const int kKnown[] = {200, 204, 400, 401, 404, 405, 413, 415, 422, 500, 503};
  bool known = false;
  for (int k : kKnown) known = known || k == response.status;
  if (!known || response.status == 500) std::abort();  // 500 is a bug: Handle caught an exception
  if (response.content_type == "application/json" && !nlohmann::json::accept(response.body)) std::abort();
  return 0;
}
