// The audit chain (candidacy/audit_chain.h): sealing puts seq and prev first
// and the hmac last, each link is the SHA-256 of the whole line (the HMAC
// itself: base/hmac_sha256_test.cc).
#include <string>

#include <catch2/catch.hpp>

#include "base/hmac_sha256.h"
#include "base/sha256.h"
#include "candidacy/audit_chain.h"

namespace candidacy::testing {
namespace {

TEST_CASE("sealing chains records by the hash of the previous line", "[audit]") {
  struct Row {
    const char* body;
    long seq;
    const char* expected;
  };
  const std::string zeros(kAuditTrailOrigin);
  const std::string h = internal::Sha256Hex("x\n");
  auto row = GENERATE_COPY(values<Row>({
      {"{\"id\":\"a\"}\n", 0, nullptr},
      {"{\"id\":\"a\"}", 4, nullptr},
      {"{}", 0, nullptr},
  }));
  AuditLink previous;
  previous.seq = row.seq;
  if (row.seq != 0) previous.sha256 = h;
  const std::string line = SealAuditRecord(row.body, previous, "");
  const std::string body = std::string(row.body).substr(1, std::string(row.body).find('}'));
  const std::string expected = "{\"seq\":" + std::to_string(row.seq + 1) + ",\"prev\":\"" + previous.sha256 + "\"" +
                               (body == "}" ? "" : ",") + body + "\n";
  CHECK(line == expected);
  AuditLink next;
  REQUIRE(AuditLinkAfter(line, &next));
  CHECK(next.seq == row.seq + 1);
  CHECK(next.sha256 == internal::Sha256Hex(line));
}

TEST_CASE("a keyed record ends with the HMAC of the line without it", "[audit]") {
  const std::string key = "0123456789abcdef";
  const std::string line = SealAuditRecord("{\"id\":\"a\"}", AuditLink(), key);
  const std::string unsigned_line = SealAuditRecord("{\"id\":\"a\"}", AuditLink(), "");
  const std::string covered = unsigned_line.substr(0, unsigned_line.size() - 1);
  CHECK(line == covered.substr(0, covered.size() - 1) + ",\"hmac\":\"" + internal::HmacSha256Hex(key, covered) + "\"}\n");
}

TEST_CASE("a start record names time, host, rulebook and the previous file", "[audit]") {
  AuditStart s{"2026-01-02T03:04:05Z", "clinic-1", "rb", "1.1.0", "abc", "", ""};
  CHECK(AuditStartBody(s) ==
        "{\"start\":{\"time\":\"2026-01-02T03:04:05Z\",\"host\":\"clinic-1\",\"rulebook\":{\"id\":\"rb\",\"version\":\"1.1.0\",\"sha256\":\"abc\"}}}");
  s.previous_file = "audit.log";
  s.previous_sha256 = "ff";
  CHECK(AuditStartBody(s) ==
        "{\"start\":{\"time\":\"2026-01-02T03:04:05Z\",\"host\":\"clinic-1\",\"rulebook\":{\"id\":\"rb\",\"version\":\"1.1.0\",\"sha256\":\"abc\"},"
        "\"previous_file\":\"audit.log\",\"previous_sha256\":\"ff\"}}");
}

TEST_CASE("a line that is not a record gives no link", "[audit]") {
  auto line = GENERATE(as<std::string>{}, "", "\n", "not json\n", "[1]\n", "{\"seq\":\"1\"}\n", "{\"id\":1}\n", "{\"seq\":1.5}\n");
  AuditLink link;
  CHECK_FALSE(AuditLinkAfter(line, &link));
}

}  // namespace
}  // namespace candidacy::testing
