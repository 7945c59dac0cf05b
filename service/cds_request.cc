// CDS Hooks request parsing. Test: tests/service/cds_request_test.cc.
#include "cds_request.h"

#include <nlohmann/json.hpp>

namespace candidacy::service {
namespace {

using Json = nlohmann::ordered_json;

bool Fail(std::string* field, std::string* message, const char* f, const char* m) {
  *field = f;
  *message = m;
  return false;
}

bool ParseBody(std::string_view body, Json* out, std::string* field, std::string* message) {
  if (JsonDepth(body) > kMaxRequestDepth) return Fail(field, message, "(body)", "the body nests deeper than 64 levels");
  *out = Json::parse(body.begin(), body.end(), nullptr, false);
  if (out->is_discarded()) return Fail(field, message, "(body)", "the body is not JSON");
  if (!out->is_object()) return Fail(field, message, "(body)", "the body is not a JSON object");
  return true;
}

bool IsResource(const Json& j, const char* type) {
  return j.is_object() && j.contains("resourceType") && j["resourceType"].is_string() && j["resourceType"] == type;
}

void FindQuestionnaire(const Json& value, CdsRequest* out) {
  if (value.is_null()) {
    out->prefetch_problem = "missing";
    return;
  }
  const Json* resource = nullptr;
  if (IsResource(value, "QuestionnaireResponse")) {
    resource = &value;
  } else if (IsResource(value, "Bundle")) {
    if (value.contains("entry") && value["entry"].is_array())
      for (const auto& e : value["entry"])
        if (e.is_object() && e.contains("resource") && IsResource(e["resource"], "QuestionnaireResponse")) {
          resource = &e["resource"];
          break;
        }
    if (resource == nullptr) {
      out->prefetch_problem = "a Bundle with no QuestionnaireResponse";
      return;
    }
  } else {
    out->prefetch_problem = "not a QuestionnaireResponse";
    return;
  }
  out->questionnaire_response = resource->dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

int JsonDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

bool ParseCdsRequest(std::string_view body, CdsRequest* out, std::string* field, std::string* message) {
  Json j;
  if (!ParseBody(body, &j, field, message)) return false;
  if (!j.contains("hook") || !j["hook"].is_string()) return Fail(field, message, "hook", "hook must be a string");
  out->hook = j["hook"].get<std::string>();
  if (out->hook != "patient-view" && out->hook != "order-select")
    return Fail(field, message, "hook", "this service answers the hooks patient-view and order-select");
  if (!j.contains("hookInstance") || !j["hookInstance"].is_string() || j["hookInstance"].get_ref<const std::string&>().empty())
    return Fail(field, message, "hookInstance", "hookInstance must be a non-empty string (a UUID)");
  out->hook_instance = j["hookInstance"].get<std::string>();
  if (out->hook_instance.size() > 128) return Fail(field, message, "hookInstance", "hookInstance is longer than 128 characters");
  for (const unsigned char c : out->hook_instance)
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f)
      return Fail(field, message, "hookInstance", "hookInstance must be printable ASCII (a UUID)");
  if (!j.contains("context") || !j["context"].is_object()) return Fail(field, message, "context", "context must be an object");
  const Json& context = j["context"];
  if (!context.contains("userId") || !context["userId"].is_string())
    return Fail(field, message, "context.userId", "context.userId must be a string");
  if (!context.contains("patientId") || !context["patientId"].is_string())
    return Fail(field, message, "context.patientId", "context.patientId must be a string");
  out->patient_id = context["patientId"].get<std::string>();
  if (out->hook == "order-select") {
    if (!context.contains("selections") || !context["selections"].is_array())
      return Fail(field, message, "context.selections", "order-select's context.selections must be an array");
    if (!context.contains("draftOrders") || !context["draftOrders"].is_object())
      return Fail(field, message, "context.draftOrders", "order-select's context.draftOrders must be a Bundle");
  }
  if (j.contains("fhirServer") && !j["fhirServer"].is_string())
    return Fail(field, message, "fhirServer", "fhirServer must be a string (a URL)");
  if (j.contains("fhirAuthorization") && !j["fhirAuthorization"].is_object() && !j["fhirAuthorization"].is_null())
    return Fail(field, message, "fhirAuthorization", "fhirAuthorization must be an object");
  out->questionnaire_response.clear();
  out->prefetch_problem = "missing";
  if (j.contains("prefetch")) {
    const Json& prefetch = j["prefetch"];
    if (!prefetch.is_object() && !prefetch.is_null()) return Fail(field, message, "prefetch", "prefetch must be an object");
    if (prefetch.is_object() && prefetch.contains(kQuestionnairePrefetchKey)) {
      out->prefetch_problem.clear();
      FindQuestionnaire(prefetch[kQuestionnairePrefetchKey], out);
    }
  }
  return true;
}

bool ParseCdsFeedback(std::string_view body, std::vector<CdsFeedback>* out, std::string* field, std::string* message) {
  Json j;
  if (!ParseBody(body, &j, field, message)) return false;
  if (!j.contains("feedback") || !j["feedback"].is_array() || j["feedback"].empty())
    return Fail(field, message, "feedback", "feedback must be a non-empty array");
  if (j["feedback"].size() > 1000) return Fail(field, message, "feedback", "feedback holds more than 1000 items");
  out->clear();
  for (const auto& f : j["feedback"]) {
    if (!f.is_object()) return Fail(field, message, "feedback[]", "each feedback item must be an object");
    CdsFeedback item;
    if (!f.contains("card") || !f["card"].is_string() || f["card"].get_ref<const std::string&>().empty() ||
        f["card"].get_ref<const std::string&>().size() > 128)
      return Fail(field, message, "feedback[].card", "card must be the card's uuid");
    item.card = f["card"].get<std::string>();
    if (!f.contains("outcome") || !f["outcome"].is_string() || (f["outcome"] != "accepted" && f["outcome"] != "overridden"))
      return Fail(field, message, "feedback[].outcome", "outcome must be accepted or overridden");
    item.outcome = f["outcome"].get<std::string>();
    if (!f.contains("outcomeTimestamp") || !f["outcomeTimestamp"].is_string() ||
        f["outcomeTimestamp"].get_ref<const std::string&>().size() > 64)
      return Fail(field, message, "feedback[].outcomeTimestamp", "outcomeTimestamp must be an ISO 8601 instant");
    item.outcome_timestamp = f["outcomeTimestamp"].get<std::string>();
    if (f.contains("overrideReason")) {
      const Json& o = f["overrideReason"];
      if (item.outcome != "overridden") return Fail(field, message, "feedback[].overrideReason", "overrideReason goes with outcome overridden");
      if (!o.is_object()) return Fail(field, message, "feedback[].overrideReason", "overrideReason must be an object");
      if (o.contains("reason")) {
        const Json& r = o["reason"];
        if (!r.is_object() || !r.contains("code") || !r["code"].is_string() || r["code"].get_ref<const std::string&>().size() > 256)
          return Fail(field, message, "feedback[].overrideReason.reason", "overrideReason.reason must be a Coding with a code");
        item.reason_code = r["code"].get<std::string>();
        if (r.contains("system")) {
          if (!r["system"].is_string() || r["system"].get_ref<const std::string&>().size() > 256)
            return Fail(field, message, "feedback[].overrideReason.reason.system", "system must be a string (a URI)");
          item.reason_system = r["system"].get<std::string>();
        }
      }
    }
    out->push_back(std::move(item));
  }
  return true;
}

}  // namespace candidacy::service
