#!/usr/bin/env bash
# Rulebook 1.1.0 (Amendment 1 of the intake contract) through the CLI, as an
# intake coordinator or an EHR meets it: a questionnaire written for 1.0.0
# that skipped the infarction date is no longer eligible; one that gave only
# the months reads the "ever" answer as yes, and says so; suicidal ideation
# with a plan is urgent first in every output while the outcome stays
# needs_review; theophylline goes to review; the new rules fire; and on every
# sample, removing any one answer never makes the screening more eligible.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
legacy="$samples/legacy/01-eligible-trd-1.0.0.yaml"

# --- the safety gap: sample 01 as written for 1.0.0 (eligible then)
run screen --format json "$legacy"
check_eq "1.0.0 questionnaire, infarction date skipped: exit 0" 0 "$rc"
check_eq "1.0.0 questionnaire: incomplete, asking the new questions, EX-07 undecided" \
  "incomplete|history.heart_attack history.mi_months_ago history.coronary_artery_disease history.pheochromocytoma history.stroke history.stroke_months_ago|EX-07 RV-05 RV-23 RV-24" \
  "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("|".join([r["outcome"], " ".join(q["id"] for q in r["missing_questions"]), " ".join(u["id"] for u in r["undecided"])]))' "$tmp/out")"
run screen "$legacy"
check_contains "1.0.0 questionnaire, text: incomplete first" "$tmp/out" "OUTCOME: INCOMPLETE"
check_contains "1.0.0 questionnaire, text: the question to ask" "$tmp/out" "  history.heart_attack: Has the patient ever had a heart attack (myocardial infarction)?"

# --- a 1.0.0 questionnaire that gave the months only: "ever" read as yes
python3 - "$legacy" "$tmp/months.json" <<'PY'
import json, sys, yaml  # python3-yaml (.ci/install-deps)
q = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
q["id"] = "legacy-mi-3-months"
q["history"]["mi_months_ago"] = 3
q["history"]["stroke_months_ago"] = 30
q["history"]["coronary_artery_disease"] = False
q["history"]["pheochromocytoma"] = False
json.dump(q, open(sys.argv[2], "w", encoding="utf-8"), default=str)
PY
run screen --format json "$tmp/months.json"
check_eq "months only: the heart attack read as yes, EX-07 excludes" "ineligible|EX-07" \
  "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["outcome"] + "|" + " ".join(f["id"] for f in r["flags"]))' "$tmp/out")"
check_contains "months only: said, for heart attack and stroke" "$tmp/out" \
  "'history.heart_attack' is not answered; it is read as yes because 'history.mi_months_ago' is answered (ask it to be sure)"
check_contains "months only: stroke too" "$tmp/out" "'history.stroke' is not answered; it is read as yes because 'history.stroke_months_ago' is answered"
run screen "$tmp/months.json"
check_contains "months only, text: the message names the months" "$tmp/out" "Heart attack (myocardial infarction) 3 months ago: within the last 6 months"

# --- urgent: suicidal ideation with a plan (sample 09), first in every output
s09="$samples/09-review-suicidal-plan.yaml"
urgent_line="URGENT: Active suicidal ideation with a plan (RV-18): a clinician must evaluate the patient now, before anything else"
"$CANDIDACY" screen "$s09" >"$tmp/text"
check_eq "urgent, text: the first line" "$urgent_line" "$(head -n 1 "$tmp/text")"
check_eq "urgent, text: the outcome next, unchanged" "OUTCOME: NEEDS REVIEW  (a clinician must review before booking)" "$(sed -n 2p "$tmp/text")"
"$CANDIDACY" screen --format json "$s09" >"$tmp/json"
check_eq "urgent, json: urgent, the reason, needs_review, schema 1.1" \
  "1.1 True RV-18:Active suicidal ideation with a plan needs_review" \
  "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["schema_version"], r["urgent"], " ".join(u["rule"] + ":" + u["reason"] for u in r["urgent_reasons"]), r["outcome"])' "$tmp/json")"
"$CANDIDACY" screen --format compact "$s09" >"$tmp/compact"
check "urgent, compact: the line opens with it" grep -q '^{"urgent":true,"urgent_rules":\["RV-18"\],"id":"sample-09-review-suicidal-plan","outcome":"needs_review"' "$tmp/compact"
"$CANDIDACY" screen --format cds-hooks "$s09" >"$tmp/cds"
check_eq "urgent, cds-hooks: the first card is critical and says why" \
  "critical URGENT: Active suicidal ideation with a plan (RV-18); a clinician must evaluate the patient now" \
  "$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cards"][0]; print(c["indicator"], c["summary"])' "$tmp/cds")"
"$CANDIDACY" screen --format html "$s09" >"$tmp/html" 2>/dev/null
check_contains "urgent, html: the alert above the outcome banner" "$tmp/html" \
  "<div class=\"urgent\" role=\"alert\"><p>URGENT: Active suicidal ideation with a plan (RV-18): a clinician must evaluate the patient now, before anything else.</p></div>
<header class=\"banner outcome-needs_review\">"
"$CANDIDACY" screen "$samples/08-review-polypharmacy.yaml" >"$tmp/calm"
check "not urgent: no urgent line" bash -c "! grep -q URGENT '$tmp/calm'"

# --- the amended criteria, one sample each
outcome_flags() { "$CANDIDACY" screen --format compact "$1" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(r["outcome"], " ".join(r["flags"]))'; }
check_eq "theophylline (sample 13): review RV-22, no longer EX-16" "needs_review RV-22" "$(outcome_flags "$samples/13-review-theophylline.yaml")"
check_eq "clarithromycin (sample 25): IX-07 is a caution" "eligible_with_precautions IX-07" "$(outcome_flags "$samples/25-precautions-clarithromycin.yaml")"
check_contains "opioid with gabapentin (sample 24): IX-13" <(outcome_flags "$samples/24-precautions-opioid-gabapentin.yaml") "IX-13"
check_eq "coronary artery disease (sample 28): RV-23" "needs_review RV-23" "$(outcome_flags "$samples/28-review-coronary-artery-disease.yaml")"
check_eq "generalized anxiety only (sample 27): IND-04, info, eligible" "eligible IND-04" "$(outcome_flags "$samples/27-eligible-gad-off-label.yaml")"
check_eq "the heart-attack answer skipped (sample 23): incomplete" "incomplete" "$(outcome_flags "$samples/23-incomplete-heart-attack-skipped.yaml" | cut -d' ' -f1)"

# --- monotone on every sample: removing any one answer never makes a
# screening more eligible (ineligible may turn incomplete when the answer
# removed was the one an exclusion stood on).
python3 - "$samples" "$tmp/variants.ndjson" "$tmp/origin.tsv" <<'PY'
import copy, glob, json, sys, yaml
root, out, origin = sys.argv[1:4]
files = sorted(glob.glob(root + "/*.yaml") + glob.glob(root + "/*.json")) + [root + "/legacy/01-eligible-trd-1.0.0.yaml"]
with open(out, "w", encoding="utf-8") as o, open(origin, "w", encoding="utf-8") as g:
    for n, f in enumerate(files):
        with open(f, encoding="utf-8") as text:
            q = json.load(text) if f.endswith(".json") else yaml.safe_load(text)
        base = "s%02d" % n
        q["id"] = base
        o.write(json.dumps(q, default=str) + "\n")
        g.write("%s\t%s\t-\n" % (base, f.rsplit("/", 1)[1]))
        paths = [(k,) for k, v in q.items() if k != "id" and not isinstance(v, dict)]
        paths += [(k, c) for k, v in q.items() if isinstance(v, dict) for c in v]
        for i, p in enumerate(paths):
            v = copy.deepcopy(q)
            if len(p) == 1:
                del v[p[0]]
            else:
                del v[p[0]][p[1]]
            v["id"] = "%s-%d" % (base, i)
            o.write(json.dumps(v, default=str) + "\n")
            g.write("%s\t%s\t%s\n" % (v["id"], base, ".".join(p)))
PY
"$CANDIDACY" screen --batch "$tmp/variants.ndjson" --format compact --jobs 0 >"$tmp/variants.out" 2>/dev/null
check_eq "monotone: every variant screened (exit 0)" 0 "$?"
python3 - "$tmp/variants.out" "$tmp/origin.tsv" >"$tmp/monotone" <<'PY'
import json, sys
rank = {"ineligible": 0, "incomplete": 1, "needs_review": 2, "eligible_with_precautions": 3, "eligible": 4}
results = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    results[r["id"]] = r
bad, n, samples = [], 0, 0
for line in open(sys.argv[2], encoding="utf-8"):
    vid, base, path = line.rstrip("\n").split("\t")
    if path == "-":
        samples += 1
        continue
    n += 1
    before, after = results[base], results[vid]
    worse_ok = rank[after["outcome"]] <= rank[before["outcome"]] or (before["outcome"] == "ineligible" and after["outcome"] == "incomplete")
    if not worse_ok:
        bad.append("%s without %s: %s -> %s" % (base, path, before["outcome"], after["outcome"]))
print("%d samples, %d variants, %d more eligible" % (samples, n, len(bad)))
for b in bad:
    print(b)
PY
check_eq "monotone: no answer removed from any sample makes it more eligible" "0" \
  "$(head -n 1 "$tmp/monotone" | sed 's/.* variants, \([0-9]*\) more eligible/\1/')"
check "monotone: every sample and hundreds of variants" grep -qE '^29 samples, [0-9]{3,} variants' "$tmp/monotone"
[[ "$(head -n 1 "$tmp/monotone")" == *" 0 more eligible" ]] || sed -n '2,20p' "$tmp/monotone"
finish
