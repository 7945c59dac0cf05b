#!/usr/bin/env bash
# Regenerates samples/expected/*.json after a deliberate change to the rules
# or the output (every golden holds the rulebook's hash, so any rule edit
# changes them). Read `git diff samples/expected` before committing: the
# outcomes and flags must still match samples/README.md.
#   bash tests/cli/update_goldens.sh [path/to/candidacy]
set -euo pipefail
cd "$(dirname "$0")/../.."
candidacy=${1:-build/cli/candidacy}
for f in samples/*.yaml samples/*.json; do
  name=$(basename "${f%.*}")
  "$candidacy" screen --format json --pretty "$f" > "samples/expected/$name.json"
done
git diff --stat -- samples/expected || true
