#!/usr/bin/env python3
"""What-if runs on the Xinmi scenario with the libmatch Python binding.

Compares the baseline plan with three changes, each made on a copy of the model:
  - a wider service circle (policy max_distance_km),
  - one more co-building unit joining with a few volunteers,
  - the volunteers of one skill doubled (each gets a twin with the same attributes).

Usage: python3 examples/whatif.py [SCENARIO.json] [--skill SKILL] [--km KM]
"""

import argparse
import json
import pathlib

import libmatch

HERE = pathlib.Path(__file__).resolve().parent


def twin_volunteers(model, scenario, skill):
    """Adds a twin of every volunteer who has `skill`; returns how many were added."""
    added = 0
    for v in scenario["volunteers"]:
        if skill not in v.get("skills", []):
            continue
        optional = {k: v[k] for k in ("unit", "min_hours", "max_distance_km", "lat", "lon")
                    if k in v}
        model.add_volunteer(v["id"] + "-twin", community=v["community"], hours=v["hours"],
                            skills=v.get("skills", []), slots=v.get("slots", []), **optional)
        added += 1
    return added


def new_unit_joins(model, scenario):
    """A new unit in the first community, with three volunteers of different skills."""
    community = scenario["communities"][0]["id"]
    model.add_unit("U-NEW", community=community, name="新加入的共建单位")
    for i, skills in enumerate((["cooking", "nursing"], ["opera", "culture"],
                                ["teaching", "childcare"]), start=1):
        model.add_volunteer(f"V-NEW-{i}", community=community, unit="U-NEW", hours=30,
                            skills=skills)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(HERE / "xinmi.json"))
    parser.add_argument("--skill", default="medical", help="skill whose volunteers double")
    parser.add_argument("--km", type=float, default=5.0, help="the wider service circle")
    args = parser.parse_args()

    with open(args.scenario, encoding="utf-8") as f:
        scenario = json.load(f)
    base = libmatch.load(args.scenario)

    scenarios = [("baseline", base)]

    wider = base.copy()
    wider.policy["max_distance_km"] = args.km
    scenarios.append((f"service circle {args.km:g} km", wider))

    joined = base.copy()
    new_unit_joins(joined, scenario)
    scenarios.append(("one more unit (+3 volunteers)", joined))

    doubled = base.copy()
    n = twin_volunteers(doubled, scenario, args.skill)
    scenarios.append((f"{args.skill} volunteers doubled (+{n})", doubled))

    header = f"{'scenario':<34} {'objective':>10}   " + "  ".join(
        f"P{p:<5}" for p in range(5, 0, -1))
    print(header.rstrip())
    print("-" * len(header.rstrip()))
    for name, model in scenarios:
        plan = model.solve()
        covered = plan.covered_by_priority()
        cells = "  ".join(f"{c}/{t:<4}" for c, t in (covered[p] for p in range(5, 0, -1)))
        objective = "-" if plan.objective is None else f"{plan.objective:.3f}"
        print(f"{name:<34} {objective:>10}   {cells}".rstrip())
    print("\nP5..P1: needs fully covered / needs, by priority (5 = highest).")


if __name__ == "__main__":
    main()
