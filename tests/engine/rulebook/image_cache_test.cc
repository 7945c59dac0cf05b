// The rulebook image cache: a load writes an image and the next one serves
// the same rulebook from it; any edit to any file misses; a damaged, foreign
// or mislabelled image is ignored and written again; a cache anyone else can
// write is not used; places that cannot be written are skipped silently; the
// newest images are kept. The format itself: tests/engine/rulebook/image_test.cc.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <filesystem>
#include <fstream>

#include "candidacy/rulebook.h"
#include "model_dump.h"
#include "rulebook/image.h"
#include "rulebook/image_cache.h"
#include "rulebook/loader.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

using namespace candidacy;
using namespace candidacy::internal;
using candidacy::testing::DumpModel;
using candidacy::testing::LoadYaml;
using candidacy::testing::ShippedDir;
using candidacy::testing::TempDir;

namespace {

// Copies the shipped rulebook into `dir`.
void CopyShipped(const std::string& dir) {
  std::filesystem::copy(ShippedDir(), dir, std::filesystem::copy_options::recursive);
}

// Loads through the cache; returns the log lines joined.
struct CachedLoad {
  Status status;
  std::shared_ptr<const Rulebook> rulebook;
  std::vector<Diagnostic> diagnostics;
  std::string log;
};
CachedLoad LoadCached(const std::string& dir, const std::string& cache) {
  CachedLoad r;
  LoadOptions options;
  options.cache_directory = cache;
  options.log = [&r](const std::string& line) { r.log += line + "\n"; };
  r.status = Rulebook::Load(dir, options, &r.rulebook, &r.diagnostics);
  return r;
}

std::vector<std::string> ImagesIn(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".rbimage") out.push_back(e.path().string());
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void Spit(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

}  // namespace

TEST_CASE("the cache writes an image, then serves it, the same rulebook either way", "[image][cache]") {
  TempDir cache;
  auto cold = LoadCached(ShippedDir(), cache.path() + "/sub/dir");
  REQUIRE(cold.status.ok());
  CHECK_THAT(cold.log, Catch::Contains("wrote"));
  const auto images = ImagesIn(cache.path() + "/sub/dir");
  REQUIRE(images.size() == 1);
  struct stat st;
  REQUIRE(stat((cache.path() + "/sub/dir").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(stat(images[0].c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  auto warm = LoadCached(ShippedDir(), cache.path() + "/sub/dir");
  REQUIRE(warm.status.ok());
  CHECK_THAT(warm.log, Catch::Contains("used"));
  CHECK(DumpModel(candidacy::internal::ModelOf(*warm.rulebook)) == DumpModel(candidacy::internal::ModelOf(*cold.rulebook)));
  CHECK(warm.rulebook->sha256() == cold.rulebook->sha256());
  CHECK(warm.rulebook->directory() == ShippedDir());

  // A trailing slash names the same directory, and the same image.
  auto slash = LoadCached(ShippedDir() + "/", cache.path() + "/sub/dir");
  CHECK_THAT(slash.log, Catch::Contains("used"));
  CHECK(DumpModel(candidacy::internal::ModelOf(*slash.rulebook)) == DumpModel(candidacy::internal::ModelOf(*cold.rulebook)));
}

TEST_CASE("the cache misses when any file of the rulebook changes", "[image][cache]") {
  TempDir cache, book;
  const std::string dir = book.path() + "/rb";
  CopyShipped(dir);
  REQUIRE(LoadCached(dir, cache.path()).status.ok());
  REQUIRE(ImagesIn(cache.path()).size() == 1);
  const std::string path = dir + "/rules/logistics.yaml";
  Spit(path, Slurp(path) + "\n# an edit\n");
  auto edited = LoadCached(dir, cache.path());
  REQUIRE(edited.status.ok());
  CHECK_THAT(edited.log, Catch::Contains("the rulebook's files changed"));
  CHECK_THAT(edited.log, Catch::Contains("wrote"));
  CHECK(edited.rulebook->sha256() == LoadYaml(dir)->sha256);
  CHECK_THAT(LoadCached(dir, cache.path()).log, Catch::Contains("used"));
  // An edit to rulebook.yaml names another image.
  Spit(dir + "/rulebook.yaml", Slurp(dir + "/rulebook.yaml") + "\n");
  CHECK_THAT(LoadCached(dir, cache.path()).log, Catch::Contains("none yet"));
  CHECK(ImagesIn(cache.path()).size() == 2);
  // A file gone: the YAML load reports it, as without a cache.
  std::filesystem::remove(path);
  auto gone = LoadCached(dir, cache.path());
  CHECK_FALSE(gone.status.ok());
  CHECK_THAT(gone.log, Catch::Contains("cannot read rules/logistics.yaml"));
}

TEST_CASE("the image holds the FHIR code mappings and misses when they change", "[image][cache]") {
  TempDir cache, book;
  const std::string dir = book.path() + "/rb";
  CopyShipped(dir);
  auto cold = LoadCached(dir, cache.path());
  REQUIRE(cold.status.ok());
  auto warm = LoadCached(dir, cache.path());
  CHECK_THAT(warm.log, Catch::Contains("used"));
  const auto& ehr = candidacy::internal::ModelOf(*warm.rulebook).ehr;
  CHECK(ehr.loaded);
  CHECK_FALSE(ehr.medications.empty());
  CHECK(DumpModel(candidacy::internal::ModelOf(*warm.rulebook)) == DumpModel(candidacy::internal::ModelOf(*cold.rulebook)));

  // An edit to an included mapping file: read again from the YAML.
  const std::string codes = dir + "/fhir/conditions.yaml";
  Spit(codes, Slurp(codes) + "\n# an edit\n");
  auto edited = LoadCached(dir, cache.path());
  REQUIRE(edited.status.ok());
  CHECK_THAT(edited.log, Catch::Contains("the rulebook's FHIR mappings changed"));
  CHECK_THAT(LoadCached(dir, cache.path()).log, Catch::Contains("used"));

  // The mappings gone: the image that had them is not used.
  std::filesystem::rename(dir + "/fhir", dir + "/fhir.off");
  auto gone = LoadCached(dir, cache.path());
  REQUIRE(gone.status.ok());
  CHECK_THAT(gone.log, Catch::Contains("cannot read fhir/mapping.yaml"));
  CHECK_FALSE(candidacy::internal::ModelOf(*gone.rulebook).ehr.loaded);
  // ... and back: the image without them is not used either.
  CHECK_THAT(LoadCached(dir, cache.path()).log, Catch::Contains("used"));
  std::filesystem::rename(dir + "/fhir.off", dir + "/fhir");
  auto back = LoadCached(dir, cache.path());
  CHECK_THAT(back.log, Catch::Contains("the rulebook's FHIR mappings changed"));
  CHECK(candidacy::internal::ModelOf(*back.rulebook).ehr.loaded);

  // A mapping file that cannot be read: the YAML load reports it, as without a cache.
  std::filesystem::remove(codes);
  auto unreadable = LoadCached(dir, cache.path());
  CHECK_FALSE(unreadable.status.ok());
  CHECK_THAT(unreadable.log, Catch::Contains("cannot read fhir/conditions.yaml"));
}

TEST_CASE("a damaged or foreign image is ignored and written again", "[image][cache]") {
  TempDir cache;
  auto cold = LoadCached(ShippedDir(), cache.path());
  const std::string image = ImagesIn(cache.path()).at(0);
  const std::string good = Slurp(image);
  struct Case {
    const char* name;
    std::string bytes;
    const char* why;
  };
  const std::vector<Case> cases = {
      {"empty", "", "not a rulebook image"},
      {"truncated", good.substr(0, good.size() / 2), "checksum does not match"},
      {"a flipped byte", good.substr(0, 100) + static_cast<char>(good[100] ^ 0x20) + good.substr(101), "checksum does not match"},
      {"another binary's", WriteImage(*LoadYaml(ShippedDir()), {}, "another binary"), "written by another binary"},
      {"another rulebook's hash", [] {
         auto model = LoadYaml(ShippedDir());
         model->sha256 = std::string(64, '0');
         return WriteImage(*model, {}, BuildFingerprint());
       }(), "the rulebook's files changed"},
      {"a file list of another rulebook", [] {
         auto model = LoadYaml(ShippedDir());
         model->files.pop_back();
         return WriteImage(*model, {}, BuildFingerprint());
       }(), "the rulebook's files changed"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      Spit(image, c.bytes);
      chmod(image.c_str(), 0600);
      auto load = LoadCached(ShippedDir(), cache.path());
      REQUIRE(load.status.ok());
      CHECK_THAT(load.log, Catch::Contains(c.why));
      CHECK_THAT(load.log, Catch::Contains("wrote"));
      CHECK(DumpModel(candidacy::internal::ModelOf(*load.rulebook)) == DumpModel(candidacy::internal::ModelOf(*cold.rulebook)));
      CHECK(Slurp(image) == good);
    }
  }
}

TEST_CASE("the cache is used only where only its user can write", "[image][cache]") {
  TempDir cache;
  SECTION("a group-writable cache directory is neither read nor written") {
    REQUIRE(chmod(cache.path().c_str(), 0770) == 0);
    auto load = LoadCached(ShippedDir(), cache.path());
    REQUIRE(load.status.ok());
    CHECK_THAT(load.log, Catch::Contains("not a directory only its owner"));
    CHECK(ImagesIn(cache.path()).empty());
  }
  SECTION("a group-writable image is not read") {
    REQUIRE(LoadCached(ShippedDir(), cache.path()).status.ok());
    REQUIRE(chmod(ImagesIn(cache.path()).at(0).c_str(), 0664) == 0);
    CHECK_THAT(LoadCached(ShippedDir(), cache.path()).log, Catch::Contains("not a regular file of this user's"));
  }
  SECTION("a cache directory that cannot be created is silently skipped") {
    Spit(cache.path() + "/file", "x");
    auto load = LoadCached(ShippedDir(), cache.path() + "/file/cache");
    REQUIRE(load.status.ok());
    CHECK_THAT(load.log, Catch::Contains("not written: cannot create"));
  }
  SECTION("a read-only cache directory still loads") {
    REQUIRE(chmod(cache.path().c_str(), 0500) == 0);
    auto load = LoadCached(ShippedDir(), cache.path());
    REQUIRE(load.status.ok());
    if (geteuid() != 0) CHECK_THAT(load.log, Catch::Contains("not written"));
  }
}

TEST_CASE("the cache keeps at most its newest images", "[image][cache]") {
  TempDir cache;
  for (size_t i = 0; i < RulebookImageCache::kMaxImages + 8; ++i) {
    const std::string path = cache.path() + "/old" + std::to_string(i) + ".rbimage";
    Spit(path, "x");
    struct utimbuf times = {1000000 + static_cast<time_t>(i), 1000000 + static_cast<time_t>(i)};
    utime(path.c_str(), &times);
  }
  Spit(cache.path() + "/.stale.rbimage.AbCdEf", "half");
  struct utimbuf old = {1000, 1000};
  utime((cache.path() + "/.stale.rbimage.AbCdEf").c_str(), &old);
  REQUIRE(LoadCached(ShippedDir(), cache.path()).status.ok());
  const auto images = ImagesIn(cache.path());
  CHECK(images.size() == RulebookImageCache::kMaxImages);
  CHECK_FALSE(std::filesystem::exists(cache.path() + "/old0.rbimage"));
  CHECK(std::filesystem::exists(cache.path() + "/old39.rbimage"));
  CHECK_FALSE(std::filesystem::exists(cache.path() + "/.stale.rbimage.AbCdEf"));
  CHECK_THAT(LoadCached(ShippedDir(), cache.path()).log, Catch::Contains("used"));
}

TEST_CASE("without a cache directory no image is read or written", "[image][cache]") {
  std::shared_ptr<const Rulebook> rb;
  std::vector<Diagnostic> diagnostics;
  std::string log;
  LoadOptions options;
  options.log = [&log](const std::string& line) { log += line; };
  REQUIRE(Rulebook::Load(ShippedDir(), options, &rb, &diagnostics).ok());
  CHECK(log.empty());
  CHECK_FALSE(BuildFingerprint().empty());
}
