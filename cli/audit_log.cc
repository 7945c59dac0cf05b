// Append-only audit file. Test: tests/cli/audit_test.sh.
#include "audit_log.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace candidacy::cli {

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

bool AuditLog::Open(const std::string& path, std::string* error) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd_ < 0) {
    *error = path + ": cannot open for appending: " + std::strerror(errno);
    return false;
  }
  path_ = path;
  return true;
}

bool AuditLog::Append(const std::string& record, std::string* error) {
  // One write per record: with O_APPEND the kernel places it at the end
  // atomically with respect to other appends to the same file.
  ssize_t n;
  do {
    n = ::write(fd_, record.data(), record.size());
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(record.size())) {
    *error = path_ + ": cannot append the audit record: " + (n < 0 ? std::strerror(errno) : "short write");
    return false;
  }
  return true;
}

std::string AuditLog::UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace candidacy::cli
