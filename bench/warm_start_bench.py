#!/usr/bin/env python3
"""Measures what a warm start gains on what-if re-solves.

For each generated coupled scenario (bench/gen_scenario.py), solves the baseline, then a
handful of what-if changes of a copy, each cold and warm-started from the baseline plan,
with the solver chosen by --solver (auto: flow bound and plan, then GLPK; glpk: GLPK's
branch and cut alone). Prints one line per run and the totals; checks that both reach the
same objective. Needs the Python binding on PYTHONPATH (build/bindings/python).

    PYTHONPATH=build/bindings/python python3 bench/warm_start_bench.py --solver glpk \\
        --volunteers 300 --needs 120 --seeds 1 2 3
"""

import argparse
import importlib.util
import json
import pathlib
import time

import libmatch

HERE = pathlib.Path(__file__).resolve().parent


def generator():
    spec = importlib.util.spec_from_file_location("gen_scenario", HERE / "gen_scenario.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def changes(scenario):
    """A few what-if changes typical of an analysis, by name."""
    volunteers = scenario["volunteers"]
    needs = scenario["needs"]
    busiest = max(volunteers, key=lambda v: v["hours"])["id"]
    low = min(needs, key=lambda n: n["priority"])["id"]
    return [
        ("busiest volunteer leaves", lambda m: m.set_volunteer(busiest, hours=0)),
        ("need raised to priority 5", lambda m: m.set_need(low, priority=5)),
        ("service circle 2.5 km", lambda m: m.policy.__setitem__("max_distance_km", 2.5)),
        ("last volunteer removed", lambda m: m.remove("volunteer", volunteers[-1]["id"])),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--solver", choices=["auto", "glpk"], default="auto")
    ap.add_argument("--volunteers", type=int, default=300)
    ap.add_argument("--needs", type=int, default=120)
    ap.add_argument("--units", type=int, default=12)
    ap.add_argument("--communities", type=int, default=10)
    ap.add_argument("--resources", type=int, default=20)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--time-limit", type=float, default=120.0)
    args = ap.parse_args()

    gen = generator()
    total = {"cold": 0.0, "warm": 0.0}
    print(f"{'seed':>4}  {'change':<28} {'cold s':>8} {'warm s':>8} {'objective':>14}")
    for seed in args.seeds:
        scenario = gen.generate(seed, volunteers=args.volunteers, needs=args.needs,
                                units=args.units, communities=args.communities,
                                resources=args.resources, coupled=True)
        base = libmatch.Model.from_dict(json.loads(json.dumps(scenario)))
        base_plan = _solve_with(base, args.solver, args.time_limit)[0]
        for name, change in changes(scenario):
            m = base.copy()
            change(m)
            cold, cold_s = _solve_with(m, args.solver, args.time_limit)
            warm, warm_s = _solve_with(m, args.solver, args.time_limit, base_plan)
            same = (cold.status == warm.status == "optimal"
                    and abs(cold.objective - warm.objective) <= 1e-6 * (1 + abs(cold.objective)))
            total["cold"] += cold_s
            total["warm"] += warm_s
            print(f"{seed:>4}  {name:<28} {cold_s:8.3f} {warm_s:8.3f} {warm.objective:14.6f}"
                  + ("" if same else f"  DIFFERENT: cold {cold.status} {cold.objective}"))
    print(f"total: cold {total['cold']:.3f} s, warm {total['warm']:.3f} s")


def _solve_with(model, solver, time_limit, warm=None):
    """Solves through the low-level options, which can choose the solver."""
    from libmatch import libmatch_c as C

    options = C.match_options()
    options.time_limit = time_limit
    options.solver = C.MATCH_SOLVER_GLPK if solver == "glpk" else C.MATCH_SOLVER_AUTO
    if warm is not None:
        options.warm_start = warm._p
    started = time.perf_counter()
    handle = C.match_model_solve(model._m, options)
    return libmatch.Plan(handle), time.perf_counter() - started


if __name__ == "__main__":
    main()
