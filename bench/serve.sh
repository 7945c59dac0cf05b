#!/usr/bin/env bash
# Benchmarks `candidacy serve` (docs/service.md) with wrk on loopback: POST
# /screen with keep-alive, cycling through every sample (YAML and JSON, each
# with its Content-Type), and the CDS hook, cycling through a call per FHIR
# sample; GET /healthz as the HTTP layer's floor; requests per second, p50/p99 latency, the server's RSS (current and
# peak); beside it, in the same run, `candidacy screen --batch` on the same
# questionnaires (as NDJSON lines, repeated). Prints a Markdown section for
# bench/RESULTS.md. Needs wrk, python3 with python3-yaml, a Release build.
#
#   bench/serve.sh [--duration S] [--connections N] [--threads N] [--pin]
#
# --pin gives the server and the load generator a core each (taskset): the
# server on CPU 0 with one thread, wrk on CPU 1 with one thread, as a load
# generator on another machine would leave the server its cores. Without
# it, the server's threads and wrk's two share every core.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10 connections=64 threads=2 pin=""
while (($#)); do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --pin) pin=1; threads=1; shift ;;
    *) echo "bench/serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
candidacy=${CANDIDACY:-build/cli/candidacy}
server_cpus=() wrk_cpus=() wrk_threads=2
if [[ -n $pin ]]; then
  (($(nproc) >= 2)) || { echo "bench/serve.sh: --pin needs two cores" >&2; exit 2; }
  server_cpus=(taskset -c 0) wrk_cpus=(taskset -c 1) wrk_threads=1
fi
command -v wrk >/dev/null || { echo "bench/serve.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
server=""
trap '[[ -n $server ]] && kill $server 2>/dev/null; rm -rf "$work"' EXIT

# The bodies: every sample for /screen, a hook call per FHIR sample; and the NDJSON batch of the same questionnaires.
python3 - "$work" <<'PY'
import glob, json, os, sys, uuid, yaml
work = sys.argv[1]
screen, hook, lines = [], [], []
for f in sorted(glob.glob("samples/*.yaml") + glob.glob("samples/*.json")):
    text = open(f, encoding="utf-8").read()
    screen.append((text, "application/yaml" if f.endswith(".yaml") else "application/json"))
    doc = yaml.safe_load(text) if f.endswith(".yaml") else json.loads(text)
    lines.append(json.dumps(doc, separators=(",", ":"), default=str))
for f in sorted(glob.glob("samples/fhir/*.json")):
    qr = json.load(open(f, encoding="utf-8"))
    hook.append((json.dumps({"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
                             "context": {"userId": "Practitioner/1", "patientId": "1"},
                             "prefetch": {"questionnaireResponse": qr}}, separators=(",", ":")), "application/json"))

def lua(name, path, bodies):
    def q(s):
        return "[==[" + s + "]==]"
    with open(os.path.join(work, name), "w", encoding="utf-8") as out:
        out.write("local bodies = {\n" + ",\n".join("{%s, %s}" % (q(b), q(t)) for b, t in bodies) + "}\n")
        out.write("local i = 0\nrequest = function()\n  i = i %% #bodies + 1\n"
                  "  return wrk.format('POST', '%s', {['Content-Type'] = bodies[i][2]}, bodies[i][1])\nend\n" % path)
lua("screen.lua", "/screen", screen)
lua("screen-lines.lua", "/screen", [(l, "application/json") for l in lines])
lua("hook.lua", "/cds-services/ketamine-candidacy", hook)
with open(os.path.join(work, "batch.ndjson"), "w", encoding="utf-8") as out:
    for _ in range(4000):
        for l in lines:
            out.write(l + "\n")
print(len(screen), len(hook), len(lines) * 4000, file=sys.stderr)
PY

"${server_cpus[@]}" "$candidacy" serve --listen 127.0.0.1:0 --threads "$threads" 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do grep -q "serving on" "$work/server.log" && break; sleep 0.05; done
port=$(grep -o 'serving on 127.0.0.1:[0-9]*' "$work/server.log" | grep -o '[0-9]*$')
[[ -n $port ]] || { cat "$work/server.log" >&2; exit 1; }
rss() { awk -v k="$1" '$1 == k":" {printf "%.1f", $2 / 1024}' "/proc/$server/status"; }
rss_start=$(rss VmRSS)

row() {  # name script
  local out="$work/$2.wrk" rps p50 p99 errors
  "${wrk_cpus[@]}" wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency -s "$work/$2" "http://127.0.0.1:$port" >"$out"
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$out" | tr '\n' ' ')
  echo "| $1 | $connections | $rps | $p50 | $p99 | $(rss VmRSS) | $(rss VmHWM) | ${errors:-none} |"
}
echo "Server \`--threads $threads\`, wrk \`-t$wrk_threads -c$connections -d${duration}s\`$([[ -n $pin ]] && echo ', server pinned to CPU 0 and wrk to CPU 1' || echo ', sharing every core')."
echo
echo "| load | connections | requests/s | p50 | p99 | RSS MB after | peak RSS MB | errors |"
echo "|---|---|---|---|---|---|---|---|"
row "POST /screen, the batch's JSON lines" screen-lines.lua
row "POST /screen, the sample files (YAML and JSON)" screen.lua
row "POST /cds-services/ketamine-candidacy (FHIR prefetch)" hook.lua
"${wrk_cpus[@]}" wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port/healthz" >"$work/healthz.wrk"
echo "| GET /healthz (the HTTP floor) | $connections | $(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$work/healthz.wrk") | $(awk '$1 == "50%" {print $2}' "$work/healthz.wrk") | $(awk '$1 == "99%" {print $2}' "$work/healthz.wrk") | $(rss VmRSS) | $(rss VmHWM) | |"
kill -TERM $server
wait $server || true
server=""
echo
echo "Server RSS at start: $rss_start MB."
start=$(date +%s.%N)
"${server_cpus[@]}" /usr/bin/time -f "%M" -o "$work/batch.rss" "$candidacy" screen --batch "$work/batch.ndjson" --jobs "$threads" --format json >/dev/null 2>"$work/batch.err"
end=$(date +%s.%N)
n=$(wc -l <"$work/batch.ndjson")
python3 -c "import sys; n,s,e,r=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]); print('CLI batch, same questionnaires: %d lines, --jobs %s --format json: %.0f questionnaires/s, peak RSS %.1f MB.' % (n, sys.argv[5], n/(e-s), r/1024))" "$n" "$start" "$end" "$(cat "$work/batch.rss")" "$threads"
