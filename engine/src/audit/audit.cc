// Audit records. Test: tests/engine/audit/audit_test.cc.
#include "candidacy/audit.h"

#include <nlohmann/json.hpp>

#include "base/sha256.h"

namespace candidacy {

std::string Sha256Hex(std::string_view data) { return internal::Sha256Hex(data); }

namespace {

nlohmann::ordered_json RecordJson(const ScreeningResult& r, std::string_view input, const std::string& utc_time) {
  nlohmann::ordered_json j;
  j["time"] = utc_time;
  j["id"] = r.questionnaire_id;
  j["input_sha256"] = internal::Sha256Hex(input);
  j["rulebook"] = {{"id", r.rulebook.id}, {"version", r.rulebook.version}, {"sha256", r.rulebook.sha256}};
  j["outcome"] = OutcomeName(r.outcome);
  j["score"] = r.score;
  nlohmann::ordered_json flags = nlohmann::ordered_json::array();
  for (const auto& f : r.flags) flags.push_back(f.id);
  j["flags"] = std::move(flags);
  return j;
}

std::string Line(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string AuditRecord(const ScreeningResult& r, std::string_view input, const std::string& utc_time) {
  return Line(RecordJson(r, input, utc_time));
}

std::string AuditRecord(const ScreeningResult& r, std::string_view input, const std::string& utc_time,
                        const std::string& hook_instance) {
  nlohmann::ordered_json j = RecordJson(r, input, utc_time);
  j["hook_instance"] = hook_instance;
  return Line(j);
}

std::string AuditFeedbackRecord(const AuditFeedback& f, const std::string& utc_time) {
  nlohmann::ordered_json j;
  j["time"] = utc_time;
  nlohmann::ordered_json fb;
  fb["card"] = f.card;
  fb["outcome"] = f.outcome;
  fb["outcome_timestamp"] = f.outcome_timestamp;
  if (!f.reason_code.empty() || !f.reason_system.empty())
    fb["override_reason"] = {{"code", f.reason_code}, {"system", f.reason_system}};
  j["feedback"] = std::move(fb);
  return Line(j);
}

}  // namespace candidacy
