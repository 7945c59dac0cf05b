#!/usr/bin/env python3
"""The checks of tests/cli/serve_test.sh: candidacy serve over real HTTP."""
import base64, glob, shutil, http.client, json, os, queue, re, signal, socket, ssl, subprocess, sys, threading, time, uuid

CANDIDACY, SOURCE, TMP = sys.argv[1:4]
SAMPLES = os.path.join(SOURCE, "samples")
HOOK = "/cds-services/ketamine-candidacy"
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name)
        if detail:
            for line in str(detail)[:3000].splitlines():
                print("    " + line)


class Server:
    def __init__(self, *args, log_level="warn"):
        self.proc = subprocess.Popen([CANDIDACY, "--log-level", log_level, "serve", "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        self.log = []
        threading.Thread(target=self._read, daemon=True).start()
        self.port = None
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                break
            if line is None:
                break
            m = re.search(r"serving on 127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                self.startup = line
                break
        if self.port is None:
            self.proc.kill()
            raise SystemExit("the server did not start: " + "".join(self.log))

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def stop(self, timeout=30):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return "hung"

    def conn(self, tls_context=None):
        if tls_context is not None:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=20, context=tls_context)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)


def call(conn, method, path, body=None, headers=None):
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "application/json")
    if isinstance(body, str):
        body = body.encode()
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def cli(*args):
    p = subprocess.run([CANDIDACY, *args], capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def content_type(path):
    if path.endswith((".yaml", ".yml")):
        return "application/yaml"
    with open(path, "rb") as f:
        return "application/fhir+json" if b'"resourceType"' in f.read() else "application/json"


samples = sorted(glob.glob(os.path.join(SAMPLES, "*.yaml")) + glob.glob(os.path.join(SAMPLES, "*.json")))
fhir_samples = sorted(glob.glob(os.path.join(SAMPLES, "fhir", "*.json")))
check("22 samples and 10 FHIR samples or more", len(samples) >= 22 and len(fhir_samples) >= 10)


def hook_body(resource, hook="patient-view", instance=None):
    body = {"hook": hook, "hookInstance": instance or str(uuid.uuid4()), "fhirServer": "https://ehr.example/fhir",
            "context": {"userId": "Practitioner/1", "patientId": "1"}}
    if hook == "order-select":
        body["context"].update({"selections": ["MedicationRequest/k1"],
                                "draftOrders": {"resourceType": "Bundle", "entry": []}})
    if resource is not None:
        body["prefetch"] = {"questionnaireResponse": resource}
    return body


# --- one server with an audit trail: the endpoints
audit = os.path.join(TMP, "audit.jsonl")
start = time.time()
s = Server("--audit", audit, "--threads", "2", log_level="trace")  # the most verbose log: still no patient data
# Well under a second (a few milliseconds with the cached image); sanitized builds are several times slower.
limit = 10 if os.environ.get("CANDIDACY_TEST_SANITIZED") else 1.0
check("starts in well under a second", time.time() - start < limit, "took %.2fs" % (time.time() - start))
rc, out, _ = cli("screen", "--format", "json", samples[0])
result0 = json.loads(out)
rb = result0["rulebook"]
questions_all = json.loads(cli("questions", "--format", "json")[1])
check("the startup line names the address, rulebook id, version and sha256",
      rb["id"] in s.startup and rb["version"] in s.startup and rb["sha256"] in s.startup, s.startup)
c = s.conn()
screened = 0

st, h, data = call(c, "GET", "/cds-services")
disc = json.loads(data)
hooks = sorted(x["hook"] for x in disc.get("services", []) if x.get("id") == "ketamine-candidacy")
check("discovery: 200 with ketamine-candidacy for patient-view and order-select",
      st == 200 and hooks == ["order-select", "patient-view"], data)
svc = disc["services"][0]
check("discovery: title from the rulebook, a description", svc.get("title") == rb["title"] and rb["version"] in svc.get("description", ""), svc)
pf = svc.get("prefetch", {})
check("discovery: prefetch templates for the QuestionnaireResponse, patient and medications",
      pf.get("questionnaireResponse", "").startswith("QuestionnaireResponse?") and pf.get("patient") == "Patient/{{context.patientId}}"
      and pf.get("medicationStatements", "").startswith("MedicationStatement?") and "status=active" in pf.get("medicationRequests", ""), pf)

check("discovery allows cross-origin calls (CORS)", h.get("access-control-allow-origin") == "*", h)
st, h, data = call(c, "OPTIONS", HOOK, None, {"Origin": "https://ehr.example", "Access-Control-Request-Method": "POST"})
check("a CORS preflight on the hook: 204 with the allowed methods and headers",
      st == 204 and "POST" in h.get("access-control-allow-methods", "") and "Authorization" in h.get("access-control-allow-headers", ""), (st, h))
st, h, data = call(c, "GET", "/rulebook")
check("GET /rulebook: id, version, sha256", st == 200 and {k: json.loads(data)[k] for k in ("id", "version", "sha256")} ==
      {k: rb[k] for k in ("id", "version", "sha256")}, data)
for path in ("/healthz", "/readyz"):
    st, h, data = call(c, "GET", path)
    check("GET %s: 200" % path, st == 200, data)

# --- every sample through /screen, byte for byte the CLI's --format json
mismatch = []
for f in samples + fhir_samples:
    with open(f, "rb") as fh:
        body = fh.read()
    st, h, data = call(c, "POST", "/screen", body, {"Content-Type": content_type(f)})
    rc, out, err = cli("screen", "--format", "json", f)
    screened += 1
    if st != 200 or data != out or not h.get("content-type", "").startswith("application/json"):
        mismatch.append("%s: status %s, %d vs %d bytes" % (os.path.basename(f), st, len(data), len(out)))
check("every sample: POST /screen equals `candidacy screen --format json` byte for byte", not mismatch, "\n".join(mismatch))

f = os.path.join(SAMPLES, "06-review-bp-maoi.yaml")
st, h, data = call(c, "POST", "/screen", open(f, "rb").read(), {"Content-Type": "text/yaml; charset=utf-8"})
screened += 1
check("a Content-Type with parameters is read", st == 200, data)
st, h, data = call(c, "POST", "/screen?format=html", open(f, "rb").read(), {"Content-Type": "application/yaml"})
screened += 1
rc, out, _ = cli("screen", "--format", "html", "--now", "2000-01-01T00:00:00Z", f)
stamp = re.search(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data)
check("POST /screen?format=html: the CLI's printable report (but the time)",
      st == 200 and h.get("content-type", "").startswith("text/html") and stamp is not None
      and data.replace(stamp.group(0), b"2000-01-01T00:00:00Z") == out, data[:300])

if shutil.which("curl"):
    t0 = time.time()
    p = subprocess.run(["curl", "-s", "--max-time", "10", "-H", "Expect: 100-continue", "-H", "Content-Type: application/yaml",
                        "--data-binary", "@" + f, "http://127.0.0.1:%d/screen" % s.port], capture_output=True, timeout=20)
    elapsed = time.time() - t0  # curl waits 1 s for a 100 Continue that does not come
    screened += 1
    check("curl with Expect: 100-continue is answered at once", p.stdout == cli("screen", "--format", "json", f)[1] and elapsed < 0.9,
          "%.2fs %r" % (elapsed, p.stdout[:200]))

# --- the desk (docs/desk.md) and the API it is built on
import urllib.parse
st, h, data = call(c, "GET", "/")
csp = h.get("content-security-policy", "")
check("GET /: the desk's page with a strict Content-Security-Policy",
      st == 200 and h.get("content-type", "").startswith("text/html") and b"desk.js" in data
      and "default-src 'none'" in csp and "unsafe" not in csp, (st, h))
for name in ("desk.js", "form.js", "result.js", "dom.js", "desk.css", "favicon.svg"):
    st, h, data = call(c, "GET", "/" + name)
    check("GET /%s: the file of desk/ byte for byte" % name, st == 200 and data == open(os.path.join(SOURCE, "desk", name), "rb").read(), st)
st, h, data = call(c, "GET", "/questionnaire")
check("GET /questionnaire equals `candidacy questionnaire` byte for byte",
      st == 200 and data == cli("questionnaire")[1] and h.get("content-type") == "application/fhir+json", (st, data[:200]))
mismatch = []
for f in samples + fhir_samples:
    body = open(f, "rb").read()
    st, h, data = call(c, "POST", "/questions", body, {"Content-Type": content_type(f)})
    rc, out, err = cli("questions", "--for", f, "--format", "json")
    if st != 200 or data != out:
        mismatch.append("%s: status %s, %d vs %d bytes" % (os.path.basename(f), st, len(data), len(out)))
check("every sample: POST /questions equals `candidacy questions --for FILE --format json` byte for byte", not mismatch, "\n".join(mismatch))
mismatch = []
for f in samples + fhir_samples:
    st, h, data = call(c, "POST", "/answers", open(f, "rb").read(), {"Content-Type": content_type(f)})
    if st != 200:
        mismatch.append("%s: status %s %r" % (os.path.basename(f), st, data[:200]))
        continue
    answers = json.loads(data)
    rebuilt = {"id": answers["id"]}  # the answers back as a JSON questionnaire, nested by their dots
    for a in answers["answers"]:
        q = next(x for x in questions_all if x["id"] == a["question"])
        v = None if a.get("passed") else a["values"] if q["type"].startswith("list_of") else a["values"][0]
        if v is not None and q["type"] == "integer": v = int(v)
        if v is not None and q["type"] == "number": v = float(v)
        if v is not None and q["type"] == "boolean": v = {"true": True, "false": False}[v]
        *groups, leaf = a["question"].split(".")
        at = rebuilt
        for g in groups: at = at.setdefault(g, {})
        at[leaf] = v
    st2, h2, data2 = call(c, "POST", "/screen", rebuilt)
    screened += 1
    want = json.loads(cli("screen", "--format", "json", f)[1])
    got = json.loads(data2) if st2 == 200 else {}
    if {k: got.get(k) for k in ("id", "outcome", "score", "flags", "medications")} != {k: want.get(k) for k in ("id", "outcome", "score", "flags", "medications")}:
        mismatch.append("%s: the answers do not screen as the file: %s" % (os.path.basename(f), data2[:300]))
check("every sample: POST /answers gives answers that screen as the file does", not mismatch, "\n".join(mismatch))
st, h, data = call(c, "POST", "/answers", open(os.path.join(SOURCE, "tests", "bad_questionnaires", "age-121.yaml"), "rb").read(),
                   {"Content-Type": "application/yaml"})
check("POST /answers of a file that does not read: 422 with diagnostics", st == 422 and json.loads(data).get("diagnostics"), data)
report_doc = {"id": "desk-report-probe", "patient": {"age": 17}}
form = urllib.parse.urlencode({"questionnaire": json.dumps(report_doc)})
st, h, data = call(c, "POST", "/report", form, {"Content-Type": "application/x-www-form-urlencoded"})
screened += 1
probe = os.path.join(TMP, "report-probe.json")
with open(probe, "w") as out:
    json.dump(report_doc, out)
rc, out, _ = cli("screen", "--format", "html", "--now", "2000-01-01T00:00:00Z", probe)
stamp = re.search(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data)
check("POST /report (a form post): the CLI's printable report (but the time), with its own policy and no-store",
      st == 200 and stamp is not None and data.replace(stamp.group(0), b"2000-01-01T00:00:00Z") == out
      and "script" not in h.get("content-security-policy", "x script") and h.get("cache-control") == "no-store", (st, h, data[:300]))
st, h, data = call(c, "POST", "/report", "questionnaire=%zz", {"Content-Type": "application/x-www-form-urlencoded"})
check("POST /report with a malformed form: 400", st == 400, (st, data))

# --- errors
bad = os.path.join(SOURCE, "tests", "bad_questionnaires", "age-121.yaml")
st, h, data = call(c, "POST", "/screen", open(bad, "rb").read(), {"Content-Type": "application/yaml"})
rc, out, err = cli("screen", "--format", "json", bad)
j = json.loads(data) if data.startswith(b"{") else {}
check("an invalid questionnaire: 422 with the CLI's diagnostics as JSON",
      st == 422 and j.get("error") == "questionnaire-invalid" and j.get("diagnostics") and
      j.get("text", "").replace("<request>", bad) in err.decode(), data)
st, h, data = call(c, "POST", "/screen", "id: x", {"Content-Type": "text/plain"})
check("POST /screen text/plain: 415 naming Content-Type", st == 415 and json.loads(data).get("field") == "Content-Type", data)
st, h, data = call(c, "POST", "/screen?format=xml", "id: x", {"Content-Type": "application/yaml"})
check("POST /screen?format=xml: 400 naming format", st == 400 and json.loads(data).get("field") == "format", data)
st, h, data = call(c, "GET", "/nowhere")
check("an unknown path: 404", st == 404 and json.loads(data)["error"] == "not-found", data)
st, h, data = call(c, "GET", "/screen")
check("GET /screen: 405 with Allow: POST", st == 405 and h.get("allow") == "POST", (st, h))
st, h, data = call(c, "DELETE", "/cds-services")
check("DELETE /cds-services: 405", st == 405, st)
big = b"id: x\n" + b"#" * (1 << 20)
try:
    st, h, data = call(c, "POST", "/screen", big, {"Content-Type": "application/yaml"})
except (ConnectionError, http.client.HTTPException) as e:
    st, data = str(e), b""
check("a body past 1 MiB: 413", st == 413 and json.loads(data)["error"] == "too-large", (st, data[:200]))
c.close()
c = s.conn()
raw = socket.create_connection(("127.0.0.1", s.port), timeout=10)
raw.sendall(b"POST /screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: 99999999\r\n\r\n")
reply = raw.recv(65536)
raw.close()
check("a Content-Length past the cap: 413 before the body is read", reply.startswith(b"HTTP/1.1 413"), reply[:200])
raw = socket.create_connection(("127.0.0.1", s.port), timeout=10)
raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
reply = raw.recv(65536)
raw.close()
check("headers past 16 KiB: 431", reply.startswith(b"HTTP/1.1 431"), reply[:200])
raw = socket.create_connection(("127.0.0.1", s.port), timeout=10)
raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
reply = raw.recv(65536)
raw.close()
check("a request that is not HTTP: 400", reply.startswith(b"HTTP/1.1 400"), reply[:200])

# --- CDS Hooks: one call per FHIR sample, the cards of --format cds-hooks
mismatch = []
instances = []
for f in fhir_samples:
    resource = json.load(open(f, encoding="utf-8"))
    inst = str(uuid.uuid4())
    instances.append(inst)
    st, h, data = call(c, "POST", HOOK, hook_body(resource, instance=inst))
    screened += 1
    rc, out, _ = cli("screen", "--format", "cds-hooks", f)
    if st != 200 or json.loads(data) != json.loads(out):
        mismatch.append("%s: %s %s" % (os.path.basename(f), st, data[:300]))
check("a CDS Hooks call per FHIR sample: the cards of `screen --format cds-hooks`", not mismatch, "\n".join(mismatch))
resource = json.load(open(fhir_samples[0], encoding="utf-8"))
rc, expected, _ = cli("screen", "--format", "cds-hooks", fhir_samples[0])
bundle = {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": resource}]}
st, h, data = call(c, "POST", HOOK, hook_body(bundle, hook="order-select"))
screened += 1
check("order-select with the prefetch as a searchset Bundle", st == 200 and json.loads(data) == json.loads(expected), data[:300])


def no_outcome(data, want):
    cards = json.loads(data).get("cards", [])
    return (len(cards) >= 2 and cards[0]["summary"].startswith("No usable intake questionnaire") and want in cards[0]["detail"]
            and cards[1]["summary"].startswith("Incomplete: ask") and not any(x["summary"].startswith("Eligible") for x in cards))


st, h, data = call(c, "POST", HOOK, hook_body(None))
check("no prefetch: a card to ask the questions, incomplete, never eligible", st == 200 and no_outcome(data, "no QuestionnaireResponse"), data[:600])
st, h, data = call(c, "POST", HOOK, hook_body({"resourceType": "Patient", "id": "1"}))
check("a Patient in place of the QuestionnaireResponse: the same", st == 200 and no_outcome(data, "not a QuestionnaireResponse"), data[:600])
broken = json.loads(json.dumps(resource))
broken["item"] = [{"linkId": "patient.age", "answer": [{"valueString": "very old"}]}]
st, h, data = call(c, "POST", HOOK, hook_body(broken))
check("an unreadable QuestionnaireResponse: the same, with the error codes", st == 200 and no_outcome(data, "cannot be read ("), data[:600])

good = hook_body(resource)
cases = [
    ("not JSON", "{", "(body)"),
    ("an array", [], "(body)"),
    ("no hook", {k: v for k, v in good.items() if k != "hook"}, "hook"),
    ("another hook", dict(good, hook="encounter-start"), "hook"),
    ("no hookInstance", {k: v for k, v in good.items() if k != "hookInstance"}, "hookInstance"),
    ("no context", {k: v for k, v in good.items() if k != "context"}, "context"),
    ("no patientId", dict(good, context={"userId": "Practitioner/1"}), "context.patientId"),
    ("order-select without selections", dict(good, hook="order-select"), "context.selections"),
    ("prefetch a list", dict(good, prefetch=[]), "prefetch"),
    ("fhirServer a number", dict(good, fhirServer=5), "fhirServer"),
    ("nested 100 deep", "[" * 100 + "]" * 100, "(body)"),
]
for name, body, field in cases:
    st, h, data = call(c, "POST", HOOK, body, {"Content-Type": "application/json"})
    j = json.loads(data) if data.startswith(b"{") else {}
    check("hook call, %s: 400 naming %s" % (name, field), st == 400 and j.get("field") == field, data)

# --- feedback
fb = {"feedback": [{"card": str(uuid.uuid4()), "outcome": "accepted", "acceptedSuggestions": [], "outcomeTimestamp": "2026-12-06T20:00:00Z"},
                   {"card": str(uuid.uuid4()), "outcome": "overridden", "outcomeTimestamp": "2026-12-06T20:01:00Z",
                    "overrideReason": {"reason": {"code": "patient-declined", "system": "https://example.org/reasons"},
                                       "userComment": "FREE TEXT NOT KEPT"}}]}
st, h, data = call(c, "POST", HOOK + "/feedback", fb)
check("feedback: 200", st == 200, data)
for name, body, field in [("no feedback", {}, "feedback"), ("bad outcome", {"feedback": [dict(fb["feedback"][0], outcome="maybe")]}, "feedback[].outcome"),
                          ("no card", {"feedback": [{"outcome": "accepted", "outcomeTimestamp": "x"}]}, "feedback[].card")]:
    st, h, data = call(c, "POST", HOOK + "/feedback", body)
    check("feedback, %s: 400 naming %s" % (name, field), st == 400 and json.loads(data).get("field") == field, data)

# --- metrics
st, h, data = call(c, "GET", "/metrics")
text = data.decode()
check("/metrics: Prometheus text with requests, a latency histogram, outcomes and errors",
      st == 200 and h.get("content-type", "").startswith("text/plain") and
      re.search(r'candidacy_http_requests_total\{endpoint="screen",code="200"\} \d+', text) and
      'candidacy_http_request_duration_seconds_bucket{endpoint="screen",le="+Inf"}' in text and
      re.search(r'candidacy_screenings_total\{outcome="needs_review"\} [1-9]', text) and
      re.search(r'candidacy_errors_total\{kind="too-large"\} [1-9]', text), text[:2000])
c.close()

rc = s.stop()
check("SIGTERM: exit 0", rc == 0, "".join(s.log))
log = "".join(s.log)
check("the log at trace level has the screenings' ids", "screened questionnaire sample-06-review-bp-maoi" in log, log[:2000])
check("no patient data in the log (answers, medications, comments, tokens)",
      all(word not in log for word in ("FREE TEXT", "Phenelzine", "phenelzine", "very old", "Bearer", "1288992", "Practitioner")), log)
lines = open(audit, encoding="utf-8").read().splitlines()
records = [json.loads(l) for l in lines]
scr = [r for r in records if "outcome" in r]
fbk = [r for r in records if "feedback" in r]
check("the audit trail: a start record, one record per screening, one per feedback item",
      "start" in records[0] and len(scr) == screened and len(fbk) == 2, "%d screenings recorded, %d screened, %d feedback" % (len(scr), screened, len(fbk)))
check("hook calls' records carry the hookInstance", all(i in [r.get("hook_instance") for r in scr] for i in instances))
check("feedback records: card, outcome and the reason code, not the comment",
      fbk[1]["feedback"]["override_reason"]["code"] == "patient-declined" and "FREE TEXT" not in open(audit).read(), fbk)
rc, out, err = cli("audit", "verify", audit)
check("audit verify accepts the trail", rc == 0, out + err)

# --- timeouts and the keep-alive limit
s = Server("--header-timeout", "1", "--idle-timeout", "1", "--body-timeout", "1", "--max-requests-per-connection", "3")
c = s.conn()
closes = [call(c, "GET", "/healthz")[1].get("connection", "keep-alive").lower() for _ in range(3)]
check("keep-alive limit: the 3rd response closes the connection", closes[:2] != ["close", "close"] and closes[2] == "close", closes)
c.close()


def closed_within(payload, seconds):
    k = socket.create_connection(("127.0.0.1", s.port), timeout=10)
    k.sendall(payload)
    t0 = time.time()
    try:
        data = k.recv(65536)
        while data and not data.endswith(b"}\n"):
            data += k.recv(65536)
    except OSError:
        data = b""
    k.close()
    return time.time() - t0 < seconds, data


ok, data = closed_within(b"GET /healthz HTTP/1.1\r\nHost: x", 5)
check("header timeout: a request whose headers never end is dropped", ok and data == b"", data[:200])
ok, data = closed_within(b"POST /screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: 100\r\n\r\nid: x", 5)
check("body timeout: a body that never ends is dropped", ok and data == b"", data[:200])
k = socket.create_connection(("127.0.0.1", s.port), timeout=10)
k.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
first = k.recv(65536)
t0 = time.time()
try:
    rest = k.recv(65536)
except OSError:
    rest = b""
check("idle timeout: an idle keep-alive connection is closed", first.startswith(b"HTTP/1.1 200") and rest == b"" and time.time() - t0 < 5)
k.close()
check("timeouts: SIGTERM exits 0", s.stop() == 0)

# --- SIGTERM with 50 requests in flight
audit2 = os.path.join(TMP, "audit2.jsonl")
s = Server("--audit", audit2, "--threads", "2")
body = open(os.path.join(SAMPLES, "08-review-polypharmacy.yaml"), "rb").read()
rc, expected, _ = cli("screen", "--format", "json", os.path.join(SAMPLES, "08-review-polypharmacy.yaml"))
head = b"POST /screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: %d\r\n\r\n" % len(body)
socks = []
for i in range(50):
    k = socket.create_connection(("127.0.0.1", s.port), timeout=20)
    k.sendall(head + body[:-1])
    socks.append(k)
idle = socket.create_connection(("127.0.0.1", s.port), timeout=20)
time.sleep(0.5)
s.proc.send_signal(signal.SIGTERM)
time.sleep(0.5)
refused = False
try:
    socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
except OSError:
    refused = True
check("after SIGTERM no new connection is accepted", refused)
answers = []
for k in socks:
    k.sendall(body[-1:])
for k in socks:
    reply = b""
    try:
        while True:
            chunk = k.recv(65536)
            if not chunk:
                break
            reply += chunk
    except OSError:
        pass
    k.close()
    answers.append(reply)
ok = [a for a in answers if a.startswith(b"HTTP/1.1 200") and a.endswith(expected)]
check("all 50 requests in flight answered in full", len(ok) == 50, "%d of 50; first: %r" % (len(ok), answers[0][:300]))
try:
    closed = idle.recv(10) == b""
except OSError:
    closed = True
check("an idle keep-alive connection is closed", closed)
try:
    rc = s.proc.wait(timeout=30)
except subprocess.TimeoutExpired:
    s.proc.kill()
    rc = "hung"
check("then exits 0", rc == 0, "".join(s.log))
lines2 = open(audit2, encoding="utf-8").read().splitlines()
check("audit lines equal to requests (and the start record)", len(lines2) == 51, len(lines2))

# --- TLS
cert, key = os.path.join(TMP, "cert.pem"), os.path.join(TMP, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=60)
s = Server("--tls-cert", cert, "--tls-key", key)
check("TLS: the startup line says so", "(TLS)" in s.startup, s.startup)
ctx = ssl.create_default_context(cafile=cert)
c = s.conn(ctx)
st, h, data = call(c, "GET", "/healthz")
check("TLS: GET /healthz over HTTPS", st == 200, data)
f = os.path.join(SAMPLES, "06-review-bp-maoi.yaml")
st, h, data = call(c, "POST", "/screen", open(f, "rb").read(), {"Content-Type": "application/yaml"})
check("TLS: /screen equals the CLI", st == 200 and data == cli("screen", "--format", "json", f)[1])
c.close()
try:
    p = s.conn()
    call(p, "GET", "/healthz")
    plain = False
except Exception:
    plain = True
check("TLS: plain HTTP is not answered", plain)
check("TLS: SIGTERM exits 0", s.stop() == 0, "".join(s.log))


# --- JWT (RS384 and ES384)
def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


rsa, ec, other = (os.path.join(TMP, n) for n in ("rsa.pem", "ec.pem", "other.pem"))
subprocess.run(["openssl", "genrsa", "-out", rsa, "2048"], check=True, capture_output=True, timeout=60)
subprocess.run(["openssl", "genrsa", "-out", other, "2048"], check=True, capture_output=True, timeout=60)
subprocess.run(["openssl", "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", ec], check=True, capture_output=True, timeout=60)
modulus = subprocess.run(["openssl", "rsa", "-in", rsa, "-noout", "-modulus"], check=True, capture_output=True, text=True).stdout
n = bytes.fromhex(modulus.strip().split("=", 1)[1])
der = subprocess.run(["openssl", "ec", "-in", ec, "-pubout", "-outform", "DER"], check=True, capture_output=True).stdout
point = der[-97:]
jwks = {"keys": [{"kty": "RSA", "kid": "rsa-1", "alg": "RS384", "use": "sig", "n": b64(n), "e": "AQAB"},
                 {"kty": "EC", "kid": "ec-1", "alg": "ES384", "use": "sig", "crv": "P-384", "x": b64(point[1:49]), "y": b64(point[49:])}]}
jwks_file = os.path.join(TMP, "jwks.json")
json.dump(jwks, open(jwks_file, "w"))


def der_to_raw(sig):
    # SEQUENCE { INTEGER r, INTEGER s } -> r || s, 48 bytes each
    i = 2 if sig[1] < 0x80 else 2 + (sig[1] & 0x7f)
    out = b""
    for _ in range(2):
        assert sig[i] == 0x02
        ln = sig[i + 1]
        v = sig[i + 2:i + 2 + ln]
        out += v.lstrip(b"\x00").rjust(48, b"\x00")
        i += 2 + ln
    return out


def token(aud, exp_delta=300, alg="RS384", keyfile=None, kid=None, drop=None):
    header = {"alg": alg, "typ": "JWT", "kid": kid or ("rsa-1" if alg == "RS384" else "ec-1")}
    claims = {"iss": "https://ehr.example", "aud": aud, "exp": int(time.time()) + exp_delta, "iat": int(time.time()), "jti": str(uuid.uuid4())}
    if drop:
        claims.pop(drop)
    signing = (b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())).encode()
    keyfile = keyfile or (rsa if alg == "RS384" else ec)
    sig = subprocess.run(["openssl", "dgst", "-sha384", "-sign", keyfile], input=signing, check=True, capture_output=True).stdout
    if alg == "ES384":
        sig = der_to_raw(sig)
    return signing.decode() + "." + b64(sig)


s = Server("--jwks", jwks_file)
c = s.conn()
aud = "http://127.0.0.1:%d%s" % (s.port, HOOK)
body = hook_body(resource)
for name, tok in [("RS384", token(aud)), ("ES384", token(aud, alg="ES384"))]:
    st, h, data = call(c, "POST", HOOK, body, {"Authorization": "Bearer " + tok})
    check("JWT %s: a good token is served" % name, st == 200, data[:300])
st, h, data = call(c, "POST", HOOK + "/feedback", fb, {"Authorization": "Bearer " + token(aud + "/feedback")})
check("JWT: feedback with its own audience", st == 200, data)
bad_tokens = [
    ("no token", None),
    ("expired", token(aud, exp_delta=-120)),
    ("wrong aud", token("https://elsewhere.example" + HOOK)),
    ("signed by another key", token(aud, keyfile=other)),
    ("a changed signature", token(aud)[:-4] + "AAAA"),
    ("no jti", token(aud, drop="jti")),
    ("no iss", token(aud, drop="iss")),
    ("no exp", token(aud, drop="exp")),
    ("alg none", b64(b'{"alg":"none"}') + "." + b64(json.dumps({"iss": "x", "aud": aud, "exp": time.time() + 300, "jti": "1"}).encode()) + "."),
    ("not a JWT", "abc"),
]
for name, tok in bad_tokens:
    st, h, data = call(c, "POST", HOOK, body, {"Authorization": "Bearer " + tok} if tok else {})
    check("JWT, %s: 401" % name, st == 401 and h.get("www-authenticate", "").startswith("Bearer"), (st, data))
st, h, data = call(c, "GET", "/cds-services")
check("JWT: discovery needs no token", st == 200)
c.close()
check("JWT: SIGTERM exits 0", s.stop() == 0, "".join(s.log))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
