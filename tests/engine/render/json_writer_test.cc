// The streaming JSON writer (render/json_writer.cc) against nlohmann's
// dump() of the same document, compact and pretty: strings with every kind
// of escape, valid and invalid UTF-8, numbers at their limits, empty and
// nested containers; each string also written in place, within its bound.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

#include "render/json_writer.h"

using candidacy::render::AppendJsonString;
using candidacy::render::JsonWriter;
using Json = nlohmann::ordered_json;

namespace {

std::string Dump(const Json& j, bool pretty) {
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

// Writes `j` through the writer, member by member, as a renderer would.
void Write(JsonWriter& w, const Json& j) {
  switch (j.type()) {
    case Json::value_t::object:
      w.BeginObject();
      for (const auto& [key, value] : j.items()) {
        w.Key(key);
        Write(w, value);
      }
      w.EndObject();
      break;
    case Json::value_t::array:
      w.BeginArray();
      for (const auto& value : j) Write(w, value);
      w.EndArray();
      break;
    case Json::value_t::string: w.String(j.get_ref<const std::string&>()); break;
    case Json::value_t::boolean: w.Bool(j.get<bool>()); break;
    case Json::value_t::number_integer: w.Int(j.get<long long>()); break;
    case Json::value_t::number_unsigned: w.Int(static_cast<long long>(j.get<unsigned long long>())); break;
    case Json::value_t::number_float: w.Double(j.get<double>()); break;
    default: w.Null();
  }
}

std::string Written(const Json& j, bool pretty) {
  std::string out;
  JsonWriter w(&out, pretty);
  Write(w, j);
  return out;
}

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

// `s` written in place (WriteJsonString) into exactly JsonStringBound(s)
// bytes of room, followed by guard bytes that must stay as they were.
std::string WrittenInPlace(std::string_view s) {
  const size_t room = candidacy::render::JsonStringBound(s);
  std::string buffer(room + 16, '#');
  char* const end = candidacy::render::WriteJsonString(buffer.data(), s);
  CHECK(end <= buffer.data() + room);
  CHECK(buffer.substr(room) == std::string(16, '#'));
  return std::string(buffer.data(), static_cast<size_t>(end - buffer.data()));
}

}  // namespace

TEST_CASE("strings are written as nlohmann dumps them", "[json_writer]") {
  const std::vector<std::string> strings = {
      "", "plain", "quote \" and backslash \\", "tab\tnew\nline\rcr", "\b\f",
      std::string("nul \0 inside", 12), "\x01\x1f\x7f", "caf\xc3\xa9", "\xe2\x89\xa5 140 mmHg",
      "\xf0\x9f\x92\x8a pill", "\xef\xbf\xbd", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf",
      // invalid UTF-8: a lone continuation, a truncated sequence, overlong
      // forms, surrogates, past U+10FFFF, bytes that never occur
      "\x80", "a\xc3", "\xc3(", "\xe2\x89", "\xe2\x28\xa1", "\xc0\xaf", "\xe0\x80\xaf",
      "\xf0\x80\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xfe\xff",
      "ok \xff then \"quoted\" and \n", "\xf0\x9f\x92", "\xf0\x9f\x92x",
  };
  for (const auto& s : strings) {
    INFO("string of " << s.size() << " bytes, index " << (&s - strings.data()));
    CHECK(Quoted(s) == Dump(Json(s), false));
    CHECK(WrittenInPlace(s) == Dump(Json(s), false));
  }
  // At the bound: every byte escaped at its longest, and every byte invalid.
  CHECK(WrittenInPlace(std::string(40, '\x01')) == Dump(Json(std::string(40, '\x01')), false));
  CHECK(WrittenInPlace(std::string(40, '\xff')) == Dump(Json(std::string(40, '\xff')), false));
}

TEST_CASE("a byte that needs escaping is found at every place of a long string", "[json_writer]") {
  // The writer scans 8 bytes at a time: each special byte at each offset of
  // a 19-byte string, alone and after another.
  for (const std::string& special : std::vector<std::string>{"\"", "\\", "\n", "\x1f", std::string(1, '\0'), "\xc3\xa9", "\xff", "\x7f", " ", "!", "#", "[", "]"}) {
    for (size_t at = 0; at < 19; ++at) {
      std::string s(19, 'a');
      s.replace(at, 1, special);
      INFO("offset " << at);
      CHECK(Quoted(s) == Dump(Json(s), false));
      CHECK(WrittenInPlace(s) == Dump(Json(s), false));
      s.insert(0, "\t");
      CHECK(Quoted(s) == Dump(Json(s), false));
      CHECK(WrittenInPlace(s) == Dump(Json(s), false));
    }
  }
}

TEST_CASE("numbers are written as nlohmann dumps them", "[json_writer]") {
  for (const long long n : {0LL, 1LL, -1LL, 42LL, 1000000007LL, std::numeric_limits<long long>::max(),
                            std::numeric_limits<long long>::min()}) {
    CHECK(Written(Json(n), false) == Dump(Json(n), false));
  }
  for (const double d : {0.0, -0.0, 0.1, 37.5, 1e15, 1e16, 1e-5, 123456.789, 1e300, -2.5e-300,
                         std::nan(""), std::numeric_limits<double>::infinity()}) {
    CHECK(Written(Json(d), false) == Dump(Json(d), false));
  }
}

TEST_CASE("documents are written as nlohmann dumps them, compact and pretty", "[json_writer]") {
  const std::vector<Json> documents = {
      Json::object(),
      Json::array(),
      Json(nullptr),
      Json{{"a", 1}},
      Json{{"empty_list", Json::array()}, {"empty_object", Json::object()}, {"x", nullptr}},
      Json{{"list", {1, 2, 3}}, {"nested", {{"b", true}, {"c", Json::array({Json::object(), Json::array()})}}}},
      Json::array({Json::array({Json::array()}), "s", 2.5, false}),
      Json{{"flags", Json::array({Json{{"id", "EX-01"}, {"evidence", Json::array({Json{{"value", 150}}})}}})},
           {"key \"quoted\"\n", "v"}},
  };
  for (const auto& j : documents) {
    for (const bool pretty : {false, true}) {
      INFO(Dump(j, false) << (pretty ? " pretty" : " compact"));
      CHECK(Written(j, pretty) == Dump(j, pretty));
    }
  }
}
