// Interview files. Test: tests/cli/interview_test.sh.
#include "interview_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "candidacy/limits.h"
#include "exit_codes.h"

namespace candidacy::cli {

int ReadInterviewFile(const std::string& path, std::string* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "candidacy: %s: cannot open: %s\n", path.c_str(), std::strerror(errno));
    return kExitIo;
  }
  out->clear();
  char buffer[1 << 16];
  size_t n;
  bool too_large = false;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    out->append(buffer, n);
    if (out->size() > limits::kMaxDocumentBytes) {
      too_large = true;
      break;
    }
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) {
    std::fprintf(stderr, "candidacy: %s: read error\n", path.c_str());
    return kExitIo;
  }
  if (too_large) {
    std::fprintf(stderr, "%s: error: the document is larger than the limit of %zu bytes [too-large]\n", path.c_str(),
                 limits::kMaxDocumentBytes);
    return kExitQuestionnaireInvalid;
  }
  return kExitOk;
}

bool SaveAtomically(const std::string& path, const std::string& text, std::string* error) {
  const std::string temp = path + ".tmp";
  FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    *error = "cannot create " + temp + ": " + std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0 &&
                       ::fsync(::fileno(f)) == 0;
  const int write_errno = errno;
  if (std::fclose(f) != 0 || !written) {
    *error = "cannot write " + temp + ": " + std::strerror(written ? errno : write_errno);
    std::remove(temp.c_str());
    return false;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    *error = "cannot rename " + temp + " to " + path + ": " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

std::string DefaultInterviewFileName(const std::string& id) {
  std::string name;
  for (unsigned char c : id.substr(0, 100)) {
    const bool safe = std::isalnum(c) || c == '.' || c == '_' || c == '-';
    name += safe ? static_cast<char>(c) : '_';
  }
  if (!name.empty() && (name[0] == '.' || name[0] == '-')) name[0] = '_';
  return name + ".yaml";
}

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace candidacy::cli
