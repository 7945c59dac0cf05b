// The language server's loop and dispatch (lsp_server.h). Test: tests/lsp/lsp_server_test.cc.
#include "lsp_server.h"

#include "lsp_features.h"
#include "framing.h"
#include "text_position.h"

namespace candidacy::lsp {
namespace {

using Json = nlohmann::json;

// A request's params were not what the method takes.
struct BadParams {
  std::string what;
};

const Json& Need(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) throw BadParams{std::string("missing ") + key};
  return j[key];
}
std::string NeedString(const Json& j, const char* key) {
  const Json& v = Need(j, key);
  if (!v.is_string()) throw BadParams{std::string(key) + " is not a string"};
  return v.get<std::string>();
}
int NeedInt(const Json& j, const char* key) {
  const Json& v = Need(j, key);
  if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 1 << 30)
    throw BadParams{std::string(key) + " is not a non-negative integer"};
  return v.get<int>();
}

}  // namespace

Server::Server(std::ostream& out, ServerOptions options)
    : out_(out), options_(std::move(options)), workspace_(options_.rulebook, options_.today) {}

int Server::Run(std::istream& in) {
  while (!exited_) {
    Frame frame = ReadFrame(in);
    switch (frame.status) {
      case FrameStatus::kEnd:  // the client went away without exit
        end_error_ = frame.error;
        return 1;
      case FrameStatus::kBadHeader: Fail(nullptr, kInvalidRequest, "bad message header: " + frame.error); continue;
      case FrameStatus::kTooLarge: Fail(nullptr, kInvalidRequest, frame.error); continue;
      case FrameStatus::kMessage: Handle(frame.body); continue;
    }
  }
  return shutdown_ ? 0 : 1;
}

void Server::Send(const Json& message) {
  out_ << EncodeFrame(message.dump(-1, ' ', false, Json::error_handler_t::replace));
  out_.flush();
}

void Server::Reply(const Json& id, Json result) { Send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }

void Server::Fail(const Json& id, int code, const std::string& message) {
  Send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::Notify(const std::string& method, Json params) {
  Send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

bool Server::Handle(const std::string& body) {
  const Json message = Json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    Fail(nullptr, kParseError, "the message is not JSON");
    return !exited_;
  }
  const bool has_id = message.is_object() && message.contains("id");
  const Json id = has_id ? message["id"] : Json(nullptr);
  if (!message.is_object() || message.value("jsonrpc", Json()) != "2.0" || !message.contains("method") ||
      !message["method"].is_string() || (has_id && !id.is_string() && !id.is_number_integer() && !id.is_null())) {
    // A response from the client (id, result/error, no method) needs no answer.
    if (!(message.is_object() && has_id && !message.contains("method") && (message.contains("result") || message.contains("error"))))
      Fail(id.is_string() || id.is_number_integer() ? id : Json(nullptr), kInvalidRequest, "not a JSON-RPC 2.0 request or notification");
    return !exited_;
  }
  const std::string method = message["method"];
  const Json params = message.value("params", Json::object());
  if (method == "exit") {
    exited_ = true;
    return false;
  }
  if (!initialized_ && method != "initialize") {
    if (has_id) Fail(id, kServerNotInitialized, "initialize first");
    return true;
  }
  if (shutdown_) {
    if (has_id) Fail(id, kInvalidRequest, "the server is shut down; only exit is accepted");
    return true;
  }
  bool handled = true;
  try {
    Json result = Dispatch(method, params, &handled);
    if (has_id) {
      if (handled)
        Reply(id, std::move(result));
      else
        Fail(id, kMethodNotFound, "unknown method " + method);
    }
  } catch (const BadParams& e) {
    if (has_id) Fail(id, kInvalidParams, method + ": " + e.what);
  } catch (const std::exception& e) {  // nlohmann on a wrongly typed field
    if (has_id) Fail(id, kInvalidParams, method + ": " + e.what());
  }
  return true;
}

Json Server::Dispatch(const std::string& method, const Json& params, bool* handled) {
  auto document = [&](const Json& p) -> const Document& {
    const std::string uri = NeedString(Need(p, "textDocument"), "uri");
    const Document* d = workspace_.Find(uri);
    if (d == nullptr) throw BadParams{"the document is not open: " + uri};
    return *d;
  };
  auto position = [&](const Json& p, int* line, int* character) {
    const Json& pos = Need(p, "position");
    *line = NeedInt(pos, "line");
    *character = NeedInt(pos, "character");
  };
  int line = 0, character = 0;
  if (method == "initialize") {
    if (initialized_) throw BadParams{"initialize was sent twice"};
    initialized_ = true;
    return {{"capabilities",
             {{"positionEncoding", "utf-16"},
              {"textDocumentSync", {{"openClose", true}, {"change", 1}}},  // full text on every change
              {"hoverProvider", true},
              {"definitionProvider", true},
              {"referencesProvider", true},
              {"completionProvider", {{"triggerCharacters", {"'", "."}}}}}},
            {"serverInfo", {{"name", "candidacy"}, {"version", CANDIDACY_VERSION}}}};
  }
  if (method == "initialized" || method.rfind("$/", 0) == 0 || method == "workspace/didChangeConfiguration") return nullptr;
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/didOpen") {
    const Json& td = Need(params, "textDocument");
    workspace_.Open(NeedString(td, "uri"), NeedString(td, "text"), td.value("version", 0));
    Publish();
    return nullptr;
  }
  if (method == "textDocument/didChange") {
    const Json& td = Need(params, "textDocument");
    const Json& changes = Need(params, "contentChanges");
    if (!changes.is_array() || changes.empty()) throw BadParams{"contentChanges is not a list of changes"};
    const Json& last = changes.back();
    if (last.contains("range")) throw BadParams{"only full-text changes are supported (textDocumentSync 1)"};
    workspace_.Change(NeedString(td, "uri"), NeedString(last, "text"), td.value("version", 0));
    Publish();
    return nullptr;
  }
  if (method == "textDocument/didClose") {
    workspace_.Close(NeedString(Need(params, "textDocument"), "uri"));
    Publish();
    return nullptr;
  }
  if (method == "textDocument/didSave") return nullptr;
  if (method == "textDocument/hover") {
    const Document& d = document(params);
    position(params, &line, &character);
    return Hover(workspace_, d, line, character);
  }
  if (method == "textDocument/definition") {
    const Document& d = document(params);
    position(params, &line, &character);
    return Definition(workspace_, d, line, character);
  }
  if (method == "textDocument/references") {
    const Document& d = document(params);
    position(params, &line, &character);
    const bool declaration = params.contains("context") && params["context"].value("includeDeclaration", false);
    return References(workspace_, d, line, character, declaration);
  }
  if (method == "textDocument/completion") {
    const Document& d = document(params);
    position(params, &line, &character);
    return Completion(workspace_, d, line, character);
  }
  *handled = false;
  return nullptr;
}

// Diagnostics of every file the analysis names, as `candidacy lint` gives them.
void Server::Publish() {
  for (const std::string& path : workspace_.Analyse()) {
    const std::string text = workspace_.TextOf(path);
    Json list = Json::array();
    for (const auto& d : workspace_.DiagnosticsOf(path)) {
      list.push_back({{"range", DiagnosticRange(text, d.location)},
                      {"severity", d.severity == DiagnosticSeverity::kError ? 1 : 2},
                      {"code", DiagnosticCodeName(d.code)},
                      {"source", "candidacy"},
                      {"message", d.message}});
    }
    Notify("textDocument/publishDiagnostics", {{"uri", UriOfPath(path)}, {"diagnostics", std::move(list)}});
  }
}

}  // namespace candidacy::lsp
