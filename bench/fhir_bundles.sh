#!/usr/bin/env bash
# FHIR Bundles in the batch (issue 17, docs/fhir.md): NDJSON of Bundles against
# NDJSON of the same answers as plain JSON questionnaires. Three files of N
# lines (default 20,000), each line with its own id:
#   plain    samples/01 as a JSON questionnaire (the batch's simdjson fast path)
#   qr       the same answers as a FHIR QuestionnaireResponse (samples/fhir/01)
#   bundle   tests/fhir/bundles/b03: the questionnaire without age, weight,
#            height and vitals, and a Patient and five LOINC Observations that
#            give them (the same answers, the same result)
# Each is screened with --batch --format compact --stats, ROUNDS times
# (default 5), interleaved; prints the median questionnaires per second and
# the ratio bundle/plain. Usage: bench/fhir_bundles.sh [BUILD_DIR] [N] [ROUNDS]
# KEEP_LINES=DIR keeps the three files in DIR (plain, qr and bundle.ndjson),
# for bench/budget.py --batch DIR/bundle.ndjson.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
n=${2:-20000}
rounds=${3:-5}
bin=$build/cli/candidacy
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$root" "$n" "$tmp" <<'PY'
import json, sys, yaml
root, n, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3]
plain = yaml.safe_load(open(root + "/samples/01-eligible-trd.yaml"))
qr = json.load(open(root + "/samples/fhir/01-eligible-trd.json"))
bundle = json.load(open(root + "/tests/fhir/bundles/b03-transaction-vitals-patient.json"))
def lines(doc, setid, path):
    with open(path, "w") as f:
        for i in range(n):
            setid(doc, "q%06d" % i)
            f.write(json.dumps(doc, separators=(",", ":")) + "\n")
lines(plain, lambda d, i: d.__setitem__("id", i), tmp + "/plain.ndjson")
lines(qr, lambda d, i: d.__setitem__("id", i), tmp + "/qr.ndjson")
def bid(d, i):
    d["id"] = i
    d["entry"][0]["resource"]["id"] = i
lines(bundle, bid, tmp + "/bundle.ndjson")
PY

if [[ -n "${KEEP_LINES:-}" ]]; then mkdir -p "$KEEP_LINES" && cp "$tmp"/plain.ndjson "$tmp"/qr.ndjson "$tmp"/bundle.ndjson "$KEEP_LINES"/; fi
for kind in plain qr bundle; do : >"$tmp/$kind.qps"; done
for ((r = 0; r < rounds; r++)); do
  for kind in plain qr bundle; do
    "$bin" screen --batch "$tmp/$kind.ndjson" --format compact --stats >"$tmp/$kind.out" 2>"$tmp/$kind.err" || true
    python3 -c 'import json,sys
for l in open(sys.argv[1]):
    l=l.strip()
    if l.startswith("{"):
        j=json.loads(l); print(j.get("per_s", ""))' "$tmp/$kind.err" >>"$tmp/$kind.qps"
  done
done
# The three give the same results (the compact lines, ids aside).
for kind in qr bundle; do
  cmp -s <(sed 's/"id":"[^"]*"//' "$tmp/plain.out") <(sed 's/"id":"[^"]*"//' "$tmp/$kind.out") || echo "note: $kind results differ from plain" >&2
done
python3 - "$tmp" "$n" "$rounds" "$(wc -c <"$tmp/plain.ndjson")" "$(wc -c <"$tmp/bundle.ndjson")" "$(wc -c <"$tmp/qr.ndjson")" <<'PY'
import statistics, sys
tmp, n, rounds, pb, bb, qb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
med = {}
for k in ("plain", "qr", "bundle"):
    vals = [float(x) for x in open(tmp + "/" + k + ".qps").read().split()]
    med[k] = statistics.median(vals) if vals else float("nan")
print("| input | bytes/line | median q/s (%d rounds of %d lines) | vs plain |" % (rounds, n))
print("|---|---|---|---|")
print("| plain JSON questionnaire | %d | %.0f | 1.00 |" % (pb // n, med["plain"]))
print("| QuestionnaireResponse | %d | %.0f | %.2f |" % (qb // n, med["qr"], med["qr"] / med["plain"]))
print("| Bundle (QR + Patient + 5 Observations) | %d | %.0f | %.2f (%.2f of the QuestionnaireResponse) |" % (bb // n, med["bundle"], med["bundle"] / med["plain"], med["bundle"] / med["qr"]))
PY
