#!/usr/bin/env bash
# End-to-end: `screen --batch --jobs N` gives byte for byte the output of
# --jobs 1 (and the same audit records, in the same order), whatever N and
# however lines and bad lines fall across chunks; `--format compact` carries
# exactly the full result's id, outcome, score, flag ids, questions to ask and
# unrecognised medications; `--stats` prints one timing line.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# 2,000 varied questionnaires from the JSON samples (seeded), with bad lines
# (malformed, empty, out of range, over the limit) scattered through, so
# chunks of 256 lines end in the middle of everything.
python3 - "$samples" "$tmp/in.ndjson" <<'PY'
import glob, json, random, sys
random.seed(7)
bases = [json.load(open(f)) for f in sorted(glob.glob(sys.argv[1] + "/*.json"))]
meds = ["Xanax 1 mg", "Ativan 2mg", "Zoloft 50 mg", "Nardil", "oxycodone 5 mg", "Synthroid", "Xanex 0.5 mg",
        "levothyroxine", "Ambien at night", "aspirin", "Contrave", "naltrexone 50 mg", "mystery pill"]
with open(sys.argv[2], "w") as out:
    for i in range(2000):
        if i % 97 == 13:
            out.write('{"id": "broken-%d", "patient": {\n' % i); continue
        if i % 331 == 5:
            out.write("\n"); continue
        q = json.loads(json.dumps(random.choice(bases)))
        q["id"] = "q-%04d" % i
        q.setdefault("vitals", {})["systolic_bp"] = random.randint(100, 200)
        q["patient"]["age"] = random.choice([17, 30, 45, 66, 80, 999 if i % 211 == 3 else 50])
        q["medications"] = random.sample(meds, random.randint(0, 4))
        out.write(json.dumps(q) + "\n")
    out.write('{"id": "big", "pad": "' + "x" * (1 << 20) + '"}\n')
    out.write(json.dumps(dict(bases[0], id="after-big")))  # no final newline
PY
lines=$(( $(wc -l < "$tmp/in.ndjson") + 1 ))

for format in json compact; do
  "$CANDIDACY" screen --batch "$tmp/in.ndjson" --format "$format" --jobs 1 > "$tmp/$format.1" 2> "$tmp/$format.1.err"
  check_eq "$format, --jobs 1: exit 4 (some lines are bad)" 4 $?
  check_eq "$format, --jobs 1: a line out per line in" "$lines" "$(wc -l < "$tmp/$format.1")"
  for jobs in 2 3 8 0; do
    "$CANDIDACY" screen --batch "$tmp/in.ndjson" --format "$format" --jobs "$jobs" > "$tmp/$format.$jobs" 2> "$tmp/$format.$jobs.err"
    check_eq "$format, --jobs $jobs: exit 4" 4 $?
    check_same "$format, --jobs $jobs: the same bytes as --jobs 1" "$tmp/$format.1" "$tmp/$format.$jobs"
    check_same "$format, --jobs $jobs: the same summary" "$tmp/$format.1.err" "$tmp/$format.$jobs.err"
  done
done
"$CANDIDACY" screen --batch --jobs 2 < "$tmp/in.ndjson" > "$tmp/stdin.2" 2>/dev/null
check_same "stdin, --jobs 2: the same bytes" "$tmp/json.1" "$tmp/stdin.2"
check_eq "error lines stay at their input line (broken, empty, out of range, over-long)" "True 6 14 too-large" \
  "$(python3 -c 'import json,sys; L=[json.loads(l) for l in open(sys.argv[1])]; e=[(i + 1, j) for i, j in enumerate(L) if j["outcome"] is None]; print(all(n == j["line"] for n, j in e) and len(e) > 25, e[0][0], e[1][0], e[-1][1]["errors"][0]["code"])' "$tmp/compact.2")"

# The compact line is the full result, cut down.
check "compact = the full result's urgency, id, outcome, score, flag ids, questions to ask, unrecognised and probable" python3 - "$tmp/json.1" "$tmp/compact.1" <<'PY'
import json, sys
full = [json.loads(l) for l in open(sys.argv[1])]
compact = [json.loads(l) for l in open(sys.argv[2])]
assert len(full) == len(compact)
kinds = set()
for f, c in zip(full, compact):
    if f["outcome"] is None:
        assert c == f, (c, f)
        continue
    want = {"urgent": True, "urgent_rules": [u["rule"] for u in f["urgent_reasons"]]} if f["urgent"] else {}
    want.update({"id": f["id"], "outcome": f["outcome"], "score": f["score"], "flags": [x["id"] for x in f["flags"]],
                 "missing_questions": [q["id"] for q in f["missing_questions"]],
                 "unrecognized_medications": f["unrecognized_medications"],
                 "probable_medications": f["probable_medications"]})
    assert list(c.keys()) == list(want.keys()) and c == want, (c, want)
    kinds.add(f["outcome"])
assert len(kinds) >= 4, kinds  # the data reaches most outcomes
PY
check_eq "compact for one file equals its batch line" "$(sed -n 1p "$tmp/compact.1")" \
  "$(sed -n 1p "$tmp/in.ndjson" > "$tmp/first.json"; "$CANDIDACY" screen --format compact "$tmp/first.json")"

# Audit records: the same records in the same order for any N (times, and
# so the chain's hashes, aside; the start record too).
"$CANDIDACY" screen --batch "$tmp/in.ndjson" --audit "$tmp/a1.log" --jobs 1 > /dev/null 2>&1
"$CANDIDACY" screen --batch "$tmp/in.ndjson" --audit "$tmp/a3.log" --jobs 3 > /dev/null 2>&1
strip_time() { python3 -c 'import json,sys; [print(json.dumps({k: v for k, v in json.loads(l).items() if k not in ("time", "prev")})) for l in list(open(sys.argv[1]))[1:]]' "$1"; }
check_eq "audit, --jobs 3: the same records in the same order" "$(strip_time "$tmp/a1.log")" "$(strip_time "$tmp/a3.log")"
check_eq "audit: one record per screened line" "$(grep -vc '"outcome":null' "$tmp/json.1")" "$(grep -vc '^{"seq":1,' "$tmp/a3.log")"

# --progress counts in order; --stats prints one line in the benchmark's form.
head -n 20000 /dev/null > "$tmp/many.ndjson"
for _ in $(seq 1 6); do grep -v broken "$tmp/in.ndjson" | grep -v '^$' | grep -v '"pad"' | head -n 1800; done > "$tmp/many.ndjson"
"$CANDIDACY" screen --batch "$tmp/many.ndjson" --jobs 2 --progress --stats --format compact > "$tmp/many.out" 2> "$tmp/many.err"
rc=$?
check "many, --jobs 2: exit 0 or 4" test "$rc" -eq 0 -o "$rc" -eq 4
check "--progress: one line at 10,000" grep -qx 'candidacy: 10000 lines screened' "$tmp/many.err"
check "--stats: n, load_ms, screen_ms, per_s, jobs" python3 -c '
import json, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("{")]
assert len(lines) == 1, lines
s = json.loads(lines[0])
assert s["peer"] == "candidacy" and s["n"] == 10800 and s["jobs"] == 2, s
assert s["load_ms"] > 0 and s["screen_ms"] > 0 and s["per_s"] > 0, s' "$tmp/many.err"
"$CANDIDACY" screen --batch "$tmp/many.ndjson" > /dev/null 2> "$tmp/nostats.err"
check "no --stats: no timing line" bash -c "! grep -q '\"peer\"' '$tmp/nostats.err'"

# Usage and I/O.
"$CANDIDACY" screen --batch "$tmp/in.ndjson" --jobs -1 > /dev/null 2>&1
check_eq "--jobs -1: exit 2" 2 $?
"$CANDIDACY" screen --batch "$tmp/in.ndjson" --jobs many > /dev/null 2>&1
check_eq "--jobs many: exit 2" 2 $?
"$CANDIDACY" screen --jobs 2 "$samples/01-eligible-trd.yaml" > /dev/null 2>&1
check_eq "--jobs without --batch: exit 2" 2 $?
"$CANDIDACY" screen --stats "$samples/01-eligible-trd.yaml" > /dev/null 2>&1
check_eq "--stats without --batch: exit 2" 2 $?
"$CANDIDACY" screen --batch "$tmp/nosuch.ndjson" --jobs 2 > /dev/null 2>&1
check_eq "--jobs 2, a missing file: exit 5" 5 $?
if [[ -w /dev/full ]]; then
  "$CANDIDACY" screen --batch "$tmp/many.ndjson" --jobs 2 > /dev/full 2> "$tmp/full.err"
  check_eq "--jobs 2 to a full disk: exit 5" 5 $?
  check "--jobs 2 to a full disk: says so" grep -q "cannot write" "$tmp/full.err"
  "$CANDIDACY" screen --batch "$tmp/many.ndjson" --jobs 2 --audit /dev/full > "$tmp/afull.out" 2> "$tmp/afull.err"
  check_eq "--jobs 2, audit write fails: exit 5" 5 $?
  check_empty "--jobs 2, audit write fails: nothing unaudited delivered" "$tmp/afull.out"
fi
finish
