"""Every solver path gives the same verdict on small seeded random scenarios.

Each scenario (listed pairs, fixed pairs, teams, required needs, resources, and numbers up to
the edges of the supported ranges of docs/model.md) is solved by `--solver auto`, `--solver
glpk`, both again warm-started from a perturbed plan, GLPK from the plan itself, and `--solver flow` where the scenario
is a pure network. All must agree on feasibility and on the optimum (to a tolerance), and
every plan must have bound >= objective, with bound = objective when it is optimal.

CTest runs this file as `python_cross_check` (LIBMATCH_CROSS_CHECK=1); the python_suite run
of this folder skips it, so that it runs once. LIBMATCH_CROSS_CHECK_COUNT sets the number of
scenarios (default 300).
"""

import json
import math
import os
import random

import pytest

from conftest import run_cli, write_json

if os.environ.get("LIBMATCH_CROSS_CHECK") != "1":
    pytest.skip("run by CTest as python_cross_check", allow_module_level=True)

COUNT = int(os.environ.get("LIBMATCH_CROSS_CHECK_COUNT", "300"))
SKILLS = ["medical", "teaching", "culture"]
CATEGORIES = ["health", "after_school", "culture", "elderly"]
TYPES = ["venue", "funds"]
# The edges of the supported ranges (docs/model.md, "Supported ranges").
MAX_QUANTITY = 1e5
MAX_PRICE = 1e4


def tolerance(value):
    return 1e-6 * (1.0 + abs(value))


def quantity(rng, extreme, low=0, high=40):
    if extreme and rng.random() < 0.3:
        return rng.choice([MAX_QUANTITY, MAX_QUANTITY - 1, 0.5 * MAX_QUANTITY])
    return rng.randint(low, high)


def price(rng, extreme, normal):
    if extreme and rng.random() < 0.3:
        return rng.choice([MAX_PRICE, 0.0, 1e-6])
    return normal


def scenario(seed):
    rng = random.Random(seed)
    extreme = rng.random() < 0.4
    network = seed % 4 == 0  # a pure network, which --solver flow solves too
    policy = {
        "priority_weights": [price(rng, extreme, w) for w in (1, 2, 4, 8, 16)],
        "distance_cost": price(rng, extreme, 0.001),
        "volunteer_shortfall_penalty": price(rng, extreme, 0.01),
        "unit_shortfall_penalty": price(rng, extreme, 1),
    }
    if rng.random() < 0.3:
        policy["volunteer_min_hours"] = quantity(rng, extreme, 0, 30)
    communities = [{"id": "C%d" % k, "lat": 34.53 + rng.uniform(-0.01, 0.01),
                    "lon": 113.38 + rng.uniform(-0.01, 0.01)} for k in range(rng.randint(1, 3))]
    cids = [c["id"] for c in communities]
    units = [{"id": "U%d" % k, "community": rng.choice(cids)} for k in range(rng.randint(1, 2))]
    for u in units:
        if not network and rng.random() < 0.2:
            u["min_projects"] = rng.randint(1, 2)
    volunteers = []
    for k in range(rng.randint(2, 6)):
        v = {"id": "V%d" % k, "community": rng.choice(cids), "hours": quantity(rng, extreme, 0, 40)}
        if rng.random() < 0.5:
            v["skills"] = rng.sample(SKILLS, rng.randint(1, 2))
        if rng.random() < 0.5:
            v["unit"] = rng.choice(units)["id"]
        if rng.random() < 0.25:
            v["min_hours"] = quantity(rng, extreme, 0, 30)
        volunteers.append(v)
    resources = [{"id": "R%d" % k, "unit": rng.choice(units)["id"], "type": rng.choice(TYPES),
                  "amount": quantity(rng, extreme, 0, 4)} for k in range(rng.randint(0, 2))]
    needs = []
    for k in range(rng.randint(2, 5)):
        n = {"id": "N%d" % k, "community": rng.choice(cids), "category": rng.choice(CATEGORIES),
             "priority": rng.randint(1, 5), "hours": quantity(rng, extreme, 0, 40)}
        if rng.random() < 0.4:
            n["skills"] = rng.sample(SKILLS, 1)
        if rng.random() < 0.25:
            n["min_volunteers"] = rng.randint(0, 1 if network else 3)
        if not network and rng.random() < 0.15:
            n["all_or_nothing"] = True
        if rng.random() < 0.1:
            n["required"] = True
        if rng.random() < 0.3 and network:
            n["hours"] = 0
            n["min_volunteers"] = 0
            n["resources"] = [{"type": rng.choice(TYPES), "amount": quantity(rng, extreme, 1, 3)}]
        elif rng.random() < 0.3:
            n["resources"] = [{"type": rng.choice(TYPES), "amount": quantity(rng, extreme, 1, 3)}]
        needs.append(n)
    scen = {"format": "libmatch-scenario-1", "policy": policy, "communities": communities,
            "units": units, "volunteers": volunteers, "resources": resources, "needs": needs}
    taken = set()
    if rng.random() < 0.3:
        fixed = []
        for _ in range(rng.randint(1, 2)):
            v, n = rng.choice(volunteers), rng.choice(needs)
            if (v["id"], n["id"]) not in taken and v["hours"] >= 1:
                taken.add((v["id"], n["id"]))
                fixed.append({"volunteer": v["id"], "need": n["id"],
                              "hours": rng.randint(1, 3)})
        scen["fixed"] = fixed
    if not network and rng.random() < 0.4:
        pairs = []
        for _ in range(rng.randint(1, 3)):
            v, n = rng.choice(volunteers), rng.choice(needs)
            if (v["id"], n["id"]) in taken:
                continue
            taken.add((v["id"], n["id"]))
            value = rng.choice([price(rng, extreme, 3.5), rng.uniform(-5, 10)])
            pairs.append({"volunteer": v["id"], "need": n["id"], "value": value,
                          "hours": rng.choice([0, 1, 2, 2.5, 4])})
        scen["pairs"] = pairs
    return scen


def perturbed(rng, plan, scen):
    """The plan with hours changed, entries dropped and a volunteer added here and there."""
    warm = json.loads(json.dumps(plan))
    vids = [v["id"] for v in scen["volunteers"]]
    for need in warm["needs"]:
        kept = []
        for entry in need["volunteers"]:
            r = rng.random()
            if r < 0.2:
                continue
            if r < 0.5:
                entry["hours"] = max(0, entry["hours"] + rng.randint(-3, 5))
            kept.append(entry)
        if rng.random() < 0.3:
            vid = rng.choice(vids)
            if all(e["id"] != vid for e in kept):
                kept.append({"id": vid, "hours": rng.randint(0, 8)})
        need["volunteers"] = kept
    return warm


def solve(cli, scen_path, out, *args):
    proc = run_cli(cli, "solve", scen_path, "-o", out, "-q", *args)
    return proc


class Failed(Exception):
    pass


def verdict(proc, out):
    if proc.returncode not in (0, 3):
        raise Failed("exit %d: %s" % (proc.returncode, proc.stderr.strip()))
    return json.loads(out.read_text(encoding="utf-8"))


def check_bound(name, plan):
    obj, bound = plan["objective"], plan["bound"]
    if plan["status"] not in ("optimal", "feasible"):
        return
    assert obj is not None, name
    if bound is not None:
        assert bound >= obj - tolerance(obj), (name, obj, bound)
        if plan["status"] == "optimal":
            assert abs(bound - obj) <= tolerance(obj), (name, "optimal with a gap", obj, bound)


def test_every_path_agrees(cli, tmp_path):
    failures = []
    flows = warm_starts = 0
    for seed in range(COUNT):
        try:
            flows, warm_starts = solve_every_way(cli, tmp_path, seed, failures, flows,
                                                 warm_starts)
        except Failed as e:
            failures.append((seed, str(e)))
    assert not failures, "%d of %d scenarios disagree, e.g.:\n%s" % (
        len({s for s, _ in failures}), COUNT,
        "\n".join("seed %d: %s" % f for f in failures[:15]))
    assert flows > COUNT // 10 and warm_starts > COUNT // 2, (flows, warm_starts)


def solve_every_way(cli, tmp_path, seed, failures, flows, warm_starts):
    """Solves scenario `seed` every way; disagreements go into failures."""
    scen = scenario(seed)
    scen_path = write_json(tmp_path / "s.json", scen)
    plans = {}
    out = tmp_path / "auto.json"
    proc = solve(cli, scen_path, out)
    if proc.returncode == 2:
        failures.append((seed, "input refused: " + proc.stderr.strip()))
        return flows, warm_starts
    plans["auto"] = verdict(proc, out)
    out = tmp_path / "glpk.json"
    plans["glpk"] = verdict(solve(cli, scen_path, out, "--solver", "glpk"), out)
    out = tmp_path / "flow.json"
    proc = solve(cli, scen_path, out, "--solver", "flow")
    if "needs a pure network" not in proc.stderr:
        plans["flow"] = verdict(proc, out)
        flows += 1
    base = plans["auto"] if plans["auto"]["status"] != "infeasible" else plans["glpk"]
    if base["status"] != "infeasible":
        rng = random.Random(seed * 7919 + 1)
        warm_path = write_json(tmp_path / "warm.json", perturbed(rng, base, scen))
        for solver in ("auto", "glpk"):
            out = tmp_path / ("warm-" + solver + ".json")
            proc = solve(cli, scen_path, out, "--solver", solver, "--warm-start", warm_path)
            plans["warm " + solver] = verdict(proc, out)
        # From the plan itself too: the warm start at its most faithful.
        base_path = write_json(tmp_path / "base.json", base)
        out = tmp_path / "warm-base.json"
        proc = solve(cli, scen_path, out, "--solver", "glpk", "--warm-start", base_path)
        plans["warm glpk from the optimum"] = verdict(proc, out)
        warm_starts += 1
    infeasible = {name: p["status"] == "infeasible" for name, p in plans.items()}
    if len(set(infeasible.values())) != 1:
        failures.append((seed, "feasibility verdicts differ: %s" % infeasible))
        return flows, warm_starts
    for name, plan in plans.items():
        try:
            check_bound(name, plan)
        except AssertionError as e:
            failures.append((seed, "bound: %s" % (e,)))
    optima = {name: p["objective"] for name, p in plans.items()
              if p["status"] == "optimal"}
    if optima:
        best = max(optima.values())
        for name, value in optima.items():
            if abs(value - best) > tolerance(best):
                failures.append((seed, "optima differ: %s" % optima))
                break
        for name, plan in plans.items():  # a feasible plan can never beat the optimum
            if plan["objective"] is not None and plan["objective"] > best + tolerance(best):
                failures.append((seed, "%s beats the optimum: %s" % (name, optima)))
    return flows, warm_starts
