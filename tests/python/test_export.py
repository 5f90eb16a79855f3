"""`match export` (MPS and CPLEX LP files for other solvers) and `match solve --timings`.

The exported program is checked against CBC where it is installed: CBC's optimum of the
exported file must be the objective of the plan `match solve` finds.
"""

import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import run_cli, write_json

CBC = shutil.which("cbc") or ("/usr/bin/cbc" if os.access("/usr/bin/cbc", os.X_OK) else None)


def solve_objective(cli, scen, tmp_path):
    out = tmp_path / "plan.json"
    proc = run_cli(cli, "solve", scen, "-o", out, "-q")
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["status"] == "optimal"
    return plan["objective"]


def cbc_objective(path, maximise):
    args = [CBC, str(path)] + (["-max"] if maximise else []) + ["-solve"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert "Optimal solution found" in proc.stdout, proc.stdout[-2000:]
    match = re.search(r"Objective value:\s*(\S+)", proc.stdout)
    assert match, proc.stdout[-2000:]
    return float(match.group(1))


def scenarios(gen, tmp_path):
    """Generated scenarios with and without the coupling rules (teams, obligations)."""
    paths = []
    for seed, coupled in ((3, False), (4, True), (5, True)):
        raw = gen.generate(seed, volunteers=30, needs=12, coupled=coupled)
        paths.append(write_json(tmp_path / ("s%d.json" % seed), raw))
    return paths


def test_export_formats(cli, gen, tmp_path):
    scen = scenarios(gen, tmp_path)[1]
    for name, flag, marker in (("p.mps", None, "ROWS"), ("p.lp", None, "Maximize"),
                               ("p.txt", "--lp", "Maximize"), ("q.txt", "--mps", "COLUMNS")):
        out = tmp_path / name
        proc = run_cli(cli, "export", scen, "-o", out, *([flag] if flag else []))
        assert proc.returncode == 0, (name, proc.stderr)
        assert proc.stdout == ""
        text = out.read_text(encoding="ascii")  # names are ASCII by design
        assert marker in text, name
        assert re.search(r"\bx_V\w*_N\w*", text), name


def test_export_usage_errors(cli, gen, tmp_path):
    scen = scenarios(gen, tmp_path)[0]
    for args in (["export", scen],                                   # no -o
                 ["export", scen, "-o", tmp_path / "p.txt"],         # format unknown
                 ["export", scen, "-o", tmp_path / "p.mps", "--mps", "--lp"],
                 ["export", scen, "-o", tmp_path / "p.mps", "--timings"],
                 ["export", scen, "-o", tmp_path / "p.mps", "--solver", "glpk"],
                 ["solve", scen, "--mps"],
                 ["solve", scen, "--solver", "cplex"],
                 ["check", scen, "--timings"],
                 ["check", scen, "-o", tmp_path / "p.json"]):
        proc = run_cli(cli, *args)
        assert proc.returncode == 1, (args, proc.returncode, proc.stderr)
        assert proc.stderr.strip() != "", args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s3.json", "s4.json", "s5.json"]


def test_export_unwritable_exit_6(cli, gen, tmp_path):
    scen = scenarios(gen, tmp_path)[0]
    out = tmp_path / "missing" / "p.mps"
    proc = run_cli(cli, "export", scen, "-o", out)
    assert proc.returncode == 6, proc.stderr
    assert str(out) in proc.stderr
    assert not (tmp_path / "missing").exists()


@pytest.mark.skipif(CBC is None, reason="cbc is not installed")
def test_cbc_finds_the_same_optimum(cli, gen, tmp_path):
    for scen in scenarios(gen, tmp_path):
        expected = solve_objective(cli, scen, tmp_path)
        for name, maximise in (("p.mps", True), ("p.lp", False)):
            out = tmp_path / name
            proc = run_cli(cli, "export", scen, "-o", out, "-q")
            assert proc.returncode == 0, proc.stderr
            # Free MPS has no objective sense: CBC must be told to maximise.
            got = cbc_objective(out, maximise)
            assert abs(got - expected) <= 1e-6 * max(1.0, abs(expected)), (scen, name, got,
                                                                            expected)


def test_solve_timings(cli, gen, tmp_path):
    scen = scenarios(gen, tmp_path)[1]
    for solver in ("auto", "glpk"):
        proc = run_cli(cli, "solve", scen, "-o", tmp_path / "plan.json", "-q", "--timings",
                       "--solver", solver)
        assert proc.returncode == 0, proc.stderr
        times = dict(re.findall(r"^timing (\w+) (\S+) s$", proc.stderr, re.M))
        assert sorted(times) == sorted(["read", "pairs", "build", "solve", "plan", "write",
                                        "total"]), proc.stderr
        seconds = {k: float(v) for k, v in times.items()}
        assert all(v >= 0 for v in seconds.values()), seconds
        # No thresholds, only consistency (printed to the microsecond, hence the slack).
        assert sum(v for k, v in seconds.items() if k != "total") <= seconds["total"] + 1e-5
        assert re.search(r"^memory peak \d+(\.\d+)? MiB$", proc.stderr, re.M), proc.stderr
    # Without --timings nothing of the kind is printed.
    proc = run_cli(cli, "solve", scen, "-o", tmp_path / "plan.json", "-q")
    assert proc.returncode == 0 and "timing" not in proc.stderr
