#!/usr/bin/env bash
# End-to-end: `candidacy lint`. Each tests/lint/NAME/ is a tiny rulebook
# directory with one kind of mistake or warning (err-several and warn-several
# have several, in several files; clean* have none). For each,
# `candidacy lint --today 2026-11-23 DIR` must exit with NAME/expected_status
# (0 clean, 1 warnings only, 2 errors), write nothing on stderr, and write
# exactly NAME/expected.txt on stdout once the directory is replaced by RB.
# Then: relative paths, --no-werror, --format json (parsed with python3 and
# compared with the text report), the default and CANDIDACY_RULEBOOK
# directories, the shipped rulebook, docs/example, review-date boundaries,
# and that lint's errors are exactly those `candidacy screen` refuses.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
#
# To add a case: make the directory, then write its goldens with
#   candidacy lint --today 2026-11-23 "$PWD/NAME" | sed "s#$PWD/NAME#RB#g" > NAME/expected.txt
#   echo "${PIPESTATUS[0]}" > NAME/expected_status
# and read expected.txt: each place, caret and message must be right.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
corpus="$SOURCE_DIR/tests/lint"
sample="$SOURCE_DIR/samples/01-eligible-trd.yaml"
today=2026-11-23


# lint_case DIR_AS_GIVEN PREFIX NAME LABEL [OPTIONS...]: lints DIR_AS_GIVEN and
# checks exit status, stdout (against NAME/expected.txt) and stderr.
lint_case() {
  local dir=$1 prefix=$2 name=$3 label=$4 want_rc rc
  shift 4
  want_rc=$(cat "$corpus/$name/expected_status" 2>/dev/null)
  "$CANDIDACY" lint --today "$today" "$@" "$dir" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  replace_prefix "$prefix" <"$tmp/out" >"$tmp/out.rb"
  if ((rc > 128)); then fail "$label$name: exit $want_rc" "died of signal $((rc - 128))"; return; fi
  check_eq "$label$name: exit ${want_rc:-?}" "${want_rc:-missing expected_status}" "$rc"
  check_empty "$label$name: nothing on stderr" "$tmp/err"
  if [[ -f "$corpus/$name/expected.txt" ]]; then
    check_same "$label$name: stdout is expected.txt" "$corpus/$name/expected.txt" "$tmp/out.rb"
  else
    fail "$label$name: has expected.txt"
  fi
}

count=0
for d in "$corpus"/*/; do
  d=${d%/}
  name=$(basename "$d")
  count=$((count + 1))
  lint_case "$d" "$d" "$name" ""
  # The exit status follows the summary line: 2 with errors, 1 with warnings only, 0 clean.
  summary=$(tail -n 1 "$d/expected.txt" 2>/dev/null)
  want=0
  [[ "$summary" =~ ^RB:\ 0\ errors,\ 0\ warnings$ ]] || want=1
  [[ "$summary" =~ ^RB:\ 0\ errors, ]] || want=2
  check_eq "$name: expected_status agrees with the summary line" "$want" "$(cat "$d/expected_status" 2>/dev/null)"
  case "$name" in
    err-*) check_eq "$name: an err- case exits 2" "2" "$want" ;;
    warn-*) check_eq "$name: a warn- case exits 1" "1" "$want" ;;
    clean*) check_eq "$name: a clean case exits 0" "0" "$want" ;;
    *) fail "$name: named err-, warn- or clean" ;;
  esac
done
check "at least 25 lint cases ($count)" test "$count" -ge 25

# Every warning code, and the errors clinicians make most, appear in the corpus.
for code in never-fires always-fires unreachable-band empty-class unused provenance stale-review \
  yaml-syntax unknown-key missing-key duplicate-id unknown-reference bad-placeholder bad-value type-error \
  bad-pattern missing-source file-unreadable; do
  check "the corpus covers [$code]" grep -qF "[$code]" -r "$corpus" --include=expected.txt
done

# The same reports when the directory is given relative to the working directory.
cd "$corpus" || exit 1
lint_case "warn-several" "warn-several" "warn-several" "relative path: "
lint_case "./err-several" "./err-several" "err-several" "relative path: "
cd "$tmp" || exit 1

# Sorted by file, then line, then column: the several-diagnostics cases.
for name in err-several warn-several; do
  places=$(grep -E '^RB/[^:]+:[0-9]+:[0-9]+: (error|warning): ' "$corpus/$name/expected.txt" | cut -d: -f1-3)
  sorted=$(printf '%s\n' "$places" | sort -t: -k1,1 -k2,2n -k3,3n)
  check_eq "$name: sorted by place" "$sorted" "$places"
  check "$name: at least 5 diagnostics in 3 files" \
    test "$(printf '%s\n' "$places" | wc -l)" -ge 5 -a "$(printf '%s\n' "$places" | cut -d: -f1 | sort -u | wc -l)" -eq 3
done

# --no-werror: warnings only exit 0 with the same report; errors still exit 2.
for name in warn-several warn-unused-question clean err-several; do
  want=$(cat "$corpus/$name/expected_status")
  [[ "$want" == 1 ]] && want=0
  "$CANDIDACY" lint --today "$today" --no-werror "$corpus/$name" >"$tmp/out" 2>"$tmp/err"
  check_eq "--no-werror $name: exit $want" "$want" "$?"
  replace_prefix "$corpus/$name" <"$tmp/out" >"$tmp/out.rb"
  check_same "--no-werror $name: same report" "$corpus/$name/expected.txt" "$tmp/out.rb"
done

# --format json: an array of {file, line, column, severity, code, message},
# one per diagnostic of the text report, in the same order; no summary line.
json_case() {
  local name=$1 want_rc
  want_rc=$(cat "$corpus/$name/expected_status")
  "$CANDIDACY" lint --today "$today" --format json "$corpus/$name" >"$tmp/json" 2>"$tmp/err"
  check_eq "--format json $name: exit $want_rc" "$want_rc" "$?"
  check_empty "--format json $name: nothing on stderr" "$tmp/err"
  if python3 - "$tmp/json" "$corpus/$name/expected.txt" "$corpus/$name" >"$tmp/py" 2>&1 <<'EOF'; then
import json, re, sys
records = json.load(open(sys.argv[1]))
prefix = sys.argv[3]
want = []
for line in open(sys.argv[2]):
    m = re.match(r"^(RB/[^:]+)(?::(\d+))?(?::(\d+))?: (error|warning): (.*) \[([a-z-]+)\]$", line.rstrip("\n"))
    if m:
        want.append({"file": m[1], "line": int(m[2] or 0), "column": int(m[3] or 0),
                     "severity": m[4], "code": m[6], "message": m[5]})
assert isinstance(records, list), "not an array"
got = []
for r in records:
    assert list(r) == ["file", "line", "column", "severity", "code", "message"], "fields: %s" % list(r)
    assert r["file"].startswith(prefix + "/"), "file %r is not under the rulebook" % r["file"]
    got.append(dict(r, file="RB" + r["file"][len(prefix):]))
assert want, "no diagnostics in expected.txt"
assert got == want, "json %s\ntext %s" % (got, want)
EOF
    pass "--format json $name: the same diagnostics as the text report"
  else
    fail "--format json $name: the same diagnostics as the text report" "$(cat "$tmp/py")"
  fi
}
json_case warn-several
json_case err-several
json_case err-no-rulebook-yaml
"$CANDIDACY" lint --today "$today" --format json "$corpus/clean" >"$tmp/json" 2>&1
check_eq "--format json clean: exit 0" "0" "$?"
check "--format json clean: an empty array" python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$tmp/json"

# The shipped rulebook is clean, given as a directory and by default.
"$CANDIDACY" lint --today "$today" "$SOURCE_DIR/rules/ketamine" >"$tmp/out" 2>"$tmp/err"
check_eq "rules/ketamine: exit 0" "0" "$?"
check_eq "rules/ketamine: 0 errors, 0 warnings" "$SOURCE_DIR/rules/ketamine: 0 errors, 0 warnings" "$(cat "$tmp/out")"
check_empty "rules/ketamine: nothing on stderr" "$tmp/err"
env -u CANDIDACY_RULEBOOK "$CANDIDACY" lint --today "$today" >"$tmp/out" 2>"$tmp/err"
check_eq "no directory: the shipped rulebook, exit 0" "0" "$?"
check "no directory: one line, 0 errors, 0 warnings" \
  test "$(wc -l <"$tmp/out")" -eq 1 -a "$(grep -c ': 0 errors, 0 warnings$' "$tmp/out")" -eq 1

# CANDIDACY_RULEBOOK names the directory linted when none is given.
CANDIDACY_RULEBOOK="$corpus/warn-unused-question" "$CANDIDACY" lint --today "$today" >"$tmp/out" 2>"$tmp/err"
check_eq "CANDIDACY_RULEBOOK=warn-unused-question: exit 1" "1" "$?"
replace_prefix "$corpus/warn-unused-question" <"$tmp/out" >"$tmp/out.rb"
check_same "CANDIDACY_RULEBOOK=warn-unused-question: same report" "$corpus/warn-unused-question/expected.txt" "$tmp/out.rb"

# docs/example: its rules name no reviewer and its 'high' band (from 5) is out of reach (3 + 1 points).
cat >"$tmp/example.txt" <<'EOF'
RB/rulebook.yaml:12:7: warning: band 'high' (from 5) is reached by no combination of rule points (at most 4) [unreachable-band]
      - {name: high, from: 5, outcome: needs_review}
        ^
RB/rules/screening.yaml:2:5: warning: rule 'EX-01' names no reviewer (reviewed_by) [provenance]
    - id: EX-01
      ^
RB/rules/screening.yaml:10:5: warning: rule 'EX-02' names no reviewer (reviewed_by) [provenance]
    - id: EX-02
      ^
RB/rules/screening.yaml:18:5: warning: rule 'RV-01' names no reviewer (reviewed_by) [provenance]
    - id: RV-01
      ^
RB/rules/screening.yaml:28:5: warning: rule 'IX-01' names no reviewer (reviewed_by) [provenance]
    - id: IX-01
      ^
RB: 0 errors, 5 warnings
EOF
"$CANDIDACY" lint --today "$today" "$SOURCE_DIR/docs/example" >"$tmp/out" 2>"$tmp/err"
check_eq "docs/example: exit 1 (warnings only)" "1" "$?"
replace_prefix "$SOURCE_DIR/docs/example" <"$tmp/out" >"$tmp/out.rb"
check_same "docs/example: 5 warnings" "$tmp/example.txt" "$tmp/out.rb"
"$CANDIDACY" lint --today "$today" --no-werror "$SOURCE_DIR/docs/example" >/dev/null 2>&1
check_eq "docs/example --no-werror: exit 0" "0" "$?"

# A directory that does not exist: exit 2, reported as an error.
"$CANDIDACY" lint --today "$today" "$tmp/no-such-dir" >"$tmp/out" 2>"$tmp/err"
check_eq "a missing directory: exit 2" "2" "$?"
check_eq "a missing directory: its summary" "$tmp/no-such-dir: 1 error, 0 warnings" "$(tail -n 1 "$tmp/out")"
check "a missing directory: names rulebook.yaml" grep -q "^$tmp/no-such-dir/rulebook.yaml: error: .*\[file-unreadable\]$" "$tmp/out"

# Review dates: clean was reviewed on 2026-06-01 with a 12-month period, so it
# is due on 2027-06-01 and stale (rulebook and rule) from the day after.
"$CANDIDACY" lint --today 2027-06-01 "$corpus/clean" >"$tmp/out" 2>&1
check_eq "clean --today 2027-06-01 (the last day of the period): exit 0" "0" "$?"
"$CANDIDACY" lint --today 2027-06-02 "$corpus/clean" >"$tmp/out" 2>&1
check_eq "clean --today 2027-06-02: exit 1" "1" "$?"
check_eq "clean --today 2027-06-02: the rulebook and its rule are stale" "2" "$(grep -c ': warning: .*more than 12 months before 2027-06-02.*\[stale-review\]$' "$tmp/out")"
check_eq "clean --today 2027-06-02: summary" "$corpus/clean: 0 errors, 2 warnings" "$(tail -n 1 "$tmp/out")"
# warn-provenance-rulebook sets no review_period_months: never stale.
"$CANDIDACY" lint --today 2099-01-01 "$corpus/warn-provenance-rulebook" >"$tmp/out" 2>&1
check "without review_period_months nothing is stale" test "$(grep -c 'stale-review' "$tmp/out")" -eq 0

# Usage errors: exit 2, no report on stdout.
"$CANDIDACY" lint --format xml "$corpus/clean" >"$tmp/out" 2>"$tmp/err"
check_eq "--format xml: exit 2" "2" "$?"
check_empty "--format xml: nothing on stdout" "$tmp/out"

# Lint's errors are exactly the errors that make `candidacy screen` refuse the rulebook.
for d in "$corpus"/err-*/; do
  d=${d%/}
  name=$(basename "$d")
  want_rc=3
  [[ -f "$d/rulebook.yaml" ]] || want_rc=5
  "$CANDIDACY" screen --rulebook "$d" "$sample" >/dev/null 2>"$tmp/err"
  check_eq "$name: screen refuses the rulebook (exit $want_rc)" "$want_rc" "$?"
  replace_prefix "$d" <"$tmp/err" | sed '$d' >"$tmp/screen.rb"
  sed '$d' "$d/expected.txt" >"$tmp/lint.rb"
  check_same "$name: screen reports the same errors" "$tmp/lint.rb" "$tmp/screen.rb"
done

finish
