#!/usr/bin/env bash
# End-to-end: `cmake --install` into a fresh prefix, then the installed
# candidacy finds its installed rulebook (share/candidacy/rules/ketamine)
# with no --rulebook flag, from an unrelated working directory.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${BUILD_DIR:?set BUILD_DIR to the build directory}"
unset CANDIDACY_RULEBOOK  # the default rulebook is the subject here

tmp=$(cd "$tmp" && pwd -P)  # the binary reports its own path with symlinks resolved


prefix="$tmp/prefix"
cmake --install "$BUILD_DIR" --prefix "$prefix" >"$tmp/install.log" 2>&1
rc=$?
check_eq "cmake --install: exit 0" "0" "$rc"
((rc == 0)) || { cat "$tmp/install.log"; finish; }

bin="$prefix/bin/candidacy"
rules="$prefix/share/candidacy/rules/ketamine"
check "the binary is installed" test -x "$bin"
unit=$(ls "$prefix"/lib*/systemd/system/candidacy.service 2>/dev/null | head -1)
check "the systemd unit of candidacy serve is installed (docs/service.md)" test -n "$unit"
[[ -n $unit ]] && check "the unit runs candidacy serve, hardened, stopped with SIGTERM" \
  grep -q "^ExecStart=/.*/bin/candidacy .*serve " "$unit" && check "the unit is hardened" grep -q "^NoNewPrivileges=yes" "$unit" &&
  check "the unit stops with SIGTERM" grep -q "^KillSignal=SIGTERM" "$unit" && check "the unit has no placeholders left" bash -c "! grep -q @CMAKE_ '$unit'"
check "the rulebook is installed under share/candidacy/rules/ketamine" test -f "$rules/rulebook.yaml"
# Every file rulebook.yaml includes is installed, identical to the source.
includes=$(sed -n '/^include:/,/^[^ -]/s/^ *- *\([^ #]*\).*/\1/p' "$SOURCE_DIR/rules/ketamine/rulebook.yaml")
check "rulebook.yaml lists includes" test -n "$includes"
for f in rulebook.yaml $includes; do
  check "installed $f is the source's" cmp -s "$SOURCE_DIR/rules/ketamine/$f" "$rules/$f"
done
# The JSON Schemas the rule files name on their first line, where that line points (docs/authoring.md).
for f in rulebook.yaml $includes; do
  schema=$(sed -n '1s/^# yaml-language-server: \$schema=//p' "$rules/$f")
  check "installed $f names its schema on line 1" test -n "$schema"
  [[ -n $schema ]] && check "the schema $f names is installed ($schema)" cmp -s "$SOURCE_DIR/schemas/$(basename "$schema")" "$(dirname "$rules/$f")/$schema"
done

# From an unrelated working directory, no --rulebook.
mkdir -p "$tmp/work"
cd "$tmp/work" || exit 1
"$bin" screen --format json "$SOURCE_DIR/samples/01-eligible-trd.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "installed: screen 01-eligible-trd exits 0" "0" "$rc"
check_contains "installed: outcome eligible" "$tmp/out" '"outcome":"eligible"'
check_contains "installed: the result names the rulebook" "$tmp/out" '"id":"ketamine-iv-adult"'
"$bin" screen "$SOURCE_DIR/samples/01-eligible-trd.yaml" >"$tmp/out.txt" 2>/dev/null
check_eq "installed: text output starts with OUTCOME: ELIGIBLE" "OUTCOME: ELIGIBLE" "$(head -n 1 "$tmp/out.txt" | cut -c1-17)"

"$bin" --version >"$tmp/version" 2>"$tmp/err"
rc=$?
check_eq "installed: --version exits 0" "0" "$rc"
check_contains "installed: --version names the program" "$tmp/version" "candidacy "
check_contains "installed: --version names the rulebook" "$tmp/version" "default rulebook: ketamine-iv-adult "

# The debug log names the directory the rulebook was loaded from: the prefix.
"$bin" --log-level debug screen "$SOURCE_DIR/samples/01-eligible-trd.yaml" >/dev/null 2>"$tmp/debug"
line=$(grep 'loaded from' "$tmp/debug")
check_contains "installed: the debug log says where the rulebook was loaded from" "$tmp/debug" "rulebook ketamine-iv-adult"
from=$(sed -n 's/.* loaded from \(.*\) ([0-9]* rules.*/\1/p' <<<"$line")
if [[ -n "$from" && "$(cd "$from" 2>/dev/null && pwd -P)" == "$rules" ]]; then
  pass "installed: loaded from the install prefix"
else
  fail "installed: loaded from the install prefix" "expected: $rules" "actual:   ${line:-no 'loaded from' line}"
fi

# And it really is the installed copy that counts: change it, and the change shows.
sed -i 's/^  version: .*/  version: 9.9.9-installed-copy/' "$rules/rulebook.yaml"
"$bin" --version >"$tmp/version2" 2>/dev/null
check_contains "installed: --version reads the installed rulebook" "$tmp/version2" "ketamine-iv-adult 9.9.9-installed-copy"
"$bin" screen --format json "$SOURCE_DIR/samples/01-eligible-trd.yaml" >"$tmp/out2" 2>/dev/null
check_contains "installed: screen uses the installed rulebook" "$tmp/out2" '"version":"9.9.9-installed-copy"'

# CANDIDACY_RULEBOOK still overrides the installed default.
CANDIDACY_RULEBOOK="$SOURCE_DIR/rules/ketamine" "$bin" --version >"$tmp/version3" 2>/dev/null
check "CANDIDACY_RULEBOOK overrides the installed rulebook" grep -q "ketamine-iv-adult $(sed -n 's/^  version: *//p' "$SOURCE_DIR/rules/ketamine/rulebook.yaml" | tr -d '"') " "$tmp/version3"

finish
