// The service's metrics (service/metrics.cc): Prometheus text with the
// counters and the latency histogram's cumulative buckets.
#include <catch2/catch.hpp>

#include "metrics.h"

TEST_CASE("metrics render as Prometheus text", "[service]") {
  candidacy::service::Metrics m({"screen", "hook"});
  m.Observe("screen", 200, 0.0002);
  m.Observe("screen", 200, 0.003);
  m.Observe("screen", 422, 2.0);
  m.Observe("nowhere", 404, 0.0001);
  m.CountOutcome("needs_review");
  m.CountError("too-large");
  m.CountError("something new");
  const std::string text = m.Render();
  CHECK(text.find("candidacy_http_requests_total{endpoint=\"screen\",code=\"200\"} 2\n") != std::string::npos);
  CHECK(text.find("candidacy_http_requests_total{endpoint=\"screen\",code=\"422\"} 1\n") != std::string::npos);
  CHECK(text.find("candidacy_http_requests_total{endpoint=\"other\",code=\"404\"} 1\n") != std::string::npos);
  CHECK(text.find("candidacy_http_request_duration_seconds_bucket{endpoint=\"screen\",le=\"0.00025\"} 1\n") != std::string::npos);
  CHECK(text.find("candidacy_http_request_duration_seconds_bucket{endpoint=\"screen\",le=\"0.005\"} 2\n") != std::string::npos);
  CHECK(text.find("candidacy_http_request_duration_seconds_bucket{endpoint=\"screen\",le=\"1\"} 2\n") != std::string::npos);
  CHECK(text.find("candidacy_http_request_duration_seconds_bucket{endpoint=\"screen\",le=\"+Inf\"} 3\n") != std::string::npos);
  CHECK(text.find("candidacy_http_request_duration_seconds_count{endpoint=\"screen\"} 3\n") != std::string::npos);
  CHECK(text.find("candidacy_screenings_total{outcome=\"needs_review\"} 1\n") != std::string::npos);
  CHECK(text.find("candidacy_errors_total{kind=\"too-large\"} 1\n") != std::string::npos);
  CHECK(text.find("candidacy_errors_total{kind=\"other\"} 1\n") != std::string::npos);
  CHECK(text.find("candidacy_http_requests_total{endpoint=\"hook\"") == std::string::npos);  // nothing counted, nothing printed
}
