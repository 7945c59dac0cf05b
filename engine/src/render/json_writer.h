// A streaming JSON writer for the renderers: values appended to one string
// in the order they are written, with no document tree. Its bytes are
// nlohmann::json's dump() for the same document (indent -1 or 2, UTF-8 kept,
// invalid UTF-8 replaced by U+FFFD), so a renderer can write directly what it
// once built as a tree and dumped. Test: tests/engine/render/json_writer_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace candidacy::render {

// Appends `s` as a JSON string (quotes included): quote, backslash and the
// control characters escaped (\b \f \n \r \t, \u00XX for the rest); valid
// UTF-8 copied; a string holding invalid UTF-8 written as nlohmann's
// `replace` handler writes it.
void AppendJsonString(std::string* out, std::string_view s);

// The most bytes `s` takes as a JSON string: every byte escaped at its
// longest (\u00XX), and the quotes.
inline size_t JsonStringBound(std::string_view s) { return 6 * s.size() + 2; }

// Writes `s` as AppendJsonString appends it, at p, which has room for
// JsonStringBound(s) bytes; returns the end of what it wrote.
char* WriteJsonString(char* p, std::string_view s);

class JsonWriter {
 public:
  // `pretty`: two-space indent over several lines; otherwise one line with
  // no spaces. Appends to `out`, which must outlive the writer.
  JsonWriter(std::string* out, bool pretty) : out_(*out), pretty_(pretty) {}

  // Containers nest at most 63 deep (the renderers' documents are 4).
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // The key of the next member of the open object.
  void Key(std::string_view key);

  void String(std::string_view s) { Value(); AppendJsonString(&out_, s); }
  void Int(long long n);
  void Double(double d);  // as nlohmann writes a double (null for NaN and infinities)
  void Bool(bool b) { Value(); out_ += b ? "true" : "false"; }
  void Null() { Value(); out_ += "null"; }

  // Shorthands: a member with a scalar value, an array of strings.
  void Member(std::string_view key, std::string_view s) { Key(key); String(s); }
  void Member(std::string_view key, const char* s) { Key(key); String(s); }
  void Member(std::string_view key, const std::string& s) { Key(key); String(s); }
  void Member(std::string_view key, long long n) { Key(key); Int(n); }
  void Member(std::string_view key, int n) { Key(key); Int(n); }
  void Member(std::string_view key, long n) { Key(key); Int(n); }
  void Member(std::string_view key, bool b) { Key(key); Bool(b); }
  void StringArray(const std::vector<std::string>& list);

 private:
  void Open(char bracket);
  void Close(char bracket);
  void Value();    // before a value: the comma and line break an array element needs
  void NewLine();  // a line break and the current indent (pretty only)

  // Whether the innermost open container has a member or element yet.
  bool HasItem() const { return (has_item_ >> depth_ & 1) != 0; }
  void MarkItem() { has_item_ |= std::uint64_t{1} << depth_; }

  std::string& out_;
  bool pretty_;
  bool after_key_ = false;
  // Open containers: depth_ of them (at most kMaxDepth), bit d of has_item_
  // set when the container at depth d has an item; bit 0 is the top level.
  static constexpr int kMaxDepth = 63;
  int depth_ = 0;
  std::uint64_t has_item_ = 0;
};

}  // namespace candidacy::render
