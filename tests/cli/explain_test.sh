#!/usr/bin/env bash
# End-to-end: `candidacy explain RULE-ID FILE`. The full text for a fired, an
# undecided, a not-evaluated and a not-fired rule on the samples matches the
# goldens in tests/cli/expected/ (the rulebook's path shown as RB); JSON
# output parses and agrees with the text; every error exits with its own
# status and says why: an unknown rule (2, with the closest id), a missing
# file (5), a bad questionnaire (4, located), a broken rulebook (3), usage (2).
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
expected="$SOURCE_DIR/tests/cli/expected"
rulebook="$SOURCE_DIR/rules/ketamine"
cd "$tmp" || exit 1

# --- the four states of a rule, on the samples
golden "fired (RV-01, BP 150/92)" explain-fired.txt explain RV-01 "$samples/06-review-bp-maoi.yaml"
golden "undecided (EX-03, psychosis unanswered)" explain-undecided.txt explain EX-03 "$samples/14-incomplete-missing-answers.yaml"
golden "not evaluated (RV-03, SpO2 optional)" explain-not-evaluated.txt explain RV-03 "$samples/14-incomplete-missing-answers.yaml"
golden "not fired (IX-06, a benzodiazepine, no opioid)" explain-not-fired.txt explain IX-06 "$samples/03-precautions-ptsd-lorazepam.yaml"
golden "not asked (EX-02 for a man)" explain-not-asked.txt explain EX-02 "$samples/14-incomplete-missing-answers.yaml"

# The same explanation from standard input, with --rulebook, and on JSON input.
"$CANDIDACY" explain RV-01 - <"$samples/06-review-bp-maoi.yaml" >"$tmp/stdin.txt" 2>"$tmp/err"
check_eq "from stdin: exit 0" "0" "$?"
replace_prefix "$rulebook" <"$tmp/stdin.txt" >"$tmp/actual"
check_same "from stdin: the same text" "$expected/explain-fired.txt" "$tmp/actual"
run explain --rulebook "$rulebook" RV-01 "$samples/06-review-bp-maoi.yaml"
replace_prefix "$rulebook" <"$tmp/out" >"$tmp/actual"
check_same "with --rulebook: the same text" "$expected/explain-fired.txt" "$tmp/actual"
run explain EX-02 "$samples/15-incomplete-pregnancy-unanswered.json"
check_eq "a JSON questionnaire: exit 0" "0" "$rc"
check_contains "a JSON questionnaire: EX-02 undecided" "$tmp/out" "EX-02  Pregnancy (exclude): UNDECIDED"
check_contains "a JSON questionnaire: names the question" "$tmp/out" "Undecided until answered: patient.pregnant"

# A probable match (misspelt "Adderal") fires the class test, and the answer
# line names the entry that made it true, as the screening matched it.
run explain IX-04 "$samples/26-review-probable-adderal.yaml"
check_eq "a probable match: exit 0" "0" "$rc"
check_contains "a probable match: the entry behind the class" "$tmp/out" "medications in class stimulant: Adderal 20 mg"

# Deterministic: the same bytes twice.
run explain RV-09 "$samples/18-review-bmi-40.yaml"
cp "$tmp/out" "$tmp/first"
run explain RV-09 "$samples/18-review-bmi-40.yaml"
check_same "twice, the same bytes" "$tmp/first" "$tmp/out"
check_contains "a derived value is shown with its value" "$tmp/out" "bmi = 40.0 kg/m2"

# --- JSON output
run explain --format json RV-01 "$samples/06-review-bp-maoi.yaml"
check_eq "--format json: exit 0" "0" "$rc"
check_eq "--format json: one line" "1" "$(wc -l <"$tmp/out" | tr -d ' ')"
replace_prefix "$rulebook" <"$tmp/out" >"$tmp/actual"
check_same "--format json: the output is explain-fired.json" "$expected/explain-fired.json" "$tmp/actual"
if command -v python3 >/dev/null; then
  check_eq "--format json: agrees with the text" "RV-01 fired 7 True 12 BP 150/92 mmHg: systolic 140-180 mmHg or diastolic 90-100 mmHg" \
    "$(python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["rule"], d["status"], len(d["steps"]), d["steps"][1]["decides"], d["where"]["line"], d["message"])' <"$tmp/out")"
  run explain --format json EX-03 "$samples/14-incomplete-missing-answers.yaml"
  check_eq "--format json, undecided: the missing question, no message" "undecided ['history.psychosis'] False unknown" \
    "$(python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["status"], d["missing"], "message" in d, d["steps"][0]["value"])' <"$tmp/out")"
else
  pass "--format json parses # SKIP no python3"
fi

# --- errors
# An unknown rule: exit 2, the message names the closest rule id.
run explain RV-1 "$samples/01-eligible-trd.yaml"
check_eq "unknown rule RV-1: exit 2" "2" "$rc"
check_eq "unknown rule RV-1: the closest id" "candidacy: the rulebook has no rule 'RV-1' (did you mean 'RV-01'?)" "$(cat "$tmp/err")"
check_empty "unknown rule RV-1: nothing on stdout" "$tmp/out"
run explain ex06 "$samples/01-eligible-trd.yaml"
check_eq "unknown rule ex06: exit 2" "2" "$rc"
check_eq "unknown rule ex06: the id it stands for" "candidacy: the rulebook has no rule 'ex06' (did you mean 'EX-06'?)" "$(cat "$tmp/err")"
run explain bleeding "$samples/01-eligible-trd.yaml"
check_eq "unknown rule, nothing close: exit 2" "2" "$rc"
check_eq "unknown rule, nothing close: no suggestion" "candidacy: the rulebook has no rule 'bleeding'" "$(cat "$tmp/err")"

# A questionnaire file that does not exist: exit 5.
run explain RV-01 "$tmp/no-such-file.yaml"
check_eq "missing file: exit 5" "5" "$rc"
check_contains "missing file: names it" "$tmp/err" "$tmp/no-such-file.yaml"
check_empty "missing file: nothing on stdout" "$tmp/out"

# A questionnaire that does not read: exit 4, every error at its place.
printf 'id: bad-1\npatient:\n  age: 121\n  sex: female\nvitals:\n  systolic_bp: high\n' >"$tmp/bad.yaml"
run explain RV-01 "$tmp/bad.yaml"
check_eq "bad questionnaire: exit 4" "4" "$rc"
check_contains "bad questionnaire: the age out of range, located" "$tmp/err" "$tmp/bad.yaml:3:8: error: patient.age"
check_contains "bad questionnaire: the text where a number is due, located" "$tmp/err" "$tmp/bad.yaml:6:16: error: vitals.systolic_bp"
check_empty "bad questionnaire: nothing on stdout" "$tmp/out"
printf '{"id": "x", "patient": {"age": 40,}' >"$tmp/bad.json"
run explain RV-01 "$tmp/bad.json"
check_eq "malformed JSON: exit 4" "4" "$rc"
check_contains "malformed JSON: located" "$tmp/err" "$tmp/bad.json:1:"

# A broken rulebook: exit 3 before anything is explained.
mkdir -p "$tmp/rb"
cp -R "$rulebook/." "$tmp/rb/"
sed -i 's/when: history.psychosis == true/when: history.psychosis == treu/' "$tmp/rb/rules/exclusions.yaml"
run explain --rulebook "$tmp/rb" EX-03 "$samples/01-eligible-trd.yaml"
check_eq "broken rulebook: exit 3" "3" "$rc"
check_contains "broken rulebook: located" "$tmp/err" "$tmp/rb/rules/exclusions.yaml:32:"
check_empty "broken rulebook: nothing on stdout" "$tmp/out"

# Output that cannot be written (a full disk): exit 5, with a message.
if [[ -w /dev/full ]]; then
  "$CANDIDACY" explain RV-01 "$samples/06-review-bp-maoi.yaml" >/dev/full 2>"$tmp/err"
  check_eq "a full disk: exit 5" "5" "$?"
  check_contains "a full disk: says so" "$tmp/err" "candidacy: cannot write the explanation"
else
  pass "a full disk # SKIP no /dev/full"
fi

# Usage errors: exit 2.
run explain RV-01
check_eq "no questionnaire: exit 2" "2" "$rc"
check_contains "no questionnaire: says what is missing" "$tmp/err" "file"
run explain
check_eq "no arguments: exit 2" "2" "$rc"
run explain RV-01 "$samples/01-eligible-trd.yaml" "$samples/02-eligible-crps.yaml"
check_eq "two questionnaires: exit 2" "2" "$rc"
run explain --format xml RV-01 "$samples/01-eligible-trd.yaml"
check_eq "--format xml: exit 2" "2" "$rc"
run explain --frobnicate RV-01 "$samples/01-eligible-trd.yaml"
check_eq "unknown option: exit 2" "2" "$rc"
run explain --rulebook "$tmp/no-such-dir" RV-01 "$samples/01-eligible-trd.yaml"
check_eq "--rulebook that does not exist: exit 2" "2" "$rc"
run explain --help
check_eq "explain --help: exit 0" "0" "$rc"
for word in --rulebook --format --input "Rule id" "Questionnaire file"; do
  check_contains "explain --help lists $word" "$tmp/out" "$word"
done

finish
