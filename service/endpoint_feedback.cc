// POST /cds-services/ketamine-candidacy/feedback: the CDS Client's feedback
// on cards (accepted, or overridden with a reason), one audit record per
// item (codes only; a userComment is free text and is not kept).
// Test: tests/cli/serve_test.sh, tests/service/cds_request_test.cc.
#include "candidacy/audit.h"
#include "cds_request.h"
#include "log.h"
#include "service.h"

namespace candidacy::service {

HttpResponse Service::Feedback(const HttpRequest& request) {
  HttpResponse response;
  if (!Authorized(request, &response)) return response;
  std::vector<CdsFeedback> items;
  std::string field, message;
  if (!ParseCdsFeedback(request.body, &items, &field, &message)) return ErrorResponse(400, "bad-request", message, field);
  if (audit_ != nullptr) {
    const std::string now = cli::AuditLog::UtcNow();
    for (const auto& item : items) {
      AuditFeedback f{item.card, item.outcome, item.outcome_timestamp, item.reason_code, item.reason_system};
      std::string why;
      if (!audit_->Append(AuditFeedbackRecord(f, now), &why)) {
        cli::Log(cli::LogLevel::kError, "audit: {}", why);
        return ErrorResponse(503, "audit", "the feedback could not be recorded");
      }
    }
  }
  cli::Log(cli::LogLevel::kInfo, "feedback on {} card{}", items.size(), items.size() == 1 ? "" : "s");
  response.body = "{}\n";
  return response;
}

}  // namespace candidacy::service
