#!/usr/bin/env python3
"""Stable re-planning on the Xinmi scenario: a community raises an urgent call (社区吹哨)
after the project list was published, and the list is re-planned against the plan in force.

Solves examples/xinmi.json (the plan in force), adds the urgent need of
examples/xinmi-urgent.json, and re-plans with and without a change penalty; prints who moved,
from which need to which.

Usage: python3 examples/replan.py [--penalty P] [--lexicographic]
"""

import argparse
import json
import pathlib

import libmatch

HERE = pathlib.Path(__file__).resolve().parent


def assignment(plan):
    """{(volunteer, need): hours} of a plan."""
    return {(v, need.id): h for need in plan.needs for v, h in need.volunteers}


def moves(before, after):
    """Per volunteer who moved: the hours taken from needs and given to needs."""
    a, b = assignment(before), assignment(after)
    out = {}
    for (v, n) in sorted(set(a) | set(b)):
        delta = b.get((v, n), 0) - a.get((v, n), 0)
        if delta:
            out.setdefault(v, []).append((n, delta))
    return out


def report(title, before, after):
    print(f"{title}: objective {after.objective:.4f}, {after.moved_hours} of "
          f"{after.previous_hours} volunteer-hours moved by {len(after.moved())} volunteer(s)")
    for volunteer, changes in moves(before, after).items():
        if not any(delta < 0 for _, delta in changes):
            continue  # only gained hours: nobody was moved away from anything
        parts = ", ".join(f"{'+' if d > 0 else ''}{d} h {n}" for n, d in changes)
        print(f"  {volunteer}: {parts}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--penalty", type=float, default=0.05,
                        help="change_penalty per volunteer-hour moved (default 0.05)")
    parser.add_argument("--lexicographic", action="store_true",
                        help="rank priorities lexicographically instead of by weight")
    args = parser.parse_args()

    model = libmatch.load(HERE / "xinmi.json")
    if args.lexicographic:
        model.policy["objective"] = "lexicographic"
    in_force = model.solve()
    print(f"plan in force: {in_force.status}, objective {in_force.objective:.4f}")

    # The urgent call, as examples/xinmi-urgent.json states it.
    urgent = json.loads((HERE / "xinmi-urgent.json").read_text(encoding="utf-8"))["needs"][-1]
    model.add_need(urgent["id"], community=urgent["community"], category=urgent["category"],
                   priority=urgent["priority"], hours=urgent["hours"], skills=urgent["skills"],
                   slots=urgent["slots"])
    model.set_previous_plan(in_force)
    for penalty in (args.penalty, 0.0):
        model.policy["change_penalty"] = penalty
        plan = model.solve()
        covered = plan.need(urgent["id"]).coverage
        report(f"re-plan, change_penalty {penalty:g} ({urgent['id']} covered {covered:.0%})",
               in_force, plan)


if __name__ == "__main__":
    main()
