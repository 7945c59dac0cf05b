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
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "candidacy/limits.h"
#include "input/fhir_answers.h"
#include "input/simd_view.h"

namespace candidacy::internal {
namespace {

// What the located reader refuses while parsing and simdjson does not,
// checked in one pass over simdjson's tape (its format: simdjson's
// doc/tape.md) with no element objects made. An object's keys are compared
// only when two of them share a bit of its 64-bit key mask. (The tape is a
// public member of simdjson::dom::document that simdjson's reference marks
// internal. Debian 12 ships simdjson 3.0.1, whose format this reads; a
// change to it would fail fhir_fast_test, which reads every fixture both
// ways and has rows at the node and depth limits.)
class ParseChecks {
 public:
  ParseChecks(const std::uint64_t* tape, const std::uint8_t* strings, bool escapes)
      : tape_(tape), strings_(strings), escapes_(escapes) {}

  // (Not inlined: bench/budget.py measures it as a stage.)
  [[gnu::noinline]] bool Fine() {
    const size_t end = static_cast<size_t>(tape_[0] & kPayload) - 1;  // the closing root word (tape[0] names one past it)
    size_t nodes = 0;
    Frame at{false, false, 0, 0};  // the innermost container (none yet: the root value comes first)
    for (size_t i = 1; i < end; ++i) {
      const std::uint64_t word = tape_[i];
      const char type = static_cast<char>(word >> 56);
      if (at.key_next) {  // in an object: a key, or its end
        if (type != '}') {
          const std::string_view key = String(word);  // (an object's key is always a string word)
          if (escapes_ && !IsValidUtf8(key)) return false;
          const std::uint64_t bit = std::uint64_t{1} << (KeyHash(key) & 63);
          at.suspect |= (at.mask & bit) != 0;  // the same hash twice: compare the keys themselves
          at.mask |= bit;
          keys_.push_back(key);
          at.key_next = false;
          continue;
        }
        if (at.suspect && !Distinct(at.first_key)) return false;
        keys_.resize(at.first_key);
        at = frames_.back();
        frames_.pop_back();
        continue;
      }
      if (type == ']') {
        at = frames_.back();
        frames_.pop_back();
        continue;
      }
      if (++nodes > limits::kMaxDocumentNodes) return false;
      at.key_next = at.object;  // after a member's value, the next key
      switch (type) {
        case '"':
          if (escapes_ && !IsValidUtf8(String(word))) return false;
          break;
        case 'l':
        case 'u': ++i; break;  // the number is the next word
        case 'd': {
          double x;
          std::memcpy(&x, &tape_[++i], sizeof x);
          if (x == 0 && std::signbit(x)) return false;  // the located reader reads -0 as an integer
          break;
        }
        case '{':
        case '[':
          if (frames_.size() >= static_cast<size_t>(limits::kMaxDocumentDepth)) return false;
          frames_.push_back(at);
          at = Frame{type == '{', type == '{', keys_.size(), 0};
          break;
        default: break;  // null, true, false
      }
    }
    return true;
  }

 private:
  static constexpr std::uint64_t kPayload = 0x00FFFFFFFFFFFFFF;

  struct Frame {
    bool object;
    bool key_next;       // an object's next word is a key (or its end)
    size_t first_key;    // an object's keys: keys_[first_key...]
    std::uint64_t mask;  // a bit per key hash seen in it
    bool suspect = false;  // two of its keys share a hash
  };

  // A cheap hash of a key for the mask: its length and two of its bytes
  // ("ad" and "ba" share one: fhir_fast_test).
  static unsigned KeyHash(std::string_view key) {
    if (key.empty()) return 0;
    return static_cast<unsigned>(key.size() * 7u + static_cast<unsigned char>(key[0]) * 3u +
                                 static_cast<unsigned char>(key[key.size() - 1]));
  }

  // A string word's text: a 32-bit length, then the bytes, in the string buffer.
  std::string_view String(std::uint64_t word) const {
    const std::uint8_t* at = strings_ + (word & kPayload);
    std::uint32_t length;
    std::memcpy(&length, at, sizeof length);
    return std::string_view(reinterpret_cast<const char*>(at + sizeof length), length);
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

  const std::uint64_t* tape_;
  const std::uint8_t* strings_;
  bool escapes_;  // the text has a \u escape: only then can a string decode to invalid UTF-8
  std::vector<Frame> frames_;            // the containers around the innermost, outermost first
  std::vector<std::string_view> keys_;   // of the objects being walked, innermost last
  std::vector<std::string_view> sorted_;
};

}  // namespace

bool ReadFhirAnswersFast(const Model& model, std::string_view text, const simdjson::dom::document& parsed, const SimdView& root,
                         Answers* out) {
  ParseChecks checks(parsed.tape.get(), parsed.string_buf.get(), text.find("\\u") != std::string_view::npos);
  if (!checks.Fine()) return false;
  static const std::string kNoFile;
  std::vector<Diagnostic> errors;
  ReadFhirAnswers(model, root, kNoFile, out, &errors);
  return errors.empty() && out->warnings.empty();
}

}  // namespace candidacy::internal
