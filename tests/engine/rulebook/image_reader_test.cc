// Reading a rulebook image (rulebook/image_reader.cc): broken images (empty,
// truncated anywhere, wrong magic, version, checksum, lengths, shapes,
// indices) are all refused with a reason, and damage never crashes the reader.
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

namespace {

// The image with its checksum made to fit again: damage the checksum would
// catch, so that what lies behind it is what gets tested.
std::string Reseal(std::string image) {
  if (image.size() < kImagePrefixBytes) return image;
  ImageWriter sum;
  sum.U64(ImageChecksum(std::string_view(image).substr(kImagePrefixBytes)));
  image.replace(sizeof kImageMagic + 4, 8, sum.bytes());
  return image;
}

std::string PutU32(std::string image, size_t at, std::uint32_t v) {
  ImageWriter w;
  w.U32(v);
  image.replace(at, 4, w.bytes());
  return image;
}

// The first node of `kind` in any rule's condition, in rule order and pre-order.
Node* FindNode(Model* m, NodeKind kind) {
  for (auto& r : m->rules) {
    std::vector<Node*> stack{r.when.root.get()};
    while (!stack.empty()) {
      Node* n = stack.back();
      stack.pop_back();
      if (n->kind == kind) return n;
      for (auto& c : n->children) stack.push_back(c.get());
    }
  }
  FAIL("no node of that kind");
  return nullptr;
}

}  // namespace

// ---- broken images ----------------------------------------------------------

TEST_CASE("broken images are refused with a reason", "[image]") {
  const std::string& good = ShippedImage();
  ImageHeader header;
  std::string why;
  REQUIRE(ReadImageHeader(good, &header, &why));
  const size_t engine_at = kImagePrefixBytes;
  const size_t files_at = engine_at + 4 + header.engine_version.size() + 4 + header.fingerprint.size() + 4 + header.sha256.size();
  const size_t body = header.body_offset;
  struct Case {
    const char* name;
    std::string image;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"empty", "", "not a rulebook image"},
      {"only the magic", std::string(kImageMagic, sizeof kImageMagic), "not a rulebook image"},
      {"wrong magic", "X" + good.substr(1), "not a rulebook image"},
      {"another format version", PutU32(good, sizeof kImageMagic, kImageFormatVersion + 1), "image format " + std::to_string(kImageFormatVersion + 1) + ", not " + std::to_string(kImageFormatVersion)},
      {"a flipped byte", good.substr(0, good.size() - 1) + static_cast<char>(good.back() ^ 1), "checksum does not match"},
      {"truncated by one byte", good.substr(0, good.size() - 1), "checksum does not match"},
      {"one byte too many", good + "x", "checksum does not match"},
      {"a huge engine version", Reseal(PutU32(good, engine_at, 0xFFFFFFFFu)), "a string longer than its cap"},
      {"a huge file count", Reseal(PutU32(good, files_at, 0xFFFFFFFFu)), "a count larger than its cap"},
      {"a huge warning count", Reseal(PutU32(good, body, 0x7FFFFFFFu)), "a count larger than its cap"},
      {"a huge rulebook id", Reseal(PutU32(good, body + 4, 0x00FFFFFFu)), "a string longer than its cap"},
      {"an id longer than the image", Reseal(PutU32(good, body + 4, 0x000FFFFFu)), "the image ends too early"},
      {"bytes after the last section", Reseal(good + std::string(8, '\0')), "bytes after the last section"},
      {"truncated and resealed", Reseal(good.substr(0, good.size() - 9)), "at byte"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      std::string reason;
      CHECK(DecodeImage(c.image, ShippedDir(), &reason) == nullptr);
      CHECK_THAT(reason, Catch::Contains(c.why));
    }
  }
}

TEST_CASE("an image of a model the loader could not have built is refused", "[image]") {
  struct Case {
    const char* name;
    std::function<void(Model*)> damage;
    const char* why;
  };
  auto first_rule = [](Model* m) -> Rule& { return m->rules.front(); };
  const std::vector<Case> cases = {
      {"a file outside the directory", [](Model* m) { m->files[1] = "../elsewhere.yaml"; }, "outside a rulebook directory"},
      {"an absolute file", [](Model* m) { m->files[1] = "/etc/passwd"; }, "outside a rulebook directory"},
      {"no rulebook.yaml first", [](Model* m) { std::swap(m->files[0], m->files[1]); }, "outside a rulebook directory"},
      {"no bands", [](Model* m) { m->bands.clear(); }, "no bands"},
      {"bands out of order", [](Model* m) { m->bands[1].from = 0; }, "bands out of order"},
      {"a question twice", [](Model* m) { m->questions[1].id = m->questions[0].id; }, "a question twice"},
      {"a derived value named as a question", [](Model* m) { m->derived[0].id = m->questions[0].id; }, "a derived value twice"},
      {"a source twice", [](Model* m) { m->sources[1].label = m->sources[0].label; }, "a source twice"},
      {"a rule citing no such source", [&](Model* m) { first_rule(m).sources = {99999}; }, "an index out of range"},
      {"a drug of no such class", [](Model* m) {
         Lexicon lexicon;
         for (auto c : m->lexicon.classes()) lexicon.AddClass(c);
         for (auto d : m->lexicon.drugs()) lexicon.AddDrug({d.generic, {static_cast<int>(m->lexicon.classes().size())}});
         m->lexicon = std::move(lexicon);
       }, "an index out of range"},
      {"a placeholder of no question", [&](Model* m) { first_rule(m).message = {{MessagePart::Kind::kQuestion, "", 99999}}; }, "placeholder out of range"},
      {"a text part with an index", [&](Model* m) { first_rule(m).message = {{MessagePart::Kind::kText, "x", 0}}; }, "placeholder out of range"},
      {"a condition outside its rule", [&](Model* m) { first_rule(m).conditions.emplace_back(m->rules.back().when.root.get(), SourceLocation{}); }, "a condition outside its rule"},
      {"a rule without a condition", [&](Model* m) { first_rule(m).when.root.reset(); }, "a rule without its condition"},
      {"a comparison with one side", [](Model* m) { FindNode(m, NodeKind::kCompare)->children.pop_back(); },
       "shaped as the parser never shapes one"},
      {"'contains any' without its list", [](Model* m) { FindNode(m, NodeKind::kContainsAny)->children[1]->kind = NodeKind::kNumber; },
       "shaped as the parser never shapes one"},
      {"round() to 9 digits", [](Model* m) {
         auto n = std::make_unique<Node>();
         n->kind = NodeKind::kRound;
         n->number = 9;
         n->children.push_back(std::move(m->derived[0].expr.root));
         m->derived[0].expr.root = std::move(n);
       }, "round() with digits out of range"},
      {"a node past its text", [&](Model* m) { first_rule(m).when.root->end = 100000; }, "outside its expression's text"},
      {"a reference to nothing", [](Model* m) { FindNode(m, NodeKind::kRef)->text = "no.such.question"; }, "does not type-check"},
      {"an enum value that is not one", [](Model* m) {
         FindNode(m, NodeKind::kContainsAny)->children[1]->children[0]->text = "not-a-value";
       }, "does not type-check"},
      {"a medication class in asked_when", [](Model* m) {
         auto n = std::make_unique<Node>();
         n->kind = NodeKind::kMedicationClass;
         n->text = m->lexicon.classes().front().id;
         m->questions.back().asked_when = {"x", std::move(n)};
       }, "a medication class where none may be"},
      {"asked_when reading a later question", [](Model* m) {
         auto n = std::make_unique<Node>();
         n->kind = NodeKind::kRef;
         n->text = m->questions.back().id;
         m->questions.front().asked_when = {std::string(n->text.size(), 'x'), std::move(n)};
       }, "does not type-check"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      auto model = LoadYaml(ShippedDir());
      c.damage(model.get());
      std::string why;
      CHECK(DecodeImage(WriteImage(*model, {}, "fp"), ShippedDir(), &why) == nullptr);
      CHECK_THAT(why, Catch::Contains(c.why));
    }
  }
}

TEST_CASE("an image cut anywhere is refused, sealed or not", "[image]") {
  const std::string& good = ShippedImage();
  for (size_t k = 0; k < good.size(); k += k < 200 ? 1 : 97) {
    std::string why;
    const std::string cut = good.substr(0, k);
    INFO("cut at " << k);
    CHECK(DecodeImage(cut, ShippedDir(), &why) == nullptr);
    CHECK(DecodeImage(Reseal(cut), ShippedDir(), &why) == nullptr);
  }
}

TEST_CASE("a flipped bit anywhere is caught by the checksum; behind it the reader never crashes", "[image]") {
  const std::string& good = ShippedImage();
  int accepted = 0;
  for (size_t at = 0; at < good.size(); at += 211) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ (1 << (at % 8)));
    std::string why;
    INFO("bit flipped at byte " << at);
    CHECK(DecodeImage(bad, ShippedDir(), &why) == nullptr);
    // Sealed again, the flip reaches the reader: it refuses, or it reads a
    // rulebook whose every index and tree the loader could have built.
    if (at >= kImagePrefixBytes) {
      auto model = DecodeImage(Reseal(bad), ShippedDir(), &why);
      if (model != nullptr) {
        ++accepted;
        CHECK(model->rules.size() <= limits::kMaxRules);
      }
    }
  }
  CHECK(accepted > 0);  // flips inside texts give other, valid rulebooks
}
