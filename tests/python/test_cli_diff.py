"""`match diff` and `match solve --warm-start` on the Xinmi example and a what-if of it."""

import json
from pathlib import Path

import pytest

from conftest import run_cli, write_json

XINMI = Path(__file__).resolve().parents[2] / "examples" / "xinmi.json"


@pytest.fixture(scope="module")
def plans(cli, tmp_path_factory):
    """The baseline plan and the plan of a narrower service circle (2 km), warm-started."""
    tmp = tmp_path_factory.mktemp("diff")
    base = tmp / "base.json"
    proc = run_cli(cli, "solve", XINMI, "-o", base, "-q")
    assert proc.returncode == 0, proc.stderr
    scenario = json.loads(XINMI.read_text(encoding="utf-8"))
    scenario.setdefault("policy", {})["max_distance_km"] = 2.0
    narrow = write_json(tmp / "narrow.json", scenario)
    after = tmp / "after.json"
    proc = run_cli(cli, "solve", narrow, "-o", after, "--warm-start", base, "-v")
    assert proc.returncode == 0, proc.stderr
    assert "warm start" in proc.stderr
    cold = tmp / "cold.json"
    assert run_cli(cli, "solve", narrow, "-o", cold, "-q").returncode == 0
    return tmp, base, after, cold


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def test_warm_start_same_optimum(plans):
    _, _, after, cold = plans
    assert load(after)["objective"] == pytest.approx(load(cold)["objective"], abs=1e-6)
    assert load(after)["status"] == "optimal"


def test_plan_files_carry_groups(plans):
    _, base, _, _ = plans
    scenario = json.loads(XINMI.read_text(encoding="utf-8"))
    streets = {c["id"]: c.get("street") for c in scenario["communities"]}
    needs = {n["id"]: n for n in scenario["needs"]}
    for entry in load(base)["needs"]:
        need = needs[entry["id"]]
        assert entry["priority"] == need["priority"]
        assert entry["category"] == need["category"]
        assert entry["community"] == need["community"]
        assert entry["street"] == streets[need["community"]]


def test_diff_json_matches_the_plans(cli, plans):
    _, base, after, _ = plans
    proc = run_cli(cli, "diff", base, after, "--json")
    assert proc.returncode == 0, proc.stderr
    diff = json.loads(proc.stdout)
    a, b = load(base), load(after)
    cov_a = {n["id"]: n["coverage"] for n in a["needs"]}
    cov_b = {n["id"]: n["coverage"] for n in b["needs"]}
    lost = sorted(i for i in cov_a if cov_a[i] >= 1 and cov_b[i] < 1)
    gained = sorted(i for i in cov_a if cov_b[i] >= 1 and cov_a[i] < 1)
    assert lost, "a narrower circle should lose some needs on Xinmi"
    assert sorted(n["id"] for n in diff["needs"]["lost"]) == lost
    assert sorted(n["id"] for n in diff["needs"]["gained"]) == gained
    hours_a = {(v["id"], n["id"]): v["hours"] for n in a["needs"] for v in n["volunteers"]}
    hours_b = {(v["id"], n["id"]): v["hours"] for n in b["needs"] for v in n["volunteers"]}
    moved = {k for k in hours_a.keys() | hours_b.keys() if hours_a.get(k, 0) != hours_b.get(k, 0)}
    assert {(m["volunteer"], m["need"]) for m in diff["moves"]} == moved
    assert diff["volunteers_moved"] == len({v for v, _ in moved})
    assert diff["objective"] == {"before": a["objective"], "after": b["objective"]}
    for group in diff["by_priority"]:
        p = int(group["key"])
        assert group["met_after"] == sum(1 for n in b["needs"]
                                         if n["priority"] == p and n["coverage"] >= 1)
    assert sum(g["needs_before"] for g in diff["by_street"]) == len(a["needs"])


def test_diff_text_and_output_file(cli, plans):
    tmp, base, after, _ = plans
    proc = run_cli(cli, "diff", base, after)
    assert proc.returncode == 0, proc.stderr
    assert "objective:" in proc.stdout and "needs lost (no longer fully covered):" in proc.stdout
    assert "covered by street" in proc.stdout and "新华路街道" in proc.stdout
    out = tmp / "diff.json"
    proc = run_cli(cli, "diff", "--json", "-o", out, base, after)
    assert proc.returncode == 0 and proc.stdout == ""
    assert load(out)["format"] == "libmatch-diff-1"
    same = run_cli(cli, "diff", base, base, "--json")
    assert json.loads(same.stdout)["moves"] == []


def test_diff_errors(cli, plans, tmp_path):
    _, base, _, _ = plans
    assert run_cli(cli, "diff", base).returncode == 1
    assert run_cli(cli, "diff", base, base, "--bogus").returncode == 1
    missing = run_cli(cli, "diff", base, tmp_path / "missing.json")
    assert missing.returncode == 2 and "missing.json" in missing.stderr
    scenario = run_cli(cli, "diff", base, XINMI)
    assert scenario.returncode == 2 and "libmatch-plan-1" in scenario.stderr
    bad_warm = run_cli(cli, "solve", XINMI, "--warm-start", XINMI, "-q")
    assert bad_warm.returncode == 2 and "--warm-start" in bad_warm.stderr
    assert run_cli(cli, "check", XINMI, "--warm-start", base).returncode == 1
