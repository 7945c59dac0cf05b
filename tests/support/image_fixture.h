// What the compiled-image tests share (tests/engine/rulebook/image_test.cc,
// image_reader_test.cc): decoding an image whole, and the shipped rulebook's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rulebook/image.h"
#include "model_dump.h"

namespace candidacy::testing {

// Header and body; null with *why when refused.
inline std::unique_ptr<internal::Model> DecodeImage(const std::string& image, const std::string& dir, std::string* why,
                                                    std::vector<Diagnostic>* warnings = nullptr) {
  std::vector<Diagnostic> local;
  internal::ImageHeader header;
  if (!internal::ReadImageHeader(image, &header, why)) return nullptr;
  return internal::ReadImageBody(image, header, dir, warnings != nullptr ? warnings : &local, why);
}

// The shipped rulebook's image, written once.
inline const std::string& ShippedImage() {
  static const std::string image = internal::WriteImage(*LoadYaml(ShippedDir()), {}, "test fingerprint");
  return image;
}

}  // namespace candidacy::testing
