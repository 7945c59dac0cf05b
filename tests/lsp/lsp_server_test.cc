// The language server (lsp/lsp_server.cc) driven in-process: a table of bad
// messages, each with the JSON-RPC error it must get (never a crash); framing
// errors through Run; and a session on a copy of the shipped rulebook: a typo
// gets the diagnostic `candidacy lint` gives, at its range; hover, definition,
// references and completion answer from the rulebook.
#include "lsp_server.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "candidacy/lint.h"
#include "framing.h"
#include "test_support.h"
#include "text_position.h"

using namespace candidacy;
using namespace candidacy::lsp;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<Json> Messages(const std::string& out) {
  std::istringstream in(out);
  std::vector<Json> messages;
  for (Frame f = ReadFrame(in); f.status == FrameStatus::kMessage; f = ReadFrame(in)) messages.push_back(Json::parse(f.body));
  return messages;
}

Json Request(int id, const std::string& method, Json params) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}
Json Notification(const std::string& method, Json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

// A server on a copy of the shipped rulebook, initialized.
class Session {
 public:
  Session() {
    dir_ = tmp_.path() + "/rb";
    fs::copy(testing::SourceDir() + "/rules/ketamine", dir_, fs::copy_options::recursive);
    server_ = std::make_unique<Server>(out_, ServerOptions{dir_, "2026-12-07"});
    Send(Request(1, "initialize", {{"processId", nullptr}, {"rootUri", UriOfPath(dir_)}, {"capabilities", Json::object()}}));
    Send(Notification("initialized", Json::object()));
  }
  // Sends one message; returns what the server wrote for it.
  std::vector<Json> Send(const Json& message) { return SendText(message.dump()); }
  std::vector<Json> SendText(const std::string& body) {
    out_.str("");
    server_->Handle(body);
    return Messages(out_.str());
  }
  std::string Uri(const std::string& relative) const { return UriOfPath(dir_ + "/" + relative); }
  std::string Text(const std::string& relative) const { return testing::FileText(dir_ + "/" + relative); }
  const std::string& dir() const { return dir_; }
  Json Open(const std::string& relative, const std::string& text) {
    return Diagnostics(Send(Notification("textDocument/didOpen",
                                         {{"textDocument", {{"uri", Uri(relative)}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}})),
                       Uri(relative));
  }
  static Json Diagnostics(const std::vector<Json>& messages, const std::string& uri) {
    for (const auto& m : messages)
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) return m["params"]["diagnostics"];
    return nullptr;
  }
  Json Ask(const std::string& method, const std::string& relative, int line, int character, Json extra = Json::object()) {
    Json params = {{"textDocument", {{"uri", Uri(relative)}}}, {"position", {{"line", line}, {"character", character}}}};
    params.update(extra);
    const auto replies = Send(Request(7, method, params));
    REQUIRE(replies.size() == 1);
    REQUIRE(replies[0].contains("result"));
    return replies[0]["result"];
  }

 private:
  testing::TempDir tmp_;
  std::string dir_;
  std::ostringstream out_;
  std::unique_ptr<Server> server_;
};

int LineOfText(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

}  // namespace

TEST_CASE("bad messages get JSON-RPC errors, never a crash") {
  struct Row {
    const char* what;
    std::string body;
    int code;
    Json id;
  };
  const Row rows[] = {
      {"not JSON", "{\"jsonrpc\": \"2.0\", \"id\": 1, ", kParseError, nullptr},
      {"not UTF-8 JSON", "\xff\xfe", kParseError, nullptr},
      {"a JSON array", "[]", kInvalidRequest, nullptr},
      {"JSON-RPC 1.0", R"({"jsonrpc":"1.0","id":3,"method":"shutdown"})", kInvalidRequest, 3},
      {"no method", R"({"jsonrpc":"2.0","id":4})", kInvalidRequest, 4},
      {"a method that is not text", R"({"jsonrpc":"2.0","id":5,"method":7})", kInvalidRequest, 5},
      {"an id that is an object", R"({"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"})", kInvalidRequest, nullptr},
      {"deeply nested", std::string(100000, '[') + std::string(100000, ']'), kInvalidRequest, nullptr},
      {"an unknown method", R"({"jsonrpc":"2.0","id":6,"method":"textDocument/formatting","params":{}})", kMethodNotFound, 6},
      {"hover without a position", R"({"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"}}})",
       kInvalidParams, 8},
      {"hover on a document not open",
       R"({"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":0,"character":0}}})",
       kInvalidParams, 9},
      {"a position that is text",
       R"({"jsonrpc":"2.0","id":10,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///x"},"position":{"line":"0","character":0}}})",
       kInvalidParams, 10},
      {"params that are a list", R"({"jsonrpc":"2.0","id":11,"method":"textDocument/definition","params":[1]})", kInvalidParams, 11},
      {"initialize twice", R"({"jsonrpc":"2.0","id":12,"method":"initialize","params":{}})", kInvalidParams, 12},
  };
  Session s;
  for (const Row& r : rows) {
    CAPTURE(r.what);
    const auto replies = s.SendText(r.body);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0]["error"]["code"] == r.code);
    CHECK(replies[0]["id"] == r.id);
  }
  // A notification with bad params, and a client's response, get no answer.
  CHECK(s.SendText(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}})").empty());
  CHECK(s.SendText(R"({"jsonrpc":"2.0","id":99,"result":null})").empty());
}

TEST_CASE("requests before initialize and after shutdown are refused") {
  std::ostringstream out;
  Server server(out, ServerOptions{});
  server.Handle(Request(1, "textDocument/hover", Json::object()).dump());
  server.Handle(Request(2, "initialize", Json::object()).dump());
  server.Handle(Request(3, "shutdown", nullptr).dump());
  server.Handle(Request(4, "textDocument/hover", Json::object()).dump());
  const auto replies = Messages(out.str());
  REQUIRE(replies.size() == 4);
  CHECK(replies[0]["error"]["code"] == kServerNotInitialized);
  CHECK(replies[1]["result"]["capabilities"]["textDocumentSync"]["change"] == 1);
  CHECK(replies[2]["result"].is_null());
  CHECK(replies[3]["error"]["code"] == kInvalidRequest);
  CHECK_FALSE(server.Handle(Notification("exit", nullptr).dump()));
}

TEST_CASE("framing errors are answered, the server reads on, and exit gives the status the spec asks") {
  struct Row {
    std::string input;
    int status;
    std::vector<int> errors;  // the error codes answered, in order
  };
  const std::string init = EncodeFrame(Request(1, "initialize", Json::object()).dump());
  const std::string shutdown = EncodeFrame(Request(2, "shutdown", nullptr).dump());
  const std::string exit = EncodeFrame(Notification("exit", nullptr).dump());
  const Row rows[] = {
      {init + shutdown + exit, 0, {}},
      {init + exit, 1, {}},  // exit without shutdown
      {init, 1, {}},         // the input ends
      {"Content-Type: x\r\n\r\n" + init + shutdown + exit, 0, {kInvalidRequest}},
      {init + "Content-Length: 99999999999\r\n\r\n{}", 1, {}},
      {init + "Content-Length: 5\r\n\r\nhello" + shutdown + exit, 0, {kParseError}},
      {"Content-Length: x\r\n\r\n" + init + "Content-Length: 2\r\n\r\n{}" + shutdown + exit, 0, {kInvalidRequest, kInvalidRequest}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.input.substr(0, 60));
    std::istringstream in(r.input);
    std::ostringstream out;
    Server server(out, ServerOptions{});
    CHECK(server.Run(in) == r.status);
    std::vector<int> errors;
    for (const auto& m : Messages(out.str()))
      if (m.contains("error")) errors.push_back(m["error"]["code"]);
    CHECK(errors == r.errors);
  }
}

TEST_CASE("a typo gets the lint's diagnostic at its range, and goes when fixed") {
  Session s;
  const std::string file = "rules/exclusions.yaml";
  const std::string good = s.Text(file);
  std::string bad = good;
  bad.replace(bad.find("when: patient.age < 18"), 22, "when: patient.agee < 18");
  const int line = LineOfText(bad, "when: patient.agee");

  CHECK(s.Open(file, good) == Json::array());
  const auto replies = s.Send(Notification("textDocument/didChange", {{"textDocument", {{"uri", s.Uri(file)}, {"version", 2}}},
                                                                       {"contentChanges", {{{"text", bad}}}}}));
  const Json diagnostics = Session::Diagnostics(replies, s.Uri(file));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["code"] == "unknown-reference");
  CHECK(diagnostics[0]["severity"] == 1);
  CHECK(diagnostics[0]["source"] == "candidacy");
  CHECK(diagnostics[0]["range"] == Json({{"start", {{"line", line}, {"character", 10}}}, {"end", {{"line", line}, {"character", 22}}}}));
  // The same code, place and words as `candidacy lint` on the same text.
  LintOptions options;
  options.today = "2026-12-07";
  options.unsaved.push_back({file, bad});
  std::vector<Diagnostic> lint;
  CHECK_FALSE(LintRulebook(s.dir(), options, &lint).ok());
  REQUIRE(lint.size() == 1);
  CHECK(diagnostics[0]["message"] == lint[0].message);
  CHECK(lint[0].location.line == line + 1);
  CHECK(lint[0].location.column == 11);
  CHECK(DiagnosticCodeName(lint[0].code) == std::string("unknown-reference"));

  const auto fixed = s.Send(Notification("textDocument/didChange", {{"textDocument", {{"uri", s.Uri(file)}, {"version", 3}}},
                                                                     {"contentChanges", {{{"text", good}}}}}));
  CHECK(Session::Diagnostics(fixed, s.Uri(file)) == Json::array());
}

TEST_CASE("a test file's mistakes get the test loader's diagnostics") {
  Session s;
  const std::string file = "tests/logistics.yaml";
  std::string text = s.Text(file);
  text.replace(text.find("fires: [LG-01]"), 14, "fires: [LG-0l]");
  const int line = LineOfText(text, "fires: [LG-0l]");
  const Json diagnostics = s.Open(file, text);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["code"] == "unknown-reference");
  CHECK(diagnostics[0]["range"]["start"] == Json({{"line", line}, {"character", 14}}));
  CHECK(diagnostics[0]["message"].get<std::string>().find("LG-0l") != std::string::npos);
}

TEST_CASE("hover, definition, references and completion on the shipped rulebook") {
  Session s;
  const std::string rules = "rules/exclusions.yaml", interactions = "rules/interactions.yaml";
  const std::string text = s.Text(rules);
  s.Open(rules, text);
  s.Open(interactions, s.Text(interactions));
  const int when = LineOfText(text, "when: patient.age < 18");
  const std::string questions = s.Text("questions.yaml");
  const int declared = LineOfText(questions, "  - id: patient.age\n");

  SECTION("hover on a question id shows it in plain words") {
    const Json h = s.Ask("textDocument/hover", rules, when, 14);
    CHECK(h["contents"]["kind"] == "markdown");
    const std::string words = h["contents"]["value"];
    CHECK(words.find("**patient.age**") != std::string::npos);
    CHECK(words.find("How old is the patient") != std::string::npos);
  }
  SECTION("hover on a rule id and a medication class") {
    const std::string rule = s.Ask("textDocument/hover", rules, LineOfText(text, "  - id: EX-01"), 9)["contents"]["value"];
    CHECK(rule.find("**EX-01 Age under 18**") != std::string::npos);
    CHECK(rule.find("Fires when:") != std::string::npos);
    const int line = LineOfText(s.Text(interactions), "class 'benzodiazepine'");
    const std::string cls = s.Ask("textDocument/hover", interactions, line, 37)["contents"]["value"];
    CHECK(cls.find("medication class") != std::string::npos);
    CHECK(cls.find("lorazepam") != std::string::npos);
  }
  SECTION("nothing to hover on a key") { CHECK(s.Ask("textDocument/hover", rules, when, 5).is_null()); }
  SECTION("definition of a question used in a condition") {
    const Json d = s.Ask("textDocument/definition", rules, when, 12);
    CHECK(d["uri"] == s.Uri("questions.yaml"));
    CHECK(d["range"]["start"] == Json({{"line", declared}, {"character", 8}}));
    CHECK(d["range"]["end"] == Json({{"line", declared}, {"character", 19}}));
  }
  SECTION("references of a question") {
    const Json r = s.Ask("textDocument/references", rules, when, 12, {{"context", {{"includeDeclaration", true}}}});
    REQUIRE(r.size() >= 2);
    CHECK(r[0]["uri"] == s.Uri("questions.yaml"));
    bool here = false;
    for (const auto& loc : r) here = here || (loc["uri"] == s.Uri(rules) && loc["range"]["start"]["line"] == when);
    CHECK(here);
  }
  SECTION("completion inside conditions, and none outside") {
    auto labels = [&](int line, int character) {
      std::set<std::string> out;
      const Json result = s.Ask("textDocument/completion", rules, line, character);  // kept: the loop reads into it
      for (const auto& item : result["items"]) out.insert(item["label"]);
      return out;
    };
    CHECK(labels(when, 12).count("patient.age") == 1);   // when: pa|
    CHECK(labels(when, 12).count("bmi") == 1);           // derived values too
    CHECK(labels(when - 3, 12).empty());                 // the title's text
    std::string typed = text;
    typed.replace(typed.find("when: patient.age < 18"), 22, "when: patient.sex == 'fe");
    s.Send(Notification("textDocument/didChange", {{"textDocument", {{"uri", s.Uri(rules)}, {"version", 2}}}, {"contentChanges", {{{"text", typed}}}}}));
    const auto values = labels(when, 28);
    CHECK(values == std::set<std::string>{"female", "male", "intersex", "unknown"});
    typed.replace(typed.find("when: patient.sex == 'fe"), 24, "when: any medication in class '");
    s.Send(Notification("textDocument/didChange", {{"textDocument", {{"uri", s.Uri(rules)}, {"version", 3}}}, {"contentChanges", {{{"text", typed}}}}}));
    const auto classes = labels(when, 35);
    CHECK(classes.count("opioid") == 1);
    CHECK(classes.count("patient.age") == 0);
  }
}
