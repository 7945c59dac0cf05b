#!/usr/bin/env python3
"""Cold starts, spawn to exit, for commands run side by side.

    bench/coldstart.py [--runs 40] [--rss-runs 5] [--stdin FILE] [--json] LABEL=COMMAND ...

Each round starts every command once, in turn, in a rotating order, so that
a machine that speeds up or slows down during the run (other tenants of a
virtual machine) weighs on all of them alike. A command is split like a
shell would split it (shlex) and started directly with posix_spawn: no shell,
no GNU time in the measured interval. The clock runs from just before the
spawn to the return of wait4. stdout and stderr go to /dev/null; stdin comes
from FILE (default /dev/null). Peak RSS is taken in separate runs under GNU
time (/usr/bin/time -f %M): a spawned child's own figure would include this
Python process, which the kernel counts until the exec. Prints, per command,
the median wall time in ms with the 10th and 90th percentiles and the median
peak RSS; a command that exits non-zero stops the run.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"


def spawn_once(argv, stdin_path):
    """Wall milliseconds from spawn to exit."""
    fin = os.open(stdin_path, os.O_RDONLY)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, fin, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
        start = time.perf_counter_ns()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
        _, status = os.waitpid(pid, 0)
        wall_ms = (time.perf_counter_ns() - start) / 1e6
    finally:
        os.close(fin)
        os.close(null)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"coldstart: {shlex.join(argv)} exited with {code}")
    return wall_ms


def peak_rss_mb(argv, stdin_path):
    """Peak RSS in MB as GNU time reports it, or None without GNU time."""
    if not os.access(GNU_TIME, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as report, open(stdin_path, "rb") as fin:
        subprocess.run([GNU_TIME, "-f", "%M", "-o", report.name] + argv, stdin=fin, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        return int(report.read().split()[-1]) / 1024.0


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rss-runs", type=int, default=5)
    parser.add_argument("--stdin", default=os.devnull)
    parser.add_argument("--json", action="store_true", help="one JSON object per command instead of a table")
    parser.add_argument("commands", nargs="+", metavar="LABEL=COMMAND")
    args = parser.parse_args()
    commands = []
    for spec in args.commands:
        label, sep, command = spec.partition("=")
        argv = shlex.split(command)
        if not sep or not label or not argv:
            parser.error(f"expected LABEL=COMMAND, got {spec!r}")
        path = argv[0] if "/" in argv[0] else shutil.which(argv[0])
        if path is None or not os.access(path, os.X_OK):
            parser.error(f"{argv[0]}: not an executable")
        commands.append((label, [path] + argv[1:]))
    walls = {label: [] for label, _ in commands}
    for label, argv in commands:  # one unmeasured start each: files in the page cache, images written
        spawn_once(argv, args.stdin)
    for r in range(args.runs):
        for i in range(len(commands)):
            label, argv = commands[(r + i) % len(commands)]
            walls[label].append(spawn_once(argv, args.stdin))
    rss = {label: [peak_rss_mb(argv, args.stdin) for _ in range(args.rss_runs)] for label, argv in commands}
    for label, _ in commands:
        known = [mb for mb in rss[label] if mb is not None]
        row = {"label": label, "runs": args.runs, "median_ms": round(statistics.median(walls[label]), 2),
               "p10_ms": round(percentile(walls[label], 10), 2), "p90_ms": round(percentile(walls[label], 90), 2),
               "rss_mb": round(statistics.median(known), 1) if known else None}
        if args.json:
            print(json.dumps(row))
        else:
            shown = f"{row['rss_mb']:.1f} MB" if known else "n/a"
            print(f"{label:<28} {row['median_ms']:>8.2f} ms  (p10 {row['p10_ms']:.2f}, p90 {row['p90_ms']:.2f})  RSS {shown}")


if __name__ == "__main__":
    main()
