// The image primitives (rulebook/image_bytes.h): the checksum sees any one
// changed word, and the reader refuses what does not fit.
#include <string>

#include <catch2/catch.hpp>

#include "rulebook/image_bytes.h"
#include "rulebook/model.h"

using namespace candidacy::internal;

TEST_CASE("the checksum changes with any one changed word", "[image]") {
  const std::string text(1000, 'a');
  const std::uint64_t sum = ImageChecksum(text);
  for (size_t at = 0; at < text.size(); ++at) {
    std::string other = text;
    other[at] = 'b';
    CHECK(ImageChecksum(other) != sum);
  }
  CHECK(ImageChecksum(text.substr(0, 999)) != sum);
  CHECK(ImageChecksum("") != ImageChecksum(std::string(1, '\0')));
}

TEST_CASE("image primitives refuse what does not fit", "[image]") {
  ImageWriter w;
  w.U32(5);
  w.Raw("abc");
  {
    ImageReader r(w.bytes());
    CHECK(r.String(100).empty());
    CHECK_FALSE(r.ok());
    CHECK(r.error() == "the image ends too early at byte 4");
  }
  {
    ImageReader r(w.bytes());
    CHECK(r.String(4).empty());
    CHECK(r.error() == "a string longer than its cap at byte 4");
    CHECK(r.U32() == 0);  // nothing more after a fault
  }
  {
    ImageReader r(w.bytes());
    CHECK(r.Count(4, 1) == 0);
    CHECK_FALSE(r.ok());
  }
  {
    ImageReader r(w.bytes());
    CHECK(r.Count(10, 1) == 0);  // 5 items of a byte each, but 3 bytes left
    CHECK_FALSE(r.ok());
  }
  {
    const std::string byte("\x02", 1);
    ImageReader r(byte);  // reads a view: the bytes must outlive it
    r.Bool();
    CHECK_FALSE(r.ok());
  }
  {
    const std::string byte("\x06", 1);
    ImageReader r(byte);  // reads a view: the bytes must outlive it
    r.Enum(QuestionType::kTextList);
    CHECK_FALSE(r.ok());
  }
  {
    ImageWriter f;
    f.F64(-0.1);
    f.I32(-7);
    ImageReader r(f.bytes());
    CHECK(r.F64() == -0.1);
    CHECK(r.I32() == -7);
    CHECK(r.ok());
    CHECK(r.remaining() == 0);
  }
}
