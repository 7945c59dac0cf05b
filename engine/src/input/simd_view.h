// simdjson's parsed DOM as a document view (the interface of
// input/doc_node_view.h), for the batch's fast paths: nothing is copied into
// a DocNode tree, and nothing has a place (line() and column() are 0), so a
// fast path declines whenever there is anything to say and the located reader
// says it. Tested by tests/engine/input/document_json_fast_test.cc and
// tests/engine/input/fhir_fast_test.cc.
#pragma once

#include <optional>
#include <string_view>

#include <simdjson.h>

#include "input/document.h"

namespace candidacy::internal {

class SimdView {
 public:
  static constexpr bool kLocated = false;  // no places, no origins: messages are the located reader's

  SimdView() = default;
  explicit SimdView(simdjson::dom::element e) : e_(e) {}
  DocNode::Kind kind() const {
    using simdjson::dom::element_type;
    switch (e_.type()) {
      case element_type::NULL_VALUE: return DocNode::Kind::kNull;
      case element_type::BOOL: return DocNode::Kind::kBool;
      case element_type::INT64: return DocNode::Kind::kInt;
      case element_type::UINT64:  // past int64: a float, as the located reader reads it
      case element_type::DOUBLE: return DocNode::Kind::kFloat;
      case element_type::STRING: return DocNode::Kind::kString;
      case element_type::ARRAY: return DocNode::Kind::kArray;
      case element_type::OBJECT: return DocNode::Kind::kObject;
    }
    return DocNode::Kind::kNull;
  }
  bool boolean() const { return e_.get_bool().value_unsafe(); }
  std::int64_t integer() const { return e_.get_int64().value_unsafe(); }
  double real() const { return e_.get_double().value_unsafe(); }
  std::string_view text() const { return e_.get_string().value_unsafe(); }
  size_t size() const { return e_.is_array() ? Array().size() : Object().size(); }
  template <typename F>
  void ForEachItem(F&& f) const {
    for (simdjson::dom::element item : Array()) f(SimdView(item));
  }
  template <typename F>
  void ForEachMember(F&& f) const {
    for (simdjson::dom::key_value_pair field : Object()) f(field.key, SimdView(field.value));
  }
  std::optional<SimdView> Member(std::string_view key) const {
    if (!e_.is_object()) return std::nullopt;
    simdjson::dom::element m;
    if (Object().at_key(key).get(m) != simdjson::SUCCESS) return std::nullopt;
    return SimdView(m);
  }
  int line() const { return 0; }
  int column() const { return 0; }
  const DocNode* origin() const { return nullptr; }
  simdjson::dom::element element() const { return e_; }

 private:
  // The element as the container its type() says it is (callers check first).
  simdjson::dom::array Array() const {
    simdjson::dom::array array;
    [[maybe_unused]] const simdjson::error_code error = e_.get(array);
    return array;
  }
  simdjson::dom::object Object() const {
    simdjson::dom::object object;
    [[maybe_unused]] const simdjson::error_code error = e_.get(object);
    return object;
  }

  simdjson::dom::element e_;
};

// A scalar as the located reader would have built it (no place); a list or a
// mapping as an empty one of its kind (only ever copied where the kind alone
// decides: an id that is no text is an error either way).
inline DocNode ToDocNode(const SimdView& v) {
  DocNode n;
  n.kind = v.kind();
  switch (n.kind) {
    case DocNode::Kind::kBool: n.boolean = v.boolean(); break;
    case DocNode::Kind::kInt: n.integer = v.integer(); break;
    case DocNode::Kind::kFloat: n.real = v.real(); break;
    case DocNode::Kind::kString: n.text = std::string(v.text()); break;
    default: break;
  }
  return n;
}

}  // namespace candidacy::internal
