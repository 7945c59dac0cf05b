// The audit trail verifier. Test: tests/engine/audit/audit_verify_test.cc.
#include "candidacy/audit_verify.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/hmac_sha256.h"
#include "base/sha256.h"
#include "candidacy/audit_chain.h"

namespace candidacy {
namespace {

// The verifier's findings; their words are in kProblemText, in the same order.
enum class Problem {
  kEmpty,
  kEmptyLine,
  kNotJson,
  kMissingKey,
  kFirstNotStart,
  kStartInMiddle,
  kSequence,
  kPrev,
  kOriginPrev,
  kRotationPrev,
  kRotationName,
  kHmacMissing,
  kHmacWrong,
  kTorn,
  kTornNotLast,
};

constexpr const char* kProblemText[] = {
    "the file is empty: no start record",
    "empty line",
    "not a JSON object (an edit?)",
    "record {} has no valid \"{}\"",
    "the first record is not a start record",
    "record {} is a start record in the middle of a file",
    "sequence jumps from {} to {}",
    "record {}'s prev does not match record {}",
    "the start record's prev is not the origin of a trail, and it names no previous file",
    "the start record's prev does not match the last record of {}",
    "the start record names {} as the previous file, not {}",
    "record {} has no hmac (verify --key expects every record signed)",
    "record {}'s hmac does not match: forged, or edited without the key",
    "torn last line (a crash while writing?): {} bytes without a newline",
    "torn line (no newline) at the end of {}, which is not the last file",
};

template <typename... Args>
std::string Text(Problem p, const Args&... args) {
  return fmt::format(kProblemText[static_cast<int>(p)], args...);
}

// ",\"hmac\":\"<64 hex>\"}" ends a signed record.
constexpr std::size_t kHmacSuffix = 9 + 64 + 2;

bool IsHex64(const nlohmann::json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool HasString(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string();
}

// The first required key missing (or of the wrong type) in a record; empty when all are there.
std::string MissingKey(const nlohmann::json& r) {
  if (!r.contains("seq") || !r["seq"].is_number_integer()) return "seq";
  if (!r.contains("prev") || !IsHex64(r["prev"])) return "prev";
  if (r.contains("start")) {
    const auto& s = r["start"];
    if (!s.is_object()) return "start";
    for (const char* k : {"time", "host"})
      if (!HasString(s, k)) return std::string("start.") + k;
    if (!s.contains("rulebook") || !s["rulebook"].is_object()) return "start.rulebook";
    for (const char* k : {"id", "version", "sha256"})
      if (!HasString(s["rulebook"], k)) return std::string("start.rulebook.") + k;
    if (s.contains("previous_file") && (!HasString(s, "previous_file") || !s.contains("previous_sha256") || !IsHex64(s["previous_sha256"])))
      return "start.previous_sha256";
    return {};
  }
  if (r.contains("feedback")) {  // a CDS Hooks client's feedback on a card (candidacy serve)
    if (!HasString(r, "time")) return "time";
    if (!r["feedback"].is_object()) return "feedback";
    for (const char* k : {"card", "outcome"})
      if (!HasString(r["feedback"], k)) return std::string("feedback.") + k;
    return {};
  }
  for (const char* k : {"time", "id", "input_sha256", "outcome"})
    if (!HasString(r, k)) return k;
  if (!r.contains("rulebook") || !r["rulebook"].is_object()) return "rulebook";
  if (!r.contains("score") || !r["score"].is_number()) return "score";
  if (!r.contains("flags") || !r["flags"].is_array()) return "flags";
  return {};
}

std::string BaseName(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

class Verifier {
 public:
  Verifier(std::string_view key, AuditVerdict* verdict) : key_(key), v_(verdict) {}

  // False at the first problem (recorded in the verdict).
  bool File(const AuditFile& f, bool last, const AuditLink* before, const std::string& before_name) {
    if (!f.readable) return Fail(AuditVerdictCode::kUnreadable, f.name, 0, f.read_error);
    if (f.bytes.empty()) return Fail(last ? AuditVerdictCode::kTornTail : AuditVerdictCode::kBroken, f.name, 0, Text(Problem::kEmpty));
    AuditLink link;
    long line_no = 0;
    std::size_t pos = 0;
    while (pos < f.bytes.size()) {
      const std::size_t nl = f.bytes.find('\n', pos);
      ++line_no;
      if (nl == std::string::npos) {
        if (!last) return Fail(AuditVerdictCode::kBroken, f.name, line_no, Text(Problem::kTornNotLast, f.name));
        v_->counts.push_back({f.name, line_no - 1});
        return Fail(AuditVerdictCode::kTornTail, f.name, line_no, Text(Problem::kTorn, f.bytes.size() - pos));
      }
      const std::string_view line(f.bytes.data() + pos, nl + 1 - pos);
      pos = nl + 1;
      if (!Record(f.name, line_no, line, &link, before, before_name)) return false;
    }
    v_->counts.push_back({f.name, line_no});
    last_ = link;
    return true;
  }

  const AuditLink& last_link() const { return last_; }

 private:
  bool Record(const std::string& file, long n, std::string_view line, AuditLink* link, const AuditLink* before,
              const std::string& before_name) {
    const std::string_view text = line.substr(0, line.size() - 1);
    if (text.empty()) return Broken(file, n, Text(Problem::kEmptyLine));
    const auto r = nlohmann::json::parse(text, nullptr, false);
    if (!r.is_object()) return Broken(file, n, Text(Problem::kNotJson));
    if (const std::string key = MissingKey(r); !key.empty()) return Broken(file, n, Text(Problem::kMissingKey, n, key));
    const bool is_start = r.contains("start");
    if (n == 1 && !is_start) return Broken(file, n, Text(Problem::kFirstNotStart));
    if (n > 1 && is_start) return Broken(file, n, Text(Problem::kStartInMiddle, n));
    const long seq = r["seq"].get<long>();
    if (seq != link->seq + 1) return Broken(file, n, Text(Problem::kSequence, link->seq, seq));
    const auto& prev = r["prev"].get_ref<const std::string&>();
    if (n == 1) {
      if (!StartPrev(file, r, prev, before, before_name)) return false;
    } else if (prev != link->sha256) {
      return Broken(file, n, Text(Problem::kPrev, n, n - 1));
    }
    if (!key_.empty() && !Hmac(file, n, text, r)) return false;
    link->seq = seq;
    link->sha256 = internal::Sha256Hex(line);
    return true;
  }

  // A start record's prev: the origin, or the last record of the file before.
  bool StartPrev(const std::string& file, const nlohmann::json& r, const std::string& prev, const AuditLink* before,
                 const std::string& before_name) {
    const auto& s = r["start"];
    const bool names_previous = s.contains("previous_file");
    if (before == nullptr) {  // the first file given
      if (!names_previous && prev != kAuditTrailOrigin) return Broken(file, 1, Text(Problem::kOriginPrev));
      if (names_previous) {
        if (prev != s["previous_sha256"].get<std::string>())
          return Broken(file, 1, Text(Problem::kRotationPrev, s["previous_file"].get<std::string>()));
        v_->continues_from = s["previous_file"].get<std::string>();
      }
      return true;
    }
    if (!names_previous || s["previous_file"].get<std::string>() != BaseName(before_name))
      return Broken(file, 1, Text(Problem::kRotationName, names_previous ? s["previous_file"].get<std::string>() : "none",
                                  BaseName(before_name)));
    if (prev != before->sha256 || s["previous_sha256"].get<std::string>() != before->sha256)
      return Broken(file, 1, Text(Problem::kRotationPrev, before_name));
    return true;
  }

  // The hmac must be the last member; it covers the bytes before it, closed with '}'.
  bool Hmac(const std::string& file, long n, std::string_view text, const nlohmann::json& r) {
    if (!r.contains("hmac") || !IsHex64(r["hmac"]) || text.size() < kHmacSuffix ||
        text.substr(text.size() - kHmacSuffix, 9) != ",\"hmac\":\"")
      return Broken(file, n, Text(Problem::kHmacMissing, n));
    std::string covered(text.substr(0, text.size() - kHmacSuffix));
    covered += '}';
    const std::string_view given = text.substr(text.size() - kHmacSuffix + 9, 64);
    if (internal::HmacSha256Hex(key_, covered) != given || r["hmac"].get<std::string>() != given)
      return Broken(file, n, Text(Problem::kHmacWrong, n));
    return true;
  }

  bool Broken(const std::string& file, long n, std::string message) {
    return Fail(AuditVerdictCode::kBroken, file, n, std::move(message));
  }
  bool Fail(AuditVerdictCode code, const std::string& file, long n, std::string message) {
    v_->code = code;
    v_->file = file;
    v_->line = n;
    v_->message = std::move(message);
    return false;
  }

  std::string_view key_;
  AuditVerdict* v_;
  AuditLink last_;
};

}  // namespace

AuditVerdict VerifyAuditTrail(const std::vector<AuditFile>& files, std::string_view key) {
  AuditVerdict verdict;
  Verifier verifier(key, &verdict);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const AuditLink before = verifier.last_link();
    if (!verifier.File(files[i], i + 1 == files.size(), i == 0 ? nullptr : &before, i == 0 ? std::string() : files[i - 1].name))
      break;
  }
  return verdict;
}

}  // namespace candidacy
