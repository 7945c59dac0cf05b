#!/usr/bin/env bash
# The cost of the audit trail's fsync (docs/audit.md): 10,000 screenings of
# sample 04 (distinct ids) as one `screen --batch`, with no audit, with
# --audit-sync=batch (one fsync per 1,000 records) and with --audit-sync=record
# (one fsync per record, the default), each with and without an HMAC key.
# Prints a Markdown table; the trail is written in DIR (default: a temporary
# folder under build/, i.e. on the disk the clinic's trail would be on).
#   bench/audit_fsync.sh [--candidacy BIN] [--n N] [--dir DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/cli/candidacy"
n=10000
dir=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --candidacy) bin=$2; shift 2 ;;
    --n) n=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "usage: $0 [--candidacy BIN] [--n N] [--dir DIR]" >&2; exit 2 ;;
  esac
done
[[ -n $dir ]] || { mkdir -p "$root/build"; dir=$(mktemp -d "$root/build/audit-bench.XXXXXX"); trap 'rm -rf "$dir"' EXIT; }
python3 -c '
import json, sys
q = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for i in range(int(sys.argv[3])):
        q["id"] = "bench-%d" % i
        out.write(json.dumps(q, separators=(",", ":")) + "\n")' "$root/samples/04-precautions-no-escort.json" "$dir/in.ndjson" "$n"
printf 'a benchmark key of thirty-two bytes\n' > "$dir/key"

# seconds ARGS...: wall time of one batch, best of 3 (a fresh trail each time).
seconds() {
  local best="" t
  for _ in 1 2 3; do
    rm -f "$dir"/trail.log*
    t=$( { /usr/bin/time -f %e "$bin" screen --batch "$dir/in.ndjson" --format compact "$@" > /dev/null; } 2>&1 | tail -1)
    if [[ -z $best ]] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
  done
  echo "$best"
}

none=$(seconds)
printf '| %s screenings | seconds | per screening | audit cost per record |\n|---|---|---|---|\n' "$n"
row() {
  local label=$1 t
  shift
  t=$(seconds "$@")
  python3 -c "
t, base, n = $t, $none, $n
print('| %s | %.2f | %.1f µs | %s |' % ('$label', t, t / n * 1e6, '-' if '$label' == 'no audit' else '%.1f µs' % ((t - base) / n * 1e6)))"
}
row "no audit"
row "--audit-sync=batch" --audit "$dir/trail.log" --audit-sync=batch
row "--audit-sync=batch, --audit-key" --audit "$dir/trail.log" --audit-sync=batch --audit-key "$dir/key"
row "--audit-sync=record" --audit "$dir/trail.log"
row "--audit-sync=record, --audit-key" --audit "$dir/trail.log" --audit-key "$dir/key"
"$bin" audit verify --key "$dir/key" "$dir/trail.log" >&2
