// `candidacy lsp`: the rulebook language server on stdin and stdout for an
// editor (docs/authoring.md, "In your editor"); the server is lsp/.
// Test: tests/lsp/lsp_client_test.js (a real LSP client), tests/lsp/lsp_server_test.cc.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "command_table.h"
#include "lsp_server.h"

namespace candidacy::cli {
namespace {

struct LspOptions {
  std::string rulebook;
  std::string today;
};

int Run(const LspOptions& o) {
  std::ios::sync_with_stdio(false);
  lsp::ServerOptions options;
  if (!o.rulebook.empty()) {
    std::error_code ec;
    options.rulebook = std::filesystem::absolute(o.rulebook, ec).lexically_normal().string();
    while (options.rulebook.size() > 1 && options.rulebook.back() == '/') options.rulebook.pop_back();
  }
  options.today = o.today;
  lsp::Server server(std::cout, options);
  const int status = server.Run(std::cin);
  if (!server.end_error().empty()) std::cerr << "candidacy lsp: " << server.end_error() << "\n";
  return status;
}

}  // namespace

Command LspCommand() {
  auto options = std::make_shared<LspOptions>();
  Command c;
  c.name = "lsp";
  c.help = "Language server for rule files (LSP over stdin/stdout): live lint, hover, definition, references, completion";
  c.configure = [options](CLI::App* app) {
    app->add_option("--rulebook", options->rulebook,
                    "Rulebook directory (default: the folder above each opened file that holds rulebook.yaml)");
    app->add_option("--today", options->today, "Date for the review-date check, YYYY-MM-DD (default: today, UTC)");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
