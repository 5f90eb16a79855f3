"""Determinism of the command-line tool: the same scenario gives byte-identical plan files
across runs, whether written to a file or to standard output, and when the solve is
warm-started from the plan itself (every solver path: the network simplex, the coupled path,
GLPK alone, listed pairs, re-planning against a plan in force)."""

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _scenarios(data_dir):
    return {
        "xinmi": EXAMPLES / "xinmi.json",           # a pure network: the network simplex
        "tiny": data_dir / "tiny.json",             # teams, all-or-nothing: the coupled path
        "home_visits": EXAMPLES / "home_visits.json",  # listed pairs: GLPK
        "urgent": EXAMPLES / "xinmi-urgent.json",   # a plan in force (change penalty)
    }


def _solve(cli, scenario, out, *extra):
    args = ["solve", scenario, "--quiet", *extra]
    if out is not None:
        args += ["-o", out]
    r = run_cli(cli, *args, timeout=120)
    assert r.returncode == 0, r.stderr
    return Path(out).read_bytes() if out is not None else r.stdout.encode("utf-8")


def _copy_scenario(src, tmp_path):
    """The scenario beside a copy of the plan it names (xinmi-urgent.json's previous_plan)."""
    for f in src.parent.glob("xinmi*.json"):
        shutil.copy(f, tmp_path / f.name)
    if not (tmp_path / src.name).exists():
        shutil.copy(src, tmp_path / src.name)
    return tmp_path / src.name


# GLPK alone finds another of xinmi's optimal plans (same objective) when it starts from
# one: ties between optima are broken by the search, not by a canonical rule.
GLPK_TIES = {("xinmi", "glpk")}


@pytest.mark.parametrize("solver", ["auto", "glpk"])
@pytest.mark.parametrize("name", ["xinmi", "tiny", "home_visits", "urgent"])
def test_same_bytes_every_run_file_and_stdout(cli, tmp_path, data_dir, name, solver):
    scenario = _copy_scenario(_scenarios(data_dir)[name], tmp_path)
    first = _solve(cli, scenario, tmp_path / "a.json", "--solver", solver)
    assert b'"format": "libmatch-plan-1"' in first
    for k in range(2):
        assert _solve(cli, scenario, tmp_path / ("again%d.json" % k), "--solver", solver) == first
    assert _solve(cli, scenario, None, "--solver", solver) == first


@pytest.mark.parametrize("solver", ["auto", "glpk"])
@pytest.mark.parametrize("name", ["xinmi", "tiny", "home_visits", "urgent"])
def test_warm_start_from_the_plan_itself(cli, tmp_path, data_dir, name, solver, request):
    if (name, solver) in GLPK_TIES:
        request.node.add_marker(pytest.mark.xfail(
            strict=True, reason="GLPK alone picks another optimum among ties when warm-started"))
    scenario = _copy_scenario(_scenarios(data_dir)[name], tmp_path)
    plan = tmp_path / "plan.json"
    first = _solve(cli, scenario, plan, "--solver", solver)
    again = _solve(cli, scenario, tmp_path / "warm.json", "--solver", solver, "--warm-start", plan)
    assert again == first


def test_glpk_ties_keep_the_objective_and_settle(cli, tmp_path):
    """Where GLPK's warm start picks another optimum, the objective is the same and starting
    from that plan again gives it back byte for byte."""
    import json
    scenario = EXAMPLES / "xinmi.json"
    a = tmp_path / "a.json"
    b = tmp_path / "b.json"
    _solve(cli, scenario, a, "--solver", "glpk")
    second = _solve(cli, scenario, b, "--solver", "glpk", "--warm-start", a)
    assert json.loads(second)["objective"] == json.loads(a.read_bytes())["objective"]
    assert _solve(cli, scenario, tmp_path / "c.json", "--solver", "glpk", "--warm-start", b) \
        == second

