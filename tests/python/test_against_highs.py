"""The CLI's plans against the model's rules and against HiGHS.

For generated scenarios (bench/gen_scenario.py), with and without the coupling rules:
(a) the plan obeys every rule of docs/model.md (plan_checks.py, eligibility reimplemented);
(b) the plan's objective equals the objective recomputed from its own numbers;
(c) an optimal plan's objective equals the optimum of an independent formulation solved by
    HiGHS (reference_model.py), and an infeasible verdict agrees with HiGHS's;
(d) solving twice gives byte-identical plan files.
"""

import json

import pytest

import plan_checks
import reference_model as rm
from conftest import run_cli, write_json

CASES = [(seed, False, 30, 12) for seed in (1, 2, 3, 4)]
CASES += [(seed, True, 30, 12) for seed in (1, 2, 3, 4, 5, 6)]
CASES += [(seed, True, 20, 16) for seed in (1, 2, 3)]
CASES += [(11, False, 60, 25), (12, True, 60, 25)]


def rel_close(a, b, rel=1e-6):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def check_against_highs(cli, tmp_path, raw):
    """Runs (a)-(d) on one scenario; returns HiGHS's verdict and the plan."""
    scen_path = write_json(tmp_path / "scenario.json", raw)
    plan_path = tmp_path / "plan.json"
    proc = run_cli(cli, "solve", scen_path, "-o", plan_path, "--quiet")
    scen = rm.normalize(raw)
    ref = rm.solve_reference(scen)
    assert ref["status"] in ("optimal", "infeasible"), ref["message"]

    assert proc.returncode in (0, 3), (proc.returncode, proc.stderr)
    plan = json.loads(plan_path.read_text(encoding="utf-8"))

    # (a) the rules hold, and every item is listed once.
    problems = plan_checks.check_plan(scen, plan)
    assert problems == [], "\n".join(problems)

    if ref["status"] == "infeasible":
        assert proc.returncode == 3
        assert plan["status"] == "infeasible"
    else:
        assert proc.returncode == 0, proc.stderr
        assert plan["status"] == "optimal"

        # (b) the reported objective is the plan's own.
        recomputed = plan_checks.recompute_objective(scen, plan)
        assert abs(recomputed - plan["objective"]) <= 1e-6 * max(1.0, abs(recomputed)), \
            (recomputed, plan["objective"])

        # (c) optimal means HiGHS's optimum; the bound agrees.
        assert rel_close(plan["objective"], ref["objective"]), \
            "libmatch %.9f, HiGHS %.9f" % (plan["objective"], ref["objective"])
        assert rel_close(plan["bound"], plan["objective"], 1e-6)

    # (d) determinism.
    again = tmp_path / "again.json"
    proc2 = run_cli(cli, "solve", scen_path, "-o", again, "--quiet")
    assert proc2.returncode == proc.returncode
    assert again.read_bytes() == plan_path.read_bytes()
    return ref, plan


@pytest.mark.parametrize("seed,coupled,nv,nn", CASES,
                         ids=["s%d-%s-%dx%d" % (s, "coupled" if c else "plain", v, n)
                              for s, c, v, n in CASES])
def test_plan_matches_highs(cli, gen, tmp_path, seed, coupled, nv, nn):
    raw = gen.generate(seed, volunteers=nv, needs=nn, units=4, communities=5, resources=6,
                       coupled=coupled)
    check_against_highs(cli, tmp_path, raw)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_required_need_binds(cli, gen, tmp_path, seed):
    """Makes required a need the unconstrained optimum leaves (partly) uncovered, so the rule
    changes the answer. For the first such need that can be met, libmatch and HiGHS agree on
    the new, lower optimum; for the first that cannot, both say infeasible."""
    raw = gen.generate(seed, volunteers=20, needs=16, coupled=True)
    for n in raw["needs"]:
        n.pop("required", None)
    ref = rm.solve_reference(rm.normalize(raw))
    assert ref["status"] == "optimal"
    short = [n for n in raw["needs"] if ref["c"][n["id"]] < 1 - 1e-6]
    seen = set()
    for n in short:
        n["required"] = True
        verdict = rm.solve_reference(rm.normalize(raw))["status"]
        if verdict not in seen:
            seen.add(verdict)
            sub = tmp_path / n["id"]
            sub.mkdir()
            new_ref, plan = check_against_highs(cli, sub, raw)
            if verdict == "optimal":
                assert new_ref["objective"] < ref["objective"] - 1e-9
                coverage = {e["id"]: e["coverage"] for e in plan["needs"]}
                assert coverage[n["id"]] == 1
        n.pop("required")
    assert "optimal" in seen, "seed %d: no uncovered need can be met alone" % seed


def test_impossible_required_need(cli, gen, tmp_path):
    """A required need asking more hours than all volunteers have: both say infeasible, and
    the command names the need."""
    raw = gen.generate(8, volunteers=30, needs=12, coupled=True)
    need = raw["needs"][3]
    need.update(required=True, hours=10000)
    need.pop("skills", None)
    ref, plan = check_against_highs(cli, tmp_path, raw)
    assert ref["status"] == "infeasible"
    proc = run_cli(cli, "solve", tmp_path / "scenario.json", "-o", tmp_path / "p.json")
    assert proc.returncode == 3
    assert need["id"] in proc.stderr + proc.stdout


def test_generator_is_deterministic(gen, tmp_path):
    a = gen.dumps(gen.generate(5, coupled=True))
    b = gen.dumps(gen.generate(5, coupled=True))
    c = gen.dumps(gen.generate(6, coupled=True))
    assert a == b
    assert a != c
    raw = json.loads(a)
    assert raw["format"] == "libmatch-scenario-1"
    assert len(raw["volunteers"]) == 30 and len(raw["needs"]) == 12
    # The coupled scenario uses every coupling rule.
    needs = raw["needs"]
    assert any(n.get("required") for n in needs)
    assert raw["fixed"] and raw["forbidden"]
    assert any(n.get("min_volunteers", 1) > 1 or n.get("all_or_nothing") for n in needs)
    # Through the command line too, to a file.
    out = tmp_path / "s.json"
    assert gen.main(["--seed", "5", "--coupled", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == a


def test_reference_model_on_hand_example():
    """The reference itself on a case computed by hand (so (c) cannot pass vacuously).

    V1 (10 h) and N1 (priority 3, weight 4, 6 h), N2 (priority 2, weight 2, 6 h), one
    community: N1 gets 6 h, N2 4 h. Objective 4 + 2 * 4/6 = 5.3333.
    """
    raw = {"format": "libmatch-scenario-1",
           "communities": [{"id": "C0", "lat": 34.0, "lon": 113.0}],
           "units": [], "resources": [],
           "volunteers": [{"id": "V1", "community": "C0", "hours": 10}],
           "needs": [{"id": "N1", "community": "C0", "category": "x", "priority": 3, "hours": 6},
                     {"id": "N2", "community": "C0", "category": "x", "priority": 2,
                      "hours": 6}]}
    ref = rm.solve_reference(rm.normalize(raw))
    assert ref["status"] == "optimal"
    assert abs(ref["objective"] - (4 + 2 * 4 / 6)) < 1e-9
    assert ref["x"] == {("V1", "N1"): 6, ("V1", "N2"): 4}


def test_reference_model_unit_trade():
    """Unit obligation against value, by hand (see tests/unit/test_objective.c): 3.25."""
    raw = {"format": "libmatch-scenario-1",
           "communities": [{"id": "C0", "lat": 34.0, "lon": 113.0}],
           "units": [{"id": "U1", "community": "C0", "min_projects": 2}], "resources": [],
           "volunteers": [{"id": "V1", "unit": "U1", "community": "C0", "hours": 4}],
           "needs": [{"id": "N1", "community": "C0", "category": "x", "priority": 3, "hours": 4},
                     {"id": "N2", "community": "C0", "category": "x", "priority": 1,
                      "hours": 4}]}
    ref = rm.solve_reference(rm.normalize(raw))
    assert abs(ref["objective"] - 3.25) < 1e-9
    raw["policy"] = {"unit_shortfall_penalty": 0.2}
    ref = rm.solve_reference(rm.normalize(raw))
    assert abs(ref["objective"] - 3.8) < 1e-9


def test_haversine():
    # 0.02 degrees along a meridian is 0.02 * 6371 * pi / 180 km.
    assert abs(rm.haversine_km(34.0, 113.0, 34.02, 113.0) - 2.2238985328911745) < 1e-9
    # A quarter of the equator.
    assert abs(rm.haversine_km(0, 0, 0, 90) - 6371.0 * 3.141592653589793 / 2) < 1e-6


def test_tiny_example(cli, data_dir, tmp_path):
    """The hand-written sample scenario: valid plan, HiGHS's optimum."""
    path = data_dir / "tiny.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    out = tmp_path / "plan.json"
    proc = run_cli(cli, "solve", path, "-o", out)
    scen = rm.normalize(raw)
    ref = rm.solve_reference(scen)
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan_checks.check_plan(scen, plan) == []
    if ref["status"] == "infeasible":
        assert proc.returncode == 3
    else:
        assert proc.returncode == 0, proc.stderr
        assert rel_close(plan["objective"], ref["objective"])
        assert rel_close(plan_checks.recompute_objective(scen, plan), plan["objective"])
