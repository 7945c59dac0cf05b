// The service's counters for GET /metrics, in the Prometheus text format
// (version 0.0.4): requests by endpoint and status, latencies as a histogram
// by endpoint, screenings by outcome, errors by kind. Lock-free counters;
// safe from every thread. Tested by tests/service/metrics_test.cc and
// tests/cli/serve_test.sh.
#pragma once

#include <array>
#include <atomic>
#include <string>
#include <vector>

namespace candidacy::service {

class Metrics {
 public:
  // `endpoints`: the labels Observe may be given (the router's names); others count as "other".
  explicit Metrics(std::vector<std::string> endpoints);

  void Observe(const std::string& endpoint, int status, double seconds);
  void CountOutcome(const std::string& outcome);  // an OutcomeName
  void CountError(const std::string& kind);       // e.g. "bad-request", "audit"
  std::string Render() const;

 private:
  static constexpr int kStatuses = 12;  // 200 204 400 401 404 405 413 415 422 431 500 503, and other
  static constexpr int kBuckets = 12;
  static constexpr std::array<double, kBuckets> kBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                            0.01,   0.025,   0.05,   0.1,   0.5,    1.0};
  struct Endpoint {
    std::array<std::atomic<long long>, kStatuses + 1> by_status{};
    std::array<std::atomic<long long>, kBuckets> buckets{};
    std::atomic<long long> count{0};
    std::atomic<long long> sum_micros{0};
  };
  int EndpointIndex(const std::string& endpoint) const;

  std::vector<std::string> names_;   // endpoints, then "other"
  std::vector<Endpoint> endpoints_;
  std::vector<std::string> outcomes_;
  std::vector<std::atomic<long long>> outcome_counts_;
  std::vector<std::string> errors_;
  std::vector<std::atomic<long long>> error_counts_;
};

}  // namespace candidacy::service
