// The batch's fast path for FHIR: a QuestionnaireResponse or a Bundle that
// simdjson has parsed is read in place, by the same converter, Bundle reader
// and validator as the located reader (written over a document view), with
// nothing copied into a DocNode tree but the converted answers. It declines
// (false, not a word) whenever the located reader might decide otherwise or
// have something to say: a duplicate key, nesting past the depth limit, more
// values than the node limit, a string that decodes to invalid UTF-8, a
// negative zero (read as an integer there), any error or warning.
// ReadQuestionnaire then reads the text again with the located reader.
// Test: tests/engine/input/fhir_fast_test.cc.
#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "candidacy/limits.h"
#include "input/fhir_answers.h"
#include "input/simd_view.h"

namespace candidacy::internal {
namespace {

// What the located reader refuses while parsing and simdjson does not.
class ParseChecks {
 public:
  explicit ParseChecks(bool escapes) : escapes_(escapes) {}

  // `depth`: the containers around `e`. (Over simdjson's elements directly,
  // scalars checked in their container's loop: this walk visits every value
  // of the document.)
  // (Not inlined: bench/budget.py measures it as a stage.)
  [[gnu::noinline]] bool Fine(simdjson::dom::element e, int depth) {
    if (++nodes_ > limits::kMaxDocumentNodes) return false;
    return Contents(e, depth);
  }

 private:
  // A value's own checks; for a container, its depth and its children.
  bool Contents(simdjson::dom::element e, int depth) {
    using simdjson::dom::element_type;
    switch (e.type()) {
      case element_type::STRING: return !escapes_ || IsValidUtf8(e.get_string().value_unsafe());
      case element_type::DOUBLE: {
        const double x = e.get_double().value_unsafe();
        return !(x == 0 && std::signbit(x));
      }
      case element_type::ARRAY: {
        if (depth >= limits::kMaxDocumentDepth) return false;
        const simdjson::dom::array array = e.get_array().value_unsafe();
        for (simdjson::dom::element item : array)
          if (++nodes_ > limits::kMaxDocumentNodes || !Contents(item, depth + 1)) return false;
        return true;
      }
      case element_type::OBJECT: {
        if (depth >= limits::kMaxDocumentDepth) return false;
        const size_t first = keys_.size();
        bool ok = true;
        const simdjson::dom::object object = e.get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : object) {
          if (++nodes_ > limits::kMaxDocumentNodes || (escapes_ && !IsValidUtf8(field.key)) || !Contents(field.value, depth + 1)) {
            ok = false;
            break;
          }
          keys_.push_back(field.key);
        }
        ok = ok && Distinct(first);
        keys_.resize(first);
        return ok;
      }
      default: return true;
    }
  }

  // The keys of one object, keys_[first...], have no duplicate.
  bool Distinct(size_t first) {
    const size_t n = keys_.size() - first;
    if (n <= 8) {  // (lengths and first bytes tell most keys apart without a memcmp)
      for (size_t i = first; i < keys_.size(); ++i)
        for (size_t j = i + 1; j < keys_.size(); ++j)
          if (keys_[i].size() == keys_[j].size() && (keys_[i].empty() || keys_[i][0] == keys_[j][0]) && keys_[i] == keys_[j]) return false;
      return true;
    }
    sorted_.assign(keys_.begin() + static_cast<std::ptrdiff_t>(first), keys_.end());
    std::sort(sorted_.begin(), sorted_.end());
    return std::adjacent_find(sorted_.begin(), sorted_.end()) == sorted_.end();
  }

  bool escapes_;  // the text has a \u escape: only then can a string decode to invalid UTF-8
  size_t nodes_ = 0;
  std::vector<std::string_view> keys_;  // of the objects being walked, innermost last
  std::vector<std::string_view> sorted_;
};

}  // namespace

bool ReadFhirAnswersFast(const Model& model, std::string_view text, const SimdView& root, Answers* out) {
  ParseChecks checks(text.find("\\u") != std::string_view::npos);
  if (!checks.Fine(root.element(), 0)) return false;
  static const std::string kNoFile;
  std::vector<Diagnostic> errors;
  ReadFhirAnswers(model, root, kNoFile, out, &errors);
  return errors.empty() && out->warnings.empty();
}

}  // namespace candidacy::internal
