#!/usr/bin/env bash
# End-to-end: `candidacy screen --batch --format compact` decides the rules
# with the rulebook's flat program (engine/src/expr/program.h); `--format
# json` walks every rule's tree to record its explanation. Both must give
# each line the same outcome, score, flags and questions to ask: over a
# rulebook whose rules use every kind of step (each comparison, in, contains,
# contains any, a medication class, not, and, or, arithmetic, round, a
# negation, a division by zero, a question not asked, a condition that is a
# single answer), and over the shipped rulebook with answers left out and
# changed, line by line.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# compact lines, and json lines cut down to what compact holds: equal when the two agree.
agree() {  # NAME RULEBOOK INPUT
  local name=$1 rulebook=$2 input=$3
  "$CANDIDACY" screen --rulebook "$rulebook" --batch "$input" --format compact --jobs 1 > "$tmp/compact" 2> "$tmp/compact.err"
  local rc_compact=$?
  "$CANDIDACY" screen --rulebook "$rulebook" --batch "$input" --format json --jobs 1 > "$tmp/json" 2> "$tmp/json.err"
  local rc_json=$?
  check_eq "$name: the same exit status" "$rc_json" "$rc_compact"
  python3 - "$tmp/json" > "$tmp/json-as-compact" <<'EOF'
import json, sys
keys = ["id", "outcome", "score", "flags", "missing_questions", "unrecognized_medications", "probable_medications"]
for line in open(sys.argv[1]):
    r = json.loads(line)
    out = {k: r[k] for k in keys if k in r}
    if r["outcome"] is not None:  # (a line not screened is an error line in both)
        out["flags"] = [f["id"] for f in r["flags"]]
        out["missing_questions"] = [q["id"] for q in r["missing_questions"]]
    print(json.dumps(out, separators=(",", ":")))
EOF
  python3 - "$tmp/compact" > "$tmp/compact-keys" <<'EOF'
import json, sys
keys = ["id", "outcome", "score", "flags", "missing_questions", "unrecognized_medications", "probable_medications"]
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(json.dumps({k: r[k] for k in keys if k in r}, separators=(",", ":")))
EOF
  check_eq "$name: a line each" "$(wc -l < "$input")" "$(wc -l < "$tmp/compact")"
  check_same "$name: compact and json agree on every line" "$tmp/json-as-compact" "$tmp/compact-keys"
}

# --- a rulebook that uses every kind of step ---------------------------------
rb="$tmp/steps"
mkdir -p "$rb/rules"
cat > "$rb/rulebook.yaml" <<'EOF'
rulebook:
  id: program-steps
  title: Every kind of step
  version: 0.1.0
  effective: 2026-01-01
sources:
  - {label: S, citation: A source}
include: [declarations.yaml, rules/main.yaml]
EOF
cat > "$rb/declarations.yaml" <<'EOF'
questions:
  - {id: a, type: boolean, prompt: "A?", required: true}
  - {id: b, type: boolean, prompt: "B?"}
  - {id: n, type: integer, range: [0, 100], prompt: "N?", required: true}
  - {id: x, type: number, prompt: "X?"}
  - {id: sex, type: enum, values: [female, male, intersex], prompt: "Sex?", required: true}
  - {id: preg, type: boolean, required: true, asked_when: "sex != 'male'", prompt: "Pregnant?"}
  - {id: weeks, type: integer, range: [0, 45], required: true, asked_when: "preg and n > 17", prompt: "Weeks?"}
  - {id: tags, type: list_of_enum, values: [p, q, r], prompt: "Tags?", required: true}
  - {id: medications, type: list_of_text, prompt: "Meds?", required: true}
derived:
  - {id: ratio, expr: "round(n / x, 1)"}
  - {id: spread, expr: "-(ratio - n) * 2"}
classes:
  - {id: opioid, title: Opioids}
  - {id: quiet, title: Quiet, interacts: false}
drugs:
  - {generic: morphine, classes: [opioid], brands: [MS Contin]}
  - {generic: acetaminophen, classes: [quiet], brands: [Tylenol]}
EOF
{
  echo "rules:"
  i=0
  while IFS= read -r when; do
    i=$((i + 1))
    severity=$([[ $((i % 3)) -eq 0 ]] && echo review || ([[ $((i % 3)) -eq 1 ]] && echo caution || echo info))
    echo "  - {id: P$i, title: T, severity: $severity, points: $((i % 4)), sources: [S], message: \"m\", action: \"act\", when: \"$when\"}"
  done <<'EOF'
n == 5
n != 5
n < 18
n <= 18
n > 60
n >= 60
18 > n
x * 2 == n
n in [1, 2, 3, 50]
sex in ['female', 'intersex']
sex == 'male'
tags contains 'p'
tags contains any ['q', 'r']
any medication in class 'opioid'
not a
a and b
a or b
a and (b or n > 10) and not (x < 1)
a or b or preg
preg and weeks > 12
weeks >= 20 or sex == 'male'
ratio > 2
ratio == 0.5
spread < 0
-x < -3
(a or b) == true
a
b
not (tags contains 'p') and any medication in class 'quiet'
n > 10 and n > 10 or b
EOF
} > "$rb/rules/main.yaml"

python3 - > "$tmp/steps.ndjson" <<'EOF'
import itertools, json, random
rng = random.Random(19)
values = {
    "a": [True, False, None], "b": [True, False, None],
    "n": [0, 5, 17, 18, 50, 60, 99, None], "x": [0, 0.5, 2.5, 10, None],
    "sex": ["female", "male", "intersex", None], "preg": [True, False, None],
    "weeks": [0, 12, 13, 20, 40, None],
    "tags": [[], ["p"], ["q", "r"], ["p", "r"], None],
    "medications": [[], ["MS Contin 15 mg"], ["Tylenol"], ["Tylenol", "MS Contin"], ["unheard-of 5 mg"], None],
}
for i in range(600):
    q = {"id": f"s{i:03d}"}
    for k, vs in values.items():
        v = rng.choice(vs)
        if v is not None:
            q[k] = v
    print(json.dumps(q))
EOF
"$CANDIDACY" lint "$rb" > "$tmp/lint" 2>&1
check "the step rulebook has no errors (its warnings: no reviewers)" grep -q ': 0 errors' "$tmp/lint"
agree "every kind of step" "$rb" "$tmp/steps.ndjson"
# Not a comparison of two empty answers: every rule fires on some line, and
# is left undecided (a question to ask) on another.
check_eq "every rule fires on some line" 30 "$(python3 -c '
import json, sys
print(len({f for l in open(sys.argv[1]) for f in json.loads(l)["flags"]}))' "$tmp/compact")"
check_eq "every rule is undecided on some line" 30 "$(python3 -c '
import json, sys
print(len({u["id"] for l in open(sys.argv[1]) for u in json.loads(l)["undecided"] + json.loads(l)["not_evaluated"]}))' "$tmp/json")"

# --- the shipped rulebook, answers left out and changed ----------------------
python3 - "$SOURCE_DIR/samples" > "$tmp/shipped.ndjson" <<'EOF'
import glob, json, random, sys, yaml
rng = random.Random(7)
base = []
for path in sorted(glob.glob(sys.argv[1] + "/*.yaml")) + sorted(glob.glob(sys.argv[1] + "/*.json")):
    with open(path) as f:
        base.append(yaml.safe_load(f))
def leaves(d, prefix=()):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from leaves(v, prefix + (k,))
        elif k != "id":
            yield prefix + (k,)
for i in range(400):
    q = json.loads(json.dumps(rng.choice(base), default=str))
    q["id"] = f"v{i:03d}"
    for path in rng.sample(list(leaves(q)), k=min(4, len(list(leaves(q))))):
        node = q
        for k in path[:-1]:
            node = node[k]
        v = node[path[-1]]
        if rng.random() < 0.5:
            del node[path[-1]]  # left out
        elif isinstance(v, bool):
            node[path[-1]] = not v
        elif isinstance(v, (int, float)):
            node[path[-1]] = max(0, v + rng.choice([-20, -5, 5, 20]))
    print(json.dumps(q))
EOF
agree "the shipped rulebook" "$SOURCE_DIR/rules/ketamine" "$tmp/shipped.ndjson"

finish
