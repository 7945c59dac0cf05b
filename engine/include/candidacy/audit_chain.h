// The audit trail's hash chain (docs/audit.md): each record carries its
// sequence number in the file (`seq`, from 1) and the SHA-256 of the previous
// record's exact bytes, newline included (`prev`); the first record of a file
// is a `start` record; with a key, each record also carries an HMAC-SHA256.
// Implemented in engine/src/audit/audit_chain.cc; tested by tests/engine/audit/audit_chain_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace candidacy {

// `prev` of the first record of a trail (a file that continues no other): 64 zeros.
inline constexpr std::string_view kAuditTrailOrigin = "0000000000000000000000000000000000000000000000000000000000000000";

// The record a new record follows: its `seq` and the SHA-256 of its line.
// The default is the origin of a trail: no record yet.
struct AuditLink {
  long seq = 0;
  std::string sha256 = std::string(kAuditTrailOrigin);
};

// What a file's start record names. `previous_file` and `previous_sha256`
// are empty for the first file of a trail; for a rotated file they name the
// file before it (its base name) and the SHA-256 of its last record.
struct AuditStart {
  std::string time;  // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string host;
  std::string rulebook_id, rulebook_version, rulebook_sha256;
  std::string previous_file, previous_sha256;
};

// The start record's body: {"start":{"time","host","rulebook":{...}[,"previous_file","previous_sha256"]}}.
std::string AuditStartBody(const AuditStart& start);

// The line to write for `body` (a JSON object such as AuditRecord gives; a
// trailing newline is ignored) after `previous`:
// {"seq":previous.seq+1,"prev":previous.sha256,<body's members>[,"hmac":...]}\n.
// With a non-empty `key`, "hmac" is the HMAC-SHA256 (hex) of the line's bytes
// without the newline and without the hmac member. Requires `body` to be a
// non-empty JSON object.
std::string SealAuditRecord(std::string_view body, const AuditLink& previous, std::string_view key);

// The link after `line` (a whole record, newline included): its seq and the
// SHA-256 of its bytes. False when the line is not a record with a seq.
bool AuditLinkAfter(std::string_view line, AuditLink* link);

}  // namespace candidacy
