"""Listed pairs and max_volunteers through the CLI, against the rules and against HiGHS.

(a) Generated scenarios with listed pairs (added to or overriding the computed ones, or the
    only ones under "pairs_only"), fixed listed pairs and max_volunteers: the plan obeys the
    rules, its objective is its own, and it is HiGHS's optimum (test_against_highs.py).
(b) The OR-Library GAP instances (tests/data/orlib) as scenario files: every instance reaches
    its published optimum, minimising and maximising, with status optimal, and the plan is a
    valid assignment.
"""

import csv
import json
import pathlib
import random

import pytest

import plan_checks
import reference_model as rm
from conftest import run_cli, write_json
from test_against_highs import check_against_highs


def add_listed_pairs(raw, seed, pairs_only=False):
    """Adds listed pairs, a fixed listed pair and max_volunteers to a generated scenario."""
    rng = random.Random(seed)
    vols, needs = raw["volunteers"], raw["needs"]
    taken = {(f["volunteer"], f["need"]) for f in raw.get("forbidden", [])}
    fixed = {(f["volunteer"], f["need"]): f["hours"] for f in raw.get("fixed", [])}
    pairs = []
    for n in needs:
        for v in rng.sample(vols, 4):
            key = (v["id"], n["id"])
            if key in taken:
                continue
            taken.add(key)
            hours = rng.choice([1, 2, 3, 4, 2.5, 0])
            if key in fixed:
                hours = max(hours, fixed[key])  # a fixed listed pair lists at least as much
            pairs.append({"volunteer": v["id"], "need": n["id"],
                          "value": rng.choice([-2, -0.5, 0, 0.75, 1.5, 3]), "hours": hours})
    if fixed:  # list one of the fixed pairs too, if it is not already
        key, hours = next(iter(fixed.items()))
        if key not in {(p["volunteer"], p["need"]) for p in pairs}:
            pairs.append({"volunteer": key[0], "need": key[1], "value": -1, "hours": hours + 1})
    raw["pairs"] = pairs
    fixed_count = {}
    for (_, nid) in fixed:
        fixed_count[nid] = fixed_count.get(nid, 0) + 1
    for n in needs[::3]:
        least = max(n.get("min_volunteers", 1), fixed_count.get(n["id"], 0))
        n["max_volunteers"] = rng.choice([least, least + 1])
    if pairs_only:
        raw["policy"]["eligibility"] = "pairs_only"
    return raw


CASES = [(seed, coupled, only) for seed in (1, 2, 3) for coupled in (False, True)
         for only in (False, True)]


@pytest.mark.parametrize("seed,coupled,pairs_only", CASES,
                         ids=["s%d-%s-%s" % (s, "coupled" if c else "plain",
                                             "pairs_only" if o else "computed")
                              for s, c, o in CASES])
def test_listed_pairs_match_highs(cli, gen, tmp_path, seed, coupled, pairs_only):
    raw = gen.generate(seed, volunteers=24, needs=10, units=4, communities=5, resources=6,
                       coupled=coupled)
    add_listed_pairs(raw, seed, pairs_only)
    ref, plan = check_against_highs(cli, tmp_path, raw)
    if ref["status"] == "optimal":
        # The listed pairs are used at all: some chosen one appears in the plan.
        listed = {(p["volunteer"], p["need"]) for p in raw["pairs"]}
        chosen = {(a["id"], e["id"]) for e in plan["needs"] for a in e["volunteers"]}
        assert chosen & listed


def test_reference_model_listed_pairs_by_hand():
    """The reference on a case computed by hand (so the cross-check cannot pass vacuously):
    V1 (3 h) listed with N1 (priority 5, no hours, value 1.5, 2 h) and N2 (priority 1, value
    0, 2 h): only one fits, N1's is worth 16 + 1.5."""
    raw = {"format": "libmatch-scenario-1",
           "communities": [{"id": "C0", "lat": 34.0, "lon": 113.0}],
           "volunteers": [{"id": "V1", "community": "C0", "hours": 3}],
           "needs": [{"id": "N1", "community": "C0", "category": "x", "priority": 5},
                     {"id": "N2", "community": "C0", "category": "x", "priority": 1}],
           "pairs": [{"volunteer": "V1", "need": "N1", "value": 1.5, "hours": 2},
                     {"volunteer": "V1", "need": "N2", "hours": 2}]}
    ref = rm.solve_reference(rm.normalize(raw))
    assert ref["status"] == "optimal"
    assert abs(ref["objective"] - 17.5) < 1e-9
    assert ref["x"] == {("V1", "N1"): 2}


# ---- The OR-Library generalized assignment instances --------------------------------------

def read_gap(path):
    """(values, uses, capacities) of an OR-Library gap file: m n, c (m x n), r (m x n), b."""
    nums = [int(t) for t in path.read_text().split()]
    m, n = nums[0], nums[1]
    values = [nums[2 + i * n: 2 + (i + 1) * n] for i in range(m)]
    base = 2 + m * n
    uses = [nums[base + i * n: base + (i + 1) * n] for i in range(m)]
    capacities = nums[base + m * n: base + m * n + m]
    assert len(capacities) == m and len(nums) == base + m * n + m
    return values, uses, capacities


def gap_scenario(values, uses, capacities, maximise):
    """Agents are volunteers, jobs required needs with max_volunteers 1, every (agent, job)
    a listed pair; priority weights 0 so that the objective is the sum of the values."""
    agents, jobs = len(values), len(values[0])
    return {
        "format": "libmatch-scenario-1",
        "policy": {"eligibility": "pairs_only", "priority_weights": [0, 0, 0, 0, 0]},
        "communities": [{"id": "C", "lat": 0, "lon": 0}],
        "volunteers": [{"id": "A%d" % (i + 1), "community": "C", "hours": capacities[i]}
                       for i in range(agents)],
        "needs": [{"id": "J%d" % (j + 1), "community": "C", "category": "job", "priority": 1,
                   "required": True, "max_volunteers": 1} for j in range(jobs)],
        "pairs": [{"volunteer": "A%d" % (i + 1), "need": "J%d" % (j + 1),
                   "value": values[i][j] if maximise else -values[i][j], "hours": uses[i][j]}
                  for i in range(agents) for j in range(jobs)],
    }


def gap_cases(data_dir):
    with open(data_dir / "orlib" / "optima.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def test_all_twenty_instances_are_there(data_dir):
    rows = gap_cases(data_dir)
    assert len(rows) == 20
    for row in rows:
        values, _, capacities = read_gap(data_dir / "orlib" / row["instance"])
        assert len(capacities) == int(row["agents"]) and len(values[0]) == int(row["jobs"])


@pytest.mark.parametrize("set_", ["gap1", "gap2", "gap3", "gap4"])
@pytest.mark.parametrize("maximise", [False, True], ids=["min_cost", "max_profit"])
def test_orlib_gap_optimum(cli, data_dir, tmp_path, set_, maximise):
    """Each instance of the set, through a scenario file and the CLI: status optimal, the
    published optimum, a valid plan (one agent per job, capacities kept) whose objective is
    its own."""
    for row in gap_cases(data_dir):
        if not row["instance"].startswith(set_ + "-"):
            continue
        values, uses, capacities = read_gap(data_dir / "orlib" / row["instance"])
        raw = gap_scenario(values, uses, capacities, maximise)
        scen_path = write_json(tmp_path / ("%s.json" % row["instance"]), raw)
        plan_path = tmp_path / ("%s-plan.json" % row["instance"])
        proc = run_cli(cli, "solve", scen_path, "-o", plan_path, "--quiet")
        assert proc.returncode == 0, proc.stderr
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
        assert plan["status"] == "optimal", row["instance"]
        want = float(row["max_profit_optimum"] if maximise else row["min_cost_optimum"])
        got = plan["objective"] if maximise else -plan["objective"]
        assert abs(got - want) < 1e-6, (row["instance"], got, want)
        scen = rm.normalize(raw)
        assert plan_checks.check_plan(scen, plan) == []
        assert abs(plan_checks.recompute_objective(scen, plan) - plan["objective"]) < 1e-6
        for e in plan["needs"]:
            assert len(e["volunteers"]) == 1 and e["coverage"] == 1


def test_home_visits_example(cli, tmp_path):
    """examples/home_visits.json (docs/analysis.md): the assignment worked out by hand."""
    example = pathlib.Path(__file__).resolve().parents[2] / "examples"
    plan_path = tmp_path / "plan.json"
    proc = run_cli(cli, "solve", example / "home_visits.json", "-o", plan_path, "--quiet")
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    assert plan["status"] == "optimal" and plan["objective"] == 12
    assert {e["id"]: [a["id"] for a in e["volunteers"]] for e in plan["needs"]} == {
        "visit-A": ["王芳"], "visit-B": ["张敏"], "visit-C": ["李强"]}


def test_cli_check_counts_listed_pairs(cli, data_dir, tmp_path):
    values, uses, capacities = read_gap(data_dir / "orlib" / "gap1-0")
    scen = write_json(tmp_path / "gap.json", gap_scenario(values, uses, capacities, False))
    proc = run_cli(cli, "check", scen)
    assert proc.returncode == 0, proc.stderr
    assert "5 volunteers" in proc.stderr and "15 needs, 75 listed pairs" in proc.stderr


def test_orlib_gap_reference_agrees(data_dir):
    """The independent HiGHS formulation reaches the published optima too (one instance per
    set), so the reference is fit to judge listed pairs."""
    for name in ("gap1-0", "gap2-1", "gap3-2", "gap4-3"):
        row = next(r for r in gap_cases(data_dir) if r["instance"] == name)
        values, uses, capacities = read_gap(data_dir / "orlib" / name)
        for maximise in (False, True):
            ref = rm.solve_reference(rm.normalize(gap_scenario(values, uses, capacities,
                                                               maximise)))
            assert ref["status"] == "optimal"
            want = float(row["max_profit_optimum"] if maximise else row["min_cost_optimum"])
            assert abs((ref["objective"] if maximise else -ref["objective"]) - want) < 1e-6
