// Prometheus text rendering of the service's counters. Test: tests/service/metrics_test.cc.
#include "metrics.h"

#include <fmt/format.h>

namespace candidacy::service {
namespace {

constexpr std::array<int, 12> kStatusCodes = {200, 204, 400, 401, 404, 405, 413, 415, 422, 431, 500, 503};

const std::vector<std::string>& OutcomeNames() {
  static const std::vector<std::string> names = {"eligible", "eligible_with_precautions", "needs_review",
                                                  "incomplete", "ineligible"};
  return names;
}

const std::vector<std::string>& ErrorKinds() {
  static const std::vector<std::string> kinds = {"bad-request", "unauthorized", "too-large", "not-found",
                                                  "method-not-allowed", "unsupported-media-type",
                                                  "questionnaire-invalid", "audit", "internal", "timeout"};
  return kinds;
}

int StatusIndex(int status) {
  for (size_t i = 0; i < kStatusCodes.size(); ++i)
    if (kStatusCodes[i] == status) return static_cast<int>(i);
  return static_cast<int>(kStatusCodes.size());
}

}  // namespace

Metrics::Metrics(std::vector<std::string> endpoints)
    : names_(std::move(endpoints)),
      endpoints_(names_.size() + 1),
      outcomes_(OutcomeNames()),
      outcome_counts_(outcomes_.size()),
      errors_(ErrorKinds()),
      error_counts_(errors_.size() + 1) {
  names_.push_back("other");
}

int Metrics::EndpointIndex(const std::string& endpoint) const {
  for (size_t i = 0; i + 1 < names_.size(); ++i)
    if (names_[i] == endpoint) return static_cast<int>(i);
  return static_cast<int>(names_.size() - 1);
}

void Metrics::Observe(const std::string& endpoint, int status, double seconds) {
  Endpoint& e = endpoints_[EndpointIndex(endpoint)];
  e.by_status[StatusIndex(status)].fetch_add(1, std::memory_order_relaxed);
  for (int b = 0; b < kBuckets; ++b)
    if (seconds <= kBounds[b]) {
      e.buckets[b].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  e.count.fetch_add(1, std::memory_order_relaxed);
  e.sum_micros.fetch_add(static_cast<long long>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::CountOutcome(const std::string& outcome) {
  for (size_t i = 0; i < outcomes_.size(); ++i)
    if (outcomes_[i] == outcome) outcome_counts_[i].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::CountError(const std::string& kind) {
  size_t i = 0;
  while (i < errors_.size() && errors_[i] != kind) ++i;
  error_counts_[i].fetch_add(1, std::memory_order_relaxed);  // i == size: "other"
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP candidacy_http_requests_total HTTP requests answered, by endpoint and status code.\n";
  out += "# TYPE candidacy_http_requests_total counter\n";
  for (size_t i = 0; i < names_.size(); ++i)
    for (int s = 0; s <= kStatuses; ++s) {
      const long long n = endpoints_[i].by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string code = s < kStatuses ? std::to_string(kStatusCodes[s]) : "other";
      out += fmt::format("candidacy_http_requests_total{{endpoint=\"{}\",code=\"{}\"}} {}\n", names_[i], code, n);
    }
  out += "# HELP candidacy_http_request_duration_seconds Time from a whole request to its response, by endpoint.\n";
  out += "# TYPE candidacy_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < names_.size(); ++i) {
    const Endpoint& e = endpoints_[i];
    long long cumulative = 0;
    for (int b = 0; b < kBuckets; ++b) {
      cumulative += e.buckets[b].load(std::memory_order_relaxed);
      out += fmt::format("candidacy_http_request_duration_seconds_bucket{{endpoint=\"{}\",le=\"{}\"}} {}\n", names_[i],
                         kBounds[b], cumulative);
    }
    const long long count = e.count.load(std::memory_order_relaxed);
    out += fmt::format("candidacy_http_request_duration_seconds_bucket{{endpoint=\"{}\",le=\"+Inf\"}} {}\n", names_[i], count);
    out += fmt::format("candidacy_http_request_duration_seconds_sum{{endpoint=\"{}\"}} {:.6f}\n", names_[i],
                       static_cast<double>(e.sum_micros.load(std::memory_order_relaxed)) / 1e6);
    out += fmt::format("candidacy_http_request_duration_seconds_count{{endpoint=\"{}\"}} {}\n", names_[i], count);
  }
  out += "# HELP candidacy_screenings_total Questionnaires screened, by outcome.\n";
  out += "# TYPE candidacy_screenings_total counter\n";
  for (size_t i = 0; i < outcomes_.size(); ++i)
    out += fmt::format("candidacy_screenings_total{{outcome=\"{}\"}} {}\n", outcomes_[i],
                       outcome_counts_[i].load(std::memory_order_relaxed));
  out += "# HELP candidacy_errors_total Requests refused or failed, by kind.\n";
  out += "# TYPE candidacy_errors_total counter\n";
  for (size_t i = 0; i <= errors_.size(); ++i)
    out += fmt::format("candidacy_errors_total{{kind=\"{}\"}} {}\n", i < errors_.size() ? errors_[i] : "other",
                       error_counts_[i].load(std::memory_order_relaxed));
  return out;
}

}  // namespace candidacy::service
