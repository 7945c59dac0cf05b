// The compiled rulebook image (rulebook/image.h): the shipped rulebook reads
// back to the very model its YAML gives (every field, by
// tests/support/model_dump.h), warnings included. Broken images:
// image_reader_test.cc; the primitives: image_bytes_test.cc; the cache
// around it: image_cache_test.cc.
#include <catch2/catch.hpp>

#include <functional>

#include "image_fixture.h"
#include "model_dump.h"
#include "rulebook/image.h"
#include "rulebook/image_bytes.h"
#include "rulebook/image_layout.h"
#include "rulebook/loader.h"
#include "test_support.h"

using namespace candidacy;
using namespace candidacy::internal;
using candidacy::testing::DecodeImage;
using candidacy::testing::DumpModel;
using candidacy::testing::LoadYaml;
using candidacy::testing::ShippedDir;
using candidacy::testing::ShippedImage;

// ---- round trip -------------------------------------------------------------

TEST_CASE("an image of the shipped rulebook reads back to the model its YAML gives", "[image]") {
  auto yaml = LoadYaml(ShippedDir());
  const std::string image = WriteImage(*yaml, {}, "fp");
  ImageHeader header;
  std::string why;
  REQUIRE(ReadImageHeader(image, &header, &why));
  CHECK(header.format_version == kImageFormatVersion);
  CHECK(header.engine_version == CANDIDACY_VERSION);
  CHECK(header.fingerprint == "fp");
  CHECK(header.sha256 == yaml->sha256);
  CHECK(header.files == yaml->files);
  CHECK(header.files.front() == "rulebook.yaml");
  std::vector<Diagnostic> warnings;
  auto read = ReadImageBody(image, header, ShippedDir(), &warnings, &why);
  INFO(why);
  REQUIRE(read != nullptr);
  CHECK(warnings.empty());
  CHECK(DumpModel(*read) == DumpModel(*yaml));
  // The compiled lexicon matches as the loaded one does.
  for (const auto& n : yaml->lexicon.names()) {
    if (n.is_pattern) continue;
    const std::string entry = n.text + " 10 mg";
    CHECK(read->lexicon.Match(entry).drugs == yaml->lexicon.Match(entry).drugs);
    CHECK(read->lexicon.Match(entry).classes == yaml->lexicon.Match(entry).classes);
  }
  // Writing the read model gives the same bytes.
  CHECK(WriteImage(*read, {}, "fp") == image);
}

TEST_CASE("an image serves its rulebook under another spelling of the directory", "[image]") {
  const std::string other = ShippedDir() + "/.";
  std::string why;
  auto read = DecodeImage(ShippedImage(), other, &why);
  INFO(why);
  REQUIRE(read != nullptr);
  auto yaml = LoadYaml(other);
  CHECK(DumpModel(*read) == DumpModel(*yaml));
}

TEST_CASE("an image keeps the warnings of the load that wrote it", "[image]") {
  const std::string rules =
      "questions:\n"
      "  - {id: age, type: integer, prompt: \"Age?\"}\n"
      "  - {id: unused, type: boolean, prompt: \"Never read?\"}\n"
      "rules:\n"
      "  - {id: R1, title: T, severity: info, when: age > 1, message: m, action: a, sources: [S]}\n";
  candidacy::testing::TempRulebook rb({{"rulebook.yaml", candidacy::testing::MiniRoot()}, {"main.yaml", rules}});
  std::vector<Diagnostic> diagnostics;
  auto yaml = LoadYaml(rb.dir(), &diagnostics);
  REQUIRE(diagnostics.size() == 2);  // the unused question and the uncited source L
  const std::string image = WriteImage(*yaml, diagnostics, "fp");
  std::string why;
  std::vector<Diagnostic> warnings;
  auto read = DecodeImage(image, rb.dir(), &why, &warnings);
  INFO(why);
  REQUIRE(read != nullptr);
  std::string expected, actual;
  for (const auto& d : diagnostics) expected += FormatDiagnostic(d);
  for (const auto& d : warnings) actual += FormatDiagnostic(d);
  CHECK(actual == expected);
  CHECK(DumpModel(*read) == DumpModel(*yaml));
}
