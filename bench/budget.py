#!/usr/bin/env python3
"""Where a batch line's instructions go, stage by stage (callgrind).

    bench/budget.py [--lines N] [--rulebook DIR] [--format compact] [--batch FILE] BINARY

Runs BINARY `screen --batch - --jobs 1` under callgrind twice, on one line
and on N lines (default 2,000) of the screening benchmark (../shared/bench,
gen.mjs N 1), and prints a Markdown table of the instructions a line costs
in each stage: ((N lines) - (1 line)) / (N - 1), so the start-up is left
out. With --batch FILE, the lines are FILE's first N instead (FHIR Bundles:
KEEP_LINES=DIR bench/fhir_bundles.sh keeps them in DIR), and the FHIR stages are shown
too. A stage is the inclusive cost of the functions named below; a part is
a share of its stage. Instruction counts do not move with the machine's
load, so the table can be made on a busy machine (docs: bench/README.md,
"Instruction budget").
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.environ.get("BENCH_DIR", os.path.join(HERE, "..", "..", "shared", "bench"))

# (label, indent, regular expression on callgrind_annotate's function names,
# shown only when it costs a line anything: the FHIR stages, parts of "reading
# the questionnaire" for a QuestionnaireResponse or a Bundle, --batch FILE)
ROWS = [
    ("whole line", 0, None, False),
    ("reading the line from the input (LineBlockReader)", 1, r"cli::LineBlockReader::Next\(", False),
    ("reading the questionnaire", 1, r"^candidacy::ReadQuestionnaire\(", False),
    ("simdjson: stage 1 (structure)", 2, r"dom_parser_implementation::stage1\(", False),
    ("simdjson: stage 2 (the tape)", 2, r"dom_parser_implementation::stage2\(", False),
    ("the validator: each field's question found, its value checked and converted", 2, r"AnswerValidator<candidacy::internal::SimdView>::Root\(", False),
    ("FHIR: the parse checks (duplicate keys, depth, nodes, UTF-8, -0)", 2, r"ParseChecks::Fine\(", True),
    ("FHIR: the Bundle read into one questionnaire document", 2, r"FhirBundleToDocument<candidacy::internal::SimdView>\(", True),
    ("the QuestionnaireResponse converted (items to answers)", 3, r"FhirResponseToDocument<candidacy::internal::SimdView>\(", True),
    ("the clinical resources read (Patient, Observation, Condition, medications)", 3, r"ReadClinicalResources<candidacy::internal::SimdView>\(", True),
    ("the two merged: precedence, sources, the EHR record", 3, r"BundleReader<candidacy::internal::SimdView>::Merge\(", True),
    ("FHIR: the converted answers validated", 2, r"AnswerValidator<candidacy::internal::DocNodeView>::Root\(", True),
    ("screening", 1, r"^candidacy::Screen\(", False),
    ("the evaluator: asked states, derived values, the flat program (Evaluator::Evaluator)", 2, r"Evaluator::Evaluator\(", False),
    ("the steps after asked_end: answer comparisons by operator, then the rest (RunAfterAsked)", 3, r"Evaluator::RunAfterAsked\(", True),
    ("evaluating rules and asked_when by walking their trees (a full screening)", 2, r"Evaluator::EvalCondition\(candidacy::internal::Node const&\) const$", True),
    ("medication matching", 2, r"Lexicon::Match\(std::basic_string_view<char, std::char_traits<char> >, candidacy::internal::MedicationMatch\*", False),
    ("rendering (compact)", 1, r"AppendJsonCompact\(", False),
]


def callgrind(binary, rulebook, fmt, lines_file):
    out = tempfile.NamedTemporaryFile(prefix="budget-", suffix=".cg", delete=False).name
    args = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, binary, "screen", "--batch", "-", "--jobs", "1",
            "--format", fmt]
    if rulebook:
        args[5:5] = ["--rulebook", rulebook]
    with open(lines_file, "rb") as stdin:
        subprocess.run(args, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out], capture_output=True,
                          text=True, check=True).stdout
    os.unlink(out)
    total, functions = 0, []
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(?:\?\?\?:|\S+\.(?:c|cc|cpp|h|hpp|S):)?(.*?)\s*(?:\[[^\]]*\])?$", line)
        if not m:
            continue
        count = int(m.group(1).replace(",", ""))
        if "PROGRAM TOTALS" in line:
            total = count
            continue
        functions.append((count, m.group(2)))
    return total, functions


def stage(functions, pattern):
    # The outermost frame of a function (recursion shows as 'N): the largest inclusive count.
    best = 0
    for count, name in functions:
        if re.search(pattern, name.split(" [")[0].replace("'2", "")):
            best = max(best, count)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--lines", type=int, default=2000)
    ap.add_argument("--rulebook", default="")
    ap.add_argument("--format", default="compact")
    ap.add_argument("--batch", default="", help="NDJSON to take the lines from (its first --lines) instead of gen.mjs")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="budget-")
    many, one = os.path.join(work, "many.ndjson"), os.path.join(work, "one.ndjson")
    if a.batch:
        if not os.path.isfile(a.batch):
            sys.exit("budget.py: --batch %s: no such file" % a.batch)
        with open(a.batch) as f, open(many, "w") as o:
            taken = 0
            for line in f:
                if taken == a.lines:
                    break
                o.write(line)
                taken += 1
        if taken < 2:
            sys.exit("budget.py: %s has fewer than 2 lines" % a.batch)
        a.lines = taken
    else:
        with open(many, "w") as f:
            subprocess.run(["node", os.path.join(BENCH, "gen.mjs"), str(a.lines), "1"], stdout=f, check=True)
    with open(many) as f, open(one, "w") as o:
        o.write(f.readline())
    callgrind(a.binary, a.rulebook, a.format, one)  # writes the rulebook's image, if it is not there yet
    t1, f1 = callgrind(a.binary, a.rulebook, a.format, one)
    tn, fn = callgrind(a.binary, a.rulebook, a.format, many)
    n = a.lines - 1
    print("| stage | instructions a line | share |")
    print("|---|---|---|")
    whole = (tn - t1) / n
    for label, indent, pattern, when_costly in ROWS:
        value = whole if pattern is None else (stage(fn, pattern) - stage(f1, pattern)) / n
        if when_costly and value < whole / 100:  # (not this kind of line)
            continue
        name = ("&nbsp;&nbsp;" * indent) + label
        print("| %s | %s | %.0f%% |" % (name, format(round(value), ","), 100 * value / whole if whole else 0))
    print()
    print("%s lines; whole process %s instructions (one line: %s)." % (format(a.lines, ","), format(tn, ","), format(t1, ",")))


if __name__ == "__main__":
    sys.exit(main())
