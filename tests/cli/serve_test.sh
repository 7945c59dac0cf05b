#!/usr/bin/env bash
# End-to-end: `candidacy serve` (docs/service.md), the real server on
# 127.0.0.1 and a free port, driven with Python's http.client: discovery,
# every sample through /screen byte for byte against `candidacy screen
# --format json`, a CDS Hooks call per FHIR sample against `--format
# cds-hooks`, missing and unusable prefetch, feedback in the audit trail,
# 400/401/404/405/413/415/422, /metrics, TLS, JWT (RS384 and ES384, keys and
# tokens made here with openssl), and SIGTERM with 50 requests in flight. Every
# wait is bounded, so a hung server fails the test instead of hanging CI.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v python3 >/dev/null || { fail "python3 is available"; finish; }
command -v openssl >/dev/null || { fail "openssl is available"; finish; }
timeout 280 python3 "$SOURCE_DIR/tests/cli/serve_test.py" "$CANDIDACY" "$SOURCE_DIR" "$tmp"
status=$?
if ((status == 0)); then pass "serve_test.py"; else fail "serve_test.py (exit $status)"; fi
finish
