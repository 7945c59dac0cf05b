// Audit records: one JSON line per screening, so a clinic can show later
// which rulebook version screened which questionnaire, with what result.
// Carries no answers and no free text: only the questionnaire id and a hash
// of the input document. Tested by tests/engine/audit/audit_test.cc and tests/cli/audit_test.sh.
#pragma once

#include <string>
#include <string_view>

#include "candidacy/result.h"

namespace candidacy {

// {"time","id","input_sha256","rulebook":{"id","version","sha256"},"outcome","score","flags"}
// on one line, ending in a newline. `utc_time` is ISO 8601 (YYYY-MM-DDTHH:MM:SSZ);
// `input` is the document exactly as read.
std::string AuditRecord(const ScreeningResult& result, std::string_view input, const std::string& utc_time);

// The same record for a CDS Hooks call (`candidacy serve`, docs/service.md),
// with "hook_instance" (the call's hookInstance, as the EHR sent it) last.
std::string AuditRecord(const ScreeningResult& result, std::string_view input, const std::string& utc_time,
                        const std::string& hook_instance);

// What a CDS Client reported about one card (CDS Hooks feedback). Codes only:
// the override's free-text userComment is never recorded.
struct AuditFeedback {
  std::string card;               // the card's uuid
  std::string outcome;            // "accepted" or "overridden"
  std::string outcome_timestamp;  // as the client sent it
  std::string reason_code, reason_system;  // overrideReason.reason; may be empty
};

// {"time","feedback":{"card","outcome","outcome_timestamp"[,"override_reason":{"code","system"}]}}
// on one line, ending in a newline.
std::string AuditFeedbackRecord(const AuditFeedback& feedback, const std::string& utc_time);

// SHA-256 of `data` as lower-case hex.
std::string Sha256Hex(std::string_view data);

}  // namespace candidacy
