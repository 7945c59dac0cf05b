#!/usr/bin/env bash
# End-to-end: `candidacy screen --format cds-hooks` (docs/cds-hooks.md). For
# every sample, field by field against the same sample's --format json result:
# one outcome card then one card per flag, indicators by outcome and severity,
# summaries under 140 characters, version-5 card ids recomputed here, sources
# from the rulebook, action and message in the Markdown detail. Also: byte-
# identical runs, --pretty, several files, stdin, and the same exit statuses
# as --format json (bad file 4, missing file 5, --batch refused with 2).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v python3 >/dev/null || { fail "python3 is available"; finish; }

files=()
for f in "$samples"/*.yaml "$samples"/*.json; do [[ -f "$f" ]] && files+=("$f"); done
check "22 samples or more" test "${#files[@]}" -ge 22

# --- every sample: its cards checked against its JSON result
mkdir -p "$tmp/cds" "$tmp/json"
statuses=""
for f in "${files[@]}"; do
  name=$(basename "${f%.*}")
  "$CANDIDACY" screen --format cds-hooks "$f" >"$tmp/cds/$name.json" 2>"$tmp/err"
  statuses+="$? "
  "$CANDIDACY" screen --format json "$f" >"$tmp/json/$name.json" 2>/dev/null
done
check_eq "every sample exits 0" "$(printf '0 %.0s' "${files[@]}")" "$statuses"

python3 - "$tmp/cds" "$tmp/json" "$SOURCE_DIR/rules/ketamine/rulebook.yaml" >"$tmp/fields" 2>&1 <<'PY'
import json, os, re, sys, uuid

cds_dir, json_dir, rulebook = sys.argv[1:4]
NS = uuid.UUID("9fa262b8-bade-5652-a32e-2c3c69df3de5")
assert uuid.uuid5(uuid.NAMESPACE_URL, "urn:candidacy:cds-hooks:card") == NS
OUTCOME = {"ineligible": "critical", "incomplete": "warning", "needs_review": "warning",
           "eligible_with_precautions": "info", "eligible": "info"}
SEVERITY = {"exclude": "critical", "review": "warning", "caution": "info", "info": "info"}
WORD = {"exclude": "Exclusion", "review": "Review", "caution": "Caution", "info": "Info"}
# The rulebook's source urls, read from its YAML text (label: ... url: ...).
urls = dict(re.findall(r"- label: (\S+)\n    citation: .*\n    url: (\S+)", open(rulebook, encoding="utf-8").read()))
assert len(urls) >= 3, urls

def unescape(md):
    return re.sub(r"\\(.)", r"\1", md)

def short(text, n):
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    if len(text) <= n:
        return text
    return text[:n - 1].rstrip(" ") + "\u2026"

problems, counts, all_ids = [], {}, set()
for name in sorted(os.listdir(cds_dir)):
    raw = open(os.path.join(cds_dir, name), encoding="utf-8").read()
    def bad(msg):
        problems.append("%s: %s" % (name, msg))
    if raw.count("\n") != 1 or not raw.endswith("\n"):
        bad("not one line")
    response = json.loads(raw)
    result = json.load(open(os.path.join(json_dir, name), encoding="utf-8"))
    if list(response) != ["cards"]:
        bad("keys %s" % list(response))
    cards = response["cards"]
    counts[result["outcome"]] = counts.get(result["outcome"], 0) + len(cards)
    if len(cards) != 1 + len(result["flags"]):
        bad("%d cards for %d flags" % (len(cards), len(result["flags"])))
        continue
    sha, qid = result["rulebook"]["sha256"], result["id"]
    rule_ids = [""] + [f["id"] for f in result["flags"]]
    for card, rule in zip(cards, rule_ids):
        where = rule or "outcome"
        if list(card) != ["uuid", "summary", "indicator", "detail", "source"]:
            bad("%s: keys %s" % (where, list(card)))
        if card["uuid"] != str(uuid.uuid5(NS, "%s\n%s\n%s" % (qid, sha, rule))):
            bad("%s: uuid %s" % (where, card["uuid"]))
        if uuid.UUID(card["uuid"]).version != 5 or uuid.UUID(card["uuid"]).variant != uuid.RFC_4122:
            bad("%s: not an RFC 4122 version-5 uuid" % where)
        all_ids.add(card["uuid"])
        if not 0 < len(card["summary"]) < 140:
            bad("%s: summary of %d characters" % (where, len(card["summary"])))
        if not card["source"].get("label"):
            bad("%s: source without label" % where)
    outcome = cards[0]
    # An urgent screening (RV-18): the outcome card is critical and says why first.
    if outcome["indicator"] != ("critical" if result["urgent"] else OUTCOME[result["outcome"]]):
        bad("outcome indicator %s for %s" % (outcome["indicator"], result["outcome"]))
    head = {"ineligible": "Ineligible: ", "incomplete": "Incomplete: ", "needs_review": "Needs review: ",
            "eligible_with_precautions": "Eligible with precautions: ", "eligible": "Eligible: "}[result["outcome"]]
    if result["urgent"]:
        head = "URGENT: " + "; ".join("%s (%s)" % (u["reason"], u["rule"]) for u in result["urgent_reasons"])
        if not outcome["detail"].startswith("**URGENT:**"):
            bad("urgent outcome detail %r" % outcome["detail"][:80])
    if not outcome["summary"].startswith(head):
        bad("outcome summary %r" % outcome["summary"])
    if outcome["source"] != {"label": "%s %s" % (result["rulebook"]["title"], result["rulebook"]["version"])}:
        bad("outcome source %s" % outcome["source"])
    detail = unescape(outcome["detail"])
    for q in result["missing_questions"]:
        if "%s (%s)" % (q["prompt"], q["id"]) not in detail:
            bad("question %s not in the outcome card" % q["id"])
    for m in result["unrecognized_medications"]:
        if "\n- " + m not in detail:
            bad("unrecognised medication not in the outcome card")
    if result["rulebook"]["sha256"] not in detail:
        bad("rulebook hash not in the outcome card")
    for m in result["probable_medications"]:
        if "\n- " + m + ": probable: " not in detail:
            bad("probable medication not in the outcome card")
    for card, flag in zip(cards[1:], result["flags"]):
        fid = flag["id"]
        if card["indicator"] != ("critical" if flag["urgent"] else SEVERITY[flag["severity"]]):
            bad("%s: indicator %s for %s" % (fid, card["indicator"], flag["severity"]))
        if card["summary"] != short("%s%s %s: %s" % ("URGENT " if flag["urgent"] else "", WORD[flag["severity"]], fid, flag["title"]), 139):
            bad("%s: summary %r" % (fid, card["summary"]))
        first = flag["sources"][0]
        want = {"label": short(first["citation"], 100)}
        if first["label"] in urls:
            want["url"] = urls[first["label"]]
        if card["source"] != want:
            bad("%s: source %s, expected %s" % (fid, card["source"], want))
        detail = unescape(card["detail"])
        if not detail.startswith(flag["message"]):
            bad("%s: detail does not open with the message" % fid)
        if "**Action:** " + flag["action"] not in detail:
            bad("%s: action missing from the detail" % fid)
        for s in flag["sources"]:
            if "\n- %s: %s" % (s["label"], s["citation"]) not in detail:
                bad("%s: source %s missing from the detail" % (fid, s["label"]))
        for e in flag["evidence"]:
            if "\n- %s: " % e["id"] not in detail:
                bad("%s: answer %s missing from the detail" % (fid, e["id"]))
print("problems: %d" % len(problems))
for p in problems:
    print(p)
print("ids unique: %s" % (len(all_ids) == sum(counts.values())))
print("urls used: %d" % sum(1 for name in os.listdir(cds_dir) for c in json.load(open(os.path.join(cds_dir, name)))["cards"] if "url" in c["source"]))
PY
check_contains "every card agrees with its JSON result" "$tmp/fields" "problems: 0"
check_contains "card ids are unique across all samples" "$tmp/fields" "ids unique: True"
check "some cards link their source (rulebook url)" grep -qE '^urls used: [1-9]' "$tmp/fields"
[[ -z "$(grep -v '^problems: 0$' "$tmp/fields" | grep -v '^ids unique' | grep -v '^urls used')" ]] || cat "$tmp/fields"

# --- determinism, --pretty, several files, stdin
s06="$samples/06-review-bp-maoi.yaml"
s14="$samples/14-incomplete-missing-answers.yaml"
run screen --format cds-hooks "$s06"
cp "$tmp/out" "$tmp/first"
run screen --format cds-hooks "$s06"
check_same "two runs give identical bytes" "$tmp/first" "$tmp/out"
run screen --format cds-hooks --pretty "$s06"
check_eq "--pretty indents" '  "cards": [' "$(sed -n 2p "$tmp/out")"
check_eq "--pretty is the same JSON" "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$tmp/first")" \
  "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$tmp/out")"
run screen --format cds-hooks "$s06" "$s14"
check_eq "two files: exit 0" 0 "$rc"
check_eq "two files: one response line each, in order" "$(cat "$tmp/first"; cat "$tmp/cds/14-incomplete-missing-answers.json")" "$(cat "$tmp/out")"
"$CANDIDACY" screen --format cds-hooks - <"$s06" >"$tmp/out" 2>"$tmp/err"
check_same "stdin gives the same response" "$tmp/first" "$tmp/out"
check_eq "the incomplete sample's outcome card asks its questions" "warning Incomplete: ask" \
  "$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cards"][0]; print(c["indicator"], " ".join(c["summary"].split()[:2]))' "$tmp/cds/14-incomplete-missing-answers.json")"
check_eq "a different questionnaire id gives different card ids" "0" \
  "$(sed 's/^id: .*/id: another-id/' "$s06" | "$CANDIDACY" screen --format cds-hooks - | python3 -c '
import json,sys
a = {c["uuid"] for c in json.load(open(sys.argv[1]))["cards"]}
b = {c["uuid"] for c in json.load(sys.stdin)["cards"]}
print(len(a & b))' "$tmp/first")"

# --- exit statuses: the same as --format json
printf 'id: bad\npatient:\n  age: 999\n' >"$tmp/bad.yaml"
for format in json cds-hooks; do
  run screen --format "$format" "$tmp/bad.yaml" "$s06"
  echo "$rc $(wc -l <"$tmp/out")" >"$tmp/status.$format"
  run screen --format "$format" "$tmp/no-such-file.yaml"
  echo "$rc $(wc -c <"$tmp/out")" >>"$tmp/status.$format"
done
check_eq "bad questionnaire: exit 4, the good one still screened" "4 1" "$(head -1 "$tmp/status.cds-hooks")"
check_eq "missing file: exit 5, nothing written" "5 0" "$(sed -n 2p "$tmp/status.cds-hooks")"
check_same "statuses equal those of --format json" "$tmp/status.json" "$tmp/status.cds-hooks"

{ tr -d '\n' <"$samples/04-precautions-no-escort.json"; echo; } >"$tmp/in.ndjson"
run screen --batch "$tmp/in.ndjson" --format cds-hooks
check_eq "--batch with --format cds-hooks is a usage error" 2 "$rc"
check_empty "--batch with cds-hooks writes nothing on stdout" "$tmp/out"
check_contains "--batch with cds-hooks says why" "$tmp/err" "--format cds-hooks takes questionnaire files"
run screen --format cds-hook "$s06"
check_eq "a misspelt format is a usage error" 2 "$rc"

finish
