#!/usr/bin/env bash
# End-to-end: `candidacy screen --batch` (NDJSON in, one JSON line out per
# input line, in order; bad lines become error lines and the batch goes on).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The JSON samples as NDJSON, with bad lines interleaved.
good=()
for f in "$SOURCE_DIR"/samples/*.json; do good+=("$(tr -d '\n' < "$f")"); done
{
  echo "${good[0]}"
  echo '{"id": "bad-range", "patient": {"age": 999}}'
  echo "${good[1]}"
  echo ''
  echo 'not json {'
  echo "${good[2]}"
  echo '{"id": "t", "medications": ["Xanax 2mg]'
  printf '%s' "${good[3]}"          # no newline at the end: still a line
} > "$tmp/in.ndjson"

"$CANDIDACY" screen --batch "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
rc=$?
check_eq "exit 4 when some lines were not screened" 4 "$rc"
check_eq "output lines equal input lines" 8 "$(wc -l < "$tmp/out")"
check_eq "line 1 is the first sample's result" "$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$tmp/out")" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$(ls "$SOURCE_DIR"/samples/*.json | head -1)")"
check_eq "line 2 is an error naming line 2 and the field" '2 out-of-range patient.age: 999 is outside the allowed range 0..120 years' \
  "$(sed -n 2p "$tmp/out" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["line"], j["errors"][0]["code"], j["errors"][0]["message"])')"
check_eq "an empty line is an error line" '4 json-syntax' "$(sed -n 4p "$tmp/out" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["line"], j["errors"][0]["code"])')"
check_eq "malformed JSON is an error line" '5 null' "$(sed -n 5p "$tmp/out" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["line"], json.dumps(j["outcome"]))')"
check "an error line never quotes medication text" bash -c "! sed -n 7p '$tmp/out' | grep -q Xanax"
check_eq "the last line without a newline is screened" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$(ls "$SOURCE_DIR"/samples/*.json | sed -n 4p)")" \
  "$(sed -n 8p "$tmp/out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
check "the summary counts outcomes and failures" grep -q '8 lines: 4 screened, .*; 4 not screened' "$tmp/err"

# Each good line's result equals the one-file result, compact.
for i in 0 1 2; do
  f=$(ls "$SOURCE_DIR"/samples/*.json | sed -n "$((i+1))p")
  line=$([[ $i -eq 0 ]] && echo 1 || ([[ $i -eq 1 ]] && echo 3 || echo 6))
  check_eq "line $line equals screen --format json of $(basename "$f")" "$("$CANDIDACY" screen --format json "$f")" "$(sed -n "${line}p" "$tmp/out")"
done

# stdin, and --batch with no value reads stdin.
check_eq "stdin gives the same output" "$(cat "$tmp/out")" "$("$CANDIDACY" screen --batch - < "$tmp/in.ndjson" 2>/dev/null)"
check_eq "--batch alone reads stdin" "$(cat "$tmp/out")" "$("$CANDIDACY" screen --batch < "$tmp/in.ndjson" 2>/dev/null)"

# All good: exit 0; a long batch keeps order.
for _ in $(seq 1 50); do for g in "${good[@]}"; do echo "$g"; done; done > "$tmp/many.ndjson"
"$CANDIDACY" screen --progress --batch "$tmp/many.ndjson" > "$tmp/many.out" 2> "$tmp/many.err"
check_eq "all good: exit 0" 0 $?
check_eq "200 lines in, 200 out" "$(wc -l < "$tmp/many.ndjson")" "$(wc -l < "$tmp/many.out")"
check "order kept" bash -c "diff <(python3 -c 'import json,sys; [print(json.loads(l)[\"id\"]) for l in open(sys.argv[1])]' '$tmp/many.ndjson') <(python3 -c 'import json,sys; [print(json.loads(l)[\"id\"]) for l in open(sys.argv[1])]' '$tmp/many.out')"

# A line over the document limit is an error line, not a crash or a split.
python3 -c 'print("{\"id\": \"big\", \"pad\": \"" + "x" * (1 << 20) + "\"}"); print(open("'"$tmp/in.ndjson"'").readline(), end="")' > "$tmp/big.ndjson"
"$CANDIDACY" screen --batch "$tmp/big.ndjson" > "$tmp/big.out" 2>/dev/null
check_eq "an over-long line: exit 4" 4 $?
check_eq "an over-long line: two lines out" 2 "$(wc -l < "$tmp/big.out")"
check "an over-long line: too-large" grep -q '"too-large"' "$tmp/big.out"

# Usage and I/O.
"$CANDIDACY" screen --batch "$tmp/in.ndjson" --format text > /dev/null 2>&1
check_eq "--batch with --format text: exit 2" 2 $?
"$CANDIDACY" screen --batch "$tmp/in.ndjson" "$tmp/in.ndjson" > /dev/null 2>&1
check_eq "--batch with another file: exit 2" 2 $?
"$CANDIDACY" screen --batch "$tmp/nosuch.ndjson" > /dev/null 2>&1
check_eq "--batch with a missing file: exit 5" 5 $?
if [[ -w /dev/full ]]; then
  "$CANDIDACY" screen --batch "$tmp/many.ndjson" > /dev/full 2> "$tmp/full.err"
  check_eq "--batch to a full disk: exit 5" 5 $?
  check "--batch to a full disk: says so" grep -q "cannot write" "$tmp/full.err"
fi
finish
