#!/usr/bin/env bash
# End-to-end: `candidacy docs`, the rulebook handbook. The committed
# docs/handbook.md and docs/handbook.html must equal what the shipped
# rulebook generates now (so they are never stale; regenerate them with
# `bash tests/cli/update_goldens.sh`). The HTML is parsed (check_html.py):
# well-formed, self-contained, one section per rule. Output does not depend
# on where the rulebook or the caller is. Errors have distinct statuses.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v python3 >/dev/null || { fail "python3 is available"; finish; }
checker="$SOURCE_DIR/tests/cli/check_html.py"
rules="$SOURCE_DIR/rules/ketamine"
regen="regenerate with: bash tests/cli/update_goldens.sh"

# --- the committed handbook is the current one
run docs "$rules" --format markdown
check_eq "markdown: exit 0" 0 "$rc"
cp "$tmp/out" "$tmp/handbook.md"
check_same "docs/handbook.md is up to date ($regen)" "$SOURCE_DIR/docs/handbook.md" "$tmp/handbook.md"
run docs "$rules" --format html
check_eq "html: exit 0" 0 "$rc"
cp "$tmp/out" "$tmp/handbook.html"
check_same "docs/handbook.html is up to date ($regen)" "$SOURCE_DIR/docs/handbook.html" "$tmp/handbook.html"

# --- the default rulebook, --out, and markdown by default
run docs
check_eq "no DIR: the shipped rulebook, markdown" 0 "$rc"
check_same "no DIR: same handbook" "$tmp/handbook.md" "$tmp/out"
run docs "$rules" --format html --out "$tmp/out.html"
check_eq "--out: exit 0" 0 "$rc"
check_empty "--out: nothing on stdout" "$tmp/out"
check_same "--out: the same bytes" "$tmp/handbook.html" "$tmp/out.html"
check "--out: no temporary file left" test ! -e "$tmp/out.html.tmp"

# --- independent of where the rulebook and the caller are
cp -r "$rules" "$tmp/copy"
(cd / && "$CANDIDACY" docs "$tmp/copy" --format html >"$tmp/copy.html")
check_same "a copy elsewhere, from another directory: identical" "$tmp/handbook.html" "$tmp/copy.html"

# --- the parsed HTML: well-formed, self-contained, every rule
grep -h -E '^  - id: ' "$rules"/rules/*.yaml | sed 's/^  - id: //' >"$tmp/rule-ids"
check_eq "59 rules in the rule files" 59 "$(wc -l <"$tmp/rule-ids")"
python3 "$checker" "$tmp/handbook.html" --handbook "$tmp/rule-ids" >"$tmp/problems" 2>&1
check_eq "html: parsed, one section per rule, no scripts or resources" "" "$(cat "$tmp/problems")"
missing=""
while read -r id; do grep -q -E "^#### $id " "$tmp/handbook.md" || missing+=" $id"; done <"$tmp/rule-ids"
check_eq "markdown: a heading per rule" "" "$missing"
check_contains "markdown: EX-06 in plain words" "$tmp/handbook.md" \
  "systolic blood pressure is above 180 mmHg, or diastolic blood pressure is above 100 mmHg"
check_contains "markdown: when a question is asked" "$tmp/handbook.md" "| sex is not male |"
check_contains "markdown: full citations with links" "$tmp/handbook.md" "<https://doi.org/10.1097/AAP.0000000000000808>"
check_contains "markdown: brands by generic" "$tmp/handbook.md" "| alprazolam | Xanax, Xanax XR, Niravam |"

# --- a rulebook with hostile text: escaped in both formats
mkdir -p "$tmp/hostile"
cat >"$tmp/hostile/rulebook.yaml" <<'YAML'
rulebook: {id: hostile, title: "<script>alert(1)</script>", version: 0.1.0, effective: 2026-01-01}
sources:
  - {label: S, citation: "A \"source\" & <b>more</b>", url: "https://x.org/a\"><script>x</script>"}
include: [main.yaml]
YAML
cat >"$tmp/hostile/main.yaml" <<'YAML'
questions:
  - {id: a, type: boolean, prompt: "<img src=x onerror=alert(1)>?", required: true}
  - {id: medications, type: list_of_text, prompt: "Meds?", required: true, for_the_record: true}
rules:
  - {id: R1, title: "</h4><script>x</script>", severity: review, sources: [S], message: "m", action: "a", when: "a"}
YAML
run docs "$tmp/hostile" --format html
check_eq "hostile rulebook: exit 0" 0 "$rc"
cp "$tmp/out" "$tmp/hostile.html"
echo R1 >"$tmp/hostile-ids"
python3 "$checker" "$tmp/hostile.html" --handbook "$tmp/hostile-ids" >"$tmp/problems" 2>&1
check_eq "hostile rulebook: the parsed page has no script, image or link out of a bad URL" "" "$(cat "$tmp/problems")"
check_contains "hostile rulebook: the URL shown as text" "$tmp/hostile.html" "https://x.org/a&quot;&gt;&lt;script&gt;"
run docs "$tmp/hostile" --format markdown
check "hostile rulebook: no raw markup in the Markdown" bash -c "! grep -q -E '<(script|img|b>)' '$tmp/out'"

# --- errors
run docs "$rules" --format pdf
check_eq "--format pdf: exit 2" 2 "$rc"
run docs /nonexistent
check_eq "a missing directory: exit 2" 2 "$rc"
cp -r "$rules" "$tmp/broken"
sed -i 's/^  version: 1.1.0$/  version: [1.1.0/' "$tmp/broken/rulebook.yaml"
run docs "$tmp/broken"
check_eq "an invalid rulebook: exit 3" 3 "$rc"
check_empty "an invalid rulebook: nothing on stdout" "$tmp/out"
check_contains "an invalid rulebook: located error" "$tmp/err" "rulebook.yaml:"
run docs "$rules" --out "$tmp/no/such/dir/handbook.md"
check_eq "--out in a missing directory: exit 5" 5 "$rc"
check_contains "--out in a missing directory: says so" "$tmp/err" "cannot write"
if [[ -w /dev/full ]]; then
  "$CANDIDACY" docs "$rules" >/dev/full 2>"$tmp/err"
  check_eq "a full disk on stdout: exit 5" 5 "$?"
fi

finish
