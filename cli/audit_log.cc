// The chained, locked, fsync'd audit trail. Test: tests/cli/audit_chain_test.sh.
#include "audit_log.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace candidacy::cli {
namespace {

std::string Errno() { return std::strerror(errno); }

// Holds an exclusive flock on a descriptor until destroyed.
class FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {
    int rc;
    do rc = ::flock(fd_, LOCK_EX);
    while (rc != 0 && errno == EINTR);
    ok_ = rc == 0;
  }
  ~FileLock() { if (ok_) ::flock(fd_, LOCK_UN); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  bool ok() const { return ok_; }

 private:
  int fd_;
  bool ok_;
};

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

bool WriteAll(int fd, const std::string& data) {
  ssize_t n;
  do n = ::write(fd, data.data(), data.size());
  while (n < 0 && errno == EINTR);
  if (n >= 0 && n != static_cast<ssize_t>(data.size())) errno = ENOSPC;
  return n == static_cast<ssize_t>(data.size());
}

std::string HostName() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) return "unknown";
  return host;
}

std::string BaseName(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

AuditLog::~AuditLog() {
  if (fd_ < 0) return;
  std::string ignored;
  Sync(&ignored);
  ::close(fd_);
}

std::string AuditLog::FileName(const std::string& path, int index) {
  return index == 0 ? path : path + "." + std::to_string(index);
}

bool AuditLog::Open(const AuditLogOptions& options, std::string* error) {
  o_ = options;
  int index = 0;  // the newest file: the trail goes on there
  while (Exists(FileName(o_.path, index + 1))) ++index;
  return OpenIndex(index, error);
}

bool AuditLog::OpenIndex(int index, std::string* error) {
  const std::string name = FileName(o_.path, index);
  const int fd = ::open(name.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    *error = name + ": cannot open for appending: " + Errno();
    return false;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  index_ = index;
  name_ = name;
  known_end_ = -1;
  return true;
}

// Under the lock: the link the file's last whole record gives. A torn last
// line (a write cut short by a crash) is cut off first: its screening was
// never delivered, and the chain goes on from the record before it.
bool AuditLog::LastLink(AuditLink* link, std::string* error) {
  struct stat st;
  if (::fstat(fd_, &st) != 0) {
    *error = name_ + ": cannot read the audit trail: " + Errno();
    return false;
  }
  const long long size = S_ISREG(st.st_mode) ? st.st_size : 0;
  if (size == known_end_) {  // nobody wrote since we did
    *link = known_link_;
    return true;
  }
  *link = AuditLink();
  if (size == 0) return true;
  // Read backwards until the tail holds the last record's start.
  std::string tail;
  long long from = size;
  std::size_t last_nl = std::string::npos;
  for (;;) {
    const long long step = std::min<long long>(from, 64 * 1024);
    from -= step;
    std::string block(static_cast<std::size_t>(step), '\0');
    if (::pread(fd_, block.data(), block.size(), from) != static_cast<ssize_t>(block.size())) {
      *error = name_ + ": cannot read the audit trail's last record: " + Errno();
      return false;
    }
    tail = block + tail;
    if (last_nl == std::string::npos) last_nl = tail.rfind('\n');
    else last_nl += block.size();
    const std::size_t before = last_nl == std::string::npos || last_nl == 0 ? std::string::npos : tail.rfind('\n', last_nl - 1);
    if (before != std::string::npos || from == 0) break;
  }
  const long long whole_end = last_nl == std::string::npos ? from : from + static_cast<long long>(last_nl) + 1;
  if (whole_end != size) {
    if (::ftruncate(fd_, whole_end) != 0) {
      *error = name_ + ": cannot cut off the torn last line: " + Errno();
      return false;
    }
    std::fprintf(stderr, "candidacy: %s: cut off a torn last line of %lld bytes (a write cut short by a crash)\n",
                 name_.c_str(), size - whole_end);
  }
  if (last_nl == std::string::npos) return true;  // only a torn line: the file starts again
  const std::size_t before = last_nl == 0 ? std::string::npos : tail.rfind('\n', last_nl - 1);
  const std::size_t begin = before == std::string::npos ? 0 : before + 1;
  if (!AuditLinkAfter(std::string_view(tail).substr(begin, last_nl + 1 - begin), link)) {
    *error = name_ + ": the last line is not an audit record; refusing to continue its chain (see candidacy audit verify)";
    return false;
  }
  return true;
}

std::string AuditLog::StartBody(const std::string& previous_file, const std::string& previous_sha256) const {
  AuditStart s;
  s.time = UtcNow();
  s.host = HostName();
  s.rulebook_id = o_.rulebook_id;
  s.rulebook_version = o_.rulebook_version;
  s.rulebook_sha256 = o_.rulebook_sha256;
  s.previous_file = previous_file;
  s.previous_sha256 = previous_sha256;
  return AuditStartBody(s);
}

// Under the lock of the current file: creates the next one, whole with its
// start record (written to a temporary name, then linked into place, so no
// process ever sees it empty), and moves to it (not yet locked).
bool AuditLog::Rotate(const AuditLink& last, std::string* error) {
  const std::string next = FileName(o_.path, index_ + 1);
  const std::string temp = next + ".new." + std::to_string(::getpid());
  const std::string start = SealAuditRecord(StartBody(BaseName(name_), last.sha256), AuditLink{0, last.sha256}, o_.key);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) {
    *error = temp + ": cannot create the next audit file: " + Errno();
    return false;
  }
  const bool written = WriteAll(fd, start) && ::fsync(fd) == 0;
  const std::string why = Errno();
  ::close(fd);
  if (!written || ::link(temp.c_str(), next.c_str()) != 0) {
    *error = next + ": cannot start the next audit file: " + (written ? Errno() : why);
    ::unlink(temp.c_str());
    return false;
  }
  ::unlink(temp.c_str());
  const std::string dir = o_.path.rfind('/') == std::string::npos ? "." : o_.path.substr(0, o_.path.rfind('/') + 1);
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);  // the new name survives a crash
    ::close(dfd);
  }
  return OpenIndex(index_ + 1, error);
}

bool AuditLog::WriteLine(const std::string& line, std::string* error) {
  struct stat st;
  const bool regular = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  if (!WriteAll(fd_, line)) {
    *error = name_ + ": cannot append the audit record: " + Errno();
    if (regular) (void)!::ftruncate(fd_, st.st_size);  // no torn line of ours stays
    known_end_ = -1;
    return false;
  }
  ++pending_;
  if (o_.sync == AuditSync::kRecord || pending_ >= kAuditBatchSyncRecords) return Sync(error);
  return true;
}

bool AuditLog::Sync(std::string* error) {
  if (pending_ == 0) return true;
  pending_ = 0;
  if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) {  // EINVAL: a device that cannot sync (/dev/null)
    *error = name_ + ": cannot fsync the audit trail: " + Errno();
    return false;
  }
  return true;
}

bool AuditLog::Append(const std::string& body, std::string* error) {
  std::lock_guard<std::mutex> in_process(mu_);
  for (;;) {
    FileLock lock(fd_);
    if (!lock.ok()) {
      *error = name_ + ": cannot lock the audit trail: " + Errno();
      return false;
    }
    // Another process may have rotated while we waited: follow the trail.
    if (Exists(FileName(o_.path, index_ + 1))) {
      std::string sync_error;
      if (!Sync(&sync_error)) {
        *error = sync_error;
        return false;
      }
      if (!OpenIndex(index_ + 1, error)) return false;
      continue;
    }
    AuditLink link;
    if (!LastLink(&link, error)) return false;
    if (link.seq == 0) {  // a new trail: its start record first
      const std::string start = SealAuditRecord(StartBody("", ""), link, o_.key);
      if (!WriteLine(start, error)) return false;
      AuditLinkAfter(start, &link);
    }
    const std::string line = SealAuditRecord(body, link, o_.key);
    if (o_.max_bytes > 0 && link.seq > 1) {
      struct stat st;
      if (::fstat(fd_, &st) == 0 && st.st_size + static_cast<long long>(line.size()) > o_.max_bytes) {
        if (!Sync(error) || !Rotate(link, error)) return false;
        continue;  // on the new file, under its own lock, from its last record
      }
    }
    if (!WriteLine(line, error)) return false;
    struct stat st;
    known_end_ = ::fstat(fd_, &st) == 0 ? st.st_size : -1;
    AuditLinkAfter(line, &known_link_);
    return true;
  }
}

bool AuditLog::Close(std::string* error) { return fd_ < 0 || Sync(error); }

std::string AuditLog::UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

bool ReadAuditKey(const std::string& path, std::string* key, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read the audit key: " + Errno();
    return false;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  *key = bytes.str();
  while (!key->empty() && (key->back() == '\n' || key->back() == '\r')) key->pop_back();
  if (key->size() < 16) {
    *error = path + ": the audit key must hold at least 16 bytes";
    return false;
  }
  return true;
}

}  // namespace candidacy::cli
