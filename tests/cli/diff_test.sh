#!/usr/bin/env bash
# `candidacy diff`: the shipped rulebook against edited copies (a threshold,
# a brand added, a rule removed), the exact report, the exit statuses, JSON,
# and --batch showing which screenings change and why.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
old="$SOURCE_DIR/rules/ketamine"
new="$tmp/new"
cp -r "$old" "$new" && rm -rf "$new/tests"

# The same rulebook: no differences, status 0.
run diff "$old" "$new"
check_eq "same rulebook: status 0" 0 "$rc"
check_contains "same rulebook: said" "$tmp/out" "No differences."
check_empty "same rulebook: nothing on stderr" "$tmp/err"

# A comment changes the hash but nothing the engine reads.
echo "# reviewed again" >>"$new/rules/review.yaml"
run diff "$old" "$new"
check_eq "comment only: status 0" 0 "$rc"
check_contains "comment only: said" "$tmp/out" "No differences in what the engine reads (the files differ only in comments or layout)."

# Three edits.
sed -i 's/(vitals.systolic_bp >= 140 and/(vitals.systolic_bp >= 160 and/; s/(vitals.diastolic_bp >= 90 and/(vitals.diastolic_bp >= 95 and/' "$new/rules/review.yaml"
sed -i 's/brands: \[Xanax, Xanax XR, Niravam\]/brands: [Xanax, Xanax XR, Niravam, Xanex]/' "$new/medications.yaml"
sed -i '/^  - id: RV-22$/,/^  - id: /{/^  - id: RV-22$/d; /^  - id: /!d}' "$new/rules/review.yaml"
sed -i 's/^  version: 1.1.0$/  version: 1.2.0/' "$new/rulebook.yaml"
run diff "$old" "$new"
check_eq "edited: status 1" 1 "$rc"
check_empty "edited: nothing on stderr" "$tmp/err"
sha_old=$("$CANDIDACY" --version >/dev/null; "$CANDIDACY" screen --format json "$samples/01-eligible-trd.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rulebook"]["sha256"][:16])')
sed "s/$sha_old/OLDSHA/; s/(sha256 [0-9a-f]\{16\})\$/(sha256 NEWSHA)/" "$tmp/out" >"$tmp/report"
cat >"$tmp/expected" <<'TXT'
--- ketamine-iv-adult 1.1.0 (sha256 OLDSHA)
+++ ketamine-iv-adult 1.2.0 (sha256 NEWSHA)

METADATA: 0 added, 0 removed, 1 changed
  ~ rulebook
      version: 1.1.0 -> 1.2.0

RULES: 0 added, 1 removed, 1 changed
  ~ RV-01  Blood pressure 140-180 systolic or 90-100 diastolic
      when:
        - (vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100)
        + (vitals.systolic_bp >= 160 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 95 and vitals.diastolic_bp <= 100)
  - RV-22  Theophylline or aminophylline

NAMES: 1 added, 0 removed, 0 changed
  + Xanex  alprazolam
TXT
check_same "edited: the exact report" "$tmp/expected" "$tmp/report"

# JSON.
run diff "$old" "$new" --format json
check_eq "json: status 1" 1 "$rc"
check_eq "json: entries" "metadata rulebook changed version;rules RV-01 changed when;rules RV-22 removed;names Xanex added" \
  "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(";".join(" ".join([e["section"], e["id"], e["change"]] + [f["field"] for f in e.get("fields", [])]) for e in j["entries"]))' "$tmp/out")"

# Batch: samples 01, 06, 07 and 13 as NDJSON.
run diff "$old" "$new" --batch "$SOURCE_DIR/tests/cli/diff/samples.ndjson"
check_eq "batch: status 1" 1 "$rc"
sed -n '/^SCREENINGS/,$p' "$tmp/out" >"$tmp/screenings"
cat >"$tmp/expected" <<'TXT'
SCREENINGS: 4 questionnaires, 2 changed, 1 of them in outcome
  outcomes:
    needs_review -> eligible: 1
  rules:
    RV-01  fired -> not fired: 1
    RV-22  fired -> absent: 1
  line 2  sample-06-review-bp-maoi  needs_review (unchanged), score 6 -> 3
      RV-01: fired -> not fired
  line 4  sample-13-review-theophylline  needs_review -> eligible, score 3 -> 0
      RV-22: fired -> absent
TXT
check_same "batch: the changed screenings and why" "$tmp/expected" "$tmp/screenings"
"$CANDIDACY" diff "$old" "$new" --batch "$SOURCE_DIR/tests/cli/diff/samples.ndjson" | sed 's/(sha256 [0-9a-f]\{16\})$/(sha256 ...)/' >"$tmp/docrun"
awk '/^\$ candidacy diff rules\/ketamine new --batch/{on=1; next} on && /^```$/{exit} on' "$SOURCE_DIR/docs/diff.md" >"$tmp/docblock"
check_same "docs/diff.md quotes the output" "$tmp/docrun" "$tmp/docblock"
run diff "$old" "$old" --batch "$SOURCE_DIR/tests/cli/diff/samples.ndjson"
check_eq "batch, same rulebook: status 0" 0 "$rc"
check_contains "batch, same rulebook: nothing changed" "$tmp/out" "SCREENINGS: 4 questionnaires, 0 changed, 0 of them in outcome"
"$CANDIDACY" diff "$old" "$new" --batch - --format json <"$SOURCE_DIR/tests/cli/diff/samples.ndjson" >"$tmp/json"
check_eq "batch json from stdin" "2 4:needs_review>eligible" \
  "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); s=j["screenings"]; print(j["changed"], " ".join("%d:%s>%s" % (x["line"], x["outcome"]["before"], x["outcome"]["after"]) for x in s if x["outcome"]["before"] != x["outcome"]["after"] and x["line"] == 4))' "$tmp/json")"
# Deterministic.
"$CANDIDACY" diff "$old" "$new" --batch "$SOURCE_DIR/tests/cli/diff/samples.ndjson" >"$tmp/again"
"$CANDIDACY" diff "$old" "$new" --batch "$SOURCE_DIR/tests/cli/diff/samples.ndjson" >"$tmp/again2"
check_same "deterministic" "$tmp/again" "$tmp/again2"

# A questionnaire only the old rulebook reads (a narrower range).
sed -i 's/range: \[0, 120\]/range: [10, 120]/' "$new/questions.yaml"
printf '%s\n' '{"id":"q-child","patient":{"age":5}}' >"$tmp/child.ndjson"
run diff "$old" "$new" --batch "$tmp/child.ndjson"
check_eq "unreadable by the new rulebook: a change, status 1" 1 "$rc"
check_contains "unreadable by the new rulebook: why" "$tmp/out" "  line 1  q-child  ineligible -> unreadable
      new rulebook: patient.age: 5 is outside the allowed range 10..120 years"

# The released 1.0.0 against the shipped rulebook: its hash is the one 1.0.0
# results carry, and its impact on every sample is the one the changelog states.
mkdir "$tmp/released" && tar xzf "$SOURCE_DIR/rules/releases/ketamine-iv-adult-1.0.0.tar.gz" -C "$tmp/released"
v100="$tmp/released/ketamine-iv-adult-1.0.0"
check_eq "release 1.0.0: the hash 1.0.0 results carry" "1.0.0 c0e474457a1a138e047e5be155db6eaa57baac93ed701ce563fb198a54f79833" \
  "$("$CANDIDACY" screen --rulebook "$v100" --format json "$samples/legacy/01-eligible-trd-1.0.0.yaml" | python3 -c 'import json,sys; r=json.load(sys.stdin)["rulebook"]; print(r["version"], r["sha256"])')"
python3 - "$samples" >"$tmp/all-samples.ndjson" <<'PY'
import datetime, glob, json, sys, yaml  # python3-yaml (.ci/install-deps)
root = sys.argv[1]
files = sorted(glob.glob(root + "/*.yaml") + glob.glob(root + "/*.json")) + [root + "/legacy/01-eligible-trd-1.0.0.yaml"]
for f in files:
    with open(f, encoding="utf-8") as text:
        doc = json.load(text) if f.endswith(".json") else yaml.safe_load(text)
    print(json.dumps(doc, default=str))
PY
run diff "$v100" "$old" --batch "$tmp/all-samples.ndjson" --summary
check_eq "1.0.0 -> shipped on every sample: status 1" 1 "$rc"
sed -n '/^SCREENINGS/,$p' "$tmp/out" >"$tmp/impact"
awk '/^<!-- diff --summary of the samples/{on=1; next} on && /^```$/{if (open) exit; open=1; next} on && open' \
  "$SOURCE_DIR/rules/ketamine/CHANGELOG.md" >"$tmp/changelog-impact"
check_same "the changelog states the impact on every sample" "$tmp/changelog-impact" "$tmp/impact"
check_contains "1.0.0 -> shipped: the 1.0.0 form of sample 01, eligible then, is incomplete now" "$tmp/out" "eligible -> incomplete: 2"
run diff "$v100" "$old" --batch "$tmp/all-samples.ndjson"
check_contains "1.0.0 -> shipped: sample 01 as written for 1.0.0" "$tmp/out" "  line 29  sample-01-eligible-trd  eligible -> incomplete
      EX-07: not evaluated -> undecided"
check_contains "1.0.0 -> shipped: theophylline goes to review" "$tmp/out" "sample-13-review-theophylline  ineligible -> needs_review, score 0 -> 3"
grep -c '^  line ' "$tmp/out" >"$tmp/n"
check_eq "--summary lists no screening, without it each changed one" "29" "$(cat "$tmp/n")"

# The FHIR code mappings (fhir/, docs/fhir.md): hashed apart from the rules,
# compared like them. A comment only is no difference; mirtazapine's RxCUI as
# 1.1.0 had it (30121) and a shorter vitals window are, and a Bundle coding
# mirtazapine as 15996 changes outcome between the two.
maps="$tmp/maps"
cp -r "$old" "$maps" && rm -rf "$maps/tests"
echo "# checked again" >>"$maps/fhir/medications.yaml"
run diff "$old" "$maps"
check_eq "mapping comment only: status 0" 0 "$rc"
check_contains "mapping comment only: said" "$tmp/out" "No differences in what the engine reads (the files differ only in comments or layout)."
check_contains "mapping comment only: the mappings' hashes" "$tmp/out" "FHIR mappings: sha256 "
sed -i 's/{rxcui: "15996", name: mirtazapine, drug: mirtazapine}/{rxcui: "30121", name: mirtazapine, drug: mirtazapine}/' "$maps/fhir/medications.yaml"
sed -i 's/vitals_max_age_days: 30/vitals_max_age_days: 14/' "$maps/fhir/mapping.yaml"
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), separators=(",", ":")))' \
  "$SOURCE_DIR/tests/fhir/bundles/b26-rxnorm-mirtazapine-code-only.json" >"$tmp/b26.ndjson"
run diff "$maps" "$old" --batch "$tmp/b26.ndjson"
check_eq "mappings edited: status 1" 1 "$rc"
check_empty "mappings edited: nothing on stderr" "$tmp/err"
sed -n '/^FHIR MAPPING:/,$p' "$tmp/out" >"$tmp/maps.txt"
cat >"$tmp/maps.want" <<'EOF'
FHIR MAPPING: 0 added, 0 removed, 1 changed
  ~ mapping
      vitals_max_age_days: 14 -> 30

RXNORM: 1 added, 1 removed, 0 changed
  + 15996  mirtazapine
  - 30121  mirtazapine

SCREENINGS: 1 questionnaire, 1 changed, 1 of them in outcome
  outcomes:
    needs_review -> eligible: 1
  line 1  b26  needs_review -> eligible
      medications not recognised: 1 -> 0
EOF
check_same "mappings edited: the report" "$tmp/maps.want" "$tmp/maps.txt"
run diff "$maps" "$old" --format json
check_eq "mappings edited, json: entries and both mapping hashes" "fhir mapping mapping changed;rxnorm 15996 added;rxnorm 30121 removed 64 64" \
  "$(python3 -c 'import json,sys
j = json.load(open(sys.argv[1]))
print(";".join("%s %s %s" % (e["section"], e["id"], e["change"]) for e in j["entries"]), len(j["before"]["mapping_sha256"]), len(j["after"]["mapping_sha256"]))' "$tmp/out")"

# Errors.
printf 'not json\n' >"$tmp/bad.ndjson"
run diff "$old" "$new" --batch "$tmp/bad.ndjson"
check_eq "a line neither reads: status 4" 4 "$rc"
check_contains "a line neither reads: said" "$tmp/err" "line 1 cannot be read by either rulebook"
run diff "$old" "$new" --batch "$tmp/missing.ndjson"
check_eq "missing batch: status 5" 5 "$rc"
run diff "$old"
check_eq "one directory: status 2" 2 "$rc"
run diff "$old" "$tmp/nowhere"
check_eq "missing directory: status 2" 2 "$rc"
mkdir "$tmp/broken" && cp -r "$old"/* "$tmp/broken/" && sed -i 's/severity: exclude/severity: exclud/' "$tmp/broken/rules/exclusions.yaml"
run diff "$old" "$tmp/broken"
check_eq "invalid new rulebook: status 3" 3 "$rc"
check_contains "invalid new rulebook: located" "$tmp/err" "exclusions.yaml:"
finish
