#!/usr/bin/env python3
"""Renders `match report` pages in headless Chromium and checks them.

For each case (a scenario, solved here unless a plan is given, in one language) it writes
the report, loads it from file:// in a fresh Chromium profile with networking off, and
checks from the DOM dumped after the page's script ran:
  - the page's status element says "ok": every chart's canvas holds drawn pixels, and the
    page caught no script error; Chromium's log shows no console error either;
  - the headline figures and the unmet-needs table hold the plan's numbers;
  - the text is in the language asked for.
A screenshot of each page is saved in the output folder. Exit status 77 (CTest's skip)
when Chromium is not installed.

    check_report.py --match build/match --out build/report-screens
"""

import argparse
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"]


class Dom(html.parser.HTMLParser):
    """The attributes and text of elements with an id, and the rows of tables by id."""

    def __init__(self):
        super().__init__()
        self.by_id = {}
        self.rows = {}
        self.stack = []
        self.table = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "id" in attrs:
            self.table = attrs["id"]
            self.rows[self.table] = []
        if tag == "tr" and self.table is not None:
            self.rows[self.table].append([])
        if tag in ("td", "th") and self.table is not None and self.rows[self.table]:
            self.rows[self.table][-1].append(attrs.get("data-value", ""))
        if "id" in attrs:
            self.by_id[attrs["id"]] = {"attrs": attrs, "text": ""}
            self.stack.append((tag, attrs["id"]))
        else:
            self.stack.append((tag, None))

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        for _, ident in reversed(self.stack):
            if ident is not None:
                self.by_id[ident]["text"] += data
                break


def chromium_binary():
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(binary, url, extra):
    with tempfile.TemporaryDirectory(prefix="libmatch-chromium-") as profile:
        return subprocess.run([binary, *FLAGS, "--user-data-dir=" + profile, *extra, url],
                              capture_output=True, text=True, timeout=180)


def check_case(args, binary, name, scenario, plan, lang, failures):
    out = Path(args.out)
    page = out / ("report-%s-%s.html" % (name, lang))
    proc = subprocess.run([args.match, "report", scenario, plan, "-o", page, "--lang", lang],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode not in (0, 7) or not page.exists():
        failures.append("%s: match report failed (%d): %s" % (name, proc.returncode, proc.stderr))
        return
    url = page.resolve().as_uri()
    dump = run_chromium(binary, url, ["--dump-dom"])
    shot = out / ("report-%s-%s.png" % (name, lang))
    run_chromium(binary, url, ["--window-size=1280,4200", "--screenshot=" + str(shot)])
    dom = Dom()
    dom.feed(dump.stdout)

    def fail(what):
        failures.append("%s (%s): %s" % (name, lang, what))

    status = dom.by_id.get("report-status")
    if status is None:
        fail("no #report-status in the dumped page")
        return
    attrs = status["attrs"]
    if not status["text"].startswith("ok"):
        fail("status %r, errors %r" % (status["text"], dom.by_id.get("report-errors", {})))
    charts, drawn = int(attrs.get("data-charts", 0)), int(attrs.get("data-drawn", -1))
    if charts < 6 or drawn != charts:
        fail("%d of %d charts drew" % (drawn, charts))
    console = [l for l in dump.stderr.splitlines()
               if "CONSOLE" in l and ("Error" in l or "Uncaught" in l)]
    if console:
        fail("console errors: %s" % console[:3])

    # The numbers of the plan, as the evaluation counts them.
    ev = json.loads(subprocess.run([args.match, "evaluate", scenario, plan, "--json"],
                                   capture_output=True, text=True, timeout=300).stdout)
    plan_doc = json.loads(Path(plan).read_text(encoding="utf-8"))
    covered = sum(1 for n in plan_doc["needs"] if n["coverage"] >= 1)
    shown = dom.by_id.get("h-needs_covered", {}).get("attrs", {}).get("data-value")
    if shown is None or float(shown) != covered or ev["headline"]["needs_covered"] != covered:
        fail("headline needs_covered %r, plan has %d" % (shown, covered))
    hours = dom.by_id.get("h-hours_given", {}).get("attrs", {}).get("data-value")
    given = sum(v["hours"] for v in plan_doc["volunteers"])
    if hours is None or abs(float(hours) - given) > 1e-9:
        fail("headline hours_given %r, plan has %g" % (hours, given))
    unmet = {n["id"]: n for n in plan_doc["needs"] if n["coverage"] < 1}
    rows = dom.rows.get("t-unmet", [])[1:]
    if sorted(r[0] for r in rows) != sorted(unmet):
        fail("unmet table lists %d needs, plan has %d" % (len(rows), len(unmet)))
    for r in rows:
        n = unmet.get(r[0])
        if n is not None and abs(float(r[5]) - n["coverage"]) > 1e-9:
            fail("unmet table gives %s coverage %s, plan %g" % (r[0], r[5], n["coverage"]))
    objective = dom.by_id.get("h-objective", {}).get("attrs", {}).get("data-value")
    if objective is None or abs(float(objective) - plan_doc["objective"]) > 1e-6 * max(1, abs(plan_doc["objective"])):
        fail("headline objective %r, plan %r" % (objective, plan_doc["objective"]))
    heading = dom.by_id.get("s-headline", {}).get("text", "")
    word = "主要指标" if lang == "zh" else "Headline figures"
    if word not in heading:
        fail("headline section not in %s: %r" % (lang, heading[:60]))
    if not shot.exists() or shot.stat().st_size < 10000:
        fail("no screenshot")
    print("%s (%s): %s, %d charts, %d unmet needs, screenshot %s"
          % (name, lang, status["text"], charts, len(rows), shot))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--match", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    binary = chromium_binary()
    if binary is None:
        print("SKIP: Chromium is not installed (apt install chromium): the report is not "
              "checked in a browser")
        return 77
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "bench"))
    import gen_scenario  # noqa: E402

    city = out / "city.json"
    city.write_text(gen_scenario.dumps(gen_scenario.generate(
        5, volunteers=600, needs=120, units=40, communities=24, coupled=True,
        name="Generated city", shape=gen_scenario.city_shape(600, 120, 24))), encoding="utf-8")
    cases = [("xinmi", ROOT / "examples" / "xinmi.json"), ("city", city)]
    failures = []
    for name, scenario in cases:
        plan = out / ("%s-plan.json" % name)
        proc = subprocess.run([args.match, "solve", scenario, "-o", plan, "-q"],
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            failures.append("%s: solve failed: %s" % (name, proc.stderr))
            continue
        for lang in ("zh", "en"):
            check_case(args, binary, name, scenario, plan, lang, failures)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
