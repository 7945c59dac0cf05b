#!/usr/bin/env bash
# End-to-end: the compiled rulebook image cache (docs/rulebook-cache.md).
# Every command's output (stdout, stderr, exit status) is byte-identical
# whether the rulebook is parsed from YAML (--no-cache), parsed and written
# to a fresh cache (cold), or read from its image (warm). The image appears,
# 0600 in a 0700 directory; a truncated or flipped image is ignored, with the
# same output, and written again; an edited copy of the rulebook misses;
# --no-cache and CANDIDACY_CACHE=off write nothing; XDG_CACHE_HOME and HOME
# are honoured; an unwritable, foreign or missing cache place still screens.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$tmp" || exit 1

rb="$SOURCE_DIR/rules/ketamine"
cache="$tmp/cache"
export CANDIDACY_CACHE_DIR="$cache"
unset CANDIDACY_CACHE

files=()
for f in "$samples"/*.yaml "$samples"/*.json; do [[ -f "$f" ]] && files+=("$f"); done
fhir=("$samples"/fhir/*.json)
bundles=("$SOURCE_DIR"/tests/fhir/bundles/*.json)
# Under the sanitizers (CI's second pass, CANDIDACY_TEST_SANITIZED=1) every
# fourth sample, JSON ones included: that pass looks for memory errors in the
# image code, and the release pass has compared every sample three ways.
if [[ ${CANDIDACY_TEST_SANITIZED:-0} == 1 ]]; then
  some=(); for i in "${!files[@]}"; do ((i % 4 == 0)) && some+=("${files[$i]}"); done; files=("${some[@]}")
  fhir=("${fhir[@]:0:2}")
fi
ndjson="$SOURCE_DIR/tests/cli/diff/samples.ndjson"
answers="$SOURCE_DIR/tests/cli/interview/answers-01-eligible.txt"
copy="$tmp/rb-copy"  # an edited copy, for diff
cp -r "$rb" "$copy"
sed -i '0,/points: 3$/s//points: 9/' "$copy/rules/review.yaml"  # RV-01, which sample 05 fires
printf '\n# edited\n' >>"$copy/rules/logistics.yaml"

images() { find "$cache" -name '*.rbimage' 2>/dev/null | wc -l; }

# suite DIR [cold] [GLOBAL-OPTION...]: every command, each into DIR/NAME
# (.out, .err, .rc). `cold` empties the cache before each command, so each
# parses the YAML and writes an image.
suite() {
  local out=$1 cold=""
  shift
  [[ "${1:-}" == cold ]] && { cold=1; shift; }
  local global=("$@")
  mkdir -p "$out/w"
  c() {
    local name=$1
    shift
    [[ -n "$cold" ]] && rm -rf "$cache"
    "$CANDIDACY" "${global[@]}" "$@" >"$out/$name.out" 2>"$out/$name.err"
    echo $? >"$out/$name.rc"
  }
  c screen-text screen "${files[@]}"
  c screen-json screen --format json --pretty "${files[@]}"
  c screen-compact screen --format compact "${files[@]}"
  c screen-cds screen --format cds-hooks "${files[@]}"
  c screen-fhir screen --format json "${fhir[@]}"
  c screen-bundles screen --format json "${bundles[@]}"  # the FHIR code mappings, from the image when warm
  c screen-batch screen --batch "$ndjson" --jobs 2
  c screen-copy screen --rulebook "$copy" --format json "${files[@]}"
  for f in "${files[@]:0:4}"; do
    c "html-$(basename "$f")" screen --format html --now 2026-01-01T00:00:00Z "$f"
    c "questions-for-$(basename "$f")" questions --for "$f" --format json
  done
  for f in "${files[@]}"; do
    c "explain-$(basename "$f")" explain RV-20 "$f"
    c "explain-json-$(basename "$f")" explain IX-07 "$f" --format json
  done
  c questions questions
  c questions-json questions --format json
  c docs docs
  c docs-html docs --format html
  c test test --coverage
  c test-json test --format json
  c diff diff "$rb" "$copy"
  c diff-batch diff "$rb" "$copy" --batch "$ndjson" --format json
  c questionnaire questionnaire --format fhir
  c lint lint "$rb"
  (cd "$out/w" && c interview interview <"$answers")
  cp "$out/w/sample-01-eligible-trd.yaml" "$out/interview-saved.yaml" 2>/dev/null
}

# --- 1. YAML, cold, warm: identical -----------------------------------------
suite "$tmp/yaml" --no-cache
check_eq "--no-cache writes no image" "0" "$(images)"
suite "$tmp/cold" cold
check "cold: an image was written" test "$(images)" -ge 1
suite "$tmp/warm"
check_eq "warm: one image each for the shipped rulebook and the edited copy" "2" "$(images)"

compared=0
for f in "$tmp/yaml"/*.out "$tmp/yaml"/*.err "$tmp/yaml"/*.rc "$tmp/yaml"/interview-saved.yaml; do
  name=$(basename "$f")
  for mode in cold warm; do
    if cmp -s "$f" "$tmp/$mode/$name"; then compared=$((compared + 1)); else check_same "$mode: $name as from YAML" "$f" "$tmp/$mode/$name"; fi
  done
done
check "every output of every command compared ($compared files)" test "$compared" -ge 200
check_eq "the commands succeed (screen text exit 0)" "0" "$(cat "$tmp/yaml/screen-text.rc")"
check_contains "explain ran" "$tmp/yaml/explain-01-eligible-trd.yaml.out" "RV-20"
check_contains "the interview saved its answers" "$tmp/yaml/interview-saved.yaml" "patient:"

# --- 2. the image is used, and private ---------------------------------------
"$CANDIDACY" --log-level debug screen "${files[0]}" >"$tmp/out" 2>"$tmp/err"
check_contains "warm: the image is used" "$tmp/err" "rulebook image: used $cache/"
image=$(sed -n 's/^candidacy: debug: rulebook image: used //p' "$tmp/err")
check_eq "the cache directory is 0700" "700" "$(stat -c %a "$cache")"
check_eq "the image is 0600" "600" "$(stat -c %a "$image")"
cp "$image" "$tmp/good.rbimage"
"$CANDIDACY" screen --format json "${files[@]}" >"$tmp/expected.json"

# --- 3. damaged images: ignored, same output, written again -----------------
damage() {  # damage NAME: the image has been damaged; screen, compare, check the rewrite
  "$CANDIDACY" --log-level debug screen --format json "${files[@]}" >"$tmp/out" 2>"$tmp/err"
  check_eq "$1: exit 0" "0" "$?"
  check_same "$1: same output as from the intact image" "$tmp/expected.json" "$tmp/out"
  check_contains "$1: the image is ignored" "$tmp/err" "rulebook image: ignored $image"
  check_contains "$1: and written again" "$tmp/err" "rulebook image: wrote $image"
  check_same "$1: the new image equals the old, byte for byte" "$tmp/good.rbimage" "$image"
}
head -c 5000 "$tmp/good.rbimage" >"$image"
damage "truncated image"
size=$(stat -c %s "$image")
for at in 3 9 17 100 $((size / 2)) $((size - 1)); do
  cp "$tmp/good.rbimage" "$image"
  byte=$(od -An -tu1 -j "$at" -N1 "$image" | tr -d ' ')
  printf '%b' "\\0$(printf '%03o' $((byte ^ 4)))" | dd of="$image" bs=1 seek="$at" conv=notrunc status=none
  damage "a byte flipped at $at"
done
: >"$image"
damage "an empty image"

# --- 4. an edited rulebook misses -------------------------------------------
edit="$tmp/rb-edit"
cp -r "$rb" "$edit"
"$CANDIDACY" screen --rulebook "$edit" --format json "${files[@]}" >/dev/null 2>&1
n=$(images)
sed -i '0,/points: 3$/s//points: 9/' "$edit/rules/review.yaml"
"$CANDIDACY" --log-level debug screen --rulebook "$edit" --format json "${files[@]}" >"$tmp/out" 2>"$tmp/err"
check_contains "an edited rule file: the image is ignored" "$tmp/err" "the rulebook's files changed"
"$CANDIDACY" --no-cache screen --rulebook "$edit" --format json "${files[@]}" >"$tmp/yaml-edit"
check_same "an edited rule file: the output is the edited rulebook's" "$tmp/yaml-edit" "$tmp/out"
if cmp -s "$tmp/expected.json" "$tmp/out"; then fail "the edit changes the results (the test edits something that matters)"; else pass "the edit changes the results"; fi
check_eq "an edited rule file: its image replaced, not added" "$n" "$(images)"
printf '\n' >>"$edit/rulebook.yaml"
"$CANDIDACY" --log-level debug screen --rulebook "$edit" "${files[0]}" >/dev/null 2>"$tmp/err"
check_contains "an edited rulebook.yaml names another image" "$tmp/err" "none yet"
rm "$edit/rules/logistics.yaml"
"$CANDIDACY" screen --rulebook "$edit" "${files[0]}" >/dev/null 2>"$tmp/err"
check_eq "a removed file: the YAML load reports it (exit 3)" "3" "$?"
check_contains "a removed file: named" "$tmp/err" "cannot read included file 'rules/logistics.yaml'"

# --- 5. off switches, other places, unwritable places ------------------------
rm -rf "$cache"
"$CANDIDACY" --no-cache screen "${files[0]}" >"$tmp/out"
check "--no-cache: no cache directory created" test ! -e "$cache"
CANDIDACY_CACHE=off "$CANDIDACY" screen "${files[0]}" >"$tmp/out"
check "CANDIDACY_CACHE=off: no cache directory created" test ! -e "$cache"
"$CANDIDACY" screen "${files[0]}" >"$tmp/one"

place() {  # place NAME EXPECTED-IMAGE-DIR ENV...: screens with that environment; the image lands there
  local name=$1 where=$2
  shift 2
  env -u CANDIDACY_CACHE_DIR -u XDG_CACHE_HOME "$@" "$CANDIDACY" screen "${files[0]}" >"$tmp/out" 2>"$tmp/err"
  check_eq "$name: exit 0" "0" "$?"
  check_same "$name: same output" "$tmp/one" "$tmp/out"
  check_empty "$name: nothing on stderr" "$tmp/err"
  if [[ -n "$where" ]]; then
    check_eq "$name: one image in $where" "1" "$(find "$where" -name '*.rbimage' | wc -l)"
    check_eq "$name: created 0700" "700" "$(stat -c %a "$where")"
  fi
}
mkdir "$tmp/home" "$tmp/home2"
place "XDG_CACHE_HOME" "$tmp/xdg/candidacy" XDG_CACHE_HOME="$tmp/xdg" HOME="$tmp/nohome"
place "HOME" "$tmp/home/.cache/candidacy" HOME="$tmp/home"
check_eq "HOME: ~/.cache created 0700" "700" "$(stat -c %a "$tmp/home/.cache")"
place "a relative XDG_CACHE_HOME is ignored for HOME" "$tmp/home2/.cache/candidacy" XDG_CACHE_HOME=relative HOME="$tmp/home2"
check "a relative XDG_CACHE_HOME: nothing written there" test ! -e relative
place "no HOME" "" -u HOME
printf x >"$tmp/file"
place "HOME is a file" "" HOME="$tmp/file"
place "HOME does not exist" "" HOME="$tmp/missing/home"
check "HOME does not exist: not created" test ! -e "$tmp/missing"
place "the cache dir under a file" "" CANDIDACY_CACHE_DIR="$tmp/file/cache"
mkdir -m 0770 "$tmp/shared"
place "a group-writable cache dir" "" CANDIDACY_CACHE_DIR="$tmp/shared"
check_eq "a group-writable cache dir: no image written" "0" "$(find "$tmp/shared" -name '*.rbimage' | wc -l)"
mkdir -m 0500 "$tmp/readonly"
place "a read-only cache dir" "" CANDIDACY_CACHE_DIR="$tmp/readonly"
if [[ $(id -u) != 0 ]]; then
  check_eq "a read-only cache dir: no image written" "0" "$(find "$tmp/readonly" -name '*.rbimage' | wc -l)"
fi
chmod 0700 "$tmp/readonly"

run --help
check_contains "--help lists --no-cache" "$tmp/out" "--no-cache"

# --- 6. lint always parses the YAML ------------------------------------------
"$CANDIDACY" --log-level debug lint "$rb" >"$tmp/out" 2>"$tmp/err"
if grep -q "rulebook image" "$tmp/err"; then fail "lint reads no image" "$(cat "$tmp/err")"; else pass "lint reads no image"; fi

finish
