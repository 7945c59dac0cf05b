#!/usr/bin/env bash
# End-to-end: FHIR R4 Bundles (docs/fhir.md). Every Bundle of tests/fhir/bundles/
# screens through the CLI to the outcome and the flags its EXPECTED line names,
# names a source for every answer, and gives the same result from a file, from
# stdin and as a --batch line; a Bundle holding only the sample questionnaire
# screens exactly as the sample (but for the ehr record and schema_version);
# disagreements and stale Observations are shown; every bad Bundle of
# tests/fhir/bad/ gives exit 4 and its located message, never a crash.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v python3 >/dev/null || { fail "python3 is available"; finish; }
dir="$SOURCE_DIR/tests/fhir"

# --- the fixtures are what make_bundles.py writes
cp -r "$dir" "$tmp/fixtures"
python3 "$tmp/fixtures/make_bundles.py" --root "$SOURCE_DIR" >/dev/null
check "tests/fhir: the fixtures are make_bundles.py's output" diff -r "$dir" "$tmp/fixtures"

# --- every RxCUI of the shipped mapping is in a published list (tests/fhir/README.md):
# its rxcui and name as tests/fhir/rxnorm-sources.tsv has them from the source
# (a mistyped RxCUI, or a name the source gives another code, fails here)
got=$(python3 - "$SOURCE_DIR" <<'PY'
import sys, yaml
root = sys.argv[1]
listed = {}
for line in open(root + "/tests/fhir/rxnorm-sources.tsv"):
    if line.startswith("#") or not line.strip():
        continue
    code, name, sources = line.rstrip("\n").split("\t")
    listed[code] = (name, sources.split(","))
# names a source spells otherwise than the lexicon's generic
same = {"salbutamol": "albuterol", "glibenclamide": "glyburide", "mesalazine": "mesalamine",
        "divalproex sodium": "divalproex", "phenelzine sulfate": "phenelzine"}
problems = []
for e in yaml.safe_load(open(root + "/rules/ketamine/fhir/medications.yaml"))["medications"]:
    if e["rxcui"] not in listed:
        problems.append("%s (%s) is in no source list" % (e["rxcui"], e["name"]))
        continue
    name, sources = listed[e["rxcui"]]
    drugs = e["drug"] if isinstance(e["drug"], list) else [e["drug"]]
    if same.get(name, name) not in drugs:
        problems.append("%s: the source names %s, the mapping %s" % (e["rxcui"], name, drugs))
    if not set(sources) <= {"cpic", "pitt", "v1.1.0"}:
        problems.append("%s: unknown source %s" % (e["rxcui"], sources))
print("; ".join(problems) or "all listed")
PY
)
check_eq "RxNorm: every mapped RxCUI is in a source list under the same drug" "all listed" "$got"

# --- each Bundle: outcome, flags, a source for every answer, same from stdin
count=0
while read -r name outcome flags; do
  [[ "$name" == \#* || -z "$name" ]] && continue
  count=$((count + 1))
  f="$dir/bundles/$name.json"
  "$CANDIDACY" screen --format json --pretty "$f" >"$tmp/$name.json" 2>"$tmp/$name.err"
  rc=$?
  case "$outcome" in eligible | eligible_with_precautions) want=0 ;; *) want=0 ;; esac
  check_eq "$name: screens (exit 0)" "$want" "$rc"
  check_empty "$name: nothing on stderr" "$tmp/$name.err"
  got=$(python3 - "$tmp/$name.json" "$flags" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
want = [] if sys.argv[2] == "-" else sys.argv[2].split(",")
fired = [f["id"] for f in r["flags"]]
missing = [w for w in want if w not in fired]
e = r.get("ehr")
problems = []
if r["schema_version"] != "1.2" or e is None:
    problems.append("no ehr record / schema 1.2")
else:
    for a in e["answers"]:
        if not a["source"]:
            problems.append("answer without a source: " + a["question"])
    for fl in r["flags"]:
        for ev in fl["evidence"]:
            if ev["state"] == "answered" and not ev["id"].startswith("medications:") and ev["id"] != "bmi" and not ev.get("source"):
                problems.append("evidence without a source: %s %s" % (fl["id"], ev["id"]))
print(r["outcome"], "missing flags: " + ",".join(missing) if missing else "flags ok", "; ".join(problems) or "sources ok")
PY
)
  check_eq "$name: outcome $outcome, flags ${flags}" "$outcome flags ok sources ok" "$got"
  "$CANDIDACY" screen --format json --pretty - <"$f" >"$tmp/$name.stdin.json" 2>/dev/null
  check_same "$name: the same from stdin" "$tmp/$name.json" "$tmp/$name.stdin.json"
  "$CANDIDACY" screen "$f" >"$tmp/$name.txt" 2>/dev/null
  check_contains "$name: the text result lists the EHR data" "$tmp/$name.txt" "EHR DATA (screening date 2026-12-06"
done <"$dir/bundles/EXPECTED"
check "at least 12 Bundles of our own" test "$count" -ge 12

# --- a Bundle of just the questionnaire screens as the questionnaire
strip='import json,sys
r=json.load(open(sys.argv[1])); r.pop("ehr",None); r["schema_version"]="1.1"; r["id"]="x"; print(json.dumps(r,indent=2))'
python3 -c "$strip" "$tmp/b01-collection-questionnaire-only.json" >"$tmp/b01.stripped"
python3 -c "$strip" "$samples/expected/01-eligible-trd.json" >"$tmp/01.stripped"
check_same "b01: the same result as samples/expected/01 but for ehr and schema_version" "$tmp/01.stripped" "$tmp/b01.stripped"
check_same "b02: a contained QuestionnaireResponse reads the same" \
  <(python3 -c "$strip" "$tmp/b01-collection-questionnaire-only.json") <(python3 -c "$strip" "$tmp/b02-document-contained.json")

# --- disagreement, staleness, medications, shown as they should be
check_contains "b04: disagreement shown (text)" "$tmp/b04-bp-disagree-higher-wins.txt" \
  "vitals.systolic_bp: questionnaire 118 (QuestionnaireResponse/b04 linkId 'systolic_bp'), EHR 184 (Observation/bp1 LOINC 8480-6 of 2026-12-05); used: ehr (the higher reading wins: it is the more concerning)"
check_contains "b04: the flag's evidence names its source" "$tmp/b04-bp-disagree-higher-wins.txt" \
  "vitals.systolic_bp = 184 mmHg (from Observation/bp1 LOINC 8480-6 of 2026-12-05; the questionnaire said 118)"
check_contains "b05: the stale reading is reported" "$tmp/b05-stale-bp-not-used.txt" \
  "Observation/bp1 LOINC 8480-6: taken 2026-10-01, 66 days before the screening date; stale (older than 30 days)"
check_contains "b07: yes wins" "$tmp/b07-schizophrenia-snomed-disagree.txt" \
  "history.psychosis: questionnaire false (QuestionnaireResponse/b07 linkId 'psychosis'), EHR true (Condition/c1 SNOMED CT 58214004 (schizophrenia and other psychotic disorders)); used: ehr (yes wins: a yes can raise a flag)"
check_contains "b09: a resolved Condition is not used" "$tmp/b09-conditions-not-active-or-unconfirmed.txt" \
  "Condition/c1 SNOMED CT 23986001: clinical status 'resolved' (only active, recurrence or relapse are used)"
check_contains "b11: an RxCUI is the lexicon's drug" "$tmp/b11-rxnorm-ingredient.txt" "medications = alprazolam  <- MedicationStatement/m1 RxNorm 596"
check_contains "b13: an unmapped code is kept, not recognised" "$tmp/b13-unrecognised-code.json" '"unrecognized_medications": [
    "code 12345-678-90"'
check_contains "b16: no safer side: both shown, left unanswered" "$tmp/b16-age-disagree-neither.txt" \
  "used: neither (no answer is safer: left unanswered, so the question is asked)"
check_contains "b21: the HL7 example's 2012 blood pressure is stale" "$tmp/b21-hl7-r4-examples.txt" \
  "Observation/blood-pressure LOINC 8480-6: taken 2012-09-17"
"$CANDIDACY" explain EX-06 "$dir/bundles/b04-bp-disagree-higher-wins.json" >"$tmp/explain.txt" 2>&1
check_contains "explain names the source of each answer" "$tmp/explain.txt" "(from Observation/bp1 LOINC 8480-6"

# --- the HTML report shows the record: well formed, the disagreement, each source
"$CANDIDACY" screen --format html "$dir/bundles/b04-bp-disagree-higher-wins.json" >"$tmp/b04.html" 2>/dev/null
python3 "$SOURCE_DIR/tests/cli/check_html.py" "$tmp/b04.html" --report "$tmp/b04-bp-disagree-higher-wins.json" >"$tmp/html.check"
check_eq "b04: the HTML report is well formed and shows the result" "0" "$?"
check_contains "b04: the HTML report shows the disagreement" "$tmp/b04.html" \
  "<tr><td><code>vitals.systolic_bp</code></td><td>118 (QuestionnaireResponse/b04 linkId &#39;systolic_bp&#39;)</td><td>184 (Observation/bp1 LOINC 8480-6 of 2026-12-05)</td><td>ehr: the higher reading wins: it is the more concerning</td></tr>"

# --- CDS Hooks: a warning card for the disagreements, none without
"$CANDIDACY" screen --format cds-hooks "$dir/bundles/b07-schizophrenia-snomed-disagree.json" >"$tmp/b07.cds" 2>/dev/null
check_contains "b07: a CDS Hooks card says the questionnaire and the EHR disagree" "$tmp/b07.cds" '"summary":"Questionnaire and EHR disagree on 1 answer"'
"$CANDIDACY" screen --format cds-hooks "$dir/bundles/b01-collection-questionnaire-only.json" >"$tmp/b01.cds" 2>/dev/null
check "b01: no disagreement card when they agree" bash -c "! grep -q 'disagree' '$tmp/b01.cds'"

# --- batch: NDJSON of Bundles gives the same results as one by one, each
# Bundle followed by a plain questionnaire (a batch reuses each result's
# memory: no EHR record may stay behind on the plain line)
: >"$tmp/bundles.ndjson"
: >"$tmp/one-by-one.ndjson"
python3 -c 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))' "$SOURCE_DIR/samples/01-eligible-trd.yaml" >"$tmp/plain.json"
"$CANDIDACY" screen --format json "$tmp/plain.json" >"$tmp/plain.out" 2>/dev/null
while read -r name outcome flags; do
  [[ "$name" == \#* || -z "$name" ]] && continue
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$dir/bundles/$name.json" >>"$tmp/bundles.ndjson"
  cat "$tmp/plain.json" >>"$tmp/bundles.ndjson"
  "$CANDIDACY" screen --format json "$dir/bundles/$name.json" >>"$tmp/one-by-one.ndjson" 2>/dev/null
  cat "$tmp/plain.out" >>"$tmp/one-by-one.ndjson"
done <"$dir/bundles/EXPECTED"
check "the plain questionnaire's result has no EHR record" bash -c "! grep -q '\"ehr\"' \"$tmp/plain.out\""
"$CANDIDACY" screen --batch "$tmp/bundles.ndjson" --format json >"$tmp/batch.ndjson" 2>"$tmp/batch.err"
check_eq "batch of Bundles: exit 0" 0 $?
check_same "batch of Bundles: the same lines as one by one" "$tmp/one-by-one.ndjson" "$tmp/batch.ndjson"

# --- bad Bundles: exit 4, the located message, no result
while IFS=$'\t' read -r name message; do
  [[ "$name" == \#* || -z "$name" ]] && continue
  run screen "$dir/bad/$name.json"
  check_eq "$name: exit 4" 4 "$rc"
  check_contains "$name: located message" "$tmp/err" "$name.json:"
  check_contains "$name: says why" "$tmp/err" "$message"
  check_empty "$name: no result" "$tmp/out"
done <"$dir/bad/EXPECTED"

# --- the rulebook's FHIR mappings are linted
run lint
check_eq "lint passes on the shipped rulebook (with its fhir/ mappings)" 0 "$rc"
run lint "$SOURCE_DIR/tests/bad_rulebooks/fhir-mapping-errors"
check_eq "lint: a bad mapping is an error (exit 2)" 2 "$rc"
cat "$tmp/out" "$tmp/err" >"$tmp/lint.txt"
check_contains "lint: located" "$tmp/lint.txt" "fhir/codes.yaml:3:13: error: '8480' is not written as a LOINC code (digits, a dash and a check digit: 8480-6) [bad-value]"
finish
