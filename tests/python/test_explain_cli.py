"""`match explain PLAN --scenario SCENARIO`: reasons from the plan, bottlenecks from the
scenario, and the errors for a plan that does not belong to the scenario."""

import pathlib

from conftest import run_cli, write_json

XINMI = pathlib.Path(__file__).resolve().parents[2] / "examples" / "xinmi.json"

NETWORK = {
    "format": "libmatch-scenario-1",
    "communities": [{"id": "C0", "street": "东街", "lat": 34.0, "lon": 113.0}],
    "volunteers": [{"id": "V1", "community": "C0", "hours": 2}],
    "needs": [{"id": "N1", "community": "C0", "category": "g", "priority": 3, "hours": 4},
              {"id": "N2", "community": "C0", "category": "g", "priority": 2, "hours": 2,
               "skills": ["opera"]}],
}


def test_explain_network(cli, tmp_path):
    scen = write_json(tmp_path / "s.json", NETWORK)
    plan = tmp_path / "p.json"
    assert run_cli(cli, "solve", scen, "-o", plan, "-q").returncode == 0
    proc = run_cli(cli, "explain", plan, "--scenario", scen)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "unmet needs (2):" in out
    assert "N2 (coverage 0.00): no eligible volunteer: 1 lack skill opera" in out
    assert "(exact)" in out
    # N1 is worth 4 / 4 = 1 per hour; an opera singer's hour is worth 1 there too.
    assert "1          1 hour, no skill at C0 (东街): serves N1" in out
    assert "1          1 hour, opera at C0 (东街): serves N1" in out


def test_explain_xinmi_top(cli, tmp_path):
    plan = tmp_path / "p.json"
    assert run_cli(cli, "solve", XINMI, "-o", plan, "-q").returncode == 0
    proc = run_cli(cli, "explain", plan, "--scenario", XINMI, "--top", "1")
    assert proc.returncode == 0, proc.stderr
    assert "from the flow relaxation" in proc.stdout
    section = proc.stdout.split("volunteer-hour by community:")[1].split("volunteer-hour by")[0]
    assert section.count(" 1 hour, ") == 1


def test_explain_errors(cli, tmp_path):
    scen = write_json(tmp_path / "s.json", NETWORK)
    plan = tmp_path / "p.json"
    assert run_cli(cli, "solve", XINMI, "-o", plan, "-q").returncode == 0
    proc = run_cli(cli, "explain", plan, "--scenario", scen)
    assert proc.returncode == 2 and "not in the scenario" in proc.stderr
    assert run_cli(cli, "explain", plan).returncode == 1
    assert run_cli(cli, "explain", "--scenario", scen).returncode == 1
    assert run_cli(cli, "solve", scen, "--top", "3").returncode == 1
    assert run_cli(cli, "explain", plan, "--scenario", scen, "--top", "0").returncode == 1
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert run_cli(cli, "explain", bad, "--scenario", scen).returncode == 2
