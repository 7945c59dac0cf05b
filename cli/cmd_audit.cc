// `candidacy audit verify [--key FILE] FILE...`: checks an audit trail's
// records, sequence, hash chain (across rotated files, in the order given)
// and, with a key, HMACs; prints `FILE: N records, chain intact` per file or
// the first broken place as `FILE:LINE: what is wrong`. Exit statuses in
// exit_codes.h. Test: tests/cli/audit_chain_test.sh.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "audit_log.h"
#include "candidacy/audit_verify.h"
#include "command_table.h"
#include "exit_codes.h"

namespace candidacy::cli {
namespace {

struct AuditOptions {
  std::string key_file;
  std::vector<std::string> files;
};

AuditFile ReadTrailFile(const std::string& name) {
  AuditFile f;
  f.name = name;
  std::ifstream in(name, std::ios::binary);
  if (!in) {
    f.readable = false;
    f.read_error = std::string("cannot read: ") + std::strerror(errno);
    return f;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    f.readable = false;
    f.read_error = "cannot read: I/O error";
  }
  f.bytes = bytes.str();
  return f;
}

int ExitFor(AuditVerdictCode code) {
  switch (code) {
    case AuditVerdictCode::kIntact: return kExitOk;
    case AuditVerdictCode::kBroken: return kExitAuditBroken;
    case AuditVerdictCode::kTornTail: return kExitAuditTornTail;
    case AuditVerdictCode::kUnreadable: return kExitIo;
  }
  return kExitInternal;
}

int Verify(const AuditOptions& o) {
  std::string key, error;
  if (!o.key_file.empty() && !ReadAuditKey(o.key_file, &key, &error)) {
    std::fprintf(stderr, "candidacy: %s\n", error.c_str());
    return kExitIo;
  }
  std::vector<AuditFile> files;
  for (const auto& name : o.files) files.push_back(ReadTrailFile(name));
  const AuditVerdict v = VerifyAuditTrail(files, key);
  if (!v.continues_from.empty() && !v.counts.empty())
    std::printf("%s: continues %s (not given, not checked)\n", v.counts.front().name.c_str(), v.continues_from.c_str());
  for (const auto& c : v.counts) {
    if (v.code != AuditVerdictCode::kIntact && c.name == v.file) break;  // its line below says what is wrong
    std::printf("%s: %ld records, chain intact (%ld screenings)\n", c.name.c_str(), c.records, c.records - 1);
  }
  if (v.code == AuditVerdictCode::kTornTail) {
    long whole = v.counts.empty() ? 0 : v.counts.back().records;
    std::printf("%s:%ld: %s; the %ld records before it are intact\n", v.file.c_str(), v.line, v.message.c_str(), whole);
  } else if (v.code != AuditVerdictCode::kIntact) {
    if (v.line > 0) std::printf("%s:%ld: %s\n", v.file.c_str(), v.line, v.message.c_str());
    else std::printf("%s: %s\n", v.file.c_str(), v.message.c_str());
  }
  if (std::fflush(stdout) != 0) return kExitIo;
  return ExitFor(v.code);
}

}  // namespace

Command AuditCommand() {
  auto options = std::make_shared<AuditOptions>();
  Command c;
  c.name = "audit";
  c.help = "Check an --audit trail: audit verify [--key FILE] FILE... (docs/audit.md)";
  c.configure = [options](CLI::App* app) {
    app->require_subcommand(1, 1);
    CLI::App* v = app->add_subcommand("verify", "Check every record, the sequence, the hash chain across the files in order, and the HMACs with --key");
    v->add_option("--key", options->key_file, "The HMAC key file the trail was written with (--audit-key): every record's hmac is checked");
    v->add_option("files", options->files, "The trail's files, oldest first: FILE FILE.1 FILE.2 ...")->required();
  };
  c.run = [options] { return Verify(*options); };
  return c;
}

}  // namespace candidacy::cli
