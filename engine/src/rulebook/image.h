// The compiled rulebook image: a checked Model as bytes, so that the next
// load of the same rulebook by the same binary skips the YAML
// (docs/rulebook-cache.md). All integers little-endian; a string is a u32
// length then its bytes; a list is a u32 count then its items.
//
//   magic "CNDYRBI\n" | u32 format version | u64 checksum of every byte
//   after it (ImageChecksum, rulebook/image_bytes.h)
//   header: engine version, build fingerprint, rulebook SHA-256, the files'
//           relative paths in hash order (rulebook.yaml first); whether the
//           rulebook has FHIR code mappings, their SHA-256 and their files
//           (fhir/mapping.yaml first)
//   body:   the load's warnings, metadata, bands, sources, questions,
//           derived values, lexicon (classes, drugs, names), rules, and
//           when there are mappings the FHIR settings, observation codes,
//           condition value sets and medication codes
//
// An expression is its text and its tree in pre-order, each node with its
// child count. Resolved types and indices are not stored: the type checker
// runs again on load, which fills them as the loader did and refuses a tree
// the parser could not have produced. A rule's conditions are pre-order node
// indices; a location names its file by its index in the header's list, so
// the image serves the same rulebook under any spelling of its directory.
// Test: tests/engine/rulebook/image_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "candidacy/status.h"
#include "rulebook/model.h"

namespace candidacy::internal {

inline constexpr std::uint32_t kImageFormatVersion = 5;  // 5: the FHIR mapping's allergies

struct ImageHeader {
  std::uint32_t format_version = 0;
  std::string engine_version;
  std::string fingerprint;          // of the binary that wrote it (rulebook/image_cache.h)
  std::string sha256;               // Model::sha256
  std::vector<std::string> files;   // Model::files
  bool ehr_loaded = false;          // EhrMapping::loaded, sha256 and files
  std::string ehr_sha256;
  std::vector<std::string> ehr_files;
  std::size_t body_offset = 0;      // where ReadImageBody starts
};

// The image of `model`, as loaded from YAML (model.files set), with the
// warnings that load gave and the fingerprint of this binary.
std::string WriteImage(const Model& model, const std::vector<Diagnostic>& warnings, const std::string& fingerprint);

// Checks the magic, the format version and the checksum, then reads the
// header. On any fault returns false and says why in *why.
bool ReadImageHeader(std::string_view image, ImageHeader* header, std::string* why);

// Reads the body of an image whose header was accepted and whose files were
// found unchanged: locations are rebuilt under `directory`, every expression
// is type-checked again, every index is checked, the lexicon is compiled.
// Appends the stored warnings to *warnings. Null, with *why, on any fault.
std::unique_ptr<Model> ReadImageBody(std::string_view image, const ImageHeader& header, const std::string& directory,
                                     std::vector<Diagnostic>* warnings, std::string* why);

}  // namespace candidacy::internal
