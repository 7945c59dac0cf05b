// The --audit trail (docs/audit.md): records chained by hash, appended under
// an exclusive flock on the file, each with one write(2), and fsync'd per
// record (or per batch). Under the lock the last record is read back, so
// processes and threads sharing a trail interleave whole records and the
// chain stays valid. With max_bytes, FILE is followed by FILE.1, FILE.2, ...
// Tested by tests/cli/audit_test.sh and tests/cli/audit_chain_test.sh.
#pragma once

#include <mutex>
#include <string>

#include "candidacy/audit_chain.h"

namespace candidacy::cli {

enum class AuditSync {
  kRecord,  // fsync after every record (the default)
  kBatch,   // fsync every kAuditBatchSyncRecords records and at Close
};
inline constexpr long kAuditBatchSyncRecords = 1000;

struct AuditLogOptions {
  std::string path;
  std::string key;  // HMAC key (the key file's bytes); empty: no hmac
  AuditSync sync = AuditSync::kRecord;
  long long max_bytes = 0;  // rotate before a file would grow past this; 0: never
  // The rulebook named by each file's start record.
  std::string rulebook_id, rulebook_version, rulebook_sha256;
};

class AuditLog {
 public:
  AuditLog() = default;
  ~AuditLog();  // syncs what is pending (errors ignored: call Close to see them)
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Opens the trail's newest file (creating FILE, mode 0640); false with a message on failure.
  bool Open(const AuditLogOptions& options, std::string* error);
  bool is_open() const { return fd_ >= 0; }
  // Chains and appends one record (`body`: an AuditRecord), after a start
  // record when the file is new. Safe from many threads. False on failure,
  // and then nothing of the record stays in the file.
  bool Append(const std::string& body, std::string* error);
  // fsyncs what batch mode has pending; false on failure.
  bool Close(std::string* error);

  // The current time, UTC, as YYYY-MM-DDTHH:MM:SSZ.
  static std::string UtcNow();
  // The name of the trail's file number `index`: FILE, then FILE.1, FILE.2, ...
  static std::string FileName(const std::string& path, int index);

 private:
  bool OpenIndex(int index, std::string* error);
  bool LastLink(AuditLink* link, std::string* error);
  bool Rotate(const AuditLink& last, std::string* error);
  bool WriteLine(const std::string& line, std::string* error);
  bool Sync(std::string* error);
  std::string StartBody(const std::string& previous_file, const std::string& previous_sha256) const;

  std::mutex mu_;  // one append at a time in this process (flock does not exclude threads sharing the descriptor)
  AuditLogOptions o_;
  int fd_ = -1;
  int index_ = 0;       // which file of the trail fd_ is
  std::string name_;    // its name
  long long known_end_ = -1;  // the file's size after our last write, and the link it ended with
  AuditLink known_link_;
  long pending_ = 0;    // records written since the last fsync
};

// Reads an HMAC key file: its bytes without trailing newlines, at least 16.
bool ReadAuditKey(const std::string& path, std::string* key, std::string* error);

}  // namespace candidacy::cli
