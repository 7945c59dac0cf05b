#!/usr/bin/env bash
# End-to-end: broken rulebooks. Each tests/bad_rulebooks/NAME/ is a whole
# small rulebook directory with one kind of mistake (several-errors has
# several). `candidacy screen --rulebook DIR samples/01-eligible-trd.yaml`
# must exit 3 (5 when the directory has no rulebook.yaml), write nothing on
# stdout, and write exactly NAME/expected.txt on stderr once the directory
# prefix is replaced by RB: every error with its file:line:col and a caret.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
#
# To add a case: make the directory, then write expected.txt with
#   candidacy screen --rulebook "$PWD/NAME" samples/01-eligible-trd.yaml 2>&1 >/dev/null | sed "s#$PWD/NAME#RB#g"
# and read it: each place must point at the mistake.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

corpus="$SOURCE_DIR/tests/bad_rulebooks"
sample="$SOURCE_DIR/samples/01-eligible-trd.yaml"


# run_case DIR_AS_GIVEN PREFIX NAME: screens the sample against the rulebook
# DIR_AS_GIVEN and checks exit status, stdout and stderr against NAME/expected.txt.
run_case() {
  local dir=$1 prefix=$2 name=$3 want_rc=3 rc
  [[ -f "$corpus/$name/rulebook.yaml" ]] || want_rc=5
  "$CANDIDACY" screen --rulebook "$dir" "$sample" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  replace_prefix "$prefix" <"$tmp/err" >"$tmp/err.rb"
  if ((rc > 128)); then fail "$4$name: exit $want_rc" "died of signal $((rc - 128))"; return; fi
  check_eq "$4$name: exit $want_rc" "$want_rc" "$rc"
  check_empty "$4$name: nothing on stdout" "$tmp/out"
  if [[ -f "$corpus/$name/expected.txt" ]]; then
    check_same "$4$name: stderr is expected.txt" "$corpus/$name/expected.txt" "$tmp/err.rb"
  else
    fail "$4$name: has expected.txt"
  fi
}

count=0
for d in "$corpus"/*/; do
  d=${d%/}
  name=$(basename "$d")
  count=$((count + 1))
  run_case "$d" "$d" "$name" ""
done
check "at least 15 broken rulebooks ($count)" test "$count" -ge 15

# The same reports when the directory is given relative to the working directory.
cd "$corpus" || exit 1
run_case "unknown-question" "unknown-question" "unknown-question" "relative path: "
run_case "./several-errors" "./several-errors" "several-errors" "relative path: "
cd "$tmp" || exit 1

# several-errors: reported together, sorted by file, then line, then column.
errs=$(grep -E '^RB/[^:]+:[0-9]+:[0-9]+: error: ' "$corpus/several-errors/expected.txt" | cut -d: -f1-3)
sorted=$(printf '%s\n' "$errs" | sort -t: -k1,1 -k2,2n -k3,3n)
check_eq "several-errors: the errors are sorted by place" "$sorted" "$errs"
check "several-errors: at least 5 errors, in 4 files" \
  test "$(printf '%s\n' "$errs" | wc -l)" -ge 5 -a "$(printf '%s\n' "$errs" | cut -d: -f1 | sort -u | wc -l)" -eq 4
tail -n 1 "$corpus/several-errors/expected.txt" >"$tmp/last"
check "several-errors: the count in the last line matches" \
  grep -qx "candidacy: the rulebook in RB cannot be used ($(printf '%s\n' "$errs" | wc -l) errors)" "$tmp/last"

# The same broken rulebook through the CANDIDACY_RULEBOOK variable (no --rulebook).
CANDIDACY_RULEBOOK="$corpus/unknown-question" "$CANDIDACY" screen "$sample" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "CANDIDACY_RULEBOOK=unknown-question: exit 3" "3" "$rc"
replace_prefix "$corpus/unknown-question" <"$tmp/err" >"$tmp/err.rb"
check_same "CANDIDACY_RULEBOOK=unknown-question: same report" "$corpus/unknown-question/expected.txt" "$tmp/err.rb"

# An unreadable rule file (permissions; skipped when running as root, who reads anything).
cp -R "$corpus/unknown-question" "$tmp/unreadable"
rm -f "$tmp/unreadable/expected.txt"
sed -i 's/patient\.agee/patient.age/' "$tmp/unreadable/rules.yaml"
"$CANDIDACY" screen --rulebook "$tmp/unreadable" "$sample" >/dev/null 2>"$tmp/err"
check_eq "the fixed copy of unknown-question loads (exit 0)" "0" "$?"
chmod 000 "$tmp/unreadable/rules.yaml"
if [[ -r "$tmp/unreadable/rules.yaml" ]]; then
  pass "an unreadable included file: exit 3 # SKIP running as root"
else
  "$CANDIDACY" screen --rulebook "$tmp/unreadable" "$sample" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  check_eq "an unreadable included file: exit 3" "3" "$rc"
  check "an unreadable included file: named with its include line" \
    grep -q "rulebook.yaml:[0-9]*:[0-9]*: error: cannot read included file 'rules.yaml'" "$tmp/err"
fi
chmod 644 "$tmp/unreadable/rules.yaml"
chmod 000 "$tmp/unreadable/rulebook.yaml"
if [[ -r "$tmp/unreadable/rulebook.yaml" ]]; then
  pass "an unreadable rulebook.yaml: exit 5 # SKIP running as root"
else
  "$CANDIDACY" screen --rulebook "$tmp/unreadable" "$sample" >"$tmp/out" 2>"$tmp/err"
  check_eq "an unreadable rulebook.yaml: exit 5" "5" "$?"
fi
chmod 644 "$tmp/unreadable/rulebook.yaml"

finish
