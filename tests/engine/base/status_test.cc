// Status (candidacy/status.h, base/status.cc): a code and a message, and the
// text Status::ToString gives for each code.
#include <string>

#include <catch2/catch.hpp>

#include "candidacy/status.h"

TEST_CASE("status carries a code and a message", "[diagnostic]") {
  CHECK(candidacy::Status::Ok().ok());
  CHECK(candidacy::Status::Ok().ToString() == "OK");
  const auto s = candidacy::Status::Error(candidacy::StatusCode::kIoError, "x: gone");
  CHECK_FALSE(s.ok());
  CHECK(s.ToString() == "I/O error: x: gone");
}

TEST_CASE("status: ToString names each code, then the message", "[status]") {
  using candidacy::Status;
  using candidacy::StatusCode;
  auto [code, message, text] = GENERATE(table<StatusCode, std::string, std::string>({
      {StatusCode::kOk, "", "OK"},
      {StatusCode::kInvalidArgument, "no input", "invalid argument: no input"},
      {StatusCode::kRulebookInvalid, "3 errors", "rulebook invalid: 3 errors"},
      {StatusCode::kQuestionnaireInvalid, "q.yaml", "questionnaire invalid: q.yaml"},
      {StatusCode::kIoError, "", "I/O error"},
      {StatusCode::kInternal, "bad index", "internal error: bad index"},
  }));
  CAPTURE(text);
  const Status s = code == StatusCode::kOk ? Status::Ok() : Status::Error(code, message);
  CHECK(s.code() == code);
  CHECK(s.ok() == (code == StatusCode::kOk));
  CHECK(s.ToString() == text);
}
