#!/usr/bin/env bash
# End-to-end: --audit (a start record, then one JSON line per screening,
# nothing about the patient but the id; concurrent appends never interleave
# or lose a line; the chain itself: audit_chain_test.sh)
# and --expect-rulebook (refuse an unpinned rulebook with exit 6).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$CANDIDACY" screen --audit "$tmp/one.log" "$samples/08-review-polypharmacy.yaml" > /dev/null
check_eq "one screening: the start record and one record" 2 "$(wc -l < "$tmp/one.log")"
check_eq "the record's fields, in order" "seq prev time id input_sha256 rulebook outcome score flags" \
  "$(python3 -c 'import json,sys; print(" ".join(json.loads(open(sys.argv[1]).readlines()[1]).keys()))' "$tmp/one.log")"
check_eq "the input hash is the file's sha256" "$(sha256sum "$samples/08-review-polypharmacy.yaml" | cut -d' ' -f1)" \
  "$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readlines()[1])["input_sha256"])' "$tmp/one.log")"
check_eq "the record names the rulebook hash" "$("$CANDIDACY" screen --format json "$samples/08-review-polypharmacy.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rulebook"]["sha256"])')" \
  "$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readlines()[1])["rulebook"]["sha256"])' "$tmp/one.log")"
check_eq "flags and outcome recorded" "needs_review 8 IX-01,IX-02,IX-04,IX-05,IX-06,IX-08,IX-11" \
  "$(python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).readlines()[1]); print(r["outcome"], r["score"], ",".join(sorted(r["flags"])))' "$tmp/one.log")"
check "no answers or medication text in the record" bash -c "! grep -qiE 'xanax|norco|synthroid|age|systolic|sertraline' '$tmp/one.log'"

# An invalid questionnaire is not screened, so it is not audited.
echo '{"id": "bad", "patient": {"age": 999}}' > "$tmp/bad.json"
"$CANDIDACY" screen --audit "$tmp/one.log" "$tmp/bad.json" > /dev/null 2>&1
check_eq "an unscreened questionnaire adds no record" 2 "$(wc -l < "$tmp/one.log")"

# Concurrency: 8 processes, each a 300-line batch, all appending to one file.
for f in "$samples"/*.json; do tr -d '\n' < "$f"; echo; done > "$tmp/four.ndjson"
for _ in $(seq 1 75); do cat "$tmp/four.ndjson"; done > "$tmp/batch.ndjson"
pids=()
for _ in $(seq 1 8); do
  "$CANDIDACY" screen --batch "$tmp/batch.ndjson" --audit "$tmp/shared.log" > /dev/null 2>&1 &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=$?; done
check_eq "8 concurrent batches: all exit 0" 0 "$status"
check_eq "8 x 300 screenings, 2400 records after the start record" 2401 "$(wc -l < "$tmp/shared.log")"
check "every record is one whole JSON object" python3 -c '
import json, sys
n = 0
for line in list(open(sys.argv[1]))[1:]:
    r = json.loads(line); n += 1
    assert set(r) == {"seq","prev","time","id","input_sha256","rulebook","outcome","score","flags"}, r
sys.exit(0 if n == 2400 else 1)' "$tmp/shared.log"

# An audit file that cannot be opened: exit 5, nothing screened.
"$CANDIDACY" screen --audit /nonexistent-dir/audit.log "$samples/01-eligible-trd.yaml" > "$tmp/out" 2> "$tmp/err"
check_eq "unwritable audit file: exit 5" 5 $?
check_eq "unwritable audit file: nothing on stdout" "" "$(cat "$tmp/out")"
if [[ -w /dev/full ]]; then
  "$CANDIDACY" screen --audit /dev/full "$samples/01-eligible-trd.yaml" > "$tmp/out" 2> "$tmp/err"
  check_eq "audit write fails: exit 5" 5 $?
  check_eq "audit write fails: the result is not delivered" "" "$(cat "$tmp/out")"
fi

# --expect-rulebook
sha=$("$CANDIDACY" screen --format json "$samples/01-eligible-trd.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rulebook"]["sha256"])')
"$CANDIDACY" screen --expect-rulebook "$sha" "$samples/01-eligible-trd.yaml" > /dev/null
check_eq "the pinned rulebook screens" 0 $?
"$CANDIDACY" screen --expect-rulebook 0000 "$samples/01-eligible-trd.yaml" > "$tmp/out" 2> "$tmp/err"
check_eq "another rulebook is refused with exit 6" 6 $?
check_eq "refused: nothing on stdout" "" "$(cat "$tmp/out")"
check "refused: stderr names both hashes" grep -q "has sha256 $sha, not the expected 0000" "$tmp/err"
finish
