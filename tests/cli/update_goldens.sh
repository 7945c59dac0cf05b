#!/usr/bin/env bash
# Regenerates samples/expected/*.json and the handbook (docs/handbook.md,
# docs/handbook.html) after a deliberate change to the rules or the output
# (every golden holds the rulebook's hash, so any rule edit changes them).
# Read `git diff samples/expected` before committing: the outcomes and flags
# must still match samples/README.md.
#   bash tests/cli/update_goldens.sh [path/to/candidacy]
set -euo pipefail
cd "$(dirname "$0")/../.."
candidacy=${1:-build/cli/candidacy}
for f in samples/*.yaml samples/*.json; do
  name=$(basename "${f%.*}")
  "$candidacy" screen --format json --pretty "$f" > "samples/expected/$name.json"
done
# The rulebook handbook kept in docs/ (checked by tests/cli/docs_test.sh).
"$candidacy" docs rules/ketamine --format markdown --out docs/handbook.md
"$candidacy" docs rules/ketamine --format html --out docs/handbook.html
# explain and questions on the samples (tests/cli/explain_test.sh, questions_test.sh), the rulebook's path as RB.
rb="$PWD/rules/ketamine"
explain() { "$candidacy" explain --rulebook "$rb" "$@" | sed "s|$rb|RB|g"; }
explain RV-01 samples/06-review-bp-maoi.yaml > tests/cli/expected/explain-fired.txt
explain --format json RV-01 samples/06-review-bp-maoi.yaml > tests/cli/expected/explain-fired.json
explain EX-03 samples/14-incomplete-missing-answers.yaml > tests/cli/expected/explain-undecided.txt
explain RV-03 samples/14-incomplete-missing-answers.yaml > tests/cli/expected/explain-not-evaluated.txt
explain EX-02 samples/14-incomplete-missing-answers.yaml > tests/cli/expected/explain-not-asked.txt
explain IX-06 samples/03-precautions-ptsd-lorazepam.yaml > tests/cli/expected/explain-not-fired.txt
"$candidacy" questions --rulebook "$rb" > tests/cli/expected/questions.txt
"$candidacy" questions --rulebook "$rb" --format json > tests/cli/expected/questions.json
"$candidacy" questions --rulebook "$rb" --for samples/14-incomplete-missing-answers.yaml > tests/cli/expected/questions-for-14.txt
"$candidacy" questions --rulebook "$rb" --for samples/14-incomplete-missing-answers.yaml --format json > tests/cli/expected/questions-for-14.json
# The outputs quoted in docs/authoring.md (replayed by tests/cli/authoring_test.sh).
CANDIDACY="$candidacy" SOURCE_DIR=. UPDATE_DOC=1 bash tests/cli/authoring_test.sh >/dev/null || true
git diff --stat -- tests/cli/expected docs/authoring.md || true
git diff --stat -- samples/expected docs/handbook.md docs/handbook.html || true
