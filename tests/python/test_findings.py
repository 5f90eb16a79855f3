"""Regression tests for the inputs of tests/data/findings/ (one per row of its README), and
for output safety: no command ever writes over one of its own inputs."""

import json
import os
import shutil

import pytest

from conftest import run_cli, write_json


@pytest.fixture()
def findings(data_dir, tmp_path):
    """A copy of the findings, so that a failing test cannot damage the originals."""
    dest = tmp_path / "findings"
    shutil.copytree(data_dir / "findings", dest)
    return dest


def read_plan(path):
    return json.loads(path.read_text(encoding="utf-8"))


def close(a, b):
    return abs(a - b) <= 1e-7 * (1 + abs(a))


# ---- feas_tiny1e15.json: volunteer_min_hours 1e15 ------------------------------------------

def test_huge_volunteer_min_hours_is_an_input_error_on_every_path(cli, findings):
    scen = findings / "feas_tiny1e15.json"
    for args in (["check", scen], ["solve", scen], ["solve", scen, "--solver", "glpk"]):
        proc = run_cli(cli, *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert 'field "volunteer_min_hours"' in proc.stderr, proc.stderr
        assert "supported range" in proc.stderr and "1e+15" in proc.stderr, proc.stderr


@pytest.mark.parametrize("min_hours", [100, 1e5])
def test_volunteer_min_hours_beyond_hours_same_optimum_on_every_path(cli, findings, tmp_path,
                                                                    min_hours):
    scen = json.loads((findings / "feas_tiny1e15.json").read_text(encoding="utf-8"))
    scen["policy"]["volunteer_min_hours"] = min_hours  # more than any volunteer has
    path = write_json(tmp_path / "s.json", scen)
    objectives = []
    for solver in ("auto", "glpk"):
        out = tmp_path / (solver + ".json")
        proc = run_cli(cli, "solve", path, "--solver", solver, "-o", out, "-q")
        assert proc.returncode == 0, (solver, proc.stderr)
        plan = read_plan(out)
        assert plan["status"] == "optimal", solver
        assert close(plan["bound"], plan["objective"]), solver
        objectives.append(plan["objective"])
    assert close(objectives[0], objectives[1]), objectives


# ---- big308.json, amount1e308.json, weight1e308.json ---------------------------------------

@pytest.mark.parametrize("name, item, field", [
    ("big308.json", 'volunteer "V0001"', 'field "hours"'),
    ("amount1e308.json", 'resource "R001"', 'field "amount"'),
    ("weight1e308.json", "policy", 'field "priority_weights"'),
])
def test_1e308_refused_by_check_and_solve_alike(cli, findings, name, item, field):
    scen = findings / name
    messages = set()
    for args in (["check", scen], ["solve", scen], ["solve", scen, "--solver", "glpk"]):
        proc = run_cli(cli, *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert item in proc.stderr and field in proc.stderr, proc.stderr
        assert "supported range" in proc.stderr and "1e+308" in proc.stderr, proc.stderr
        assert "flow arithmetic" not in proc.stderr
        messages.add(proc.stderr.strip())
    assert len(messages) == 1, messages


# ---- optgap_min.json warm-started from ogm_a.json ------------------------------------------

def test_warm_start_never_changes_the_bound(cli, findings, tmp_path):
    scen = findings / "optgap_min.json"
    cold = tmp_path / "cold.json"
    assert run_cli(cli, "solve", scen, "-o", cold, "-q").returncode == 0
    cold_plan = read_plan(cold)
    assert cold_plan["status"] == "optimal"
    for solver in ("auto", "glpk"):
        warm = tmp_path / ("warm-%s.json" % solver)
        proc = run_cli(cli, "solve", scen, "--solver", solver, "--warm-start",
                       findings / "ogm_a.json", "-o", warm, "-q")
        assert proc.returncode == 0, proc.stderr
        plan = read_plan(warm)
        assert plan["status"] == "optimal"
        assert close(plan["bound"], plan["objective"]), (plan["objective"], plan["bound"])
        assert close(plan["objective"], cold_plan["objective"])
        assert close(plan["bound"], cold_plan["bound"])


# ---- Output safety ---------------------------------------------------------------------------

def snapshot(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def assert_refused(proc, code, before, directory):
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert proc.stderr.strip() != ""
    assert snapshot(directory) == before, "a file was written or changed"


@pytest.fixture()
def work(findings, tmp_path):
    d = tmp_path / "work"
    (d / "sub").mkdir(parents=True)
    shutil.copy(findings / "optgap_min.json", d / "s.json")
    shutil.copy(findings / "ogm_a.json", d / "warm.json")
    os.symlink("s.json", d / "link.json")
    os.symlink("s.json", d / "link.mps")
    return d


def test_solve_refuses_to_write_over_the_scenario(cli, work):
    before = snapshot(work)
    for out in (work / "s.json", work / "link.json", str(work / "sub") + "/../s.json"):
        proc = run_cli(cli, "solve", work / "s.json", "-o", out)
        assert_refused(proc, 1, before, work)
        assert "refusing to write" in proc.stderr and "the scenario" in proc.stderr


def test_solve_refuses_to_write_over_its_plan_inputs(cli, work):
    before = snapshot(work)
    proc = run_cli(cli, "solve", work / "s.json", "--warm-start", work / "warm.json",
                   "-o", work / "warm.json")
    assert_refused(proc, 1, before, work)
    assert "--warm-start" in proc.stderr
    proc = run_cli(cli, "solve", work / "s.json", "--previous", work / "warm.json",
                   "-o", work / "warm.json")
    assert_refused(proc, 1, before, work)
    assert "--previous" in proc.stderr


def test_solve_refuses_the_scenarios_own_previous_plan(cli, work):
    scen = json.loads((work / "s.json").read_text(encoding="utf-8"))
    scen["previous_plan"] = "warm.json"
    write_json(work / "s.json", scen)
    before = snapshot(work)
    proc = run_cli(cli, "solve", work / "s.json", "-o", work / "sub" / ".." / "warm.json")
    assert_refused(proc, 1, before, work)
    assert "previous_plan" in proc.stderr


def test_export_and_diff_refuse_their_inputs(cli, work):
    before = snapshot(work)
    proc = run_cli(cli, "export", work / "s.json", "-o", work / "link.mps")
    assert_refused(proc, 1, before, work)
    proc = run_cli(cli, "diff", work / "warm.json", work / "warm.json", "-o", work / "warm.json")
    assert_refused(proc, 1, before, work)


def test_unwritable_output_is_refused_before_solving(cli, work):
    before = snapshot(work)
    for out in (work / "missing" / "p.json", work / "s.json" / "p.json", work / "sub"):
        proc = run_cli(cli, "solve", work / "s.json", "-o", out)
        assert_refused(proc, 6, before, work)
        assert "cannot write" in proc.stderr
        assert "status" not in proc.stderr  # refused before the solve: no summary
    assert sorted(p.name for p in (work / "sub").iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_read_only_directory_is_refused_before_solving(cli, work):
    ro = work / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        proc = run_cli(cli, "solve", work / "s.json", "-o", ro / "p.json")
        assert proc.returncode == 6, proc.stderr
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o755)


def test_a_new_output_is_still_written(cli, work):
    proc = run_cli(cli, "solve", work / "s.json", "-o", work / "sub" / "p.json", "-q")
    assert proc.returncode == 0, proc.stderr
    assert read_plan(work / "sub" / "p.json")["status"] == "optimal"


# ---- Limits on input (docs/model.md, "Limits on input") -----------------------------------

def test_limits_on_input_are_reported_by_check(cli, findings, tmp_path):
    base = json.loads((findings / "optgap_min.json").read_text(encoding="utf-8"))
    deep = json.loads(json.dumps(base))
    nested = 1
    for _ in range(40):
        nested = [nested]
    deep["x_deep"] = nested
    long_id = json.loads(json.dumps(base))
    long_id["volunteers"][0]["id"] = "志" * 100  # 300 bytes of UTF-8
    for scen, words in ((deep, "nest deeper than the supported 32"),
                        (long_id, 'field "id": 300 bytes long, more than the supported 256')):
        path = write_json(tmp_path / "s.json", scen)
        for command in ("check", "solve"):
            proc = run_cli(cli, command, path)
            assert proc.returncode == 2, proc.stderr
            assert words in proc.stderr, proc.stderr
    ok = json.loads(json.dumps(base))
    ok["x_deep"] = [[[[[[[[1]]]]]]]]
    ok["volunteers"][0]["id"] = "V" * 256
    ok["pairs"][0]["volunteer"] = "V" * 256
    ok["fixed"] = []
    assert run_cli(cli, "check", write_json(tmp_path / "ok.json", ok)).returncode == 0
