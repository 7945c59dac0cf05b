#!/usr/bin/env bash
# End-to-end: FHIR R4 in and out (docs/fhir.md). The samples/fhir twins screen
# (text and JSON) exactly as their YAML or JSON originals; --input fhir and
# auto-detection; bad QuestionnaireResponses give exit 4 and a located message
# naming the linkId and the JSON path; batch lines may be QuestionnaireResponses;
# `candidacy questionnaire --format fhir` is JSON, deterministic, lists every
# question, and a QuestionnaireResponse built from its items is accepted and
# screens like the sample it was filled from.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v python3 >/dev/null || { fail "python3 is available"; finish; }
fhir="$samples/fhir"

# --- the twins: same text, same JSON, same audit record but for time and input hash (and so prev)
twins=0
for f in "$fhir"/*.json; do
  b=$(basename "$f" .json)
  original=""
  for ext in yaml json; do [[ -f "$samples/$b.$ext" ]] && original="$samples/$b.$ext"; done
  if [[ -z "$original" ]]; then fail "$b: has a YAML or JSON twin in samples/"; continue; fi
  twins=$((twins + 1))
  "$CANDIDACY" screen --format json --pretty "$f" >"$tmp/$b.fhir.json" 2>"$tmp/$b.err"
  check_eq "$b: FHIR twin screens (exit 0)" 0 $?
  check_empty "$b: nothing on stderr" "$tmp/$b.err"
  check_same "$b: JSON result equals samples/expected/$b.json" "$samples/expected/$b.json" "$tmp/$b.fhir.json"
  "$CANDIDACY" screen "$original" >"$tmp/$b.orig.txt" 2>/dev/null
  "$CANDIDACY" screen "$f" >"$tmp/$b.fhir.txt" 2>/dev/null
  check_same "$b: text result equals the original's" "$tmp/$b.orig.txt" "$tmp/$b.fhir.txt"
  "$CANDIDACY" screen --input fhir --format json --pretty "$f" >"$tmp/$b.forced.json" 2>/dev/null
  check_same "$b: --input fhir gives the same result" "$tmp/$b.fhir.json" "$tmp/$b.forced.json"
  "$CANDIDACY" screen --format json --pretty - <"$f" >"$tmp/$b.stdin.json" 2>/dev/null
  check_same "$b: from stdin, auto-detected" "$tmp/$b.fhir.json" "$tmp/$b.stdin.json"
  rm -f "$tmp/a1" "$tmp/a2"
  "$CANDIDACY" screen --audit "$tmp/a1" "$original" >/dev/null 2>&1
  "$CANDIDACY" screen --audit "$tmp/a2" "$f" >/dev/null 2>&1
  strip='import json,sys
for l in list(open(sys.argv[1]))[1:]:
    j=json.loads(l); j.pop("time"); j.pop("input_sha256"); j.pop("prev"); print(json.dumps(j))'
  check_eq "$b: audit record equal but for time and input_sha256" "$(python3 -c "$strip" "$tmp/a1")" "$(python3 -c "$strip" "$tmp/a2")"
done
check "at least 6 FHIR twins" test "$twins" -ge 6

# --- the README of samples/fhir names every twin
for f in "$fhir"/*.json; do
  check_contains "samples/fhir/README.md lists $(basename "$f")" "$fhir/README.md" "$(basename "$f")"
done

# --- --input fhir on a document that is not FHIR; other resources
run screen --input fhir "$samples/04-precautions-no-escort.json"
check_eq "--input fhir on a plain questionnaire: exit 4" 4 "$rc"
check_contains "--input fhir on a plain questionnaire: says why" "$tmp/err" \
  "04-precautions-no-escort.json:1:1: error: not a FHIR resource: there is no resourceType (expected \"QuestionnaireResponse\") (at resourceType) [missing-key]"
printf '{"resourceType": "Patient", "id": "p"}\n' >"$tmp/patient.json"
run screen "$tmp/patient.json"
check_eq "a Patient resource: exit 4" 4 "$rc"
check_contains "a Patient resource: located message" "$tmp/err" \
  "patient.json:1:18: error: resourceType 'Patient' is not read; only a QuestionnaireResponse or a Bundle can be screened (at resourceType) [bad-value]"
check_empty "a Patient resource: no result" "$tmp/out"

# --- bad QuestionnaireResponses: exit 4, file:line:col, linkId and JSON path
python3 - "$fhir/06-review-bp-maoi.json" "$tmp" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
def load(): return json.load(open(src))
def item(qr, group, link):
    g = next(i for i in qr["item"] if i["linkId"] == group)
    return next(i for i in g["item"] if i["linkId"] == link)
qr = load(); item(qr, "vitals", "systolic_bp")["answer"][0]["valueQuantity"]["unit"] = "kPa"
json.dump(qr, open(tmp + "/bad-unit.json", "w"), indent=2)
qr = load(); item(qr, "patient", "age")["answer"].append({"valueInteger": 59})
json.dump(qr, open(tmp + "/bad-repeat.json", "w"), indent=2)
qr = load(); item(qr, "history", "glaucoma")["answer"] = [{"valueString": "no"}]
json.dump(qr, open(tmp + "/bad-type.json", "w"), indent=2)
qr = load(); qr["item"] = {"linkId": "x"}
json.dump(qr, open(tmp + "/bad-item.json", "w"), indent=2)
PY
# expect FILE NEEDLE DELTA MESSAGE: exit 4, one diagnostic located DELTA lines after the needle's line in FILE
expect() {
  local file=$1 needle=$2 delta=$3 message=$4 line
  line=$(($(grep -n -F -m1 -- "$needle" "$tmp/$file" | cut -d: -f1) + delta))
  run screen "$tmp/$file"
  check_eq "$file: exit 4" 4 "$rc"
  check_contains "$file: located message" "$tmp/err" "$file:$line:"
  check_contains "$file: message" "$tmp/err" "$message"
  check_empty "$file: no result" "$tmp/out"
}
expect bad-unit.json '"kPa"' 0 \
  "error: vitals.systolic_bp: unit 'kPa' is not the question's unit; expected mmHg (UCUM 'mm[Hg]') (linkId 'systolic_bp', at item[1].item[0].answer[0].valueQuantity.unit) [bad-answer]"
expect bad-repeat.json '"valueInteger": 59' -1 \
  "error: patient.age: has 2 answers; the question takes one (linkId 'age', at item[0].item[0].answer[1]) [bad-answer]"
expect bad-type.json '"valueString": "no"' 0 \
  "error: history.glaucoma: valueString does not answer a boolean question; expected valueBoolean (linkId 'glaucoma', at item["
expect bad-item.json '"item": {' 0 "error: item: expected a list of items, found a mapping (at item) [wrong-type]"

# --- batch: a line may be a QuestionnaireResponse
{
  tr -d '\n' <"$samples/04-precautions-no-escort.json"; echo
  tr -d '\n' <"$fhir/07-review-unrecognised-medication.json"; echo
  tr -d '\n' <"$tmp/bad-unit.json"; echo
} >"$tmp/mixed.ndjson"
"$CANDIDACY" screen --batch "$tmp/mixed.ndjson" >"$tmp/batch.out" 2>/dev/null
check_eq "batch with a FHIR line: exit 4 (one bad line)" 4 $?
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False, separators=(",", ":")))' \
  "$samples/expected/07-review-unrecognised-medication.json" >"$tmp/07.compact"
sed -n 2p "$tmp/batch.out" >"$tmp/batch.2"
check_same "batch: the FHIR line's result is the compact golden" "$tmp/07.compact" "$tmp/batch.2"
check_eq "batch: the bad FHIR line is an error line naming the linkId" "3 bad-answer" \
  "$(sed -n 3p "$tmp/batch.out" | python3 -c 'import json,sys; j=json.load(sys.stdin); e=j["errors"][0]; print(j["line"], e["code"]) if "linkId '"'"'systolic_bp'"'"'" in e["message"] else print("no linkId:", e)')"

# --- questionnaire --format fhir
run questionnaire --format fhir
check_eq "questionnaire --format fhir: exit 0" 0 "$rc"
check_empty "questionnaire --format fhir: nothing on stderr" "$tmp/err"
cp "$tmp/out" "$tmp/q.json"
run questionnaire
check_same "questionnaire: fhir is the default, and the output is byte-identical" "$tmp/q.json" "$tmp/out"
check_eq "questionnaire: a FHIR R4 Questionnaire (JSON)" "Questionnaire active ketamine-iv-adult" \
  "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["resourceType"], j["status"], j["id"])' "$tmp/q.json" 2>&1)"
"$CANDIDACY" questions --format json >"$tmp/questions.json"
check_eq "questionnaire: every question once, as a linkId, in rulebook order" \
  "$(python3 -c 'import json,sys; print(" ".join(q["id"] for q in json.load(open(sys.argv[1]))))' "$tmp/questions.json")" \
  "$(python3 -c '
import json,sys
def leaves(items):
    for i in items:
        if i["type"] == "group": yield from leaves(i["item"])
        else: yield i["linkId"]
print(" ".join(leaves(json.load(open(sys.argv[1]))["item"])))' "$tmp/q.json")"
check_eq "questionnaire: enableWhen of patient.pregnant and depression.suicidal_ideation" \
  '[{"question": "patient.sex", "operator": "!=", "answerCoding": {"code": "male", "display": "male"}}] None | 6 any' \
  "$(python3 -c '
import json,sys
items = {}
def walk(l):
    for i in l:
        items[i["linkId"]] = i
        walk(i.get("item", []))
walk(json.load(open(sys.argv[1]))["item"])
p, s = items["patient.pregnant"], items["depression.suicidal_ideation"]
print(json.dumps(p["enableWhen"]), p.get("enableBehavior"), "|", len(s["enableWhen"]), s["enableBehavior"])' "$tmp/q.json")"
run questionnaire --format xml
check_eq "questionnaire --format xml: usage error" 2 "$rc"
"$CANDIDACY" questionnaire >/dev/full 2>"$tmp/full.err"
check_eq "questionnaire to a full disk: exit 5" 5 $?
check_contains "questionnaire to a full disk: says so" "$tmp/full.err" "cannot write the questionnaire"

# --- round trip: fill the Questionnaire's items from a sample, screen the response
fill='
import json, sys
q = json.load(open(sys.argv[1])); sample = json.load(open(sys.argv[2]))
def value(path):
    node = sample
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node: return None
        node = node[part]
    return node
def answers(item, v):
    t = item["type"]
    unit = next((e["valueCoding"] for e in item.get("extension", []) if e["url"].endswith("/questionnaire-unit")), None)
    vs = v if item.get("repeats") else [v]
    out = []
    for x in vs:
        if t == "boolean": out.append({"valueBoolean": x})
        elif t in ("integer", "decimal") and unit: out.append({"valueQuantity": {"value": x, "system": unit["system"], "code": unit["code"]}})
        elif t == "integer": out.append({"valueInteger": x})
        elif t == "decimal": out.append({"valueDecimal": x})
        elif t == "choice":
            codes = [o["valueCoding"]["code"] for o in item["answerOption"]]
            assert x in codes, (item["linkId"], x)
            out.append({"valueCoding": {"code": x}})
        else: out.append({"valueString": x})
    return out
def fill(items):
    out = []
    for i in items:
        if i["type"] == "group":
            out.append({"linkId": i["linkId"], "item": fill(i["item"])})
            continue
        v = value(i["linkId"])
        if v is None: continue
        out.append({"linkId": i["linkId"], "answer": answers(i, v)})
    return out
qr = {"resourceType": "QuestionnaireResponse", "id": sample["id"], "questionnaire": q["url"] + "|" + q["version"],
      "status": "completed", "item": fill(q["item"])}
print(json.dumps(qr, indent=1))
'
for s in 04-precautions-no-escort 11-ineligible-pregnant 15-incomplete-pregnancy-unanswered; do
  python3 -c "$fill" "$tmp/q.json" "$samples/$s.json" >"$tmp/rt-$s.json" 2>"$tmp/rt.err"
  check_empty "round trip $s: the response was built from the Questionnaire" "$tmp/rt.err"
  run screen --format json --pretty "$tmp/rt-$s.json"
  check_eq "round trip $s: accepted (exit 0)" 0 "$rc"
  check_same "round trip $s: screens as the sample" "$samples/expected/$s.json" "$tmp/out"
done

finish
