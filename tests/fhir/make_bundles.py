#!/usr/bin/env python3
"""Writes the FHIR Bundle fixtures of tests/fhir/ (README.md there says what
each is): bundles/*.json with bundles/EXPECTED (file, outcome, flags), and
bad/*.json with bad/EXPECTED (file, the located message expected). Each
Bundle is built from samples/fhir/01-eligible-trd.json (the questionnaire)
and from the HL7 FHIR R4 example resources in hl7/. Run it from anywhere;
it rewrites the fixtures byte for byte (sorted keys, two-space indent)."""
import copy, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = sys.argv[sys.argv.index("--root") + 1] if "--root" in sys.argv else os.path.dirname(os.path.dirname(HERE))
QR = json.load(open(os.path.join(ROOT, "samples/fhir/01-eligible-trd.json")))
LOINC, SNOMED, ICD, RXNORM = "http://loinc.org", "http://snomed.info/sct", "http://hl7.org/fhir/sid/icd-10-cm", "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
TODAY = "2026-12-06"  # the questionnaire's authored date: the screening date


def hl7(name):
    return json.load(open(os.path.join(HERE, "hl7", name)))


def qr(drop=(), set_=None, qid=None):
    """The sample questionnaire without the items in `drop` (dotted ids), with `set_` answers replaced."""
    q = copy.deepcopy(QR)
    if qid:
        q["id"] = qid
    def walk(items, prefix):
        out = []
        for it in items:
            full = it["linkId"] if not prefix else prefix + "." + it["linkId"]
            if full in drop:
                continue
            if set_ and full in set_:
                it["answer"] = set_[full]
            if "item" in it:
                it["item"] = walk(it["item"], full)
            out.append(it)
        return out
    q["item"] = walk(q["item"], "")
    return q


def qty(v, unit, code):
    return {"value": v, "unit": unit, "system": UCUM, "code": code}


def obs(oid, code, value=None, unit=None, ucum=None, day=TODAY, status="final", components=None):
    o = {"resourceType": "Observation", "id": oid, "status": status,
         "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
         "code": {"coding": [{"system": LOINC, "code": code}]}, "subject": {"reference": "Patient/p1"},
         "effectiveDateTime": day}
    if value is not None:
        o["valueQuantity"] = qty(value, unit, ucum)
    if components:
        o["component"] = [{"code": {"coding": [{"system": LOINC, "code": c}]}, "valueQuantity": qty(v, "mmHg", "mm[Hg]")} for c, v in components]
    return o


def bp(oid, sys_, dia, day=TODAY):
    return obs(oid, "85354-9", day=day, components=[("8480-6", sys_), ("8462-4", dia)])


def cond(cid, system, code, display, clinical="active", verification="confirmed"):
    c = {"resourceType": "Condition", "id": cid, "code": {"coding": [{"system": system, "code": code, "display": display}]},
         "subject": {"reference": "Patient/p1"}}
    if clinical:
        c["clinicalStatus"] = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": clinical}]}
    if verification:
        c["verificationStatus"] = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": verification}]}
    return c


def medstmt(mid, coding=None, text=None, status="active", kind="MedicationStatement"):
    m = {"resourceType": kind, "id": mid, "status": status, "subject": {"reference": "Patient/p1"}}
    if kind == "MedicationRequest":
        m["intent"] = "order"
    concept = {}
    if coding:
        concept["coding"] = [coding]
    if text:
        concept["text"] = text
    m["medicationCodeableConcept"] = concept
    return m


def patient(birth=None, gender=None):
    p = {"resourceType": "Patient", "id": "p1"}
    if gender:
        p["gender"] = gender
    if birth:
        p["birthDate"] = birth
    return p


def bundle(bid, resources, type_="collection", timestamp=None):
    b = {"resourceType": "Bundle", "id": bid, "type": type_}
    if timestamp:
        b["timestamp"] = timestamp
    entries = []
    for r in resources:
        e = {"fullUrl": "urn:uuid:%s-%s" % (bid, r.get("id", "x")), "resource": r}
        if type_ == "transaction":
            e["request"] = {"method": "PUT", "url": "%s/%s" % (r["resourceType"], r.get("id", ""))}
        if type_ == "searchset":
            e["search"] = {"mode": "match"}
        entries.append(e)
    b["entry"] = entries
    return b


VITALS = ["vitals.systolic_bp", "vitals.diastolic_bp", "vitals.heart_rate", "vitals.spo2"]
BUNDLES = []  # (file, bundle, outcome, flags that must fire, what it shows)


def add(name, b, outcome, flags, what):
    BUNDLES.append((name, b, outcome, flags, what))


add("b01-collection-questionnaire-only", bundle("b01", [qr(qid="b01")]), "eligible", [],
    "collection; the QuestionnaireResponse as an entry, nothing else: screens as samples/01")
doc = {"resourceType": "Composition", "id": "comp1", "status": "final", "type": {"text": "intake"}, "title": "Ketamine intake",
       "contained": [qr(qid="b02")]}
add("b02-document-contained", bundle("b02", [doc], "document"), "eligible", [],
    "document; the QuestionnaireResponse contained in the Composition")
add("b03-transaction-vitals-patient",
    bundle("b03", [qr(drop=VITALS + ["patient.age", "patient.weight_kg", "patient.height_cm"], qid="b03"), patient("1988-05-01", "female"),
                   bp("bp1", 118, 76), obs("hr1", "8867-4", 68, "beats/min", "/min"), obs("sp1", "59408-5", 98, "%", "%"),
                   obs("wt1", "29463-7", 68.4, "kg", "kg"), obs("ht1", "8302-2", 167, "cm", "cm")], "transaction"),
    "eligible", [], "transaction; age from Patient.birthDate (38 on 2026-12-06), every vital from a LOINC Observation, BP panel components")
add("b04-bp-disagree-higher-wins",
    bundle("b04", [qr(qid="b04"), bp("bp1", 184, 104, "2026-12-05")], "searchset"),
    "ineligible", ["EX-06"], "questionnaire 118/76, Observation 184/104 the day before: the higher reading is used (EX-06); both shown")
add("b05-stale-bp-not-used",
    bundle("b05", [qr(drop=["vitals.systolic_bp", "vitals.diastolic_bp"], qid="b05"), bp("bp1", 120, 80, "2026-10-01")]),
    "incomplete", [], "the only blood pressure is 66 days old: stale, not used, so the BP questions are missing")
add("b06-stale-ignored-questionnaire-used",
    bundle("b06", [qr(qid="b06"), bp("bp1", 190, 110, "2026-09-01")]),
    "eligible", [], "a stale 190/110 does not override the questionnaire's 118/76 (reported as not used)")
add("b07-schizophrenia-snomed-disagree",
    bundle("b07", [qr(qid="b07"), cond("c1", SNOMED, "58214004", "Schizophrenia")]),
    "ineligible", ["EX-03"], "the patient says no psychosis, the problem list has schizophrenia (SNOMED CT): yes wins (EX-03)")
add("b08-pregnancy-icd10",
    bundle("b08", [qr(qid="b08"), cond("c1", ICD, "Z33.1", "Pregnant state, incidental")]),
    "ineligible", ["EX-02"], "ICD-10-CM Z33.1 answers patient.pregnant yes against the questionnaire's no (EX-02)")
add("b09-conditions-not-active-or-unconfirmed",
    bundle("b09", [qr(qid="b09"), cond("c1", SNOMED, "23986001", "Glaucoma", clinical="resolved"),
                   cond("c2", ICD, "H40.11", "Primary open-angle glaucoma", verification="provisional"),
                   cond("c3", SNOMED, "58214004", "Schizophrenia", verification=None)]),
    "eligible", [], "resolved, provisional and unverified Conditions are not used (reported)")
add("b10-glaucoma-icd10-child-code",
    bundle("b10", [qr(drop=["history.glaucoma"], qid="b10"), cond("c1", ICD, "H40.1131", "Primary open-angle glaucoma, bilateral, mild stage")]),
    "needs_review", ["RV-06"], "ICD-10-CM H40.1131 is under H40: answers history.glaucoma, which the questionnaire left out (RV-06)")
add("b11-rxnorm-ingredient",
    bundle("b11", [qr(qid="b11"), medstmt("m1", {"system": RXNORM, "code": "596"})]),
    "eligible_with_precautions", ["IX-01"], "MedicationStatement coded RxNorm 596 only: alprazolam, a benzodiazepine (IX-01)")
med = {"resourceType": "Medication", "id": "oxy", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "0000-0000-00"}],
                                                              "text": "Oxycodone 5 mg tablet"}}
mr = {"resourceType": "MedicationRequest", "id": "m2", "status": "active", "intent": "order",
      "medicationReference": {"reference": "Medication/oxy"}, "subject": {"reference": "Patient/p1"}}
add("b12-referenced-medication-text",
    bundle("b12", [qr(qid="b12"), medstmt("m1", {"system": RXNORM, "code": "6470"}), mr, med]),
    "needs_review", ["IX-05", "IX-06"], "lorazepam by RxCUI; a MedicationRequest whose referenced Medication has only text: oxycodone (IX-06)")
add("b13-unrecognised-code",
    bundle("b13", [qr(qid="b13"), medstmt("m1", {"system": "http://hl7.org/fhir/sid/ndc", "code": "12345-678-90"})]),
    "needs_review", [], "a medication coded only in NDC, with no name: kept as 'code 12345-678-90', not recognised (needs review)")
add("b14-inactive-medication",
    bundle("b14", [qr(qid="b14"), medstmt("m1", {"system": RXNORM, "code": "6470"}, status="stopped"),
                   medstmt("m2", {"system": RXNORM, "code": "7804"}, status="cancelled", kind="MedicationRequest")]),
    "eligible", [], "a stopped MedicationStatement and a cancelled MedicationRequest are not used (reported)")
add("b15-age-from-birthdate",
    bundle("b15", [qr(drop=["patient.age"], qid="b15"), patient("2009-12-07", "female")]),
    "ineligible", ["EX-01"], "born 2009-12-07: 16 on 2026-12-06, one day before the 17th birthday (EX-01)")
add("b16-age-disagree-neither",
    bundle("b16", [qr(qid="b16"), patient("1956-01-15", "female")]),
    "incomplete", [], "questionnaire 38, Patient.birthDate 70: no safer side, left unanswered; both shown")
add("b17-heart-failure-enum",
    bundle("b17", [qr(qid="b17"), cond("c1", ICD, "I50.9", "Heart failure, unspecified")]),
    "needs_review", ["RV-19"], "I50.9 answers history.heart_failure compensated against none: the more severe value (RV-19)")
add("b18-spo2-lower-wins",
    bundle("b18", [qr(qid="b18"), obs("sp1", "2708-6", 91, "%", "%")]),
    "needs_review", ["RV-03"], "questionnaire SpO2 98, Observation 2708-6 91 %: the lower reading is used (RV-03)")
add("b19-no-questionnaire",
    bundle("b19", [patient("1980-03-02", "male"), bp("bp1", 150, 95), cond("c1", SNOMED, "13746004", "Bipolar disorder")],
           timestamp="2026-12-06T08:00:00Z"),
    "incomplete", ["RV-01"], "no QuestionnaireResponse: the id from Bundle.id, the date from Bundle.timestamp; what the EHR knows is used")
add("b20-unit-not-converted",
    bundle("b20", [qr(drop=["patient.weight_kg"], qid="b20"), obs("wt1", "29463-7", 150, "lb", "[lb_av]")]),
    "incomplete", [], "a weight in [lb_av] is not converted: not used, so patient.weight_kg is missing")
add("b22-substance-use-active-icd10",
    bundle("b22", [qr(qid="b22"), cond("c1", ICD, "F10.20", "Alcohol dependence, uncomplicated")]),
    "ineligible", ["EX-13"], "F10.20 (under F10) answers history.substance_use active against none: the more severe value (EX-13)")
add("b23-substance-use-remission-longest-code",
    bundle("b23", [qr(qid="b23"), cond("c1", ICD, "F11.21", "Opioid dependence, in remission")]),
    "needs_review", ["RV-11"], "F11.21 is listed under remission and is longer than F11 (active): remission (RV-11)")
add("b24-nicotine-not-substance-use",
    bundle("b24", [qr(qid="b24"), cond("c1", ICD, "F17.210", "Nicotine dependence, cigarettes, uncomplicated")]),
    "eligible", [], "F17 (nicotine) is in no value set: the questionnaire's none stands")
add("b27-bipolar-current-manic-icd10",
    bundle("b27", [qr(qid="b27"), cond("c1", ICD, "F31.11", "Bipolar disorder, current episode manic without psychotic features, mild")]),
    "ineligible", ["EX-04"], "F31.11 answers history.bipolar (F31) and history.recent_mania (F31.1) yes against the questionnaire's no: EX-04")
def allergy(aid, text, clinical="active", verification="confirmed"):
    a = {"resourceType": "AllergyIntolerance", "id": aid,
         "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": clinical}]},
         "code": {"text": text}, "patient": {"reference": "Patient/p1"}}
    if verification:
        a["verificationStatus"] = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "code": verification}]}
    return a


add("b28-ketamine-allergy",
    bundle("b28", [qr(qid="b28"), allergy("a1", "Ketamine hydrochloride")]),
    "ineligible", ["EX-05"], "an active, confirmed AllergyIntolerance named 'Ketamine hydrochloride' answers history.ketamine_allergy yes against the questionnaire's no: EX-05")
add("b29-allergies-not-used",
    bundle("b29", [qr(qid="b29"), allergy("a1", "ketamine", verification="refuted"), allergy("a2", "Spravato", clinical="resolved"),
                   allergy("a3", "Penicillin")]),
    "eligible", [], "a refuted and a resolved ketamine allergy are not used, and a penicillin allergy is in no mapping: each reported, the questionnaire's no stands")
add("b25-rxnorm-maoi-code-only",
    bundle("b25", [qr(qid="b25"), medstmt("m1", {"system": RXNORM, "code": "10734"}, kind="MedicationRequest")]),
    "needs_review", ["IX-03"], "a MedicationRequest coded RxNorm 10734 only, no name: tranylcypromine, an MAOI (IX-03)")
add("b26-rxnorm-mirtazapine-code-only",
    bundle("b26", [qr(qid="b26"), medstmt("m1", {"system": RXNORM, "code": "15996"})]),
    "eligible", [], "RxNorm 15996 only: mirtazapine, recognised and quiet (1.1.0 listed it as 30121, which is not mirtazapine)")

# The HL7 FHIR R4 examples, adapted (hl7/README.md): one Bundle with each.
ex_patient, ex_bp, ex_cond = hl7("patient-example.json"), hl7("observation-example-bloodpressure.json"), hl7("condition-example.json")
ex_ms, ex_mr = hl7("medicationstatementexample1.json"), hl7("medicationrequest0302.json")
ex_qr = qr(drop=["patient.age", "patient.sex"], qid="b21")
ex_qr["subject"] = {"reference": "Patient/example"}
add("b21-hl7-r4-examples",
    bundle("b21", [ex_qr, ex_patient, ex_bp, ex_cond, ex_ms, ex_mr]),
    "eligible_with_precautions", ["IX-12"], "the HL7 R4 examples: Patient (male, 51), a 2012 BP (stale), a burn of the ear (no value set), Tylenol PM (diphenhydramine: IX-12) and azithromycin by display")

BAD = []  # (file, document, expected message text)
b = bundle("x1", [qr(qid="x1")]); b["type"] = "history"
BAD.append(("bad-bundle-type", b, "error: Bundle type 'history' is not read; expected collection, searchset, transaction or document (at type) [bad-value]"))
b = bundle("x2", [qr(qid="x2")]); b["entry"].append(42)
BAD.append(("bad-entry-not-mapping", b, "error: expected a Bundle entry (a mapping with a resource), found a whole number (at entry[1]) [wrong-type]"))
o = obs("hr1", "8867-4", 68, "beats/min", "/min"); o["valueQuantity"]["value"] = "sixty-eight"
BAD.append(("bad-observation-value-text", bundle("x3", [qr(qid="x3"), o]),
            "error: Observation.valueQuantity.value expected a number, found text (Observation/hr1, at entry[1].resource.valueQuantity.value) [wrong-type]"))
o = bp("bp1", 120, 80); o["effectiveDateTime"] = "yesterday"
BAD.append(("bad-effective-date", bundle("x4", [qr(qid="x4"), o]),
            "error: 'yesterday' is not a FHIR date or dateTime (YYYY-MM-DD, optionally followed by a time) (Observation/bp1, at entry[1].resource.effectiveDateTime) [bad-value]"))
mr = {"resourceType": "MedicationRequest", "id": "m1", "status": "active", "intent": "order", "medicationReference": {"reference": "Medication/nowhere"}}
BAD.append(("bad-medication-reference", bundle("x5", [qr(qid="x5"), mr]),
            "error: medicationReference 'Medication/nowhere' names no Medication in this Bundle or the resource's contained (MedicationRequest/m1, at entry[1].resource.medicationReference.reference) [unknown-reference]"))
BAD.append(("bad-two-questionnaires", bundle("x6", [qr(qid="x6a"), qr(qid="x6b")]),
            "error: a second QuestionnaireResponse; a Bundle is one screening of one patient (the first is at entry[0].resource) (at entry[1].resource) [bad-value]"))
q = qr(qid="x7"); q["questionnaire"] = "http://example.org/Questionnaire/phq9|2.0"
BAD.append(("bad-questionnaire-canonical", bundle("x7", [q]),
            "error: the response answers Questionnaire 'http://example.org/Questionnaire/phq9|2.0', not this rulebook's 'urn:candidacy:ketamine-iv-adult|1.1.0' (at entry[0].resource.questionnaire) [bad-value]"))
BAD.append(("bad-no-screening-date", bundle("x8", [patient("1980-01-01", "male")]),
            "error: no screening date: the Bundle has a Patient birthDate or a vital-sign Observation but neither QuestionnaireResponse.authored nor Bundle.timestamp (ages and the staleness of Observations are counted from it) (at Bundle) [missing-key]"))
c = cond("c1", SNOMED, "58214004", "Schizophrenia"); c["code"]["coding"] = {"system": SNOMED, "code": "58214004"}
BAD.append(("bad-coding-not-list", bundle("x9", [qr(qid="x9"), c]),
            "error: Condition.code.coding expected a list of Codings, found a mapping (Condition/c1, at entry[1].resource.code.coding) [wrong-type]"))
BAD.append(("bad-two-patients", bundle("x10", [qr(qid="x10"), patient("1980-01-01", "male"), patient("1981-01-01", "female")]),
            "error: a second Patient; a Bundle is one screening of one patient (the first is at entry[1].resource) (at entry[2].resource) [bad-value]"))
BAD.append(("bad-resource-not-mapping", {"resourceType": "Bundle", "id": "x11", "type": "collection", "entry": [{"resource": [1, 2]}]},
            "error: expected a FHIR resource (a mapping with a resourceType), found a list (at entry[0].resource) [wrong-type]"))
q = qr(qid="x12"); q["authored"] = "last Tuesday"
BAD.append(("bad-authored-date", bundle("x12", [q, patient("1980-01-01", "male")]),
            "error: 'last Tuesday' is not a FHIR date or dateTime (YYYY-MM-DD, optionally followed by a time) (at QuestionnaireResponse/x12.authored) [bad-value]"))


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=False)
        f.write("\n")


os.makedirs(os.path.join(HERE, "bundles"), exist_ok=True)
os.makedirs(os.path.join(HERE, "bad"), exist_ok=True)
with open(os.path.join(HERE, "bundles", "EXPECTED"), "w") as f:
    f.write("# file outcome flags-that-must-fire (written by tests/fhir/make_bundles.py)\n")
    for name, b, outcome, flags, what in BUNDLES:
        write(os.path.join(HERE, "bundles", name + ".json"), b)
        f.write("%s %s %s\n" % (name, outcome, ",".join(flags) or "-"))
with open(os.path.join(HERE, "bad", "EXPECTED"), "w") as f:
    f.write("# file<TAB>message expected on stderr (written by tests/fhir/make_bundles.py)\n")
    for name, doc, message in BAD:
        write(os.path.join(HERE, "bad", name + ".json"), doc)
        f.write("%s\t%s\n" % (name, message))
if "--list" in sys.argv:
    for name, b, outcome, flags, what in BUNDLES:
        print("| `%s.json` | %s | %s | %s |" % (name, outcome, ", ".join(flags) or "-", what))
