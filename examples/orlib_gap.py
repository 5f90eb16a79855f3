#!/usr/bin/env python3
"""Solves an OR-Library generalized assignment instance with listed pairs.

Agents become volunteers whose hours are their capacities; jobs become required needs that
allow one volunteer (max_volunteers 1); every (agent, job) is a listed pair whose hours are
the capacity the job uses at that agent and whose value is the job's value there (negated to
minimise). Eligibility "pairs_only" keeps the computed pairs out, and priority weights of 0
leave the listed values as the whole objective.

    PYTHONPATH=build/bindings/python python3 examples/orlib_gap.py tests/data/orlib/gap1-0
    PYTHONPATH=build/bindings/python python3 examples/orlib_gap.py tests/data/orlib/gap1-0 --max

Instance format (tests/data/orlib/README.md): "m n", the m x n values, the m x n capacity
uses, the m capacities.
"""

import argparse
import sys

import libmatch


def read_gap(path):
    """(values, uses, capacities) of an OR-Library gap instance file."""
    with open(path, encoding="ascii") as f:
        nums = [int(t) for t in f.read().split()]
    m, n = nums[0], nums[1]
    rows = [nums[2 + k * n: 2 + (k + 1) * n] for k in range(2 * m)]
    capacities = nums[2 + 2 * m * n: 2 + 2 * m * n + m]
    if len(capacities) != m or len(nums) != 2 + 2 * m * n + m:
        raise ValueError(f"{path}: not an m x n GAP instance")
    return rows[:m], rows[m:], capacities


def gap_model(values, uses, capacities, maximise=False):
    """The instance as a libmatch model, built through the Python binding."""
    model = libmatch.Model(name="generalized assignment")
    model.policy["eligibility"] = "pairs_only"
    model.policy["priority_weights"] = [0, 0, 0, 0, 0]
    model.add_community("C", lat=0, lon=0)
    for i, capacity in enumerate(capacities):
        model.add_volunteer(f"A{i + 1}", community="C", hours=capacity)
    for j in range(len(values[0])):
        model.add_need(f"J{j + 1}", community="C", category="job", priority=1, required=True,
                       max_volunteers=1)
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            model.add_pair(f"A{i + 1}", f"J{j + 1}", hours=uses[i][j],
                           value=value if maximise else -value)
    return model


def solve_gap(path, maximise=False):
    """(status, total value, {job: agent}) of the best assignment."""
    values, uses, capacities = read_gap(path)
    plan = gap_model(values, uses, capacities, maximise).solve()
    if plan.objective is None:
        return plan.status, None, {}
    total = plan.objective if maximise else -plan.objective
    return plan.status, total, {need.id: need.volunteers[0][0] for need in plan}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", help="an OR-Library gap instance file")
    parser.add_argument("--max", action="store_true", help="maximise the total value")
    args = parser.parse_args(argv)
    status, total, assignment = solve_gap(args.instance, args.max)
    print(f"{status}: total {'value' if args.max else 'cost'} {total:g}")
    for job, agent in assignment.items():
        print(f"  {job} -> {agent}")
    return 0 if status == "optimal" else 1


if __name__ == "__main__":
    sys.exit(main())
