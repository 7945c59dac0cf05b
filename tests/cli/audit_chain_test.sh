#!/usr/bin/env bash
# End-to-end: the hash-chained audit trail (docs/audit.md). 16 concurrent
# writers x 500 records verify whole; a deleted, edited, swapped, torn or
# forged line is named with its line and exit status; a batch killed with
# SIGKILL leaves a trail intact up to its last whole record; rotation; the
# HMAC key; no patient data.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

printf 'a key for the clinic audit trail, 32+ bytes\n' > "$tmp/key"
# make_batch FILE PREFIX N: N one-line questionnaires from sample 04, ids PREFIX-1..N.
make_batch() {
  python3 -c '
import json, sys
q = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for i in range(1, int(sys.argv[4]) + 1):
        q["id"] = "%s-%d" % (sys.argv[3], i)
        out.write(json.dumps(q, separators=(",", ":")) + "\n")' "$samples/04-precautions-no-escort.json" "$1" "$2" "$3"
}

# --- 16 concurrent writers x 500 records, keyed, one record per fsync.
for w in $(seq 1 16); do make_batch "$tmp/w$w.ndjson" "w$w" 500; done
pids=()
for w in $(seq 1 16); do
  "$CANDIDACY" screen --batch "$tmp/w$w.ndjson" --format compact --audit "$tmp/shared.log" --audit-key "$tmp/key" > /dev/null 2> "$tmp/w$w.err" &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=$?; done
check_eq "16 concurrent writers: all exit 0" 0 "$status"
run audit verify --key "$tmp/key" "$tmp/shared.log"
check_eq "16 x 500: verify --key exits 0" 0 "$rc"
check_eq "16 x 500: 8,000 screenings and the start record" "$tmp/shared.log: 8001 records, chain intact (8000 screenings)" "$(cat "$tmp/out")"
check_eq "16 x 500: each writer's 500 ids, in its own order" "16 x 500 in order" "$(python3 -c '
import json, sys, collections
seen = collections.defaultdict(list)
for line in list(open(sys.argv[1]))[1:]:
    w, i = json.loads(line)["id"].split("-")
    seen[w].append(int(i))
ok = len(seen) == 16 and all(v == list(range(1, 501)) for v in seen.values())
print("16 x 500 in order" if ok else "wrong")' "$tmp/shared.log")"

# --- A small keyed trail and its damage. The start record, then 5 screenings.
make_batch "$tmp/five.ndjson" five 5
"$CANDIDACY" screen --batch "$tmp/five.ndjson" --audit "$tmp/t.log" --audit-key "$tmp/key" > /dev/null
run audit verify "$tmp/t.log"
check_eq "intact without the key: exit 0" 0 "$rc"
check_eq "intact: the count" "$tmp/t.log: 6 records, chain intact (5 screenings)" "$(cat "$tmp/out")"
check_eq "the start record names time, host and rulebook" "host rulebook time" "$(python3 -c '
import json, sys
print(" ".join(sorted(json.loads(open(sys.argv[1]).readline())["start"])))' "$tmp/t.log")"
check_eq "a record's keys, in order" "seq prev time id input_sha256 rulebook outcome score flags hmac" \
  "$(sed -n 2p "$tmp/t.log" | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)))')"
check_eq "the first prev is the origin, 64 zeros" "$(printf '0%.0s' $(seq 64))" \
  "$(head -1 "$tmp/t.log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["prev"])')"
check_eq "prev is the SHA-256 of the previous line, newline included" "$(head -1 "$tmp/t.log" | sha256sum | cut -d' ' -f1)" \
  "$(sed -n 2p "$tmp/t.log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["prev"])')"

# damage NAME EXPECTED-STATUS EXPECTED-OUTPUT KEYED SCRIPT: SCRIPT changes a copy ($f) of t.log.
damage() {
  local name=$1 status=$2 expected=$3 keyed=$4 script=$5
  f="$tmp/damaged.log"
  cp "$tmp/t.log" "$f"
  eval "$script"
  if [[ $keyed == keyed ]]; then run audit verify --key "$tmp/key" "$f"; else run audit verify "$f"; fi
  check_eq "$name: exit $status" "$status" "$rc"
  check_eq "$name: the place and what is wrong" "$expected" "$(cat "$tmp/out")"
}
damage "a deleted line" 8 "$tmp/damaged.log:3: sequence jumps from 2 to 4" plain 'sed -i 3d "$f"'
damage "an edited field" 8 "$tmp/damaged.log:4: record 4's prev does not match record 3" plain \
  'sed -i "3s/\"score\":[0-9]*/\"score\":99/" "$f"'
damage "an edited field, keyed" 8 "$tmp/damaged.log:3: record 3's hmac does not match: forged, or edited without the key" keyed \
  'sed -i "3s/\"score\":[0-9]*/\"score\":99/" "$f"'
damage "two lines swapped" 8 "$tmp/damaged.log:3: sequence jumps from 2 to 4" plain \
  'python3 -c "import sys; l=open(sys.argv[1]).readlines(); l[2],l[3]=l[3],l[2]; open(sys.argv[1],\"w\").writelines(l)" "$f"'
damage "a line truncated mid-line (torn tail)" 9 \
  "$tmp/damaged.log:6: torn last line (a crash while writing?): 40 bytes without a newline; the 5 records before it are intact" plain \
  'truncate -s $(( $(head -5 "$f" | wc -c) + 40 )) "$f"'
damage "a middle line torn then appended to" 8 "$tmp/damaged.log:3: not a JSON object (an edit?)" plain \
  'python3 -c "import sys; l=open(sys.argv[1]).readlines(); l[2]=l[2][:30]+\"\n\"; open(sys.argv[1],\"w\").writelines(l)" "$f"'
forge='python3 -c "
import hashlib, json, sys
lines = open(sys.argv[1], \"rb\").readlines()
last = json.loads(lines[-1])
r = {\"seq\": last[\"seq\"] + 1, \"prev\": hashlib.sha256(lines[-1]).hexdigest()}
r.update({k: v for k, v in last.items() if k not in (\"seq\", \"prev\", \"hmac\")})
r[\"outcome\"] = \"eligible\"
open(sys.argv[1], \"ab\").write((json.dumps(r, separators=(\",\", \":\")) + \"\n\").encode())" "$f"'
damage "a forged line appended, verified with the key" 8 \
  "$tmp/damaged.log:7: record 7 has no hmac (verify --key expects every record signed)" keyed "$forge"
damage "a forged line appended, no key: the chain alone cannot tell (docs/audit.md)" 0 \
  "$tmp/damaged.log: 7 records, chain intact (6 screenings)" plain "$forge"
run audit verify "$tmp/missing.log"
check_eq "an unreadable file: exit 5" 5 "$rc"
check_eq "an unreadable file: named" "$tmp/missing.log: cannot read: No such file or directory" "$(cat "$tmp/out")"
run audit verify --key "$tmp/missing.key" "$tmp/t.log"
check_eq "an unreadable key: exit 5" 5 "$rc"
run audit verify
check_eq "verify with no file: usage, exit 2" 2 "$rc"

# A writer after a torn tail cuts off the torn line and goes on from the last whole record.
cp "$tmp/t.log" "$tmp/torn.log"
truncate -s $(( $(head -5 "$tmp/torn.log" | wc -c) + 40 )) "$tmp/torn.log"
"$CANDIDACY" screen --audit "$tmp/torn.log" --audit-key "$tmp/key" "$samples/04-precautions-no-escort.json" > /dev/null 2> "$tmp/err"
check_contains "after a torn tail: the writer says it cut it off" "$tmp/err" "cut off a torn last line of 40 bytes"
run audit verify --key "$tmp/key" "$tmp/torn.log"
check_eq "after a torn tail: the trail goes on intact" "0 $tmp/torn.log: 6 records, chain intact (5 screenings)" "$rc $(cat "$tmp/out")"

# --- SIGKILL in the middle of a batch (one fsync per 1,000 records).
make_batch "$tmp/big.ndjson" big 100000
"$CANDIDACY" screen --batch "$tmp/big.ndjson" --format compact --audit "$tmp/killed.log" --audit-sync=batch > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do [[ $({ wc -l < "$tmp/killed.log"; } 2> /dev/null || echo 0) -gt 50 ]] && break; sleep 0.05; done
kill -KILL "$pid"
wait "$pid" 2> /dev/null
run audit verify "$tmp/killed.log"
check "killed mid-batch: intact or a torn tail (exit 0 or 9)" test "$rc" = 0 -o "$rc" = 9
check "killed mid-batch: stopped before the end" python3 -c 'import sys; n = sum(1 for _ in open(sys.argv[1])); sys.exit(0 if 50 < n < 100001 else 1)' "$tmp/killed.log"
"$CANDIDACY" screen --audit "$tmp/killed.log" "$samples/04-precautions-no-escort.json" > /dev/null 2>&1
run audit verify "$tmp/killed.log"
check_eq "killed mid-batch: the next writer continues the chain" 0 "$rc"

# --- Rotation: FILE, FILE.1, FILE.2, ... each starting with a record chained to the one before.
make_batch "$tmp/thirty.ndjson" rot 30
"$CANDIDACY" screen --batch "$tmp/thirty.ndjson" --audit "$tmp/r.log" --audit-max-bytes 3000 --audit-key "$tmp/key" > /dev/null
files=("$tmp/r.log")
for i in $(seq 1 99); do [[ -e "$tmp/r.log.$i" ]] && files+=("$tmp/r.log.$i"); done
check "rotation: more than two files" test "${#files[@]}" -gt 2
check "rotation: no file over the limit" python3 -c 'import os, sys; sys.exit(0 if all(os.path.getsize(f) <= 3000 for f in sys.argv[1:]) else 1)' "${files[@]}"
run audit verify --key "$tmp/key" "${files[@]}"
check_eq "rotation: verify the files in order, exit 0" 0 "$rc"
check_eq "rotation: 30 screenings over the files" 30 "$(python3 -c 'import re,sys; print(sum(int(n) for n in re.findall(r"\((\d+) screenings\)", open(sys.argv[1]).read())))' "$tmp/out")"
check_eq "rotation: the second file's start names the first" "r.log" \
  "$(head -1 "$tmp/r.log.1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["start"]["previous_file"])')"
run audit verify --key "$tmp/key" "${files[0]}" "${files[2]}"
check_eq "rotation: a file left out: exit 8" 8 "$rc"
check_contains "rotation: a file left out is named" "$tmp/out" "$tmp/r.log.2:1: the start record names r.log.1 as the previous file, not r.log"
# Concurrent writers while rotating.
for w in 1 2 3 4; do make_batch "$tmp/rw$w.ndjson" "rw$w" 100; done
pids=()
for w in 1 2 3 4; do
  "$CANDIDACY" screen --batch "$tmp/rw$w.ndjson" --format compact --audit "$tmp/cr.log" --audit-max-bytes 20000 > /dev/null 2>&1 &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=$?; done
files=("$tmp/cr.log")
for i in $(seq 1 99); do [[ -e "$tmp/cr.log.$i" ]] && files+=("$tmp/cr.log.$i"); done
run audit verify "${files[@]}"
check_eq "4 writers rotating: exit 0" "0 0" "$status $rc"
check_eq "4 writers rotating: 400 screenings" 400 "$(python3 -c 'import re,sys; print(sum(int(n) for n in re.findall(r"\((\d+) screenings\)", open(sys.argv[1]).read())))' "$tmp/out")"

# --- The key from the environment; usage errors.
CANDIDACY_AUDIT_KEY_FILE="$tmp/key" "$CANDIDACY" screen --audit "$tmp/env.log" "$samples/04-precautions-no-escort.json" > /dev/null
run audit verify --key "$tmp/key" "$tmp/env.log"
check_eq "CANDIDACY_AUDIT_KEY_FILE signs the records" 0 "$rc"
printf 'short\n' > "$tmp/short.key"
run screen --audit "$tmp/x.log" --audit-key "$tmp/short.key" "$samples/04-precautions-no-escort.json"
check_eq "a key under 16 bytes: exit 5, nothing screened" "5 0" "$rc $(wc -c < "$tmp/out")"
run screen --audit-sync=batch "$samples/04-precautions-no-escort.json"
check_eq "--audit-sync without --audit: exit 2" 2 "$rc"
run screen --audit "$tmp/x.log" --audit-sync=batch "$samples/04-precautions-no-escort.json"
check_eq "--audit-sync=batch without --batch: exit 2" 2 "$rc"

# --- No patient data: a free-text medication and the answers never reach the trail.
python3 -c '
import json, sys
q = json.load(open(sys.argv[1]))
q["id"] = "private-1"
q["medications"].append("Zorblaxitrine 7 mg for my sister Hortensia")
q["patient"]["age"] = 61
json.dump(q, open(sys.argv[2], "w"))' "$samples/04-precautions-no-escort.json" "$tmp/private.json"
"$CANDIDACY" screen --audit "$tmp/private.log" --audit-key "$tmp/key" "$tmp/private.json" > /dev/null
check "no free-text medication or answers in the trail" bash -c "! grep -qiE 'zorblax|hortensia|bupropion|atorvastatin|major_depression|passive|\"age\"|systolic|male' '$tmp/private.log'"
check_contains "the questionnaire id is there" "$tmp/private.log" '"id":"private-1"'
finish
