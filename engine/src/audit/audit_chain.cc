// Sealing audit records into the hash chain. Test: tests/engine/audit/audit_chain_test.cc.
#include "candidacy/audit_chain.h"

#include <nlohmann/json.hpp>

#include "base/hmac_sha256.h"
#include "base/sha256.h"

namespace candidacy {

std::string AuditStartBody(const AuditStart& s) {
  nlohmann::ordered_json start;
  start["time"] = s.time;
  start["host"] = s.host;
  start["rulebook"] = {{"id", s.rulebook_id}, {"version", s.rulebook_version}, {"sha256", s.rulebook_sha256}};
  if (!s.previous_file.empty()) {
    start["previous_file"] = s.previous_file;
    start["previous_sha256"] = s.previous_sha256;
  }
  nlohmann::ordered_json j;
  j["start"] = std::move(start);
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string SealAuditRecord(std::string_view body, const AuditLink& previous, std::string_view key) {
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  std::string line = "{\"seq\":" + std::to_string(previous.seq + 1) + ",\"prev\":\"" + previous.sha256 + "\"";
  const std::string_view members = body.substr(1);  // after '{': the members and the closing '}'
  if (members != "}") line += ',';
  line += members;
  if (!key.empty()) {
    const std::string hmac = internal::HmacSha256Hex(key, line);
    line.pop_back();  // '}'
    line += ",\"hmac\":\"" + hmac + "\"}";
  }
  line += '\n';
  return line;
}

bool AuditLinkAfter(std::string_view line, AuditLink* link) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) return false;
  const auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_integer()) return false;
  link->seq = seq->get<long>();
  link->sha256 = internal::Sha256Hex(line);
  return true;
}

}  // namespace candidacy
