// Verifying an audit trail (`candidacy audit verify`, docs/audit.md): every
// line a whole record with its keys, the sequence, the hash chain within each
// file and across rotated files given in order, and the HMAC when a key is
// given. Reports the first broken place. Implemented in
// engine/src/audit/audit_verify.cc; tested by tests/engine/audit/audit_verify_test.cc and
// tests/cli/audit_chain_test.sh.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace candidacy {

// What was found, worst first within a file; the first problem decides.
enum class AuditVerdictCode {
  kIntact,      // every record present, in order, unchanged (as far as the chain and the key can tell)
  kBroken,      // a record was changed, removed, reordered, inserted or forged
  kTornTail,    // the last line of the last file is incomplete: a write cut short by a crash
  kUnreadable,  // a file could not be read
};

// One file of the trail, in order (FILE, FILE.1, FILE.2, ...).
struct AuditFile {
  std::string name;   // as given, for messages
  std::string bytes;  // the whole file
  bool readable = true;
  std::string read_error;  // when not readable
};

struct AuditFileCount {
  std::string name;
  long records = 0;
};

struct AuditVerdict {
  AuditVerdictCode code = AuditVerdictCode::kIntact;
  std::string file;     // where the first problem is (empty when intact)
  long line = 0;        // 1-based; 0 for a problem with the whole file
  std::string message;  // what is wrong, e.g. "sequence jumps from 4 to 6"
  // The files verified whole before the problem (all of them when intact),
  // with their record counts; a torn file counts its whole records.
  std::vector<AuditFileCount> counts;
  // The first file given continues a file not given (its start names it).
  std::string continues_from;
};

// Verifies `files` as one trail. With a non-empty `key`, every record must
// carry a valid hmac. Records after a torn tail's last whole one are not
// counted; a torn line anywhere but at the end of the last file is kBroken.
AuditVerdict VerifyAuditTrail(const std::vector<AuditFile>& files, std::string_view key);

}  // namespace candidacy
