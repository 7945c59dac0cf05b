// The primitives of the rulebook image (rulebook/image.h): little-endian
// integers, doubles by their bits, length-prefixed strings. The reader never
// reads past its end and, after its first fault, fails for good and returns
// zeros, so a caller checks ok() once per structure rather than per field.
// Test: tests/engine/rulebook/image_bytes_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace candidacy::internal {

class ImageWriter {
 public:
  void U8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(std::uint32_t v);
  void I32(std::int32_t v) { U32(static_cast<std::uint32_t>(v)); }
  void U64(std::uint64_t v) {
    U32(static_cast<std::uint32_t>(v & 0xFFFFFFFFu));
    U32(static_cast<std::uint32_t>(v >> 32));
  }
  void F64(double v);
  void Bool(bool v) { U8(v ? 1 : 0); }
  void String(std::string_view s);
  void Count(std::size_t n) { U32(static_cast<std::uint32_t>(n)); }
  void Raw(std::string_view s) { out_.append(s); }

  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class ImageReader {
 public:
  explicit ImageReader(std::string_view bytes) : data_(bytes) {}

  std::uint8_t U8() { return Need(1) ? static_cast<std::uint8_t>(data_[pos_++]) : 0; }
  std::uint32_t U32() {
    if (!Need(4)) return 0;
    const auto* p = reinterpret_cast<const unsigned char*>(data_.data() + pos_);
    pos_ += 4;
    return p[0] | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
  }
  std::int32_t I32() { return static_cast<std::int32_t>(U32()); }
  std::uint64_t U64() {
    const std::uint64_t low = U32();
    return low | (std::uint64_t{U32()} << 32);
  }
  double F64();
  bool Bool();                              // a byte that must be 0 or 1
  std::string String(std::size_t max_bytes) {  // longer, or past the end: a fault
    const std::uint32_t n = U32();
    if (n > max_bytes) return Fail("a string longer than its cap"), std::string();
    return std::string(Raw(n));
  }
  std::string_view Raw(std::size_t n) {
    if (!Need(n)) return {};
    pos_ += n;
    return data_.substr(pos_ - n, n);
  }
  // A count of items that each take at least `min_item_bytes`: more than
  // `max_count`, or more than the bytes left could hold, is a fault. So no
  // length read from the image can make a reader allocate beyond the image.
  std::size_t Count(std::size_t max_count, std::size_t min_item_bytes);
  // An enum stored as one byte, at most `last`.
  template <typename E>
  E Enum(E last) {
    const std::uint8_t v = U8();
    if (v > static_cast<std::uint8_t>(last)) Fail("an enum value out of range");
    return ok() ? static_cast<E>(v) : E{};
  }

  // Records the first fault (with the byte offset it was found at); always false.
  bool Fail(const char* why);
  bool ok() const { return why_ == nullptr; }
  std::string error() const;  // "why at byte N", or empty
  std::size_t position() const { return pos_; }
  std::size_t remaining() const { return data_.size() - pos_; }

 private:
  bool Need(std::size_t n) { return why_ == nullptr && (n <= remaining() || Fail("the image ends too early")); }

  std::string_view data_;
  std::size_t pos_ = 0;
  const char* why_ = nullptr;
  std::size_t fault_at_ = 0;
};

// A 64-bit checksum of the image against damage (a torn write, a flipped
// bit), not against tampering: whoever can write the cache could write any
// unkeyed checksum, SHA-256 included (docs/rulebook-cache.md, trust). Each
// 8-byte word passes through a bijection of the state, so a change confined
// to one word always changes the sum; the length is mixed in last.
std::uint64_t ImageChecksum(std::string_view bytes);

}  // namespace candidacy::internal
