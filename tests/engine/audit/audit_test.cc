// Audit records (candidacy/audit.h, audit/audit.cc): the exact line for a
// result (keys in order, one line), the input's SHA-256 and never any free
// text of the screening; Sha256Hex against the standard vectors.
#include <string>

#include <catch2/catch.hpp>

#include "candidacy/audit.h"
#include "candidacy/result.h"

namespace candidacy::testing {
namespace {

TEST_CASE("audit: a record is one line of the result's ids, hashes and outcome", "[audit]") {
  ScreeningResult r;
  r.questionnaire_id = "q-\"1\"";
  r.outcome = Outcome::kNeedsReview;
  r.score = 5;
  r.rulebook.id = "mini";
  r.rulebook.version = "0.1.0";
  r.rulebook.sha256 = std::string(64, 'a');
  Flag f;
  f.id = "RV-01";
  f.message = "BP 150/92 mmHg (free text)";
  f.action = "recheck";
  r.flags.push_back(f);
  f.id = "IX-04";
  r.flags.push_back(f);
  r.unrecognized_medications = {"Zorblaxine 1 mg"};
  const std::string line = AuditRecord(r, "abc", "2026-11-23T10:00:00Z");
  CHECK(line == "{\"time\":\"2026-11-23T10:00:00Z\",\"id\":\"q-\\\"1\\\"\",\"input_sha256\":"
                "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"rulebook\":{\"id\":\"mini\","
                "\"version\":\"0.1.0\",\"sha256\":\"" + std::string(64, 'a') +
                    "\"},\"outcome\":\"needs_review\",\"score\":5,\"flags\":[\"RV-01\",\"IX-04\"]}\n");
  CHECK(line.find("free text") == std::string::npos);
  CHECK(line.find("Zorblaxine") == std::string::npos);

  ScreeningResult empty;
  empty.outcome = Outcome::kEligible;
  CHECK(AuditRecord(empty, "", "t").find("\"outcome\":\"eligible\",\"score\":0,\"flags\":[]}\n") != std::string::npos);
  // Invalid UTF-8 in the id is replaced, never thrown on.
  empty.questionnaire_id = "bad\xff";
  CHECK(AuditRecord(empty, "", "t").find("\"id\":\"bad\xEF\xBF\xBD\"") != std::string::npos);
}

TEST_CASE("audit: Sha256Hex of the standard vectors", "[audit]") {
  auto [data, hex] = GENERATE(table<std::string, std::string>({
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
  }));
  CHECK(Sha256Hex(data) == hex);
}

}  // namespace
}  // namespace candidacy::testing
