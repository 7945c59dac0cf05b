#!/usr/bin/env bash
# Byte-for-byte differential check of two candidacy binaries (a refactor
# that must not change output: docs/architecture.md). Screens, with each
# binary, the benchmark's batch (node ../shared/bench/gen.mjs N SEED) against
# the benchmark rulebook and the shipped one in every batch format, and every
# sample (samples/, samples/fhir/, samples/legacy/) in every format, with
# `explain` of every rule on every sample; then compares every output and
# exit status. Prints one line per comparison set and exits 1 on any byte
# changed. Usage: bench/differential.sh BEFORE AFTER [N=100000]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BEFORE AFTER [N]" >&2; exit 2; }
before=$(realpath "$1"); after=$(realpath "$2"); n=${3:-100000}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
bench_dir=${BENCH_DIR:-$root/../shared/bench}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export CANDIDACY_CACHE=off
"$here/make-rulebook.sh" "$work/bench-rulebook" >/dev/null
node "$bench_dir/gen.mjs" "$n" 1 >"$work/batch.ndjson"
changed=0
compare() {  # name: compares $work/{b,a}/name (output, then the exit status); the first 10 changes shown
  if ! cmp -s "$work/b/$1" "$work/a/$1"; then
    changed=$((changed + 1))
    echo "CHANGED: $1" >&2
    [ $changed -le 10 ] && { diff <(head -c 2000 "$work/b/$1") <(head -c 2000 "$work/a/$1") >&2 || true; }
  fi
}
mkdir -p "$work/b" "$work/a"
run() {  # out-name command args...: runs both binaries, output and status kept
  local name=$1; shift
  for side in b a; do
    local bin=$before; [ $side = a ] && bin=$after
    local rc=0
    "$bin" "$@" >"$work/$side/$name" 2>"$work/$side/$name.err" || rc=$?
    echo "$rc" >>"$work/$side/$name"
  done
  compare "$name"
}
lines=0
for rb in "$work/bench-rulebook" "$root/rules/ketamine"; do
  tag=$(basename "$rb")
  for fmt in compact json cds-hooks; do
    run "batch-$tag-$fmt" screen --rulebook "$rb" --format "$fmt" --batch "$work/batch.ndjson"
    lines=$((lines + n))
  done
done
echo "batch: $n questionnaires x 2 rulebooks x 3 formats ($lines results)"
# The rulebook named in every command: each binary's default is its own tree.
shipped=$root/rules/ketamine
samples=("$root"/samples/*.yaml "$root"/samples/*.json "$root"/samples/fhir/*.json "$root"/samples/legacy/*.yaml)
rules=$(grep -ho '^  - id: [A-Z]*-[0-9]*' "$root"/rules/ketamine/rules/*.yaml | sed 's/  - id: //')
count=0
for s in "${samples[@]}"; do
  b=$(basename "$s")
  for fmt in text json compact cds-hooks; do run "sample-$b-$fmt" screen --rulebook "$shipped" --format "$fmt" "$s"; count=$((count + 1)); done
  run "sample-$b-pretty" screen --rulebook "$shipped" --format json --pretty "$s"
  run "sample-$b-html" screen --rulebook "$shipped" --format html --now 2026-12-06T00:00:00Z "$s"
  run "sample-$b-questions" questions --rulebook "$shipped" --for "$s"
  count=$((count + 3))
  for r in $rules; do run "explain-$b-$r" explain --rulebook "$shipped" "$r" "$s"; count=$((count + 1)); done
done
echo "samples: ${#samples[@]} files, $count outputs (6 formats, questions --for, explain of every rule)"
if [ $changed -ne 0 ]; then echo "differential: $changed outputs changed" >&2; exit 1; fi
echo "differential: no byte changed"
