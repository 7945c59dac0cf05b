#!/usr/bin/env bash
# Medication names through the CLI: the recognition list (tests/medications,
# no line wrong, the figures docs/medications.md states), no English word
# taken for a drug, a misspelt "Adderal" shown as probable in every output,
# and probable matching turned off by the rulebook's policy.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rules="$SOURCE_DIR/rules/ketamine"

# --- the recognition list: 0 wrong, and the docs quote the figures
python3 "$SOURCE_DIR/tests/medications/measure.py" "$CANDIDACY" "$rules" >"$tmp/measure" 2>&1
rc=$?
check_eq "recognition list: no line wrong (status 0)" 0 "$rc"
check_contains "recognition list: wrong is 0" "$tmp/measure" "wrong               0"
python3 "$SOURCE_DIR/tests/medications/measure.py" "$CANDIDACY" "$rules" --markdown | sed -n '/^| category/,/^| \*\*total/p' >"$tmp/table"
sed -n '/^<!-- measure.py --markdown/,/^<!-- end -->/p' "$SOURCE_DIR/docs/medications.md" | sed '1d;$d' >"$tmp/doctable"
check_same "docs/medications.md states the measured figures" "$tmp/table" "$tmp/doctable"

# --- no dictionary word is taken for a drug
if [[ -f /usr/share/dict/words ]]; then
  python3 "$SOURCE_DIR/tests/medications/common_words.py" "$CANDIDACY" "$rules" --check >"$tmp/common" 2>&1
  check_eq "common words: no English word is taken for a drug ($(tail -1 "$tmp/common"))" 0 "$?"
else
  fail "common words: /usr/share/dict/words is installed (Debian wamerican, .ci/install-deps)"
fi

# --- "Adderal" through every output
python3 - "$samples" "$tmp/adderal.json" <<'PY'
import json, sys, glob
src = sorted(glob.glob(sys.argv[1] + "/04-*.json"))[0]
q = json.load(open(src, encoding="utf-8"))
q["id"] = "probable-adderal"
q["medications"] = ["Adderal 20 mg every morning", "sertraline 100 mg"]
json.dump(q, open(sys.argv[2], "w", encoding="utf-8"))
PY
"$CANDIDACY" screen "$tmp/adderal.json" >"$tmp/text"
check_contains "text: probable, with the name read and the advice" "$tmp/text" \
  "Adderal 20 mg every morning  ->  probable: amphetamine + dextroamphetamine (read as Adderall), check the spelling [stimulant]"
check_contains "text: the stimulant caution fires" "$tmp/text" "IX-04  Stimulant or sympathomimetic"
check_contains "text: needs review" "$tmp/text" "OUTCOME: NEEDS REVIEW"
"$CANDIDACY" screen --format json "$tmp/adderal.json" >"$tmp/json"
check_eq "json: probable entry, names, not unrecognised" "needs_review|Adderal 20 mg every morning|Adderall|False|" \
  "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); m=r["medications"][0]; print("|".join([r["outcome"], ",".join(r["probable_medications"]), ",".join(m["probable_names"]), str(m["recognized"]), ",".join(r["unrecognized_medications"])]))' "$tmp/json")"
"$CANDIDACY" screen --format compact "$tmp/adderal.json" >"$tmp/compact"
check_contains "compact: the probable entry" "$tmp/compact" '"probable_medications":["Adderal 20 mg every morning"]'
"$CANDIDACY" screen --format html "$tmp/adderal.json" >"$tmp/html" 2>/dev/null
check_contains "html: the probable row" "$tmp/html" '<tr class="probable"><td>Adderal 20 mg every morning</td><td>probable: amphetamine + dextroamphetamine (read as Adderall), check the spelling</td>'
"$CANDIDACY" screen --format cds-hooks "$tmp/adderal.json" >"$tmp/cds"
check_contains "cds-hooks: the outcome card lists it" "$tmp/cds" 'Adderal 20 mg every morning: probable: amphetamine + dextroamphetamine (read as Adderall), check the spelling'

# --- policy: probable_medication_matches: false
cp -r "$rules" "$tmp/off"
sed -i 's/^  probable_medication_matches: true/  probable_medication_matches: false/' "$tmp/off/rulebook.yaml"
check_contains "policy: the shipped rulebook turns probable matches on" "$rules/rulebook.yaml" "  probable_medication_matches: true"
"$CANDIDACY" screen --rulebook "$tmp/off" --format json "$tmp/adderal.json" >"$tmp/off.json"
check_eq "policy off: not recognised instead, no stimulant flag" "needs_review||Adderal 20 mg every morning|IX-04:no" \
  "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("|".join([r["outcome"], ",".join(r["probable_medications"]), ",".join(r["unrecognized_medications"]), "IX-04:" + ("yes" if any(f["id"]=="IX-04" for f in r["flags"]) else "no")]))' "$tmp/off.json")"
sed -i 's/^  probable_medication_matches: false/  probable_medication_matches: maybe/' "$tmp/off/rulebook.yaml"
"$CANDIDACY" screen --rulebook "$tmp/off" "$tmp/adderal.json" >"$tmp/out" 2>"$tmp/err"
check_eq "policy: a value that is not a boolean is refused (status 3)" 3 "$?"
check_contains "policy: the error is located" "$tmp/err" "rulebook.yaml:"
finish
