#!/usr/bin/env bash
# End-to-end: `candidacy questions [--for FILE]`. The list of every question
# and the due questions of samples/14 (text and JSON) match the goldens in
# tests/cli/expected/; a complete questionnaire has nothing due; one with an
# exclusion says the outcome is settled; pregnancy is due only when sex is
# not male or unknown. Errors: a missing file (5), a bad questionnaire (4,
# located), a broken rulebook (3), usage (2). Run by ctest with CANDIDACY,
# SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
expected="$SOURCE_DIR/tests/cli/expected"
rulebook="$SOURCE_DIR/rules/ketamine"
cd "$tmp" || exit 1

# --- every question
golden "the questions" questions.txt questions
golden "the questions, JSON" questions.json questions --format json
check_contains "the questions: the count and the rulebook" "$tmp/out" '"id": "patient.age"'
run questions
check "the questions: one entry per question of questions.yaml" \
  test "$(grep -c '^ *[0-9]*\. ' "$tmp/out")" -eq "$(grep -c '^  - id: ' "$rulebook/questions.yaml")"

# --- the questions still due on a partly filled questionnaire
golden "due on sample 14" questions-for-14.txt questions --for "$samples/14-incomplete-missing-answers.yaml"
golden "due on sample 14, JSON" questions-for-14.json questions --for "$samples/14-incomplete-missing-answers.yaml" --format json
"$CANDIDACY" questions --for - <"$samples/14-incomplete-missing-answers.yaml" >"$tmp/stdin.txt" 2>"$tmp/err"
check_eq "due on sample 14 from stdin: exit 0" "0" "$?"
check_same "due on sample 14 from stdin: the same text" "$expected/questions-for-14.txt" "$tmp/stdin.txt"

# Complete: nothing due, whatever the outcome.
for sample in 01-eligible-trd.yaml 06-review-bp-maoi.yaml 10-ineligible-age17.yaml; do
  run questions --for "$samples/$sample"
  check_eq "$sample: exit 0" "0" "$rc"
  check "$sample: no question still due" grep -q '; 0 questions still due$' "$tmp/out"
  check_eq "$sample: one line (or two with an exclusion)" "" "$(grep -v '^Questionnaire \|^An exclusion is already certain' "$tmp/out")"
done

# An exclusion already fired: the outcome is settled, and says so.
run questions --for "$samples/16-ineligible-psychosis-no-vitals.yaml"
check_eq "exclusion fired: exit 0" "0" "$rc"
check_contains "exclusion fired: says the outcome is settled" "$tmp/out" \
  "Questionnaire sample-16-ineligible-psychosis-no-vitals: ineligible as it stands; 3 questions still due
An exclusion is already certain (EX-03): no answer can change the outcome."
check "exclusion fired: nothing to ask first" test "$(grep -c 'could change the outcome:' "$tmp/out")" -eq 0

# asked_when: pregnancy is due for a woman, not for a man, and when sex is unknown.
run questions --for "$samples/15-incomplete-pregnancy-unanswered.json"
check_contains "a woman, pregnancy unanswered: due, and could exclude" "$tmp/out" \
  "  * patient.pregnant  (boolean, required)"
check_contains "a woman, pregnancy unanswered: the rule it could fire" "$tmp/out" "      could change the outcome: EX-02"
sed 's/^  sex: male$/  sex: unknown/' "$samples/14-incomplete-missing-answers.yaml" >"$tmp/sex-unknown.yaml"
run questions --for "$tmp/sex-unknown.yaml"
check_contains "sex unknown: pregnancy cannot be ruled out, so it is due" "$tmp/out" "  * patient.pregnant  (boolean, required)"
run questions --for "$samples/14-incomplete-missing-answers.yaml"
check "a man: pregnancy is not due" test "$(grep -c 'patient.pregnant' "$tmp/out")" -eq 0

# --- errors
run questions --for "$tmp/no-such-file.yaml"
check_eq "missing file: exit 5" "5" "$rc"
check_contains "missing file: names it" "$tmp/err" "$tmp/no-such-file.yaml"
check_empty "missing file: nothing on stdout" "$tmp/out"

printf 'id: bad-1\npatient:\n  age: 121\n  sex: female\n' >"$tmp/bad.yaml"
run questions --for "$tmp/bad.yaml"
check_eq "bad questionnaire: exit 4" "4" "$rc"
check_contains "bad questionnaire: located" "$tmp/err" "$tmp/bad.yaml:3:8: error: patient.age"
check_empty "bad questionnaire: nothing on stdout" "$tmp/out"

mkdir -p "$tmp/rb"
cp -R "$rulebook/." "$tmp/rb/"
sed -i 's/asked_when: history.bipolar == true/asked_when: history.bipolr == true/' "$tmp/rb/questions.yaml"
run questions --rulebook "$tmp/rb"
check_eq "broken rulebook: exit 3" "3" "$rc"
check_contains "broken rulebook: located, with a suggestion" "$tmp/err" "'history.bipolar'"
check_contains "broken rulebook: the file" "$tmp/err" "$tmp/rb/questions.yaml:"
check_empty "broken rulebook: nothing on stdout" "$tmp/out"

# Output that cannot be written (a full disk): exit 5, with a message.
if [[ -w /dev/full ]]; then
  "$CANDIDACY" questions --for "$samples/14-incomplete-missing-answers.yaml" >/dev/full 2>"$tmp/err"
  check_eq "a full disk: exit 5" "5" "$?"
  check_contains "a full disk: says so" "$tmp/err" "candidacy: cannot write the questions"
else
  pass "a full disk # SKIP no /dev/full"
fi

run questions --format xml
check_eq "--format xml: exit 2" "2" "$rc"
run questions --for
check_eq "--for without a file: exit 2" "2" "$rc"
run questions "$samples/14-incomplete-missing-answers.yaml"
check_eq "a questionnaire without --for: exit 2" "2" "$rc"
run questions --frobnicate
check_eq "unknown option: exit 2" "2" "$rc"
run questions --rulebook "$tmp/no-such-dir"
check_eq "--rulebook that does not exist: exit 2" "2" "$rc"
run questions --help
check_eq "questions --help: exit 0" "0" "$rc"
for word in --rulebook --for --format --input; do
  check_contains "questions --help lists $word" "$tmp/out" "$word"
done

finish
