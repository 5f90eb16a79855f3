"""The `match` command line: exit codes, check, help, version, output."""

import json

from conftest import run_cli, write_json

SMALL = {
    "format": "libmatch-scenario-1",
    "name": "小样例",
    "communities": [{"id": "C01", "name": "新惠街社区", "lat": 34.53, "lon": 113.38}],
    "units": [{"id": "U01", "community": "C01"}],
    "volunteers": [{"id": "V0001", "unit": "U01", "community": "C01", "hours": 4}],
    "resources": [],
    "needs": [{"id": "N001", "community": "C01", "category": "medical", "priority": 2,
               "hours": 4}],
}


def test_help(cli):
    for flag in ("--help", "-h", "help"):
        proc = run_cli(cli, flag)
        assert proc.returncode == 0, flag
        assert "Usage" in proc.stdout or "usage" in proc.stdout
        assert "solve" in proc.stdout and "check" in proc.stdout


def test_version(cli):
    proc = run_cli(cli, "--version")
    assert proc.returncode == 0
    assert "0.1.0" in proc.stdout
    assert "GLPK" in proc.stdout


def test_usage_errors_exit_1(cli, tmp_path):
    scen = write_json(tmp_path / "s.json", SMALL)
    for args in ([], ["frobnicate"], ["solve"], ["check"], ["solve", scen, "--no-such-option"],
                 ["solve", scen, "--time-limit", "abc"], ["solve", scen, "-o"]):
        proc = run_cli(cli, *args)
        assert proc.returncode == 1, (args, proc.returncode, proc.stderr)
        assert proc.stderr.strip() != "", args


def test_solve_writes_plan(cli, tmp_path):
    scen = write_json(tmp_path / "s.json", SMALL)
    out = tmp_path / "p.json"
    proc = run_cli(cli, "solve", scen, "-o", out)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["format"] == "libmatch-plan-1"
    assert plan["status"] == "optimal"
    # V0001 covers N001 (priority 2, weight 2) at distance 0; U01 min_projects 0.
    assert abs(plan["objective"] - 2.0) < 1e-9
    assert plan["needs"][0]["volunteers"] == [{"id": "V0001", "hours": 4}]
    assert plan["units"] == [{"id": "U01", "projects": 1, "shortfall": 0}]


def test_solve_to_stdout(cli, tmp_path):
    scen = write_json(tmp_path / "s.json", SMALL)
    proc = run_cli(cli, "solve", scen)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert plan["status"] == "optimal"
    assert [n["id"] for n in plan["needs"]] == ["N001"]


def test_check(cli, tmp_path):
    scen = write_json(tmp_path / "s.json", SMALL)
    proc = run_cli(cli, "check", scen)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout + proc.stderr
    assert "1 need" in text and "1 volunteer" in text
    # check does not solve, so writes no plan.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_bad_input_exit_2(cli, tmp_path, data_dir):
    out = tmp_path / "p.json"
    bad = data_dir / "bad" / "negative_hours.json"
    for cmd in ("solve", "check"):
        args = [cmd, bad] + (["-o", out] if cmd == "solve" else [])
        proc = run_cli(cli, *args)
        assert proc.returncode == 2, (cmd, proc.returncode, proc.stderr)
        assert "negative_hours.json" in proc.stderr
        assert not out.exists()
    # Malformed JSON, a missing file, a broken reference.
    for name in ("malformed.json", "bad_reference.json"):
        proc = run_cli(cli, "solve", data_dir / "bad" / name, "-o", out)
        assert proc.returncode == 2, (name, proc.stderr)
        assert name in proc.stderr
    proc = run_cli(cli, "solve", tmp_path / "missing.json", "-o", out)
    assert proc.returncode == 2
    assert "missing.json" in proc.stderr
    assert not out.exists()


def test_infeasible_exit_3(cli, tmp_path):
    scen = dict(SMALL)
    scen["needs"] = [dict(SMALL["needs"][0], hours=10, required=True)]
    path = write_json(tmp_path / "s.json", scen)
    out = tmp_path / "p.json"
    proc = run_cli(cli, "solve", path, "-o", out)
    assert proc.returncode == 3, (proc.returncode, proc.stderr)
    assert "N001" in proc.stderr or "N001" in proc.stdout
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["status"] == "infeasible"
    assert [n["id"] for n in plan["needs"]] == ["N001"]
    assert [v["id"] for v in plan["volunteers"]] == ["V0001"]
    assert [u["id"] for u in plan["units"]] == ["U01"]


def test_unwritable_output(cli, tmp_path):
    scen = write_json(tmp_path / "s.json", SMALL)
    proc = run_cli(cli, "solve", scen, "-o", tmp_path / "no-such-dir" / "p.json")
    assert proc.returncode == 6, (proc.returncode, proc.stderr)
    assert "no-such-dir" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]
