// The batch's fast path: a JSON questionnaire read with simdjson and
// validated in place by the same AnswerValidator as the located reader, with
// nothing copied into a DocNode tree. It declines (false, not a word)
// whenever the located reader might decide otherwise or have something to
// say: a syntax error, a byte-order mark, FHIR, a string that decodes to
// invalid UTF-8, any error or warning of the validator. What the located
// reader refuses while parsing never passes the validator silently: a
// duplicate answer, group or id is an error there (kept for this path), and
// whatever nests too deep or holds too many values sits in an unknown field
// (a warning) or in an answer of the wrong type (an error). ReadQuestionnaire
// then reads the text again with the located reader, which gives the verdict
// and the messages.
// Test: tests/engine/input/document_json_fast_test.cc and fuzz/questionnaire_json_fuzz.cc
// (whatever the input: accepted here => the located reader gives the same answers).
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "candidacy/questionnaire.h"
#include "input/answer_validator.h"

namespace candidacy::internal {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// The element as the container its type() says it is (callers check type() first).
simdjson::dom::array Array(element e) {
  simdjson::dom::array array;
  [[maybe_unused]] const simdjson::error_code error = e.get(array);
  return array;
}
simdjson::dom::object Object(element e) {
  simdjson::dom::object object;
  [[maybe_unused]] const simdjson::error_code error = e.get(object);
  return object;
}

class SimdView {
 public:
  explicit SimdView(element e) : e_(e) {}
  DocNode::Kind kind() const {
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
  size_t size() const { return e_.type() == element_type::ARRAY ? Array(e_).size() : Object(e_).size(); }
  template <typename F>
  void ForEachItem(F&& f) const {
    const simdjson::dom::array array = Array(e_);
    for (element item : array) f(SimdView(item));
  }
  template <typename F>
  void ForEachMember(F&& f) const {
    const simdjson::dom::object object = Object(e_);
    for (simdjson::dom::key_value_pair field : object) f(field.key, SimdView(field.value));
  }
  int line() const { return 0; }
  int column() const { return 0; }
  const DocNode* origin() const { return nullptr; }

 private:
  element e_;
};

}  // namespace

static_assert(kReadPaddingBytes >= simdjson::SIMDJSON_PADDING, "a padded text must be parseable in place");

bool ReadJsonAnswersFast(const Model& model, std::string_view text, bool padded, Answers* out) {
  if (text.size() > limits::kMaxDocumentBytes || text.compare(0, 3, "\xEF\xBB\xBF") == 0) return false;
  // One parser per thread: it keeps its buffers from one document to the next.
  thread_local simdjson::dom::parser parser;
  element root;
  if (parser.parse(text.data(), text.size(), !padded).get(root) != simdjson::SUCCESS) return false;
  if (root.type() == element_type::OBJECT && Object(root)["resourceType"].error() == simdjson::SUCCESS)
    return false;  // FHIR: converted by the located reader
  static const std::string kNoFile;
  std::vector<Diagnostic> errors;
  AnswerValidator<SimdView> validator(model, kNoFile, out, &errors);
  validator.Root(SimdView(root));
  if (!errors.empty() || !out->warnings.empty()) return false;
  // simdjson validated the bytes as UTF-8; only a \u escape can decode to a
  // lone surrogate, which the located reader refuses.
  if (text.find("\\u") != std::string_view::npos) {
    if (!IsValidUtf8(out->id)) return false;
    for (const Answer& a : out->by_question)
      for (const std::string& t : a.texts)
        if (!IsValidUtf8(t)) return false;
  }
  return true;
}

}  // namespace candidacy::internal
