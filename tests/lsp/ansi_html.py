#!/usr/bin/env python3
"""A terminal's cells (tmux capture-pane -e: text with SGR colour codes) as
one HTML page, for tests/lsp/screenshot.sh. Reads stdin, writes stdout."""
import html
import re
import sys

PALETTE = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
           "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"]


def xterm(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def main():
    title = sys.argv[1] if len(sys.argv) > 1 else ""
    out = []
    state = {"fg": None, "bg": None, "bold": False, "under": False}
    for line in sys.stdin.read().split("\n"):
        parts = re.split(r"\x1b\[([0-9;:]*)m", line)
        row = []
        for i, part in enumerate(parts):
            if i % 2 == 1:
                codes = [c for c in re.split(r"[;]", part)] if part else ["0"]
                j = 0
                while j < len(codes):
                    c = codes[j].split(":")[0] or "0"
                    c = int(c)
                    if c == 0:
                        state = {"fg": None, "bg": None, "bold": False, "under": False}
                    elif c == 1:
                        state["bold"] = True
                    elif c == 4:
                        state["under"] = True
                    elif c in (22,):
                        state["bold"] = False
                    elif c == 24:
                        state["under"] = False
                    elif 30 <= c <= 37:
                        state["fg"] = PALETTE[c - 30]
                    elif 90 <= c <= 97:
                        state["fg"] = PALETTE[c - 90 + 8]
                    elif 40 <= c <= 47:
                        state["bg"] = PALETTE[c - 40]
                    elif 100 <= c <= 107:
                        state["bg"] = PALETTE[c - 100 + 8]
                    elif c == 39:
                        state["fg"] = None
                    elif c == 49:
                        state["bg"] = None
                    elif c in (38, 48) and j + 1 < len(codes):
                        key = "fg" if c == 38 else "bg"
                        if codes[j + 1] == "5" and j + 2 < len(codes):
                            state[key] = xterm(int(codes[j + 2]))
                            j += 2
                        elif codes[j + 1] == "2" and j + 4 < len(codes):
                            state[key] = "#%02x%02x%02x" % tuple(int(x) for x in codes[j + 2:j + 5])
                            j += 4
                    j += 1
                continue
            if not part:
                continue
            style = []
            if state["fg"]:
                style.append("color:" + state["fg"])
            if state["bg"]:
                style.append("background:" + state["bg"])
            if state["bold"]:
                style.append("font-weight:bold")
            if state["under"]:
                style.append("text-decoration:underline wavy #ff5555")
            row.append('<span style="%s">%s</span>' % (";".join(style), html.escape(part)))
        out.append("".join(row))
    print("""<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#1e1e1e;font:14px/18px 'DejaVu Sans Mono',monospace;color:#d4d4d4}
.bar{background:#333;color:#ccc;padding:4px 10px;font-family:sans-serif;font-size:13px}
pre{margin:0;padding:6px 8px;font:inherit;white-space:pre}</style>
<div class="bar">%s</div><pre>%s</pre>""" % (html.escape(title), "\n".join(out)))


main()
