#!/usr/bin/env python3
"""Evaluates a set of plans on a set of scenarios with `match evaluate`, and compares them.

For each scenario the suite makes libmatch's plan at each time limit (--limits; 0 is no
limit), the greedy baseline's (bench/greedy_plan.py), and takes every external plan given
(--plans DIR: files named SCENARIO-STEM.*.json, e.g. xinmi.manual.json for xinmi.json). Each
plan is judged by `match evaluate --json` against the same rules and objective; the gap is
measured to the best objective among libmatch's plans and to its proven bound. It writes
results.csv (one row per plan) and comparison.md (a table per scenario).

    evaluate_suite.py --match build/match --out bench-eval
    evaluate_suite.py --match build/match --out bench-eval --size S --limits 1,10,0 \\
        --plans my-plans/ examples/xinmi.json

Pure Python standard library; timings are wall seconds of `match solve` on this machine.
"""

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_scenario  # noqa: E402
import greedy_plan  # noqa: E402

COLUMNS = ["scenario", "planner", "valid", "violations", "violations_1_5", "objective",
           "best_objective", "bound", "gap", "relative_gap", "needs", "needs_covered",
           "coverage_mean", "value_share", "hours_given", "distance_mean_km", "distance_p90_km",
           "members_meeting", "units_meeting", "gini_hours", "solve_seconds"]


def evaluate(match, scenario, plan):
    proc = subprocess.run([match, "evaluate", str(scenario), str(plan), "--json"],
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode not in (0, 7):
        raise RuntimeError("match evaluate %s %s: %s" % (scenario, plan, proc.stderr))
    return json.loads(proc.stdout)


def scenarios_of(args, out):
    paths = [Path(p) for p in args.scenarios]
    for size in args.size or []:
        path = out / ("city-%s.json" % size)
        path.write_text(gen_scenario.dumps(preset(size)), encoding="utf-8")
        paths.append(path)
    if not paths:
        paths = [HERE.parent / "examples" / "xinmi.json"]
        path = out / "generated.json"
        path.write_text(gen_scenario.dumps(gen_scenario.generate(
            7, volunteers=400, needs=100, units=20, communities=16, coupled=True,
            name="generated city", shape=gen_scenario.city_shape(400, 100, 16))),
            encoding="utf-8")
        paths.append(path)
    return paths


def preset(size):
    """A city preset of gen_scenario, through its command line (the one source of presets)."""
    proc = subprocess.run([sys.executable, str(HERE / "gen_scenario.py"), "--seed", "1",
                           "--size", size, "--coupled"], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout)


def plans_of(args, scenario, out):
    """Yields (planner, plan path, solve seconds or None)."""
    stem = scenario.stem
    for limit in args.limits:
        plan = out / ("%s.libmatch-%gs.json" % (stem, limit))
        cmd = [args.match, "solve", str(scenario), "-o", str(plan), "-q"]
        if limit > 0:
            cmd += ["--time-limit", str(limit)]
        started = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        seconds = time.monotonic() - started
        if proc.returncode not in (0, 3, 4):
            raise RuntimeError("match solve %s: %s" % (scenario, proc.stderr))
        yield ("libmatch %s" % ("no limit" if limit == 0 else "%gs" % limit)), plan, seconds
    plan = out / ("%s.greedy.json" % stem)
    started = time.monotonic()
    plan.write_text(json.dumps(greedy_plan.greedy(json.loads(scenario.read_text(
        encoding="utf-8")))), encoding="utf-8")
    yield "greedy", plan, time.monotonic() - started
    if args.plans:
        for path in sorted(Path(args.plans).glob(stem + ".*.json")):
            yield path.name[len(stem) + 1:-len(".json")], path, None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenarios", nargs="*", help="scenario files (default: Xinmi and a "
                                                 "generated city)")
    ap.add_argument("--match", required=True, help="the match executable")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--size", action="append", choices=sorted(gen_scenario.SIZES),
                    help="add a generated city of this preset (repeatable)")
    ap.add_argument("--limits", default="1,10,0",
                    help="libmatch's time limits in seconds, comma-separated; 0: none")
    ap.add_argument("--plans", help="a folder of external plans, SCENARIO-STEM.NAME.json")
    args = ap.parse_args(argv)
    args.limits = [float(x) for x in args.limits.split(",") if x.strip()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    rows = []
    for scenario in scenarios_of(args, out):
        found = []
        for planner, plan, seconds in plans_of(args, scenario, out):
            found.append((planner, evaluate(args.match, scenario, plan), seconds,
                          json.loads(Path(plan).read_text(encoding="utf-8"))))
        own = [(ev, p) for name, ev, _, p in found if name.startswith("libmatch")]
        best = max((ev["objective"]["recomputed"] for ev, _ in own), default=None)
        bounds = [p.get("bound") for _, p in own if p.get("bound") is not None]
        bound = min(bounds) if bounds else None
        for planner, ev, seconds, _ in found:
            h, obj = ev["headline"], ev["objective"]["recomputed"]
            hard = [v for v in ev["violations"] if v["hard"]]
            rows.append({
                "scenario": scenario.name, "planner": planner, "valid": ev["valid"],
                "violations": len(hard),
                "violations_1_5": sum(1 for v in hard if v["rule"] != "carried_out"),
                "objective": obj, "best_objective": best, "bound": bound,
                "gap": None if best is None else best - obj,
                "relative_gap": None if best is None else (best - obj) / max(1e-9, abs(best)),
                "needs": h["needs"], "needs_covered": h["needs_covered"],
                "coverage_mean": h["coverage_mean"], "value_share": h["value_share"],
                "hours_given": h["hours_given"], "distance_mean_km": h["distance_mean_km"],
                "distance_p90_km": h["distance_p90_km"], "members_meeting": h["members_meeting"],
                "units_meeting": h["units_meeting"], "gini_hours": h["gini_hours"],
                "solve_seconds": None if seconds is None else round(seconds, 3)})
            print("%-20s %-18s valid=%-5s objective=%.6g gap=%s" % (
                scenario.name, planner, ev["valid"], obj, rows[-1]["gap"]), file=sys.stderr)

    with open(out / "results.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    lines = ["# Plans compared by `match evaluate`", ""]
    for scenario in dict.fromkeys(r["scenario"] for r in rows):
        lines += ["## " + scenario, "",
                  "| planner | valid | violations (rules 1-5) | objective | gap to best | "
                  "needs covered | mean coverage | km/h mean | Gini hours | seconds |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for r in rows:
            if r["scenario"] != scenario:
                continue
            lines.append("| %s | %s | %d (%d) | %.6g | %s | %d / %d | %.3f | %s | %.3f | %s |" % (
                r["planner"], "yes" if r["valid"] else "no", r["violations"],
                r["violations_1_5"], r["objective"],
                "-" if r["gap"] is None else "%.4g (%.2f%%)" % (r["gap"], 100 * r["relative_gap"]),
                r["needs_covered"], r["needs"], r["coverage_mean"],
                "-" if r["distance_mean_km"] is None else "%.3f" % r["distance_mean_km"],
                r["gini_hours"], "-" if r["solve_seconds"] is None else r["solve_seconds"]))
        lines.append("")
    (out / "comparison.md").write_text("\n".join(lines), encoding="utf-8")
    print("wrote %s and %s" % (out / "results.csv", out / "comparison.md"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
