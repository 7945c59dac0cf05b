// The user's cache of compiled rulebook images (docs/rulebook-cache.md):
// which file holds the image of a rulebook directory, when an image is
// trusted, and writing one so that no reader ever sees half of it.
// Tests: tests/engine/rulebook/image_test.cc, tests/cli/rulebook_cache_test.sh.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "candidacy/status.h"
#include "rulebook/model.h"

namespace candidacy::internal {

struct ImageHeader;

// This binary's identity: image format, engine version, the sizes of the
// model's types, and the device, inode, size and modification time of the
// file that holds the engine's code. An image records the fingerprint of the
// binary that wrote it and no other binary reads it. Empty when that file
// cannot be found; then no image is read or written.
const std::string& BuildFingerprint();

// Images in `cache_directory` for the rulebook in `rulebook_directory`. The
// image's file is named by a hash of the fingerprint, the directory's real
// path and rulebook.yaml's bytes, so each binary and each rulebook directory
// has its own; Read then checks every file the image lists against the
// rulebook's SHA-256 it records. Nothing here fails loudly: every problem
// means "parse the YAML", and is told to `log` (may be empty) in one line
// that names files, never answers.
class RulebookImageCache {
 public:
  using Log = std::function<void(const std::string&)>;
  RulebookImageCache(std::string cache_directory, std::string rulebook_directory, Log log);

  // The model, when the cache holds an image of exactly the rulebook's
  // current files written by this binary; appends the warnings its load gave.
  // Null otherwise. Call once, before Write.
  std::unique_ptr<Model> Read(std::vector<Diagnostic>* warnings);

  // Stores the image of `model`, just loaded from YAML with `warnings`:
  // creates the cache directory (0700) when missing, writes a temporary file
  // and renames it, keeps at most kMaxImages images.
  void Write(const Model& model, const std::vector<Diagnostic>& warnings);

  static constexpr std::size_t kMaxImages = 32;
  static constexpr std::size_t kMaxImageBytes = 64 << 20;

 private:
  bool Key();
  bool EhrFilesUnchanged(const ImageHeader& header, std::string* why) const;
  void Say(const std::string& message) const;
  void Prune() const;

  std::string cache_dir_, rulebook_dir_;
  Log log_;
  std::string root_text_;   // rulebook.yaml as read by Key()
  std::string image_path_;  // empty: no image can be named
};

}  // namespace candidacy::internal
