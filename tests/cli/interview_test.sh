#!/usr/bin/env bash
# `candidacy interview` with answers piped on stdin: a full interview gives
# the same screening as the equivalent sample, byte for byte; bad answers are
# asked again with the reason; medications are echoed as recognised or with
# suggestions; input that ends early saves, exits 7 and resumes; an exclusion
# ends the interview; docs/interview.md quotes a real transcript.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
answers="$SOURCE_DIR/tests/cli/interview/answers-01-eligible.txt"
mkdir "$tmp/w" && cd "$tmp/w" || exit 1

# 1. A full interview equivalent to samples/01-eligible-trd.yaml.
"$CANDIDACY" screen "$samples/01-eligible-trd.yaml" >"$tmp/expected"
"$CANDIDACY" interview <"$answers" >"$tmp/full" 2>"$tmp/err"
check_eq "full interview: status 0" 0 $?
check_empty "full interview: nothing on stderr" "$tmp/err"
check "full interview: saved under the id's name" test -f sample-01-eligible-trd.yaml
check "full interview: no temporary file left" test ! -e sample-01-eligible-trd.yaml.tmp
tail -n "$(wc -l <"$tmp/expected")" "$tmp/full" >"$tmp/tail"
check_same "full interview: ends with the sample's screening, byte for byte" "$tmp/expected" "$tmp/tail"
"$CANDIDACY" screen sample-01-eligible-trd.yaml >"$tmp/saved"
check_same "full interview: the saved file screens like the sample" "$tmp/expected" "$tmp/saved"
check_contains "full interview: says it is complete" "$tmp/full" "Every question that applies has been dealt with."
check_contains "full interview: prompt, unit, range" "$tmp/full" "[1/46] patient.age: How old is the patient, in whole years?
      (a whole number, years, 0..120)
> 38"
check_contains "full interview: allowed values" "$tmp/full" "(one of: female, male, intersex, unknown)"
check_contains "full interview: optional marked" "$tmp/full" "(yes or no; optional)"
check_contains "full interview: medication echo" "$tmp/full" "> Sertraline 150 mg daily
  = sertraline [ssri]
> Vitamin D3 2000 IU daily
  = vitamin D [vitamin_supplement]
> 
  2 entries recorded, 0 not recognised"
# The pregnancy question is not asked of a male patient (asked_when), nor mania without bipolar history.
if grep -q "history.recent_mania" "$tmp/full"; then fail "asked_when: recent mania not asked"; else pass "asked_when: recent mania not asked"; fi

# 2. Bad answers are asked again with the reader's reason.
printf 'bad-1\n\n17.5\nabc\n130\n40\nwoman\nFemale\nmaybe\nno\n' | "$CANDIDACY" interview --out bad.yaml >"$tmp/bad" 2>"$tmp/err"
check_eq "bad answers: input ends early, status 7" 7 $?
check_contains "bad answers: required" "$tmp/bad" "> 
  ! an answer is required; type ? if it is not known yet"
check_contains "bad answers: whole number" "$tmp/bad" "> 17.5
  ! expected a whole number years, found 17.5"
check_contains "bad answers: text for a number" "$tmp/bad" "> abc
  ! expected a whole number years, found text 'abc'"
check_contains "bad answers: range" "$tmp/bad" "> 130
  ! 130 is outside the allowed range 0..120 years"
check_contains "bad answers: enum" "$tmp/bad" "> woman
  ! 'woman' is not one of the allowed values: female, male, intersex, unknown"
check_contains "bad answers: boolean" "$tmp/bad" "> maybe
  ! expected true or false, found 'maybe'"
check_eq "bad answers: only the good ones saved" 'id: "bad-1"
patient:
  age: 40
  sex: female
  pregnant: false' "$(cat bad.yaml)"
check_contains "bad answers: how to resume" "$tmp/err" \
  "candidacy: input ended before the interview was finished; 3 answers saved in bad.yaml; continue with: candidacy interview --resume bad.yaml"

# 3. Medications: unrecognised with a suggestion, removal, kept as written.
head -n 39 "$answers" >"$tmp/meds-in"
printf 'Xanaks 1 mg\nlorazepan 1mg\n-\nNorco 10/325\nqqqqzzzz\n\nyes\n8\nyes\n' >>"$tmp/meds-in"
"$CANDIDACY" interview --out meds.yaml <"$tmp/meds-in" >"$tmp/meds" 2>"$tmp/err"
check_eq "medications: status 0" 0 $?
check_contains "medications: suggestion" "$tmp/meds" "> Xanaks 1 mg
  ? NOT RECOGNISED; did you mean: Xanax? It is kept as written and sends the screening to review; type - to remove it."
check_contains "medications: removal" "$tmp/meds" "> -
  removed: lorazepan 1mg"
check_contains "medications: combination" "$tmp/meds" "> Norco 10/325
  = hydrocodone, acetaminophen [opioid, analgesic]"
check_contains "medications: no close name" "$tmp/meds" "  ? NOT RECOGNISED (no close name in the lexicon)"
check_contains "medications: a misspelling one letter from a name is a probable match" "$tmp/meds" "> lorazepan 1mg
  ~ probable: lorazepam, check the spelling [benzodiazepine]. It is kept as written and sends the screening to review; type - to remove it."
check_contains "medications: count" "$tmp/meds" "  3 entries recorded, 2 not recognised or only probably"
check_contains "medications: saved as written" meds.yaml 'medications:
  - "Xanaks 1 mg"
  - "Norco 10/325"
  - "qqqqzzzz"'
check_contains "medications: the screening goes to review" "$tmp/meds" "OUTCOME: NEEDS REVIEW"

# 4. Input ending mid-interview saves; --resume continues to the same result.
mv sample-01-eligible-trd.yaml full.yaml
head -n 20 "$answers" | "$CANDIDACY" interview >"$tmp/part" 2>"$tmp/err"
check_eq "resume: early end is status 7" 7 $?
check_contains "resume: message" "$tmp/err" "19 answers saved in sample-01-eligible-trd.yaml"
mv sample-01-eligible-trd.yaml part.yaml
tail -n +21 "$answers" | "$CANDIDACY" interview --resume part.yaml >"$tmp/rest" 2>"$tmp/err"
check_eq "resume: status 0" 0 $?
check_contains "resume: says so" "$tmp/rest" "Resuming sample-01-eligible-trd (19 questions dealt with); answers are saved to part.yaml"
check_contains "resume: the questions dealt with are not asked again" "$tmp/rest" "[20/43] history.coronary_artery_disease"
tail -n "$(wc -l <"$tmp/expected")" "$tmp/rest" >"$tmp/tail"
check_same "resume: same screening as the sample" "$tmp/expected" "$tmp/tail"
printf 'x\n' | "$CANDIDACY" interview >"$tmp/out" 2>"$tmp/err"
check_eq "input ending after the id: status 7" 7 $?
check_contains "input ending after the id: the id is saved" "$tmp/err" "0 answers saved in x.yaml"
check_eq "input ending after the id: the file" 'id: "x"' "$(cat x.yaml)"
: | "$CANDIDACY" interview >"$tmp/out" 2>"$tmp/err"
check_eq "empty input: status 7" 7 $?
check_contains "empty input: nothing saved" "$tmp/err" "input ended before the questionnaire id was given; nothing was saved"

# 5. An exclusion ends the interview.
printf 'young-1\n17\n' | "$CANDIDACY" interview >"$tmp/excl" 2>"$tmp/err"
check_eq "exclusion: status 0" 0 $?
check_contains "exclusion: said" "$tmp/excl" "An exclusion is certain (EX-01): the outcome is ineligible whatever the remaining answers.
45 questions are not asked: patient.sex, patient.pregnant,"
check_contains "exclusion: result" "$tmp/excl" "OUTCOME: INELIGIBLE"
"$CANDIDACY" screen young-1.yaml >"$tmp/saved"
tail -n "$(wc -l <"$tmp/saved")" "$tmp/excl" >"$tmp/tail"
check_same "exclusion: result is the saved file's screening" "$tmp/saved" "$tmp/tail"

# 5b. Resuming a questionnaire written for rulebook 1.0.0 that gave only the
# months since a heart attack: the "ever" answer is asked, not taken as read.
python3 - "$samples/legacy/01-eligible-trd-1.0.0.yaml" legacy.yaml <<'PY'
import sys, yaml  # python3-yaml (.ci/install-deps)
q = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
q["id"] = "legacy-1"
q["history"].update({"mi_months_ago": 30, "stroke": False, "coronary_artery_disease": False, "pheochromocytoma": False})
yaml.safe_dump(q, open(sys.argv[2], "w", encoding="utf-8"), sort_keys=False)
PY
printf 'yes\n' | "$CANDIDACY" interview --resume legacy.yaml >"$tmp/legacy" 2>"$tmp/err"
check_eq "resume a 1.0.0 questionnaire with only the months: status 0" 0 $?
check_contains "resume a 1.0.0 questionnaire: the implied answer is asked" "$tmp/legacy" "history.heart_attack: Has the patient ever had a heart attack (myocardial infarction)?"
check_contains "resume a 1.0.0 questionnaire: saved as answered" legacy.yaml "  heart_attack: true"
check_contains "resume a 1.0.0 questionnaire: screened" "$tmp/legacy" "OUTCOME: ELIGIBLE"

# 6. Refusals.
run interview --out bad.yaml </dev/null
check_eq "existing --out without --resume: status 2" 2 "$rc"
check_contains "existing --out: message" "$tmp/err" "bad.yaml exists already; continue it with --resume bad.yaml"
printf 'id: q\npatient:\n  agee: 3\n' >unknown.yaml
run interview --resume unknown.yaml </dev/null
check_eq "resume with an unknown field: status 4" 4 "$rc"
check_contains "resume with an unknown field: located" "$tmp/err" "unknown.yaml:3:9: error: unknown field 'patient.agee'"
run interview --resume "$samples/15-incomplete-pregnancy-unanswered.json" </dev/null
check_eq "resume a JSON file without --out: status 2" 2 "$rc"
check_contains "resume a JSON file without --out: message" "$tmp/err" "is JSON and the interview saves YAML; name the file to save with --out"
printf 'yes\n' | "$CANDIDACY" interview --resume "$samples/15-incomplete-pregnancy-unanswered.json" --out from-json.yaml >"$tmp/out" 2>"$tmp/err"
check_eq "resume a JSON file with --out: status 0" 0 $?
check_contains "resume a JSON file: asks the missing question" "$tmp/out" "patient.pregnant: Is the patient currently pregnant"
check_contains "resume a JSON file: saved as YAML" from-json.yaml "  pregnant: true"
run interview --resume missing.yaml </dev/null
check_eq "resume a missing file: status 5" 5 "$rc"
printf 'young-1\nyoung-2\n' | "$CANDIDACY" interview >"$tmp/out" 2>&1
check_contains "an id whose file exists is asked again" "$tmp/out" "  ! young-1.yaml exists already: continue it with --resume young-1.yaml, or give another id"
mkdir ro && chmod 500 ro
if [[ $(id -u) != 0 ]]; then
  printf 'q-ro\n' | "$CANDIDACY" interview --out ro/q.yaml >"$tmp/out" 2>"$tmp/err"
  check_eq "unwritable folder: status 5" 5 $?
fi

# 7. docs/interview.md quotes a real transcript (up to "Saved in").
printf 'demo-7\nforty\n45\nmale\n82.5\n178\n196\n' | "$CANDIDACY" interview >"$tmp/demo" 2>&1
sed -n '1,/^Saved in/p' "$tmp/demo" >"$tmp/demo-head"
awk '/^<!-- transcript:start -->$/{on=1; next} /^<!-- transcript:end -->$/{on=0} on && !/^```/' "$SOURCE_DIR/docs/interview.md" >"$tmp/doc"
check_same "docs/interview.md transcript" "$tmp/demo-head" "$tmp/doc"
finish
