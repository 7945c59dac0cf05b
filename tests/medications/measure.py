#!/usr/bin/env python3
"""Measures how well the medication lexicon reads real-world medication lines.

Usage:
    python3 tests/medications/measure.py CANDIDACY_BINARY RULEBOOK_DIR [--list FILE]
                                         [--base QUESTIONNAIRE] [--markdown] [--chunk N]

Reads recognition.tsv (next to this script unless --list is given): a header line
"line<TAB>expected", then one medication line as a patient writes it and the
comma-separated, sorted generic names it really contains, or "-" when it names
nothing the lexicon should know. '#' starts a comment line; blank lines are skipped.

Every line goes into the medication list of a questionnaire built from
samples/01-eligible-trd.yaml (or --base), written as JSON to a temporary file;
a list answer holds at most 200 entries (engine/include/candidacy/limits.h,
kMaxListItems), so the lines are split into several questionnaires of --chunk
entries (default 100). Each is screened with `candidacy screen --format json`
and every line is classified from its entry in the result's `medications`:

    correct          recognised exactly, generics == expected
    probable         a probable (misspelt) match, generics == expected
    wrong            recognised or probable but generics != expected, or anything
                     found on a "-" line
    not_recognised   neither recognised nor probable, expected is not "-"
    rightly_unknown  expected "-" and nothing found

An entry is probable when its `probable_names` (result schema 1.1) is not
empty; a result without the key (schema 1.0) counts as not probable. Prints the counts and every wrong and not-recognised line;
--markdown prints them as Markdown. Exit status: 0, 1 if any line is wrong,
2 on a usage, data or engine error. Python 3 standard library only.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MAX_LIST_ITEMS = 200  # engine/include/candidacy/limits.h: kMaxListItems
CATEGORIES = ["correct", "probable", "wrong", "not_recognised", "rightly_unknown"]


class DataError(Exception):
    pass


# --- the recognition list -------------------------------------------------------------

def read_list(path):
    """[(line_number, text, expected generics as a sorted list or None for '-')]"""
    rows, seen, header = [], {}, False
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            raw = raw.rstrip("\r\n")
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            cols = raw.split("\t")
            if not header:
                if [c.strip() for c in cols] != ["line", "expected"]:
                    raise DataError("%s:%d: the header must be 'line<TAB>expected'" % (path, number))
                header = True
                continue
            if len(cols) != 2:
                raise DataError("%s:%d: %d columns, want 2 (line<TAB>expected)" % (path, number, len(cols)))
            text, expected = cols[0].strip(), cols[1].strip()
            if not text:
                raise DataError("%s:%d: empty medication line" % (path, number))
            if text.lower() in seen:
                raise DataError("%s:%d: the same line as line %d" % (path, number, seen[text.lower()]))
            seen[text.lower()] = number
            if expected == "-":
                generics = None
            else:
                generics = [g.strip() for g in expected.split(",")]
                if not all(generics):
                    raise DataError("%s:%d: an empty generic name in '%s'" % (path, number, expected))
                if generics != sorted(generics, key=str.lower) or len(set(generics)) != len(generics):
                    raise DataError("%s:%d: expected generics must be sorted and unique: '%s'" % (path, number, expected))
            rows.append((number, text, generics))
    if not header:
        raise DataError("%s: no header line" % path)
    return rows


# --- the base questionnaire: the small YAML subset the samples use ---------------------

def _scalar(text):
    text = text.strip()
    if text == "":
        return None
    if text[0] in "\"'":
        q = text[0]
        end = text.rfind(q)
        if end <= 0:
            raise DataError("unterminated string: %s" % text)
        body = text[1:end]
        return json.loads('"%s"' % body.replace('"', '\\"')) if q == '"' else body.replace("''", "'")
    text = re.sub(r"\s+#.*$", "", text)
    if text in ("true", "True"):
        return True
    if text in ("false", "False"):
        return False
    if text in ("null", "~"):
        return None
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?", text):
        return float(text)
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [_scalar(x) for x in inner.split(",")] if inner else []
    return text


def read_yaml_subset(path):
    """Block mappings and sequences of scalars, as samples/*.yaml are written."""
    lines = []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            stripped = raw.rstrip("\r\n")
            if not stripped.strip() or stripped.lstrip().startswith("#") or stripped.strip() == "---":
                continue
            indent = len(stripped) - len(stripped.lstrip(" "))
            lines.append((number, indent, stripped.strip()))

    def block(i, indent):
        if i < len(lines) and lines[i][2].startswith("- "):
            out = []
            while i < len(lines) and lines[i][1] == indent and lines[i][2].startswith("- "):
                out.append(_scalar(lines[i][2][2:]))
                i += 1
            return out, i
        out = {}
        while i < len(lines) and lines[i][1] == indent:
            number, _, text = lines[i]
            m = re.match(r"([A-Za-z0-9_.-]+):(\s+(.*))?$", text)
            if not m:
                raise DataError("%s:%d: not a 'key: value' line this reader knows" % (path, number))
            key, value = m.group(1), m.group(3)
            i += 1
            if value is not None and value.strip() and not value.strip().startswith("#"):
                out[key] = _scalar(value)
            elif i < len(lines) and (lines[i][1] > indent or (lines[i][1] == indent and lines[i][2].startswith("- "))):
                out[key], i = block(i, lines[i][1])
            else:
                out[key] = None
        return out, i

    doc, i = block(0, lines[0][1] if lines else 0)
    if i != len(lines):
        raise DataError("%s:%d: unexpected indentation" % (path, lines[i][0]))
    return doc


def read_base(path):
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    return read_yaml_subset(path)


# --- screening ------------------------------------------------------------------------

def screen(binary, rulebook, questionnaire):
    fd, path = tempfile.mkstemp(prefix="candidacy-measure-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(questionnaire, f, ensure_ascii=False)
        proc = subprocess.run([binary, "screen", "--format", "json", "--rulebook", rulebook, path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    finally:
        os.unlink(path)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        raise DataError("candidacy screen exited %d without a JSON result:\n%s%s"
                        % (proc.returncode, proc.stdout[:2000], proc.stderr[:2000]))


def classify(expected, entry):
    recognized = entry.get("recognized") is True
    probable = bool(entry.get("probable_names"))  # a misspelt word taken for a known name
    got = sorted(entry.get("generic") or [], key=str.lower)
    if expected is None:
        return ("wrong" if (recognized or probable or got) else "rightly_unknown"), got
    if probable:
        return ("probable" if got == expected else "wrong"), got
    if recognized:
        return ("correct" if got == expected else "wrong"), got
    return "not_recognised", got


def measure(binary, rulebook, rows, base, chunk):
    results = []
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        q = dict(base)
        q["id"] = "medication-recognition-%d" % (start // chunk + 1)
        q["medications"] = [text for _, text, _ in part]
        result = screen(binary, rulebook, q)
        meds = result.get("medications")
        if not isinstance(meds, list) or len(meds) != len(part):
            raise DataError("questionnaire %s: %s medication entries in the result for %d lines"
                            % (q["id"], len(meds) if isinstance(meds, list) else "no", len(part)))
        for (number, text, expected), entry in zip(part, meds):
            if entry.get("text", text).strip() != text.strip():
                raise DataError("result entry '%s' is not line %d '%s'" % (entry.get("text"), number, text))
            category, got = classify(expected, entry)
            results.append({"number": number, "text": text, "expected": expected, "got": got,
                            "category": category, "probable_name": ", ".join(entry.get("probable_names") or [])})
    return results


# --- report ---------------------------------------------------------------------------

def fmt(generics):
    return "-" if generics is None else (", ".join(generics) if generics else "(none)")


def report(results, markdown, binary):
    counts = {c: 0 for c in CATEGORIES}
    for r in results:
        counts[r["category"]] += 1
    total = len(results)
    known = total - counts["rightly_unknown"] - sum(1 for r in results if r["expected"] is None and r["category"] == "wrong")
    wrong = [r for r in results if r["category"] == "wrong"]
    missed = [r for r in results if r["category"] == "not_recognised"]

    def pct(n, d):
        return "%.1f%%" % (100.0 * n / d) if d else "-"

    if markdown:
        print("| category | lines | share |")
        print("|---|---:|---:|")
        for c in CATEGORIES:
            print("| %s | %d | %s |" % (c, counts[c], pct(counts[c], total)))
        print("| **total** | **%d** | |" % total)
        print()
        print("Lines naming a known drug: %d; found (correct or probable): %d (%s). Binary: `%s`."
              % (known, counts["correct"] + counts["probable"], pct(counts["correct"] + counts["probable"], known), binary))
        if wrong:
            print("\n**Wrong** (%d):\n" % len(wrong))
            print("| line | expected | found |")
            print("|---|---|---|")
            for r in wrong:
                print("| `%s` | %s | %s%s |" % (r["text"], fmt(r["expected"]), fmt(r["got"]),
                                               " (probable: %s)" % r["probable_name"] if r["probable_name"] else ""))
        if missed:
            print("\n**Not recognised** (%d):\n" % len(missed))
            for r in missed:
                print("- `%s` (expected %s)" % (r["text"], fmt(r["expected"])))
    else:
        width = max(len(c) for c in CATEGORIES)
        for c in CATEGORIES:
            print("%-*s  %4d  %6s" % (width, c, counts[c], pct(counts[c], total)))
        print("%-*s  %4d" % (width, "total", total))
        print("lines naming a known drug: %d, found (correct or probable): %d (%s)"
              % (known, counts["correct"] + counts["probable"], pct(counts["correct"] + counts["probable"], known)))
        if wrong:
            print("\nwrong (%d):" % len(wrong))
            for r in wrong:
                print("  line %d: %r  expected: %s  found: %s%s" % (r["number"], r["text"], fmt(r["expected"]), fmt(r["got"]),
                                                                 "  (probable: %s)" % r["probable_name"] if r["probable_name"] else ""))
        if missed:
            print("\nnot recognised (%d):" % len(missed))
            for r in missed:
                print("  line %d: %r  expected: %s" % (r["number"], r["text"], fmt(r["expected"])))
    return 1 if wrong else 0


def main(argv):
    ap = argparse.ArgumentParser(description="Measure the medication lexicon on real-world medication lines.")
    ap.add_argument("binary", help="the candidacy binary")
    ap.add_argument("rulebook", help="the rulebook directory, e.g. rules/ketamine")
    ap.add_argument("--list", default=os.path.join(HERE, "recognition.tsv"), help="the recognition list (TSV)")
    ap.add_argument("--base", default=os.path.join(REPO, "samples", "01-eligible-trd.yaml"),
                    help="the questionnaire whose medication list is replaced (YAML subset or JSON)")
    ap.add_argument("--markdown", action="store_true", help="print the figures as Markdown tables")
    ap.add_argument("--chunk", type=int, default=100, help="medication lines per questionnaire (1 to %d)" % MAX_LIST_ITEMS)
    args = ap.parse_args(argv)
    if not 1 <= args.chunk <= MAX_LIST_ITEMS:
        ap.error("--chunk must be 1 to %d" % MAX_LIST_ITEMS)
    try:
        rows = read_list(args.list)
        if not rows:
            raise DataError("%s: no lines" % args.list)
        base = read_base(args.base)
        if not isinstance(base, dict):
            raise DataError("%s: not a questionnaire mapping" % args.base)
        results = measure(args.binary, args.rulebook, rows, base, args.chunk)
    except (DataError, OSError) as e:
        print("measure.py: %s" % e, file=sys.stderr)
        return 2
    return report(results, args.markdown, args.binary)


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under `| head`
    sys.exit(main(sys.argv[1:]))
