#!/usr/bin/env bash
# End-to-end: the 22 sample questionnaires against the shipped rulebook.
# `candidacy screen --format json --pretty` of each samples/NAME.{yaml,json}
# must equal samples/expected/NAME.json byte for byte, and agree with the
# outcome, flags and score stated in samples/README.md. Also: text output,
# several files in one call, stdin, repeatability, another working directory.
# Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
#
# When the rulebook or the output changes on purpose, regenerate the goldens with
#   bash tests/cli/update_goldens.sh
# (or one of them with
#   candidacy screen --format json --pretty samples/NAME.yaml > samples/expected/NAME.json)
# and read the diff before keeping it: the README table is the reference.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

expected="$samples/expected"

command -v python3 >/dev/null || { fail "python3 is available"; echo "$passed passed, $failed failed"; exit 1; }

# --- the samples, and the README's table: file -> outcome|flags|score|band
files=()
for f in "$samples"/*.yaml "$samples"/*.json; do [[ -f "$f" ]] && files+=("$f"); done
mapfile -t files < <(printf '%s\n' "${files[@]}" | LC_ALL=C sort)
check_eq "28 samples" "28" "${#files[@]}"

python3 - "$samples/README.md" >"$tmp/readme.tsv" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 5 or not re.fullmatch(r"`[^`]+\.(yaml|json)`", cells[0]):
        continue
    name = cells[0].strip("`")
    outcome = cells[2].split()[0]
    flags = " ".join(sorted("%s[%s]" % m for m in re.findall(r"\b([A-Z]+-\d+) \[(\d+)\]", cells[3]))) or "-"
    m = re.fullmatch(r"(\d+) \((\w+)\)", cells[4])
    score, band = (m.group(1), m.group(2)) if m else ("?", "?")
    undecided = " ".join(sorted(re.findall(r"\b[A-Z]+-\d+\b", cells[2]))) or "-"
    missing = " ".join(sorted(re.findall(r"\b[a-z_]+\.[a-z_]+\b", cells[2]))) or "-"
    print("\t".join([name, outcome, flags, score, band, undecided, missing]))
PY
check_eq "the README table has a row for every sample" \
  "$(for f in "${files[@]}"; do basename "$f"; done)" "$(cut -f1 "$tmp/readme.tsv" | sort)"

# summaries DIR NAME...: for each NAME, "NAME<TAB>outcome<TAB>sorted flags<TAB>
# score<TAB>band<TAB>undecided rules<TAB>questions to answer" of the JSON
# result DIR/NAME.json (one python run for all), as readme.tsv has them.
summaries() {
  python3 - "$@" <<'PY' 2>&1
import json, sys
for name in sys.argv[2:]:
    try:
        r = json.load(open("%s/%s.json" % (sys.argv[1], name), encoding="utf-8"))
        flags = " ".join(sorted("%s[%s]" % (f["id"], f["points"]) for f in r["flags"])) or "-"
        undecided = " ".join(sorted(u["id"] for u in r["undecided"])) or "-"
        missing = " ".join(sorted(q["id"] for q in r["missing_questions"])) or "-"
        print("\t".join([name, r["outcome"], flags, str(r["score"]), r["band"], undecided, missing]))
    except Exception as e:
        print("\t".join([name, "unreadable: %s" % e, "", "", "", "", ""]))
PY
}

# --- every golden belongs to a sample
for g in "$expected"/*.json; do
  [[ -f "$g" ]] || continue
  b=$(basename "$g" .json)
  if [[ -f "$samples/$b.yaml" || -f "$samples/$b.json" ]]; then :; else fail "golden $b.json has a sample"; fi
done

# --- each sample: golden, README, text, stdin
for f in "${files[@]}"; do
  name=$(basename "$f")
  b=${name%.*}
  golden="$expected/$b.json"

  "$CANDIDACY" screen --format json --pretty "$f" >"$tmp/$b.json" 2>"$tmp/$b.err"
  rc=$?
  check_eq "$name: json exit 0" "0" "$rc"
  if [[ -f "$golden" ]]; then
    check_same "$name: equals samples/expected/$b.json" "$golden" "$tmp/$b.json"
  else
    fail "$name: samples/expected/$b.json exists"
  fi
  if [[ -s "$tmp/$b.err" ]]; then fail "$name: nothing on stderr" "$(head -c 1000 "$tmp/$b.err")"; else pass "$name: nothing on stderr"; fi

  "$CANDIDACY" screen "$f" >"$tmp/$b.txt" 2>/dev/null
  rc=$?
  check_eq "$name: text exit 0" "0" "$rc"
  first=$(head -n 1 "$tmp/$b.txt")
  urgent=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["urgent"])' "$tmp/$b.json" 2>/dev/null)
  if [[ "$urgent" == True ]]; then
    # An urgent screening (RV-18) opens with it, then the outcome.
    second=$(sed -n 2p "$tmp/$b.txt")
    if [[ "$first" == "URGENT: "* && "$second" == "OUTCOME: "* ]]; then pass "$name: text starts with URGENT:, then OUTCOME:"
    else fail "$name: text starts with URGENT:, then OUTCOME:" "first lines: $first / $second"; fi
  elif [[ "$first" == "OUTCOME: "* ]]; then pass "$name: text starts with OUTCOME:"; else fail "$name: text starts with OUTCOME:" "first line: $first"; fi

  "$CANDIDACY" screen --format json --pretty - <"$f" >"$tmp/$b.stdin" 2>/dev/null
  check_same "$name: from stdin equals from the file" "$tmp/$b.json" "$tmp/$b.stdin"
done

# --- each result agrees with the README (outcome; then flags, score and band)
names=() goldens=()
for f in "${files[@]}"; do
  names+=("$(basename "$f")")
  b=$(basename "${f%.*}")
  goldens+=("$expected/$b.json")
done
summaries "$tmp" "${names[@]%.*}" >"$tmp/summaries.tsv"
for name in "${names[@]}"; do
  IFS=$'\t' read -r _ w_outcome w_flags w_score w_band w_undecided w_missing < <(grep -F "$name"$'\t' "$tmp/readme.tsv")
  IFS=$'\t' read -r _ g_outcome g_flags g_score g_band g_undecided g_missing < <(grep -F "${name%.*}"$'\t' "$tmp/summaries.tsv")
  check_eq "$name: outcome as in the README" "${w_outcome-}" "${g_outcome-}"
  check_eq "$name: flags, score and band as in the README" "${w_flags-} ${w_score-} ${w_band-}" "${g_flags-} ${g_score-} ${g_band-}"
  check_eq "$name: undecided rules and questions to answer as in the README" "${w_undecided-} / ${w_missing-}" "${g_undecided-} / ${g_missing-}"
done

# --- all samples in one call: one compact line per file, in order
"$CANDIDACY" screen --format json "${files[@]}" >"$tmp/all.1" 2>"$tmp/all.err"
rc=$?
check_eq "all samples in one call: exit 0" "0" "$rc"
check_eq "all samples in one call: one line per file" "${#files[@]}" "$(wc -l <"$tmp/all.1" | tr -d ' ')"
python3 -c 'import json, sys
for path in sys.argv[1:]:
    print(json.dumps(json.load(open(path, encoding="utf-8")), ensure_ascii=False, separators=(",", ":")))' \
  "${goldens[@]}" >"$tmp/all-compact.expected" 2>&1
check_same "all samples in one call: each line is the compact golden" "$tmp/all-compact.expected" "$tmp/all.1"

# --- repeatable
"$CANDIDACY" screen --format json "${files[@]}" >"$tmp/all.2" 2>/dev/null
check_same "a second run is byte-identical" "$tmp/all.1" "$tmp/all.2"
"$CANDIDACY" screen "${files[@]}" >"$tmp/text.1" 2>/dev/null
rc=$?
"$CANDIDACY" screen "${files[@]}" >"$tmp/text.2" 2>/dev/null
check_eq "all samples as text: exit 0" "0" "$rc"
check_same "a second text run is byte-identical" "$tmp/text.1" "$tmp/text.2"
check_eq "all samples as text: one OUTCOME line each" "${#files[@]}" "$(grep -c '^OUTCOME: ' "$tmp/text.1")"

# --- from other working directories
first_sample=${files[0]}
b=$(basename "${first_sample%.*}")
mkdir -p "$tmp/elsewhere"
(cd "$tmp/elsewhere" && "$CANDIDACY" screen --format json --pretty "$first_sample") >"$tmp/elsewhere.json" 2>/dev/null
check_same "from an unrelated directory (absolute path)" "$expected/$b.json" "$tmp/elsewhere.json"
(cd / && "$CANDIDACY" screen --format json --pretty "${first_sample#/}") >"$tmp/root.json" 2>/dev/null
check_same "from / (relative path)" "$expected/$b.json" "$tmp/root.json"
(cd "$samples" && "$CANDIDACY" screen --format json --pretty "$(basename "$first_sample")") >"$tmp/samples.json" 2>/dev/null
check_same "from samples/ (bare file name)" "$expected/$b.json" "$tmp/samples.json"

finish
