// Bounds-checked image primitives. Test: tests/engine/rulebook/image_bytes_test.cc.
#include "rulebook/image_bytes.h"

#include <cstring>

namespace candidacy::internal {

void ImageWriter::U32(std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void ImageWriter::F64(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  U64(bits);
}

void ImageWriter::String(std::string_view s) {
  U32(static_cast<std::uint32_t>(s.size()));
  out_.append(s);
}

bool ImageReader::Fail(const char* why) {
  if (why_ == nullptr) {
    why_ = why;
    fault_at_ = pos_;
  }
  pos_ = data_.size();  // nothing more is read after a fault
  return false;
}

std::string ImageReader::error() const {
  return why_ == nullptr ? std::string() : std::string(why_) + " at byte " + std::to_string(fault_at_);
}

double ImageReader::F64() {
  const std::uint64_t bits = U64();
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

bool ImageReader::Bool() {
  const std::uint8_t v = U8();
  if (v > 1) Fail("a boolean that is neither 0 nor 1");
  return v == 1;
}

std::size_t ImageReader::Count(std::size_t max_count, std::size_t min_item_bytes) {
  const std::uint32_t n = U32();
  if (!ok()) return 0;
  if (n > max_count || (min_item_bytes > 0 && n > remaining() / min_item_bytes)) {
    Fail("a count larger than its cap or than the bytes left");
    return 0;
  }
  return n;
}

std::uint64_t ImageChecksum(std::string_view bytes) {
  constexpr std::uint64_t kOdd = 0x9E3779B97F4A7C15u;  // any odd multiplier is a bijection mod 2^64
  auto mix = [](std::uint64_t h, std::uint64_t word) {
    h = (h ^ word) * kOdd;
    return h ^ (h >> 29);
  };
  std::uint64_t h = 0x6A09E667F3BCC908u;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);  // host order: the sum is checked on the machine that wrote it
    h = mix(h, word);
  }
  std::uint64_t tail = 0;
  if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  h = mix(h, tail);
  return mix(h, bytes.size());
}

}  // namespace candidacy::internal
