// Naming, trusting, writing and pruning rulebook images in the user's cache.
// Tests: tests/engine/rulebook/image_test.cc, tests/cli/rulebook_cache_test.sh.
#include "rulebook/image_cache.h"

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "base/sha256.h"
#include "base/source_text.h"
#include "candidacy/limits.h"
#include "rulebook/image.h"
#include "rulebook/loader.h"

namespace candidacy::internal {
namespace {

constexpr char kSuffix[] = ".rbimage";
constexpr char kAnchor = 0;  // an object in the same file as the engine's code, for dladdr

std::string ComputeFingerprint() {
  // Where the engine's code lives: a shared library when it is one, else the program.
  std::string path;
  Dl_info info;
  if (dladdr(&kAnchor, &info) != 0 && info.dli_fname != nullptr && std::strstr(info.dli_fname, ".so") != nullptr) {
    path = info.dli_fname;
  } else {
    char exe[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);  // the link itself, as tools that run the program show it
    if (n <= 0) return "";
    path.assign(exe, static_cast<size_t>(n));
  }
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return "";
  return "format " + std::to_string(kImageFormatVersion) + "; engine " CANDIDACY_VERSION "; layout " +
         std::to_string(sizeof(void*)) + "." + std::to_string(sizeof(Node)) + "." + std::to_string(sizeof(Question)) +
         "." + std::to_string(sizeof(Rule)) + "." + std::to_string(sizeof(Model)) + "; binary " +
         std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

bool EndsWith(const std::string& s, const char* suffix) {
  const size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// The cache directory must be the user's own: an image is as trusted as
// the rulebook it stands for, so no one else may be able to plant one.
bool OwnDirectory(const std::string& dir, std::string* why) {
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) {
    *why = dir + ": " + std::strerror(errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022) != 0) {
    *why = dir + " is not a directory only its owner (this user) can write";
    return false;
  }
  return true;
}

// mkdir -p with mode 0700 for each directory it creates.
bool MakeDirectories(const std::string& dir, int depth = 0) {
  if (mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return true;
  if (errno != ENOENT || depth > 32) return false;
  const size_t slash = dir.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return false;
  return MakeDirectories(dir.substr(0, slash), depth + 1) && (mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST);
}

bool ReadImageFile(const std::string& path, std::string* out, std::string* why) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    *why = errno == ENOENT ? "none yet" : std::string(std::strerror(errno));
    return false;
  }
  struct stat st;
  bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() && (st.st_mode & 022) == 0 &&
            static_cast<size_t>(st.st_size) <= RulebookImageCache::kMaxImageBytes;
  if (!ok) *why = "not a regular file of this user's, or too large";
  if (ok) {
    out->resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (ok && done < out->size()) {
      const ssize_t n = read(fd, &(*out)[done], out->size() - done);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      done += n > 0 ? static_cast<size_t>(n) : 0;
    }
    if (!ok) *why = "cannot read it";
  }
  close(fd);
  return ok;
}

bool WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

const std::string& BuildFingerprint() {
  static const std::string fingerprint = ComputeFingerprint();
  return fingerprint;
}

RulebookImageCache::RulebookImageCache(std::string cache_directory, std::string rulebook_directory, Log log)
    : cache_dir_(std::move(cache_directory)), rulebook_dir_(std::move(rulebook_directory)), log_(std::move(log)) {
  while (cache_dir_.size() > 1 && cache_dir_.back() == '/') cache_dir_.pop_back();
}

void RulebookImageCache::Say(const std::string& message) const {
  if (log_) log_("rulebook image: " + message);
}

// The image's file name: a hash of this binary, the rulebook directory's
// real path and rulebook.yaml, which are all known before any parsing.
bool RulebookImageCache::Key() {
  if (BuildFingerprint().empty()) {
    Say("this binary's file cannot be found, so no image is used");
    return false;
  }
  char real[PATH_MAX];
  if (realpath(rulebook_dir_.c_str(), real) == nullptr) return false;  // the YAML load reports it
  if (!ReadFileCapped(rulebook_dir_ + "/rulebook.yaml", limits::kMaxRuleFileBytes, &root_text_).ok()) return false;
  Sha256 key;
  key.Update(BuildFingerprint());
  key.Update(std::string_view("\0", 1));
  key.Update(real);
  key.Update(std::string_view("\0", 1));
  key.Update(root_text_);
  image_path_ = cache_dir_ + "/" + key.HexDigest() + kSuffix;
  return true;
}

std::unique_ptr<Model> RulebookImageCache::Read(std::vector<Diagnostic>* warnings) {
  if (!Key()) return nullptr;
  std::string why, image;
  if (!OwnDirectory(cache_dir_, &why) || !ReadImageFile(image_path_, &image, &why)) {
    Say("not read from " + image_path_ + ": " + why);
    return nullptr;
  }
  ImageHeader header;
  if (!ReadImageHeader(image, &header, &why)) {
    Say("ignored " + image_path_ + ": " + why);
    return nullptr;
  }
  if (header.engine_version != CANDIDACY_VERSION || header.fingerprint != BuildFingerprint()) {
    Say("ignored " + image_path_ + ": written by another binary");
    return nullptr;
  }
  // The rulebook's files now, hashed as the loader hashes them.
  Sha256 hash;
  HashRuleFile(header.files[0], root_text_, &hash);
  std::string text;
  for (size_t i = 1; i < header.files.size(); ++i) {
    if (!ReadFileCapped(rulebook_dir_ + "/" + header.files[i], limits::kMaxRuleFileBytes, &text).ok()) {
      Say("ignored " + image_path_ + ": cannot read " + header.files[i]);
      return nullptr;
    }
    HashRuleFile(header.files[i], text, &hash);
  }
  if (hash.HexDigest() != header.sha256) {
    Say("ignored " + image_path_ + ": the rulebook's files changed");
    return nullptr;
  }
  if (!EhrFilesUnchanged(header, &why)) {
    Say("ignored " + image_path_ + ": " + why);
    return nullptr;
  }
  auto model = ReadImageBody(image, header, rulebook_dir_, warnings, &why);
  if (model == nullptr) {
    Say("ignored " + image_path_ + ": " + why);
    return nullptr;
  }
  Say("used " + image_path_);
  return model;
}

// The FHIR code mapping files now, hashed as rulebook/loader_ehr.cc hashes
// them; a rulebook that had none must still have none.
bool RulebookImageCache::EhrFilesUnchanged(const ImageHeader& header, std::string* why) const {
  const std::string root = rulebook_dir_ + "/fhir/mapping.yaml";
  if (!header.ehr_loaded) {
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) return true;
    *why = "the rulebook's FHIR mappings changed";
    return false;
  }
  Sha256 hash;
  std::string text;
  for (const auto& file : header.ehr_files) {
    if (!ReadFileCapped(rulebook_dir_ + "/" + file, limits::kMaxRuleFileBytes, &text).ok()) {
      *why = "cannot read " + file;
      return false;
    }
    HashRuleFile(file, text, &hash);
  }
  if (hash.HexDigest() == header.ehr_sha256) return true;
  *why = "the rulebook's FHIR mappings changed";
  return false;
}

void RulebookImageCache::Write(const Model& model, const std::vector<Diagnostic>& warnings) {
  if (image_path_.empty()) return;
  const std::string image = WriteImage(model, warnings, BuildFingerprint());
  std::string why;
  if (image.size() > kMaxImageBytes) {
    Say("not written: " + std::to_string(image.size()) + " bytes is over the cap");
    return;
  }
  if (!MakeDirectories(cache_dir_)) {
    Say("not written: cannot create " + cache_dir_ + ": " + std::strerror(errno));
    return;
  }
  if (!OwnDirectory(cache_dir_, &why)) {
    Say("not written: " + why);
    return;
  }
  const size_t slash = image_path_.find_last_of('/');
  std::string temp = cache_dir_ + "/." + image_path_.substr(slash + 1) + ".XXXXXX";
  const int fd = mkstemp(&temp[0]);  // mode 0600
  if (fd < 0) {
    Say("not written: cannot create a file in " + cache_dir_ + ": " + std::strerror(errno));
    return;
  }
  const bool written = WriteAll(fd, image);
  const bool closed = close(fd) == 0;
  if (!written || !closed || rename(temp.c_str(), image_path_.c_str()) != 0) {
    Say("not written to " + image_path_ + ": " + std::strerror(errno));
    unlink(temp.c_str());
    return;
  }
  Say("wrote " + image_path_ + " (" + std::to_string(image.size()) + " bytes)");
  Prune();
}

// Keeps the kMaxImages newest images, and removes temporary files that a
// writer killed mid-way left more than an hour ago.
void RulebookImageCache::Prune() const {
  DIR* dir = opendir(cache_dir_.c_str());
  if (dir == nullptr) return;
  std::vector<std::pair<std::time_t, std::string>> images;
  const std::time_t now = std::time(nullptr);
  while (const dirent* e = readdir(dir)) {
    const std::string name = e->d_name;
    const bool image = name[0] != '.' && EndsWith(name, kSuffix);
    const bool temp = name[0] == '.' && name.find(std::string(kSuffix) + ".") != std::string::npos;
    struct stat st;
    if ((!image && !temp) || stat((cache_dir_ + "/" + name).c_str(), &st) != 0) continue;
    if (image) images.emplace_back(st.st_mtime, name);
    if (temp && st.st_mtime < now - 3600) unlink((cache_dir_ + "/" + name).c_str());
  }
  closedir(dir);
  if (images.size() <= kMaxImages) return;
  std::sort(images.begin(), images.end());
  for (size_t i = 0; i + kMaxImages < images.size(); ++i) {
    unlink((cache_dir_ + "/" + images[i].second).c_str());
    Say("removed the old image " + images[i].second);
  }
}

}  // namespace candidacy::internal
