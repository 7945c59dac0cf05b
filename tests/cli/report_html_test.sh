#!/usr/bin/env bash
# End-to-end: `candidacy screen --format html`, the printable report. Each
# sample's report is parsed (tests/cli/check_html.py, python's html.parser)
# and checked against its JSON result: a well-formed, self-contained
# page, the outcome in the banner, one article per flag with its severity,
# citations, open questions, medications, ids, hash and time. Hostile
# medication text stays text. Byte-identical with --now. One questionnaire
# per report: several files, --batch and bad --now values are usage errors.
# The checker itself is shown to fail on broken pages. Run by ctest.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v python3 >/dev/null || { fail "python3 is available"; finish; }
checker="$SOURCE_DIR/tests/cli/check_html.py"
now=2026-11-23T10:00:00Z

# --- every sample: the report shows its JSON result (one python run for all)
jobs=()
for f in "$samples"/*.yaml "$samples"/*.json; do
  name=$(basename "${f%.*}")
  run screen --format html --now "$now" "$f"
  check_eq "$name: exit 0" 0 "$rc"
  cp "$tmp/out" "$tmp/$name.html"
  "$CANDIDACY" screen --format json "$f" >"$tmp/$name.json"
  jobs+=("$tmp/$name.html" --report "$tmp/$name.json" --now "$now")
done
check_eq "28 sample reports" 28 "$((${#jobs[@]} / 5))"
python3 "$checker" "${jobs[@]}" >"$tmp/problems" 2>&1
check_eq "every sample: the parsed report shows its result" "" "$(cat "$tmp/problems")"

# --- deterministic, and the same from stdin and from another directory
run screen --format html --now "$now" "$samples/08-review-polypharmacy.yaml"
cp "$tmp/out" "$tmp/first.html"
(cd / && "$CANDIDACY" screen --format html --now "$now" - <"$samples/08-review-polypharmacy.yaml" >"$tmp/second.html")
check_same "byte-identical from stdin in another directory" "$tmp/first.html" "$tmp/second.html"

# --- hostile medication text stays text
cat >"$tmp/hostile.yaml" <<'YAML'
id: hostile-001
patient: {age: 40, sex: female, pregnant: false, breastfeeding: false, weight_kg: 70, height_cm: 170}
vitals: {systolic_bp: 120, diastolic_bp: 78, heart_rate: 72, spo2: 98}
indications: [treatment_resistant_depression]
depression: {failed_antidepressant_trials: 3, suicidal_ideation: none}
history: {psychosis: false, bipolar: false, substance_use: none, ketamine_misuse: false, alcohol_drinks_per_week: 2,
  unstable_angina: false, heart_failure: none, arrhythmia: false, uncontrolled_hypertension: false, aneurysm_or_avm: false,
  intracerebral_hemorrhage: false, raised_intracranial_pressure: false, glaucoma: false, liver_disease: none,
  hyperthyroidism: false, seizure_disorder: false, sleep_apnea: false, interstitial_cystitis: false,
  ketamine_allergy: false, cognitive_impairment: false}
medications:
  - "<script>alert('x')</script>"
  - "\"><img src=x onerror=alert(1)> Xanax 1 mg"
  - "</td></tr></table><a href=\"javascript:alert(1)\">click</a>"
  - "Tylenol &amp; <b>codeine</b>"
logistics: {escort_available: true, fasting_hours: 8, agrees_no_driving: true}
YAML
run screen --format json "$tmp/hostile.yaml"
check_eq "hostile: screened" 0 "$rc"
cp "$tmp/out" "$tmp/hostile.json"
run screen --format html --now "$now" "$tmp/hostile.yaml"
check_eq "hostile: report written" 0 "$rc"
cp "$tmp/out" "$tmp/hostile.html"
python3 "$checker" "$tmp/hostile.html" --report "$tmp/hostile.json" --now "$now" >"$tmp/problems" 2>&1
check_eq "hostile: the parsed report shows each entry as written, and nothing else" "" "$(cat "$tmp/problems")"
check "hostile: no script element in the bytes either" bash -c "! grep -qi '<script' '$tmp/hostile.html'"
check_contains "hostile: escaped" "$tmp/hostile.html" "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"

# --- the time: the clock by default, the audit record's reading with --audit
run screen --format html "$samples/01-eligible-trd.yaml" --audit "$tmp/audit.log"
check_eq "no --now: exit 0" 0 "$rc"
shown=$(python3 - "$tmp/out" <<'PY'
import re, sys
m = re.search(r'<td class="screened-at">([^<]*)</td>', open(sys.argv[1], encoding="utf-8").read())
print(m.group(1) if m else "none")
PY
)
check "no --now: a UTC time is shown" test -n "$(echo "$shown" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$')"
check_contains "no --now: the audit record has the same time" "$tmp/audit.log" "\"$shown\""

# --- usage errors: exit 2, nothing on stdout
expect_usage() {
  local name=$1
  shift
  run "$@"
  check_eq "$name: exit 2" 2 "$rc"
  check_empty "$name: nothing on stdout" "$tmp/out"
  check "$name: a message on stderr" test -s "$tmp/err"
}
expect_usage "two files" screen --format html "$samples/01-eligible-trd.yaml" "$samples/06-review-bp-maoi.yaml"
check_contains "two files: says why" "$tmp/err" "one report for one questionnaire"
expect_usage "--batch" screen --format html --batch "$tmp/none.ndjson"
expect_usage "--now without html" screen --now "$now" "$samples/01-eligible-trd.yaml"
for bad in 2026-11-23 "2026-11-23 10:00:00Z" 2026-13-01T10:00:00Z 2026-11-23T24:00:00Z 2026-11-23T10:00:00+01:00 \
  "<b>2026-11-23T10:00:00Z" x; do
  expect_usage "--now '$bad'" screen --format html --now "$bad" "$samples/01-eligible-trd.yaml"
done

# --- the checker fails on broken pages (so the checks above can fail):
# each edit below breaks the good page in one way; every broken page must be
# reported, and the good one not.
good="$tmp/06-review-bp-maoi.html"
cat >"$tmp/edits" <<EDITS
a script|</body>=><script>x()</script></body>
an unclosed element|</article>=><div></article>
a stray end tag|</h4>=></h4></p>
an external stylesheet|</head>=><link rel=stylesheet href=https://x.org/a.css></head>
an event handler|<h4>=><h4 onclick="x()">
a javascript link|<p class="message">=><p class="message"><a class="citation-link" href="javascript:x()">x</a>
a flag missing|<article class="flag severity-review">=><div class="flag severity-review">
a wrong severity|flag severity-review"=>flag severity-caution"
a wrong banner|banner outcome-needs_review=>banner outcome-eligible
a wrong time|$now=>2026-11-23T11:00:00Z
a medication missing|<tr class="recognized">=><tr>
no print rules|@media print=>@media screen
a resource in CSS|body {=>body { background: url(https://x.org/a.png);
a wrong hash|<code class="rulebook-sha256">=><code class="rulebook-sha256">0
no signature block|<footer class="signature">=><footer>
a row too short|<th>Value</th>=><th>Value</th><th>Unit</th>
EDITS
(python3 - "$good" "$tmp" "$tmp/edits" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
for n, line in enumerate(open(sys.argv[3], encoding="utf-8").read().splitlines()):
    name, edit = line.split("|", 1)
    old, new = edit.split("=>", 1)
    if old not in text:
        print("edit %r: %r is not in the page" % (name, old))
    open("%s/broken-%d.html" % (sys.argv[2], n), "w", encoding="utf-8").write(text.replace(old, new, 1))
PY
) >"$tmp/edit-problems" 2>&1
check_empty "checker: every edit applies to the page" "$tmp/edit-problems"
jobs=()
n=0
while IFS='|' read -r name _; do
  jobs+=("$tmp/broken-$n.html" --report "$tmp/06-review-bp-maoi.json" --now "$now")
  n=$((n + 1))
done <"$tmp/edits"
python3 "$checker" "$good" --report "$tmp/06-review-bp-maoi.json" --now "$now" "${jobs[@]}" >"$tmp/problems" 2>&1
check_eq "checker: the problems exit 1" 1 "$?"
n=0
while IFS='|' read -r name _; do
  check "checker rejects: $name" grep -q "^$tmp/broken-$n.html: " "$tmp/problems"
  n=$((n + 1))
done <"$tmp/edits"
check "checker accepts the unbroken page" bash -c "! grep -q '^$good: ' '$tmp/problems'"

finish
