#!/usr/bin/env python3
"""Checks an HTML page Candidacy wrote by parsing it (html.parser, stdlib),
not by searching strings: a well-formed, self-contained HTML5 page (doctype,
every element closed in order, no scripts, no event handlers, no resource
loads, links only to citation URLs), then, with --report RESULT.json, that
the report shows that screening result (banner, one article per flag with its
severity, messages, actions, citations, open questions, medications, ids and
time), or, with --handbook RULE-IDS, that the handbook has one section per
rule and well-shaped tables. Prints one line per problem; exit 1 if any.
Used by tests/cli/report_html_test.sh and tests/cli/docs_test.sh.

  check_html.py PAGE.html [--report RESULT.json [--now TIME]] [--handbook IDS.txt] [PAGE.html ...]

Several pages may be checked in one run (python starts once); the options
after a page apply to it.
"""
import json
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FORBIDDEN = {"script", "iframe", "object", "embed", "link", "base", "form", "img", "video", "audio", "source",
             "frame", "frameset", "svg", "math", "noscript"}


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], ""
        self.classes = set((self.attrs.get("class") or "").split())

    def find_all(self, pred):
        out = []
        for c in self.children:
            if pred(c):
                out.append(c)
            out.extend(c.find_all(pred))
        return out


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [], None)
        self.stack = [self.root]
        self.problems = []
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        el = Element(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(el)
        if tag in FORBIDDEN:
            self.problems.append("forbidden element <%s> at line %d" % (tag, self.getpos()[0]))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append("event handler %s on <%s>" % (name, tag))
            if name in ("src", "srcset", "action", "formaction", "data", "poster", "background"):
                self.problems.append("resource attribute %s on <%s>" % (name, tag))
            if name == "href" and not (tag == "a" and "citation-link" in el.classes
                                       and re.fullmatch(r"https?://[^\s\"'<>]+", value or "")):
                self.problems.append("link other than a citation: <%s href=%r>" % (tag, value))
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append("end tag for void element </%s>" % tag)
            return
        top = self.stack[-1]
        if top.tag != tag:
            self.problems.append("</%s> at line %d closes <%s>" % (tag, self.getpos()[0], top.tag))
            return
        self.stack.pop()

    def handle_data(self, data):
        for el in self.stack[1:]:
            el.text += data


def parse(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    p = page.problems
    if (page.doctype or "").lower() != "doctype html":
        p.append("no <!DOCTYPE html> (found %r)" % page.doctype)
    if len(page.stack) > 1:
        p.append("unclosed elements: %s" % " ".join(e.tag for e in page.stack[1:]))
    for tag in ("html", "head", "body", "title", "style", "h1"):
        n = len(page.root.find_all(lambda e, t=tag: e.tag == t))
        if n != 1:
            p.append("%d <%s> elements, expected 1" % (n, tag))
    for style in page.root.find_all(lambda e: e.tag == "style"):
        if "url(" in style.text or "@import" in style.text:
            p.append("the stylesheet loads a resource")
        if "@media print" not in style.text:
            p.append("no @media print rules")
    for table in page.root.find_all(lambda e: e.tag == "table"):
        heads = table.find_all(lambda e: e.tag == "th")
        for row in table.find_all(lambda e: e.tag == "tr" and e.parent.tag == "tbody"):
            cells = [c for c in row.children if c.tag == "td"]
            width = sum(int(c.attrs.get("colspan", 1)) for c in cells)
            if heads and width != len(heads):
                p.append("a row of %d cells under %d headers: %s" % (width, len(heads), norm(row.text)[:80]))
    return page


def check_report(page, result, now):
    p = page.problems
    root = page.root
    banners = root.find_all(lambda e: "banner" in e.classes)
    if len(banners) != 1:
        p.append("%d banners" % len(banners))
    else:
        b = banners[0]
        if "outcome-" + result["outcome"] not in b.classes:
            p.append("banner classes %s lack outcome-%s" % (sorted(b.classes), result["outcome"]))
        if result["outcome"].replace("_", " ").upper() not in b.text:
            p.append("banner text %r lacks the outcome" % norm(b.text))
        body = root.find_all(lambda e: e.tag == "body")[0]
        # An urgent screening: the urgent notice between the title and the banner.
        after = 2 if result.get("urgent") else 1
        if root.children and body.children[after] is not b:
            p.append("the banner is not right after the title%s" % (" and the urgent notice" if after == 2 else ""))
    notices = root.find_all(lambda e: "urgent" in e.classes)
    if len(notices) != len(result.get("urgent_reasons", [])):
        p.append("%d urgent notices for %d urgent reasons" % (len(notices), len(result.get("urgent_reasons", []))))
    for n, u in zip(notices, result.get("urgent_reasons", [])):
        if "URGENT: %s (%s)" % (u["reason"], u["rule"]) not in norm(n.text) or n.attrs.get("role") != "alert":
            p.append("urgent notice %r" % norm(n.text))
    articles = root.find_all(lambda e: e.tag == "article")
    got = []
    for a in articles:
        sev = [c[len("severity-"):] for c in a.classes if c.startswith("severity-")]
        ids = a.find_all(lambda e: "rule-id" in e.classes)
        got.append((sev[0] if len(sev) == 1 else "?", norm(ids[0].text) if ids else "?"))
    want = [(f["severity"], f["id"]) for f in result["flags"]]
    if got != want:
        p.append("flags shown %s, expected %s" % (got, want))
    for a, f in zip(articles, result["flags"]):
        text = norm(a.text)
        for what in ("message", "action", "title"):
            if norm(f[what]) not in text:
                p.append("flag %s does not show its %s" % (f["id"], what))
        hrefs = [e.attrs.get("href") for e in a.find_all(lambda e: e.tag == "a")]
        for s in f["sources"]:
            if norm(s["citation"]) not in text:
                p.append("flag %s does not cite %s in full" % (f["id"], s["label"]))
            if s.get("url") and s["url"] not in hrefs:
                p.append("flag %s has no link to %s" % (f["id"], s["url"]))
        for e in f["evidence"]:
            if e["id"] not in text:
                p.append("flag %s does not show the answer %s" % (f["id"], e["id"]))
    rows = root.find_all(lambda e: e.tag == "tr" and ({"recognized", "unrecognized", "probable"} & e.classes))
    if len(rows) != len(result["medications"]):
        p.append("%d medication rows for %d medications" % (len(rows), len(result["medications"])))
    for row, m in zip(rows, result["medications"]):
        cells = [c for c in row.children if c.tag == "td"]
        found = m["recognized"] or bool(m.get("probable_names"))
        if len(cells) != (3 if found else 2):
            p.append("medication row of %d cells: %s" % (len(cells), norm(row.text)))
            continue
        if norm(cells[0].text) != norm(m["text"]):
            p.append("medication shown as %r, given as %r" % (norm(cells[0].text), m["text"]))
        if m.get("probable_names"):
            if "probable" not in row.classes or "probable:" not in norm(cells[1].text) or \
                    any(name not in cells[1].text for name in m["probable_names"]) or norm(cells[2].text) != ", ".join(m["classes"]):
                p.append("medication %r: not shown as probable (%r)" % (m["text"], norm(cells[1].text)))
            continue
        if ("recognized" in row.classes) != m["recognized"]:
            p.append("medication %r: recognised state differs" % m["text"])
        if m["recognized"] and (norm(cells[1].text) != " + ".join(m["generic"])
                                or norm(cells[2].text) != ", ".join(m["classes"])):
            p.append("medication %r recognised as %r [%r]" % (m["text"], norm(cells[1].text), norm(cells[2].text)))
    open_items = [li for s in root.find_all(lambda e: "open-questions" in e.classes)
                  for li in s.find_all(lambda e: e.tag == "li")]
    if [norm(li.text) for li in open_items] != [norm("%s: %s" % (q["id"], q["prompt"])) for q in result["missing_questions"]]:
        p.append("open questions differ: %s" % [norm(li.text) for li in open_items])

    def one(cls):
        found = root.find_all(lambda e: cls in e.classes)
        return norm(found[0].text) if len(found) == 1 else None

    if one("questionnaire-id") != norm(result["id"]):
        p.append("questionnaire id shown as %r" % one("questionnaire-id"))
    if one("rulebook-sha256") != result["rulebook"]["sha256"]:
        p.append("rulebook hash shown as %r" % one("rulebook-sha256"))
    if now is not None and one("screened-at") != now:
        p.append("screening time shown as %r, expected %r" % (one("screened-at"), now))
    if not root.find_all(lambda e: "signature" in e.classes):
        p.append("no signature block")


def check_handbook(page, rule_ids):
    found = [e.attrs["id"][len("rule-"):] for e in page.root.find_all(lambda e: e.tag == "h4" and e.attrs.get("id", "").startswith("rule-"))]
    if sorted(found) != sorted(rule_ids):
        p = sorted(set(found) ^ set(rule_ids))
        page.problems.append("rule sections %d, rules %d; differing: %s" % (len(found), len(rule_ids), p))
    for sid in ("rulebook", "policy", "questions", "rules", "lexicon", "sources"):
        if not page.root.find_all(lambda e, s=sid: e.tag == "h2" and e.attrs.get("id") == s):
            page.problems.append("no section %s" % sid)


def main(argv):
    # Jobs: each PAGE starts one; the options after it apply to it.
    jobs = []
    args = argv[1:]
    i = 0
    while i < len(args):
        if args[i] in ("--report", "--now", "--handbook"):
            jobs[-1][args[i]] = args[i + 1]
            i += 2
        else:
            jobs.append({"page": args[i]})
            i += 1
    failed = 0
    for job in jobs:
        page = parse(job["page"])
        if "--report" in job:
            with open(job["--report"], encoding="utf-8") as f:
                check_report(page, json.load(f), job.get("--now"))
        if "--handbook" in job:
            with open(job["--handbook"], encoding="utf-8") as f:
                check_handbook(page, f.read().split())
        for problem in page.problems:
            print("%s: %s" % (job["page"], problem))
        failed += bool(page.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
