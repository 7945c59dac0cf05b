// `candidacy serve`: the CDS Hooks service and the screening API over HTTP
// (docs/service.md), in the same binary. Loads the rulebook and the audit
// trail as `screen` does, then runs the service (service/) until SIGTERM or
// SIGINT. Test: tests/cli/serve_test.sh.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "audit_log.h"
#include "command_table.h"
#include "exit_codes.h"
#include "log.h"
#include "questionnaire_input.h"
#include "rulebook_locator.h"
#include "server.h"
#include "service.h"

namespace candidacy::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string rulebook;
  std::string audit, audit_key;
  std::string tls_cert, tls_key;
  std::string jwks;
  std::string public_url;
  int threads = 0;
  int header_timeout = 10, idle_timeout = 15, body_timeout = 30;
  int max_requests = 10000;
};

int Run(const ServeOptions& o) {
  service::ServerOptions server;
  if (!service::ParseListenAddress(o.listen, &server.host, &server.port)) {
    std::fprintf(stderr, "candidacy: --listen '%s' is not HOST:PORT (an IP address and a port, 0 for any free one)\n", o.listen.c_str());
    return kExitUsage;
  }
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    std::fprintf(stderr, "candidacy: --tls-cert and --tls-key go together\n");
    return kExitUsage;
  }
  server.header_timeout = std::chrono::seconds(o.header_timeout);
  server.idle_timeout = std::chrono::seconds(o.idle_timeout);
  server.body_timeout = std::chrono::seconds(o.body_timeout);
  server.max_requests_per_connection = o.max_requests;
  server.tls_cert = o.tls_cert;
  server.tls_key = o.tls_key;
  const unsigned cores = std::thread::hardware_concurrency();
  server.threads = o.threads > 0 ? o.threads : static_cast<int>(cores == 0 ? 1 : cores);

  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.rulebook, &rulebook); rc != kExitOk) return rc;

  std::unique_ptr<service::JwtVerifier> jwt;
  if (!o.jwks.empty()) {
    std::string text, error;
    if (int rc = ReadDocumentFile(o.jwks, &text); rc != kExitOk) return kExitIo;
    jwt = std::make_unique<service::JwtVerifier>();
    if (!jwt->LoadJwks(text, &error)) {
      std::fprintf(stderr, "candidacy: %s: %s\n", o.jwks.c_str(), error.c_str());
      return kExitUsage;
    }
  }

  AuditLog audit;
  if (!o.audit.empty()) {
    AuditLogOptions options;
    options.path = o.audit;
    options.rulebook_id = rulebook->id();
    options.rulebook_version = rulebook->version();
    options.rulebook_sha256 = rulebook->sha256();
    std::string key_file = o.audit_key, error;
    if (key_file.empty())
      if (const char* env = std::getenv("CANDIDACY_AUDIT_KEY_FILE"); env != nullptr) key_file = env;
    if ((!key_file.empty() && !ReadAuditKey(key_file, &options.key, &error)) || !audit.Open(options, &error)) {
      std::fprintf(stderr, "candidacy: %s\n", error.c_str());
      return kExitIo;
    }
  } else if (!o.audit_key.empty()) {
    std::fprintf(stderr, "candidacy: --audit-key applies to --audit FILE\n");
    return kExitUsage;
  }

  service::Service svc(rulebook, audit.is_open() ? &audit : nullptr, jwt.get(), o.public_url);
  svc.WarmUp();
  server.on_listening = [&](const std::string& address) {
    WriteNotice(fmt::format("serving on {}{}: rulebook {} {} (sha256 {}), {} thread{}{}{}", address, server.tls_cert.empty() ? "" : " (TLS)",
                            rulebook->id(), rulebook->version(), rulebook->sha256(), server.threads, server.threads == 1 ? "" : "s",
                            audit.is_open() ? ", audit on" : "", jwt ? ", JWT required" : ""));
  };
  server.on_stopping = [] { WriteNotice("stopping: no new connections; finishing the requests in flight"); };
  std::string error;
  if (!service::RunServer(&svc, server, &error)) {
    std::fprintf(stderr, "candidacy: %s\n", error.c_str());
    return kExitIo;
  }
  if (audit.is_open() && !audit.Close(&error)) {
    std::fprintf(stderr, "candidacy: %s\n", error.c_str());
    return kExitIo;
  }
  WriteNotice("stopped");
  return kExitOk;
}

}  // namespace

Command ServeCommand() {
  auto options = std::make_shared<ServeOptions>();
  Command c;
  c.name = "serve";
  c.help = "Serve CDS Hooks and the screening API over HTTP until SIGTERM (docs/service.md)";
  c.configure = [options](CLI::App* app) {
    app->add_option("--listen", options->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free port)");
    app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--audit", options->audit, "Append one hash-chained record per screening and per feedback to FILE (docs/audit.md)");
    app->add_option("--audit-key", options->audit_key, "With --audit: sign each record with HMAC-SHA256 under the key in this file");
    app->add_option("--tls-cert", options->tls_cert, "Serve HTTPS with this PEM certificate chain (with --tls-key)")->check(CLI::ExistingFile);
    app->add_option("--tls-key", options->tls_key, "The PEM private key of --tls-cert")->check(CLI::ExistingFile);
    app->add_option("--jwks", options->jwks, "Require the CDS Client's bearer JWT (RS384/ES384) on CDS Hooks calls, verified with the keys of this JWKS file")
        ->check(CLI::ExistingFile);
    app->add_option("--public-url", options->public_url,
                    "The base URL EHRs call (the JWT audience is it plus the path); default: the request's scheme and Host");
    app->add_option("--threads", options->threads, "Threads serving requests (default: one per core)")->check(CLI::Range(0, 256));
    app->add_option("--header-timeout", options->header_timeout, "Seconds a new connection has for its first request's headers (default 10)")
        ->check(CLI::Range(1, 3600));
    app->add_option("--idle-timeout", options->idle_timeout, "Seconds a keep-alive connection may wait for its next request (default 15)")
        ->check(CLI::Range(1, 3600));
    app->add_option("--body-timeout", options->body_timeout, "Seconds a body has once its headers are in (default 30)")
        ->check(CLI::Range(1, 3600));
    app->add_option("--max-requests-per-connection", options->max_requests,
                    "Requests on one keep-alive connection before it is closed (default 10000)")
        ->check(CLI::Range(1, 1000000));
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
