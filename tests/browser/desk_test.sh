#!/usr/bin/env bash
# The desk in a real browser (docs/desk.md): tests/browser/desk_test.js with
# Node, playwright-core (npm ci here, by .ci/install-deps) and Debian's
# chromium. Fails, never skips, when one of them is missing. Writes the
# timings to $BUILD_DIR/desk/desk-timings.txt and the screenshots to
# $BUILD_DIR/desk/screenshots (CANDIDACY_DESK_SCREENSHOTS=DIR elsewhere:
# tests/browser/update_screenshots.sh makes docs/desk/*.png).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
here="$SOURCE_DIR/tests/browser"
out="${BUILD_DIR:-$tmp}/desk"
mkdir -p "$out"
if ! command -v node >/dev/null; then fail "node is installed (.ci/install-deps)"; finish; fi
if [[ ! -d "$here/node_modules/playwright-core" ]]; then fail "playwright-core is installed: npm ci --prefix tests/browser (.ci/install-deps)"; finish; fi
if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then fail "chromium is installed (.ci/install-deps)"; finish; fi
if ! command -v pdftotext >/dev/null; then fail "pdftotext is installed (poppler-utils, .ci/install-deps)"; finish; fi
# HOME and the crash dumps in the temporary folder: chromium writes there.
HOME="$tmp" timeout 170 node "$here/desk_test.js" "$CANDIDACY" "$SOURCE_DIR" "$out"
status=$?
if ((status == 0)); then pass "desk_test.js"; else fail "desk_test.js (exit $status)"; fi
finish
