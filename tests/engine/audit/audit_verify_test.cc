// The audit verifier (candidacy/audit_verify.h) on a trail of two rotated
// files, whole and with each kind of damage: the verdict, the place and the words.
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/audit.h"
#include "candidacy/audit_chain.h"
#include "candidacy/audit_verify.h"

namespace candidacy::testing {
namespace {

constexpr const char* kKey = "a key of sixteen bytes or more";

std::string Screening(int n) {
  return "{\"time\":\"2026-01-01T00:00:00Z\",\"id\":\"q" + std::to_string(n) +
         "\",\"input_sha256\":\"00\",\"rulebook\":{\"id\":\"rb\",\"version\":\"1\",\"sha256\":\"ab\"},\"outcome\":\"eligible\",\"score\":0,\"flags\":[]}";
}

// A file: a start record (chained to `previous` when it has a seq) and `records` screenings.
std::string File(int records, AuditLink* link, const std::string& key, const std::string& previous_file) {
  AuditStart s{"2026-01-01T00:00:00Z", "host", "rb", "1", "ab", previous_file, previous_file.empty() ? "" : link->sha256};
  AuditLink at = previous_file.empty() ? AuditLink() : AuditLink{0, link->sha256};
  std::string out;
  std::string line = SealAuditRecord(AuditStartBody(s), at, key);
  out += line;
  AuditLinkAfter(line, &at);
  for (int i = 0; i < records; ++i) {
    line = SealAuditRecord(Screening(i), at, key);
    out += line;
    AuditLinkAfter(line, &at);
  }
  *link = at;
  return out;
}

std::vector<std::string> Lines(const std::string& bytes) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string::npos) nl = bytes.size() - 1;
    lines.push_back(bytes.substr(pos, nl + 1 - pos));
    pos = nl + 1;
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

struct Trail {
  std::vector<AuditFile> files;
};

Trail Good(const std::string& key) {
  AuditLink link;
  Trail t;
  t.files.push_back({"a.log", File(4, &link, key, ""), true, ""});
  t.files.push_back({"a.log.1", File(3, &link, key, "a.log"), true, ""});
  return t;
}

TEST_CASE("an intact trail verifies, with and without the key", "[audit]") {
  for (const std::string key : {"", kKey}) {
    const AuditVerdict v = VerifyAuditTrail(Good(key).files, key);
    CHECK(v.code == AuditVerdictCode::kIntact);
    REQUIRE(v.counts.size() == 2);
    CHECK(v.counts[0].records == 5);
    CHECK(v.counts[1].records == 4);
  }
  // A rotated file alone continues one not given.
  const AuditVerdict v = VerifyAuditTrail({Good("").files[1]}, "");
  CHECK(v.code == AuditVerdictCode::kIntact);
  CHECK(v.continues_from == "a.log");
}

TEST_CASE("damage is found at its place, with its words", "[audit]") {
  struct Row {
    const char* what;
    bool keyed;
    std::function<void(Trail*)> damage;
    AuditVerdictCode code;
    const char* file;
    long line;
    const char* message;
  };
  auto edit = [](int file, std::function<void(std::vector<std::string>*)> f) {
    return [file, f](Trail* t) {
      auto lines = Lines(t->files[file].bytes);
      f(&lines);
      t->files[file].bytes = Join(lines);
    };
  };
  auto replace = [](std::string* s, const std::string& from, const std::string& to) { s->replace(s->find(from), from.size(), to); };
  const std::vector<Row> rows = {
      {"a deleted line", false, edit(0, [](auto* l) { l->erase(l->begin() + 2); }), AuditVerdictCode::kBroken, "a.log", 3,
       "sequence jumps from 2 to 4"},
      {"an edited field", false, edit(0, [&](auto* l) { replace(&(*l)[1], "eligible", "ineligible"); }), AuditVerdictCode::kBroken,
       "a.log", 3, "record 3's prev does not match record 2"},
      {"an edited field, keyed", true, edit(0, [&](auto* l) { replace(&(*l)[1], "eligible", "ineligible"); }),
       AuditVerdictCode::kBroken, "a.log", 2, "record 2's hmac does not match: forged, or edited without the key"},
      {"two lines swapped", false, edit(0, [](auto* l) { std::swap((*l)[2], (*l)[3]); }), AuditVerdictCode::kBroken, "a.log", 3,
       "sequence jumps from 2 to 4"},
      {"a torn last line", false, [](Trail* t) { t->files[1].bytes.resize(t->files[1].bytes.size() - 20); },
       AuditVerdictCode::kTornTail, "a.log.1", 4, "torn last line (a crash while writing?): "},
      {"a torn line in a file before the last", false, [](Trail* t) { t->files[0].bytes.pop_back(); }, AuditVerdictCode::kBroken,
       "a.log", 5, "torn line (no newline) at the end of a.log, which is not the last file"},
      {"not JSON", false, edit(0, [](auto* l) { (*l)[4] = "{\"seq\":5,\n"; }), AuditVerdictCode::kBroken, "a.log", 5,
       "not a JSON object (an edit?)"},
      {"an empty line", false, edit(0, [](auto* l) { (*l)[4] = "\n"; }), AuditVerdictCode::kBroken, "a.log", 5, "empty line"},
      {"a key missing", false, edit(0, [&](auto* l) { replace(&(*l)[4], "\"outcome\":\"eligible\",", ""); }),
       AuditVerdictCode::kBroken, "a.log", 5, "record 5 has no valid \"outcome\""},
      {"the first record not a start", false, edit(0, [](auto* l) { l->erase(l->begin()); }), AuditVerdictCode::kBroken, "a.log",
       1, "the first record is not a start record"},
      {"a start in the middle", false, edit(0, [](auto* l) { (*l)[2] = (*l)[0]; }), AuditVerdictCode::kBroken, "a.log", 3,
       "record 3 is a start record in the middle of a file"},
      {"a file given twice, the first left out", false, [](Trail* t) { t->files.erase(t->files.begin()); t->files.push_back(t->files[0]); },
       AuditVerdictCode::kBroken, "a.log.1", 1, "the start record names a.log as the previous file, not a.log.1"},
      {"files out of order", false, [](Trail* t) { std::swap(t->files[0], t->files[1]); }, AuditVerdictCode::kBroken, "a.log", 1,
       "the start record names none as the previous file, not a.log.1"},
      {"the last record of the first file removed", false, edit(0, [](auto* l) { l->pop_back(); }), AuditVerdictCode::kBroken,
       "a.log.1", 1, "the start record's prev does not match the last record of a.log"},
      {"a forged line appended, keyed", true,
       [](Trail* t) {
         AuditLink link;
         AuditLinkAfter(Lines(t->files[1].bytes).back(), &link);
         t->files[1].bytes += SealAuditRecord(Screening(9), link, "");
       },
       AuditVerdictCode::kBroken, "a.log.1", 5, "record 5 has no hmac (verify --key expects every record signed)"},
      {"a line forged with another key", true,
       [](Trail* t) {
         AuditLink link;
         AuditLinkAfter(Lines(t->files[1].bytes).back(), &link);
         t->files[1].bytes += SealAuditRecord(Screening(9), link, "another key of sixteen bytes");
       },
       AuditVerdictCode::kBroken, "a.log.1", 5, "record 5's hmac does not match: forged, or edited without the key"},
      {"the trail origin changed", false, edit(0, [&](auto* l) { replace(&(*l)[0], "\"prev\":\"0", "\"prev\":\"1"); }),
       AuditVerdictCode::kBroken, "a.log", 1,
       "the start record's prev is not the origin of a trail, and it names no previous file"},
      {"an empty file", false, [](Trail* t) { t->files[1].bytes.clear(); }, AuditVerdictCode::kTornTail, "a.log.1", 0,
       "the file is empty: no start record"},
      {"an unreadable file", false, [](Trail* t) { t->files[1] = {"a.log.1", "", false, "cannot read: No such file or directory"}; },
       AuditVerdictCode::kUnreadable, "a.log.1", 0, "cannot read: No such file or directory"},
  };
  for (const auto& row : rows) {
    SECTION(row.what) {
      const std::string key = row.keyed ? kKey : "";
      Trail t = Good(key);
      row.damage(&t);
      const AuditVerdict v = VerifyAuditTrail(t.files, key);
      INFO(v.message);
      CHECK(v.code == row.code);
      CHECK(v.file == row.file);
      CHECK(v.line == row.line);
      CHECK(v.message.rfind(row.message, 0) == 0);
    }
  }
}

}  // namespace
}  // namespace candidacy::testing

namespace candidacy::testing {

// candidacy serve's records (docs/service.md): a screening with its
// hook_instance and CDS Hooks feedback records verify in the chain; a
// feedback record without its card or outcome does not.
TEST_CASE("the service's hook and feedback records verify", "[audit]") {
  AuditFeedback accepted{"card-1", "accepted", "2026-01-01T00:00:00Z", "", ""};
  AuditFeedback overridden{"card-2", "overridden", "2026-01-01T00:00:00Z", "declined", "https://example.org/reasons"};
  CHECK(AuditFeedbackRecord(accepted, "2026-01-01T00:00:00Z") ==
        "{\"time\":\"2026-01-01T00:00:00Z\",\"feedback\":{\"card\":\"card-1\",\"outcome\":\"accepted\",\"outcome_timestamp\":\"2026-01-01T00:00:00Z\"}}\n");
  const std::string with_reason = AuditFeedbackRecord(overridden, "2026-01-01T00:00:00Z");
  CHECK(with_reason.find("\"override_reason\":{\"code\":\"declined\",\"system\":\"https://example.org/reasons\"}") != std::string::npos);
  ScreeningResult result;
  result.questionnaire_id = "q";
  const std::string hook = AuditRecord(result, "{}", "2026-01-01T00:00:00Z", "hook-1");
  CHECK(hook.find(",\"hook_instance\":\"hook-1\"}\n") != std::string::npos);
  CHECK(AuditRecord(result, "{}", "2026-01-01T00:00:00Z").find("hook_instance") == std::string::npos);

  for (const auto& [extra, intact] : std::vector<std::pair<std::string, bool>>{
           {AuditFeedbackRecord(accepted, "2026-01-01T00:00:00Z"), true},
           {with_reason, true},
           {hook, true},
           {"{\"time\":\"2026-01-01T00:00:00Z\",\"feedback\":{\"outcome\":\"accepted\"}}", false},
           {"{\"time\":\"2026-01-01T00:00:00Z\",\"feedback\":{\"card\":\"c\"}}", false},
           {"{\"feedback\":{\"card\":\"c\",\"outcome\":\"accepted\"}}", false},
           {"{\"time\":\"2026-01-01T00:00:00Z\",\"feedback\":\"accepted\"}", false},
       }) {
    INFO(extra);
    AuditLink link;
    std::string bytes = File(1, &link, "", "");
    bytes += SealAuditRecord(extra, link, "");
    const AuditVerdict v = VerifyAuditTrail({{"a.log", bytes, true, ""}}, "");
    CHECK((v.code == AuditVerdictCode::kIntact) == intact);
  }
}

}  // namespace candidacy::testing
