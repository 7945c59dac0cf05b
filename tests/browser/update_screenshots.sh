#!/usr/bin/env bash
# Remakes docs/desk/*.png with the browser test: tests/browser/update_screenshots.sh BUILD_DIR
set -eu
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
CANDIDACY="$build/cli/candidacy" SOURCE_DIR="$root" BUILD_DIR="$build" CANDIDACY_DESK_SCREENSHOTS="$root/docs/desk" \
  bash "$root/tests/browser/desk_test.sh"
