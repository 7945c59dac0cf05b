#!/usr/bin/env bash
# End-to-end: the command line. Usage errors exit 2, a missing questionnaire
# exits 5, help and version exit 0 and say what they should, and output that
# cannot be written (closed pipe, full disk) is an exit 5 with a message,
# never a crash. Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sample="$SOURCE_DIR/samples/01-eligible-trd.yaml"

cd "$tmp" || exit 1


# expect_rc NAME RC ARGS...: the exit status, and that stderr says something.
expect_rc() {
  local name=$1 want=$2
  shift 2
  run "$@"
  check_eq "$name: exit $want" "$want" "$rc"
  if [[ "$want" != 0 ]]; then
    check "$name: a message on stderr" test -s "$tmp/err"
    check_empty "$name: nothing on stdout" "$tmp/out"
  fi
}

# --- usage errors: exit 2
expect_rc "no arguments" 2
check_contains "no arguments: the help lists screen" "$tmp/err" "screen"
expect_rc "unknown subcommand" 2 frobnicate "$sample"
expect_rc "unknown global option" 2 --frobnicate
expect_rc "unknown screen option" 2 screen --frobnicate "$sample"
check_contains "unknown screen option: named" "$tmp/err" "--frobnicate"
expect_rc "screen with no file" 2 screen
expect_rc "--format xml" 2 screen --format xml "$sample"
check_contains "--format xml: names the option" "$tmp/err" "--format"
expect_rc "--format with no value" 2 screen "$sample" --format
expect_rc "--input toml" 2 screen --input toml "$sample"
expect_rc "--log-level loud" 2 --log-level loud screen "$sample"
expect_rc "--rulebook /nonexistent" 2 screen --rulebook /nonexistent "$sample"
check_contains "--rulebook /nonexistent: names the directory" "$tmp/err" "/nonexistent"
expect_rc "--rulebook naming a file" 2 screen --rulebook "$sample" "$sample"

# --- files that cannot be read: exit 5
expect_rc "a missing questionnaire" 5 screen "$tmp/no-such-file.yaml"
check_contains "a missing questionnaire: named, with the reason" "$tmp/err" "$tmp/no-such-file.yaml: cannot open: No such file or directory"
expect_rc "a directory as questionnaire" 5 screen "$tmp"
run screen --format json "$sample" "$tmp/no-such-file.yaml"
check_eq "a good file then a missing one: exit 5" "5" "$rc"
check_eq "a good file then a missing one: the good one is screened" "1" "$(grep -c '"outcome"' "$tmp/out")"
expect_rc "a rulebook directory with no rulebook.yaml" 5 screen --rulebook "$SOURCE_DIR/samples" "$sample"
check_contains "a rulebook directory with no rulebook.yaml: says so" "$tmp/err" "samples/rulebook.yaml: error: No such file or directory"

# --- help
run --help
check_eq "--help: exit 0" "0" "$rc"
for word in screen --version --log-level --help; do
  check_contains "--help lists $word" "$tmp/out" "$word"
done
run screen --help
check_eq "screen --help: exit 0" "0" "$rc"
for word in --rulebook --format --input --pretty files; do
  check_contains "screen --help lists $word" "$tmp/out" "$word"
done

# --- version
run --version
check_eq "--version: exit 0" "0" "$rc"
first=$(head -n 1 "$tmp/out")
if [[ "$first" == "candidacy "* ]]; then pass "--version: first line starts with 'candidacy '"; else fail "--version: first line starts with 'candidacy '" "first line: $first"; fi
check_contains "--version: names the default rulebook" "$tmp/out" "ketamine-iv-adult"
check "--version: gives the rulebook's sha256" grep -qE 'sha256 [0-9a-f]{64}' "$tmp/out"
check_empty "--version: nothing on stderr" "$tmp/err"
sha=$(grep -oE '[0-9a-f]{64}' "$tmp/out")
run screen --format json "$sample"
check_contains "--version's sha256 is the one a result carries" "$tmp/out" "\"sha256\":\"$sha\""
CANDIDACY_RULEBOOK="$SOURCE_DIR/samples" "$CANDIDACY" --version >"$tmp/out" 2>"$tmp/err"
check_eq "--version with an unusable default rulebook: exit 0" "0" "$?"
check_contains "--version with an unusable default rulebook: says so" "$tmp/out" "none usable at $SOURCE_DIR/samples"

# --- output that cannot be written
"$CANDIDACY" screen "$sample" "$sample" "$sample" 2>"$tmp/err" | head -c0
status=("${PIPESTATUS[@]}")
if ((status[0] > 128)); then
  fail "a closed pipe: no crash" "killed by signal $((status[0] - 128))"
else
  pass "a closed pipe: no crash"
fi
check "a closed pipe: exit 5 or 0 (got ${status[0]})" test "${status[0]}" -eq 5 -o "${status[0]}" -eq 0
if [[ "${status[0]}" == 5 ]]; then
  check_contains "a closed pipe: the reason" "$tmp/err" "candidacy: cannot write the result"
fi
"$CANDIDACY" screen --format json "$sample" 2>"$tmp/err" | (exec 0<&-; sleep 1)
status=("${PIPESTATUS[@]}")
check "a reader that closes at once: exit 5 or 0 (got ${status[0]})" test "${status[0]}" -eq 5 -o "${status[0]}" -eq 0

if [[ -w /dev/full ]]; then
  "$CANDIDACY" screen "$sample" >/dev/full 2>"$tmp/err"
  rc=$?
  check_eq "text to /dev/full: exit 5" "5" "$rc"
  check_contains "text to /dev/full: the reason" "$tmp/err" "candidacy: cannot write the result: No space left on device"
  "$CANDIDACY" screen --format json "$sample" "$sample" >/dev/full 2>"$tmp/err"
  rc=$?
  check_eq "json to /dev/full: exit 5" "5" "$rc"
  check_eq "json to /dev/full: one message, not one per file" "1" "$(grep -c 'cannot write' "$tmp/err")"
else
  pass "output to /dev/full # SKIP no /dev/full here"
fi

# --- the language server's input ending inside a message: exit 1, and why on stderr
printf 'Content-Length: 10\r\n\r\nabc' | "$CANDIDACY" lsp --rulebook "$SOURCE_DIR/rules/ketamine" >"$tmp/out" 2>"$tmp/err"
check_eq "lsp, input ending inside a body: exit 1" "1" "$?"
check_contains "lsp, input ending inside a body: says so" "$tmp/err" "candidacy lsp: the input ended after 3 of the 10 bytes of a message"
printf '' | "$CANDIDACY" lsp --rulebook "$SOURCE_DIR/rules/ketamine" >"$tmp/out" 2>"$tmp/err"
check_eq "lsp, empty input: exit 1 (no exit notification)" "1" "$?"
check_empty "lsp, empty input: nothing on stderr" "$tmp/err"

finish
