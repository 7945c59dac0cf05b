#!/usr/bin/env bash
# End-to-end safety of batches (issue #8): a batch never drops, merges, splits
# or reorders a record; each line's result is byte for byte the result of
# screening that questionnaire alone; malformed lines of every kind (from
# tests/bad_questionnaires, and bytes no JSON reader accepts) give an error
# line each, numbered by input line; a write failure (full disk, closed pipe)
# gives a message and a non-zero exit, never a truncated success.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v python3 >/dev/null || { fail "python3 is available"; finish; }
rulebook="$SOURCE_DIR/rules/ketamine"

# --- the input: 120 good questionnaires (the JSON samples and variants of
# them, each with its own id) and, after every third one, a malformed line.
# good/NNN.json holds each good questionnaire alone; kinds.txt the line
# number and kind of every line.
mkdir -p "$tmp/good"
python3 - "$SOURCE_DIR" "$tmp" <<'PY'
import glob, json, os, sys
src, tmp = sys.argv[1], sys.argv[2]
samples = [json.load(open(f, encoding="utf-8")) for f in sorted(glob.glob(os.path.join(src, "samples", "*.json")))]
bad_dir = os.path.join(src, "tests", "bad_questionnaires")
accepted = {l.split("\t")[0] for l in open(os.path.join(bad_dir, "EXPECTED"), encoding="utf-8")
            if not l.startswith("#") and l.count("\t") >= 2 and l.split("\t")[1] == "0"}  # bom.json, ok-*
bad = []
for f in sorted(glob.glob(os.path.join(bad_dir, "*.json"))):
    if os.path.basename(f) in accepted:
        continue
    data = open(f, "rb").read()
    if b"\n" in data.strip():  # several lines: keep as one line, spaces for newlines
        data = data.replace(b"\r", b" ").replace(b"\n", b" ")
    if os.path.basename(f).startswith("ok-") or len(data) > 200000:
        continue
    bad.append((os.path.basename(f), data.strip()))
bad += [("empty line", b""), ("blanks", b"   \t "), ("YAML, not JSON", b"id: yaml-line"), ("a number", b"42"),
        ("invalid UTF-8", b'{"id": "\xff\xfe"}'), ("a NUL byte", b'{"id": "a\x00b"}'), ("truncated", b'{"id": "t", "patient": {'),
        ("a list", b"[1, 2, 3]"), ("a carriage return only", b"\r")]
edits = [("patient", "age", a) for a in (18, 40, 64, 65, 90)] + [("vitals", "systolic_bp", b) for b in (120, 180, 181)]
good = []
for i in range(120):
    doc = json.loads(json.dumps(samples[i % len(samples)]))
    doc["id"] = "safety-%03d" % i
    section, key, value = edits[i % len(edits)]
    if i >= len(samples) and isinstance(doc.get(section), dict):
        doc[section][key] = value
    good.append(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
lines, kinds, g = [], [], 0
for i, doc in enumerate(good):
    lines.append(doc)
    kinds.append("good %03d" % i)
    with open(os.path.join(tmp, "good", "%03d.json" % i), "wb") as f:
        f.write(doc + b"\n")
    if i % 3 == 2:
        name, data = bad[(i // 3) % len(bad)]
        lines.append(data)
        kinds.append("bad " + name)
with open(os.path.join(tmp, "in.ndjson"), "wb") as f:
    f.write(b"\n".join(lines) + b"\n")
with open(os.path.join(tmp, "kinds.txt"), "w") as f:
    for n, k in enumerate(kinds, 1):
        f.write("%d\t%s\n" % (n, k))
PY
n_in=$(wc -l <"$tmp/kinds.txt")
n_good=$(grep -c $'\tgood ' "$tmp/kinds.txt")
n_bad=$(grep -c $'\tbad ' "$tmp/kinds.txt")
check "the input holds 120 good and at least 40 malformed lines ($n_good, $n_bad)" test "$n_good" -eq 120 -a "$n_bad" -ge 40

"$CANDIDACY" screen --rulebook "$rulebook" --batch "$tmp/in.ndjson" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "malformed lines present: exit 4" 4 "$rc"
check_eq "output lines equal input lines ($n_in)" "$n_in" "$(wc -l <"$tmp/out")"
check "the summary counts every line" grep -q "$n_in lines: $n_good screened, .*; $n_bad not screened" "$tmp/err"

# --- line by line: a good line's result is the one-file result byte for
# byte; a malformed line is an error line naming its own line number.
python3 - "$tmp/out" "$tmp/kinds.txt" >"$tmp/lines.tsv" <<'PY'
import json, sys
out = open(sys.argv[1], "rb").read().split(b"\n")[:-1]
kinds = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[2])]
bad_ok = good_ok = 0
for (n, kind), line in zip(kinds, out):
    try:
        j = json.loads(line)
    except Exception as e:
        print("line %s (%s) is JSON\tyes\tno: %s" % (n, kind, e))
        continue
    if kind.startswith("bad"):
        if j.get("line") == int(n) and j.get("outcome") is None and j.get("errors"):
            bad_ok += 1
        else:
            print("line %s (%s) is an error line numbered %s\tyes\tno: %s" % (n, kind, n, line[:300]))
    else:
        if j.get("id") == "safety-" + kind.split()[1] and "schema_version" in j:
            good_ok += 1
        else:
            print("line %s is the result of %s\tyes\tno: %s" % (n, kind, line[:300]))
print("every malformed line is an error line with its number\t%d\t%d" % (sum(k.startswith("bad") for _, k in kinds), bad_ok))
print("every good line is its questionnaire's result, in order\t%d\t%d" % (sum(k.startswith("good") for _, k in kinds), good_ok))
PY
while IFS=$'\t' read -r title want got; do check_eq "$title" "$want" "$got"; done <"$tmp/lines.tsv"

grep -v '"errors"' "$tmp/out" >"$tmp/out.good"
# Every good questionnaire screened alone (one file per questionnaire, one run).
(cd "$tmp/good" && "$CANDIDACY" screen --rulebook "$rulebook" --format json --input json ./*.json) >"$tmp/alone" 2>"$tmp/alone.err"
check_eq "the 120 questionnaires screened as files: exit 0" 0 $?
check_same "batch results equal the one-file results, byte for byte" "$tmp/alone" "$tmp/out.good"
# And a few in a process of their own, from stdin.
for i in 000 001 050 119; do
  "$CANDIDACY" screen --rulebook "$rulebook" --format json - <"$tmp/good/$i.json" >"$tmp/one" 2>/dev/null
  sed -n "$((10#$i + 1))p" "$tmp/out.good" >"$tmp/expect"
  check_same "questionnaire $i alone on stdin equals its batch line" "$tmp/expect" "$tmp/one"
done

# --- the same batch twice, and from stdin: the same bytes
"$CANDIDACY" screen --rulebook "$rulebook" --batch - <"$tmp/in.ndjson" >"$tmp/out2" 2>/dev/null
check_same "the same batch from stdin gives the same bytes" "$tmp/out" "$tmp/out2"

# --- CRLF line ends: the same results
sed 's/$/\r/' "$tmp/in.ndjson" >"$tmp/crlf.ndjson"
"$CANDIDACY" screen --rulebook "$rulebook" --batch "$tmp/crlf.ndjson" >"$tmp/out3" 2>/dev/null
check_eq "CRLF line ends: as many output lines" "$n_in" "$(wc -l <"$tmp/out3")"
check_same "CRLF line ends: the same good results" "$tmp/out.good" <(grep -v '"errors"' "$tmp/out3")

# --- write failures: a message and a non-zero exit, never a quiet success.
# A batch large enough to overflow any pipe buffer (about 6 MB of results).
for _ in $(seq 1 10); do cat "$tmp/in.ndjson"; done >"$tmp/big.ndjson"
if [[ -w /dev/full ]]; then
  "$CANDIDACY" screen --rulebook "$rulebook" --batch "$tmp/big.ndjson" >/dev/full 2>"$tmp/full.err"
  rc=$?
  check_eq "batch to a full disk: exit 5" 5 "$rc"
  check "batch to a full disk: the message says so" grep -q "candidacy: cannot write the results" "$tmp/full.err"
  check "batch to a full disk: no summary claims success" bash -c "! grep -q 'lines:' '$tmp/full.err'"
  "$CANDIDACY" screen --rulebook "$rulebook" --format json "$tmp/good/000.json" >/dev/full 2>"$tmp/full1.err"
  check_eq "one file to a full disk: exit 5" 5 $?
  check "one file to a full disk: the message says so" grep -q "candidacy: cannot write" "$tmp/full1.err"
  "$CANDIDACY" screen --rulebook "$rulebook" "$tmp/good/000.json" >/dev/full 2>/dev/null
  check_eq "one file as text to a full disk: exit 5" 5 $?
fi
# A reader that goes away at once: the writer sees a closed pipe.
{ "$CANDIDACY" screen --rulebook "$rulebook" --batch "$tmp/big.ndjson" 2>"$tmp/pipe.err"; echo $? >"$tmp/pipe.rc"; } | true
read -r rc <"$tmp/pipe.rc"
check_eq "batch into a closed pipe: exit 5 (not killed by SIGPIPE)" 5 "$rc"
check "batch into a closed pipe: the message says so" grep -q "candidacy: cannot write the results" "$tmp/pipe.err"
# A reader that stops after the first line.
{ "$CANDIDACY" screen --rulebook "$rulebook" --batch "$tmp/big.ndjson" 2>"$tmp/head.err"; echo $? >"$tmp/head.rc"; } | head -n 1 >"$tmp/head.out"
read -r rc <"$tmp/head.rc"
check_eq "batch into head -n 1: exit 5" 5 "$rc"
check_eq "batch into head -n 1: the reader got the first result" "$(head -n 1 "$tmp/out")" "$(cat "$tmp/head.out")"
check "batch into head -n 1: the message says so" grep -q "candidacy: cannot write the results" "$tmp/head.err"

finish
