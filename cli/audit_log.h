// The --audit file: records appended with one write(2) each on a descriptor
// opened with O_APPEND, so records from many processes at once never
// interleave or overwrite each other. Tested by tests/cli/audit_test.sh.
#pragma once

#include <string>

namespace candidacy::cli {

class AuditLog {
 public:
  AuditLog() = default;
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Opens (creating, mode 0640) for appending; false with a message on failure.
  bool Open(const std::string& path, std::string* error);
  bool is_open() const { return fd_ >= 0; }
  // Appends one record (a whole line) in a single write; false on failure.
  bool Append(const std::string& record, std::string* error);

  // The current time, UTC, as YYYY-MM-DDTHH:MM:SSZ.
  static std::string UtcNow();

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace candidacy::cli
