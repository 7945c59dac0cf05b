// Audit records. Test: tests/engine/audit/audit_test.cc.
#include "candidacy/audit.h"

#include <nlohmann/json.hpp>

#include "base/sha256.h"

namespace candidacy {

std::string Sha256Hex(std::string_view data) { return internal::Sha256Hex(data); }

std::string AuditRecord(const ScreeningResult& r, std::string_view input, const std::string& utc_time) {
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
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace candidacy
