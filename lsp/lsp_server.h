// `candidacy lsp`: a Language Server (LSP 3.17, JSON-RPC 2.0 over a byte
// stream) for a rulebook folder. Reads framed messages from `in`, answers on
// `out`; diagnostics on open and every change, hover, definition, references
// and completion (lsp_features.h). Every bad input gets a JSON-RPC error, never a
// crash. Test: tests/lsp/lsp_server_test.cc; end to end, tests/lsp/lsp_client_test.js.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "workspace.h"

namespace candidacy::lsp {

// JSON-RPC and LSP error codes.
enum ErrorCode {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
};

struct ServerOptions {
  std::string rulebook;  // the rulebook folder; empty: found from the first document opened
  std::string today;     // the lint's review-date check (LintOptions::today)
};

class Server {
 public:
  Server(std::ostream& out, ServerOptions options);

  // Reads and answers until `exit` or the end of the input. Returns the exit
  // status the spec asks for: 0 after shutdown then exit, else 1.
  int Run(std::istream& in);
  // After Run: why the input ended inside a message, or empty.
  const std::string& end_error() const { return end_error_; }

  // One message body (for tests): answers it on `out`. False after `exit`.
  bool Handle(const std::string& body);

 private:
  void Send(const nlohmann::json& message);
  void Reply(const nlohmann::json& id, nlohmann::json result);
  void Fail(const nlohmann::json& id, int code, const std::string& message);
  void Notify(const std::string& method, nlohmann::json params);
  nlohmann::json Dispatch(const std::string& method, const nlohmann::json& params, bool* handled);
  void Publish();

  std::ostream& out_;
  ServerOptions options_;
  Workspace workspace_;
  bool initialized_ = false, shutdown_ = false, exited_ = false;
  std::string end_error_;
};

}  // namespace candidacy::lsp
