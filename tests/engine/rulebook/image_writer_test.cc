// Writing a rulebook image (rulebook/image_writer.cc): the same model gives
// the same bytes; the magic first, then a header that names what wrote it;
// the fingerprint and the warnings are in the image, the directory is not.
#include <string>

#include <catch2/catch.hpp>

#include "model_dump.h"
#include "rulebook/image.h"
#include "rulebook/image_layout.h"
#include "rulebook/loader.h"

using namespace candidacy;
using namespace candidacy::internal;
using candidacy::testing::LoadYaml;
using candidacy::testing::ShippedDir;

TEST_CASE("image writer: same model, same bytes; the header says what wrote it", "[image]") {
  auto yaml = LoadYaml(ShippedDir());
  const std::string image = WriteImage(*yaml, {}, "fp-1");
  CHECK(WriteImage(*LoadYaml(ShippedDir()), {}, "fp-1") == image);
  REQUIRE(image.size() > kImagePrefixBytes);
  CHECK(image.compare(0, sizeof kImageMagic, std::string(kImageMagic, sizeof kImageMagic)) == 0);
  CHECK(image.find(ShippedDir()) == std::string::npos);  // locations are relative to the directory

  const std::string other = WriteImage(*yaml, {}, "fp-2");
  CHECK(other != image);
  CHECK(other.size() == image.size());
  ImageHeader header;
  std::string why;
  REQUIRE(ReadImageHeader(other, &header, &why));
  CHECK(header.fingerprint == "fp-2");
  CHECK(header.sha256 == yaml->sha256);

  Diagnostic warning;
  warning.severity = DiagnosticSeverity::kWarning;
  warning.code = DiagnosticCode::kUnused;
  warning.location = {ShippedDir() + "/rulebook.yaml", 1, 1};
  warning.message = "a warning kept in the image";
  const std::string warned = WriteImage(*yaml, {warning}, "fp-1");
  CHECK(warned.size() > image.size());
  CHECK(warned.find("a warning kept in the image") != std::string::npos);
}
