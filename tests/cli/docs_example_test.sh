#!/usr/bin/env bash
# The worked example of docs/rulebook.md: screening docs/example/patient.yaml
# with docs/example prints exactly docs/example/expected.txt, and the doc
# quotes that output verbatim. Likewise the README's "Reading a screening"
# block is what `candidacy screen samples/06-review-bp-maoi.yaml` prints.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SOURCE_DIR"
actual=$("$CANDIDACY" screen --rulebook docs/example docs/example/patient.yaml)
check_eq "example output" "$(cat docs/example/expected.txt)" "$actual"
# The doc's block after "$ candidacy screen --rulebook docs/example" up to the closing fence.
quoted=$(awk '/^\$ candidacy screen --rulebook docs\/example/{on=1; next} on && /^```$/{exit} on' docs/rulebook.md)
check_eq "the doc quotes the output" "$actual" "$quoted"

actual=$("$CANDIDACY" screen samples/06-review-bp-maoi.yaml)
quoted=$(awk '/^\$ candidacy screen samples\/06-review-bp-maoi.yaml$/{on=1; next} on && /^```$/{exit} on' README.md)
check_eq "the README quotes the output of samples/06" "$actual" "$quoted"
finish
