# Shared by the end-to-end scripts in tests/cli/ (source it after `set -u`):
# the environment ctest gives (CANDIDACY, SOURCE_DIR, BUILD_DIR) made
# absolute, a temporary folder removed on exit, and the check helpers that
# print `ok - NAME` / `not ok - NAME` with what was expected and what came.
# End a script with `finish`: it prints `N passed, M failed` and sets the status.

: "${CANDIDACY:?set CANDIDACY to the candidacy binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the repository root}"
CANDIDACY=$(cd "$(dirname "$CANDIDACY")" && pwd)/$(basename "$CANDIDACY")
SOURCE_DIR=$(cd "$SOURCE_DIR" && pwd)
samples="$SOURCE_DIR/samples"

# Debian's python3 (installed by .ci/install-deps), called directly: a version
# manager's shim earlier in PATH can cost a second per call.
if [[ -x /usr/bin/python3 ]]; then python3() { /usr/bin/python3 "$@"; }; fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() {
  failed=$((failed + 1))
  echo "not ok - $1"
  shift
  local line
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/    /'; done
}
# check NAME COMMAND...: passes when the command succeeds.
check() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name" "condition failed: $*"; fi
}
# check_eq NAME EXPECTED ACTUAL
check_eq() {
  if [[ "$2" == "$3" ]]; then pass "$1"; else fail "$1" "expected: $2" "actual:   $3"; fi
}
# check_same NAME EXPECTED_FILE ACTUAL_FILE: byte for byte, with a diff when not.
check_same() {
  if cmp -s "$2" "$3"; then
    pass "$1"
  else
    fail "$1" "expected $2, got (diff -u expected actual):" "$(diff -u "$2" "$3" | head -40)"
  fi
}
# slurp VAR FILE: the file's text into VAR (a builtin: no process per check).
slurp() { IFS= read -rd '' "$1" <"$2" || true; }
# check_contains NAME FILE TEXT: the file holds TEXT (a fixed string, which
# may span lines).
check_contains() {
  local text
  slurp text "$2"
  if [[ "$text" == *"$3"* ]]; then
    pass "$1"
  else
    fail "$1" "expected to contain: $3" "actual:" "$(head -c 2000 "$2" | cat -v)"
  fi
}
# check_empty NAME FILE: the file is empty (or absent).
check_empty() {
  if [[ ! -s "$2" ]]; then pass "$1"; else fail "$1" "expected nothing, found:" "$(head -c 1000 "$2")"; fi
}
# replace_prefix PREFIX < IN > OUT: every occurrence of PREFIX becomes RB.
replace_prefix() {
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do printf '%s\n' "${line//"$1"/RB}"; done
}
# run ARGS...: runs candidacy; sets rc, stdout in $tmp/out, stderr in $tmp/err.
run() {
  "$CANDIDACY" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
# golden NAME FILE ARGS...: `candidacy ARGS` exits 0, prints nothing on
# stderr, and prints exactly $expected/FILE; output that quotes $rulebook
# (when set) is compared with that path written RB.
golden() {
  local name=$1 file=$2
  shift 2
  run "$@"
  check_eq "$name: exit 0" "0" "$rc"
  check_empty "$name: nothing on stderr" "$tmp/err"
  if [[ -n ${rulebook:-} ]] && grep -qF "$rulebook" "$tmp/out"; then
    replace_prefix "$rulebook" <"$tmp/out" >"$tmp/actual"
  else
    cp "$tmp/out" "$tmp/actual"
  fi
  check_same "$name: the output is $file" "$expected/$file" "$tmp/actual"
}
# The closing line ctest's log and CI read, and the script's status.
finish() {
  echo "$passed passed, $failed failed"
  ((failed == 0))
  exit $?
}
