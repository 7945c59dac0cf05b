#!/bin/sh
# Builds the benchmark rulebook into OUT_DIR: the shipped rules/ketamine files
# as they are, with bench/lexicon/medications.yaml (the benchmark's lexicon,
# converted by bench/convert-lexicon.py) in place of the shipped lexicon.
# Two more changes make it screen what the peers screen (bench/README.md,
# "The benchmark rulebook"): probable medication matches are off (the
# benchmark's lexicon makes up names that are no drugs: a made-up word one
# edit from a real name is no misspelling there), and a rule that the
# benchmark's rules.json does not have (1.1.0's IX-13, RV-23, RV-24, IND-04)
# is left out.
# A rulebook's includes must stay inside its directory, so the rulebook is a
# generated copy, remade whenever a source file is newer; nothing is kept by
# hand. Usage: bench/make-rulebook.sh OUT_DIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../rules/ketamine
rules_json=${BENCH_DIR:-$here/../../shared/bench}/rules.json
out=$1
[ -f "$rules_json" ] || { echo "$0: no $rules_json (set BENCH_DIR to the screening benchmark's folder)" >&2; exit 2; }
stale=
if [ ! -f "$out/rulebook.yaml" ] || [ "$here/lexicon/medications.yaml" -nt "$out/medications.yaml" ] ||
   [ "$rules_json" -nt "$out/rulebook.yaml" ] || [ "$0" -nt "$out/rulebook.yaml" ]; then
  stale=1
else
  for f in "$src"/*.yaml "$src"/rules/*.yaml; do
    rel=${f#"$src"/}
    [ "$f" -nt "$out/$rel" ] && stale=1 && break
  done
fi
[ -n "$stale" ] || exit 0
tmp=$out.tmp.$$
rm -rf "$tmp"
mkdir -p "$tmp/rules"
cp "$src"/*.yaml "$tmp/"
cp "$src"/rules/*.yaml "$tmp/rules/"
cp "$here/lexicon/medications.yaml" "$tmp/medications.yaml"
python3 - "$tmp" "$rules_json" <<'PY'
import json, re, sys, glob, os
out, rules_json = sys.argv[1], sys.argv[2]
keep = {r["id"] for r in json.load(open(rules_json, encoding="utf-8"))["rules"]}
root = os.path.join(out, "rulebook.yaml")
text = open(root, encoding="utf-8").read()
text = re.sub(r"(?m)^  probable_medication_matches: .*\n", "", text)
text, n = re.subn(r"^policy:\n", "policy:\n  probable_medication_matches: false   # bench/make-rulebook.sh\n", text, count=1, flags=re.M)
if n != 1:
    sys.exit("make-rulebook.sh: rulebook.yaml has no 'policy:' line")
open(root, "w", encoding="utf-8").write(text)
dropped = []
for path in sorted(glob.glob(os.path.join(out, "rules", "*.yaml"))):
    text = open(path, encoding="utf-8").read()
    # A rule is its "  - id: X" line and the indented lines after it.
    parts = re.split(r"(?m)^(?=  - id: )", text)
    kept = [parts[0]]
    for part in parts[1:]:
        rule = re.match(r"  - id: (\S+)", part).group(1)
        if rule in keep:
            kept.append(part)
        else:
            dropped.append(rule)
    open(path, "w", encoding="utf-8").write("".join(kept))
print("make-rulebook.sh: left out %s (not in %s)" % (", ".join(dropped) or "nothing", os.path.basename(rules_json)), file=sys.stderr)
PY
rm -rf "$out"
mv "$tmp" "$out"
