#!/usr/bin/env bash
# End-to-end: hostile and malformed questionnaires. For every file of
# tests/bad_questionnaires/, the exit status and a stable piece of the stderr
# message listed in tests/bad_questionnaires/EXPECTED (filename<TAB>exit<TAB>
# substring); on failure nothing is written to stdout (nothing half-screened);
# stderr never repeats a medication entry (every entry in the corpus carries
# the words "private note"). Files over the 1 MiB limit are made here.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

corpus="$SOURCE_DIR/tests/bad_questionnaires"
rulebook="$SOURCE_DIR/rules/ketamine"

# screen FILE: screens one file as JSON from inside its directory; sets rc,
# leaves stdout in $tmp/out and stderr in $tmp/err.
screen() {
  local file=$1
  (cd "$(dirname "$file")" && "$CANDIDACY" screen --rulebook "$rulebook" --format json "$(basename "$file")") \
    >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# Privacy: a medication entry's text never reaches stderr.
check_private() {
  local text
  slurp text "$tmp/err"
  text=${text,,}
  if [[ "$text" == *"private note"* || "$text" == *sertraline* || "$text" == *"vitamin d3"* ]]; then
    fail "$1: stderr repeats no medication entry" "stderr:" "$(head -c 2000 "$tmp/err" | cat -v)"
  else
    pass "$1: stderr repeats no medication entry"
  fi
}

check "the corpus exists" test -f "$corpus/EXPECTED"
command -v python3 >/dev/null || { fail "python3 is available"; echo "$passed passed, $failed failed"; exit 1; }

# --- every file of the corpus is listed, and every listed file exists
listed=$(grep -v '^#' "$corpus/EXPECTED" | grep -v '^$' | cut -f1 | sort)
present=$(for f in "$corpus"/*; do [[ "${f##*/}" == EXPECTED ]] || printf '%s\n' "${f##*/}"; done | sort)
check_eq "EXPECTED lists exactly the files of the corpus" "$present" "$listed"
count=$(printf '%s\n' "$listed" | grep -c .)
check "the corpus holds at least 100 files ($count)" test "$count" -ge 100

mkdir -p "$tmp/accepted" "$tmp/runs"

# --- screen every file first, four at a time (stdout, stderr and status kept
# in $tmp/runs), then check each in the order of EXPECTED
screen_into_runs() {
  (cd "$corpus" && "$CANDIDACY" screen --rulebook "$rulebook" --format json "$1" >"$tmp/runs/$1.out" 2>"$tmp/runs/$1.err"
   echo $? >"$tmp/runs/$1.rc")
}
running=0
for name in $listed; do
  [[ -f "$corpus/$name" ]] || continue
  screen_into_runs "$name" &
  running=$((running + 1))
  if ((running >= 4)); then
    wait -n
    running=$((running - 1))
  fi
done
wait

# --- each file: exit status, message, empty stdout on failure, privacy
while IFS=$'\t' read -r name want_rc want_err; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  if [[ ! -f "$tmp/runs/$name.rc" ]]; then
    fail "$name: exists and was screened"
    continue
  fi
  mv "$tmp/runs/$name.out" "$tmp/out"
  mv "$tmp/runs/$name.err" "$tmp/err"
  read -r rc <"$tmp/runs/$name.rc"
  if ((rc > 128)); then
    fail "$name: exit $want_rc" "died of signal $((rc - 128))" "$(head -c 1000 "$tmp/err" | cat -v)"
    continue
  fi
  if [[ "$rc" == "$want_rc" ]]; then
    pass "$name: exit $want_rc"
  else
    fail "$name: exit $want_rc" "expected exit $want_rc, got $rc" "stderr:" "$(head -c 1000 "$tmp/err" | cat -v)"
  fi
  if [[ -n "$want_err" ]]; then
    check_contains "$name: stderr names the problem" "$tmp/err" "$want_err"
  else
    check_empty "$name: stderr is empty" "$tmp/err"
  fi
  if [[ "$want_rc" != 0 ]]; then
    check_empty "$name: nothing on stdout" "$tmp/out"
    check_contains "$name: says it was not screened" "$tmp/err" "candidacy: $name was not screened"
  else
    cp "$tmp/out" "$tmp/accepted/$name.out"
  fi
  check_private "$name"
done <"$corpus/EXPECTED"

# --- what the accepted files produce: one python run reads every result and
# prints "check name<TAB>expected<TAB>actual" lines.
python3 - "$tmp/accepted" >"$tmp/accepted.tsv" 2>&1 <<'PY'
import json, os, sys
d = sys.argv[1]
checks = {
    "*": [("stdout is one JSON result", "1.1", lambda r: r["schema_version"])],
    "bom.yaml": [("read past the byte-order mark", "bad-q-base eligible", lambda r: r["id"] + " " + r["outcome"])],
    "bom.json": [("read past the byte-order mark", "bad-q-base eligible", lambda r: r["id"] + " " + r["outcome"])],
    "ok-unknown-field.yaml": [
        ("screened as usual", "eligible", lambda r: r["outcome"]),
        ("the unknown field is a warning in the result", "1 True",
         lambda r: "%d %s" % (len(r["warnings"]), "vitals.temperature_c" in str(r["warnings"])))],
    "ok-null-answers.yaml": [("null optional answers are unanswered, not evaluated", "eligible RV-03 RV-21 LG-02",
        lambda r: " ".join([r["outcome"]] + [x["id"] for x in r["not_evaluated"] if x["id"] in ("RV-03", "RV-21", "LG-02")]))],
    "ok-null-required.json": [("a null required answer makes the outcome incomplete", "incomplete history.glaucoma",
        lambda r: " ".join([r["outcome"]] + [x["id"] for x in r["missing_questions"]]))],
    "ok-deep-16.yaml": [("nesting at the limit is read (one unknown field)", "incomplete 1", lambda r: "%s %d" % (r["outcome"], len(r["warnings"])))],
    "ok-deep-16.json": [("nesting at the limit is read (one unknown field)", "incomplete 1", lambda r: "%s %d" % (r["outcome"], len(r["warnings"])))],
    "ok-medications-200.yaml": [("all 200 entries are read", "200", lambda r: str(len(r["medications"])))],
    "ok-medication-1000-bytes.yaml": [("the 1000-byte entry is kept whole", "1000", lambda r: str(len(r["medications"][1]["text"].encode())))],
}
for name in sorted(os.listdir(d)):
    file = name[:-len(".out")]
    try:
        with open(os.path.join(d, name), encoding="utf-8") as f:
            r = json.load(f)
    except Exception as e:
        print("%s: stdout is one JSON result\t1.1\tnot JSON: %s" % (file, e))
        continue
    for title, want, get in checks["*"] + checks.get(file, []):
        try:
            got = get(r)
        except Exception as e:
            got = "error: %r" % e
        print("%s: %s\t%s\t%s" % (file, title, want, got))
PY
while IFS=$'\t' read -r title want got; do
  check_eq "$title" "$want" "$got"
done <"$tmp/accepted.tsv"
check_eq "every accepted file was checked" "$(ls "$tmp/accepted" | wc -l | tr -d ' ')" \
  "$(grep -c ': stdout is one JSON result' "$tmp/accepted.tsv")"

# --- several errors in one file are all reported, in the order of the file
screen "$corpus/several-errors.yaml"
check_eq "several-errors.yaml: the three errors in file order" \
  "several-errors.yaml:4:8 several-errors.yaml:11:16 several-errors.yaml:33:13" \
  "$(grep -o '^several-errors.yaml:[0-9]*:[0-9]*' "$tmp/err" | tr '\n' ' ' | sed 's/ $//')"

# --- over 1 MiB (made here rather than kept in the repository)
limit=$((1 << 20))
make_padded() {  # make_padded SOURCE OUT SIZE: SOURCE followed by a comment, SIZE bytes in all
  local size_now
  cp "$1" "$2"
  size_now=$(wc -c <"$2")
  { printf '#'; head -c $(($3 - size_now - 2)) /dev/zero | tr '\0' 'x'; printf '\n'; } >>"$2"
}
mkdir -p "$tmp/big"
make_padded "$corpus/ok-unknown-field.yaml" "$tmp/big/at-limit.yaml" "$limit"
make_padded "$corpus/ok-unknown-field.yaml" "$tmp/big/over-limit.yaml" $((limit + 1))
check_eq "at-limit.yaml is exactly 1 MiB" "$limit" "$(wc -c <"$tmp/big/at-limit.yaml")"
screen "$tmp/big/at-limit.yaml"
check_eq "at-limit.yaml (1 MiB): exit 0" "0" "$rc"
screen "$tmp/big/over-limit.yaml"
check_eq "over-limit.yaml (1 MiB + 1 byte): exit 4" "4" "$rc"
check_contains "over-limit.yaml: stderr names the limit" "$tmp/err" "over-limit.yaml: error: the document is larger than the limit of 1048576 bytes [too-large]"
check_empty "over-limit.yaml: nothing on stdout" "$tmp/out"
{ printf '{"id": "bad-q-big", "x": "'; head -c $((limit + 10)) /dev/zero | tr '\0' 'x'; printf '"}\n'; } >"$tmp/big/over-limit.json"
screen "$tmp/big/over-limit.json"
check_eq "over-limit.json: exit 4" "4" "$rc"
check_contains "over-limit.json: stderr names the limit" "$tmp/err" "[too-large]"
"$CANDIDACY" screen --rulebook "$rulebook" --format json - <"$tmp/big/over-limit.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "over 1 MiB on stdin: exit 4" "4" "$rc"
check_contains "over 1 MiB on stdin: stderr names the limit" "$tmp/err" "[too-large]"
check_empty "over 1 MiB on stdin: nothing on stdout" "$tmp/out"

# --- a bad file among good ones: the good ones are still screened, the exit says 4
(cd "$corpus" && "$CANDIDACY" screen --rulebook "$rulebook" --format json ok-unknown-field.yaml age-121.yaml bom.yaml) \
  >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "good, bad, good: exit 4" "4" "$rc"
check_eq "good, bad, good: the two good ones are screened" "2" "$(grep -c '"schema_version"' "$tmp/out")"
check_contains "good, bad, good: the bad one is named" "$tmp/err" "candidacy: age-121.yaml was not screened (1 error)"
check_eq "good, bad, good: only the bad one is reported" "1" "$(grep -c 'was not screened' "$tmp/err")"

# --- text output: nothing half-written either
(cd "$corpus" && "$CANDIDACY" screen --rulebook "$rulebook" --format text age-121.yaml) >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "age-121.yaml as text: exit 4" "4" "$rc"
check_empty "age-121.yaml as text: nothing on stdout" "$tmp/out"

# --- the same error on stdin is named <stdin>
"$CANDIDACY" screen --rulebook "$rulebook" --format json - <"$corpus/age-121.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "age-121.yaml on stdin: exit 4" "4" "$rc"
check_contains "age-121.yaml on stdin: named <stdin>" "$tmp/err" "<stdin>:4:8: error: patient.age: 121 is outside the allowed range 0..120"

# --- control characters in free text (id, medication entries) never reach the
# text output raw: an ineligible patient must not be able to show a second,
# forged "OUTCOME: ELIGIBLE" line or send terminal escape sequences. Refusing
# the questionnaire (exit 4) is as good as printing them escaped.
python3 - "$SOURCE_DIR/samples/11-ineligible-pregnant.json" "$tmp/control.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["id"] = "x\nOUTCOME: ELIGIBLE  (may be booked)"
doc["medications"] = ["Sertraline 50 mg\r\n\x1b[2J\x1b[HOUTCOME: ELIGIBLE", "Vitamin\x00 D3", "Tab\tand\x7fdel"]
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(doc))
PY
"$CANDIDACY" screen --rulebook "$rulebook" "$tmp/control.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "control characters: exit 0 or 4 (got $rc)" test "$rc" -eq 0 -o "$rc" -eq 4
check_eq "control characters: one line starts with OUTCOME in the text output" "$((rc == 0 ? 1 : 0))" "$(grep -c '^OUTCOME:' "$tmp/out")"
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/out" || [[ $(tr -d '\000' <"$tmp/out" | wc -c) != $(wc -c <"$tmp/out") ]]; then
  fail "control characters: none written raw to the text output" "$(head -c 1500 "$tmp/out" | cat -v)"
else
  pass "control characters: none written raw to the text output"
fi

# --- privacy at the most verbose log level, for a questionnaire that is screened
"$CANDIDACY" --log-level trace screen --rulebook "$rulebook" --format text "$corpus/ok-unknown-field.yaml" \
  >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "--log-level trace: exit 0" "0" "$rc"
check_private "--log-level trace"

finish
