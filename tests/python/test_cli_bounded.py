"""The command line under a time limit and signals: SIGINT/SIGTERM write the best plan so
far (atomically) and exit 7; a second SIGINT exits at once (130) writing nothing; a plan file
being replaced is either the old one or a complete new one, never half of one."""

import json
import os
import select
import signal
import subprocess
import time

import pytest

from conftest import run_cli, write_json

OLD = "old content, not a plan\n"


@pytest.fixture(scope="module")
def slow_scenario(gen, tmp_path_factory):
    # A coupled city GLPK needs well over a few seconds for (no limit: it is always started).
    path = tmp_path_factory.mktemp("bounded") / "city.json"
    return write_json(path, gen.generate(3, volunteers=1000, needs=250, coupled=True))


def start_solve(cli, scenario, out, *extra):
    out.write_text(OLD)
    proc = subprocess.Popen([cli, "solve", str(scenario), "-o", str(out), "--progress", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Wait until the solve is running (its first progress line), so the handlers are in.
    seen = b""
    deadline = time.monotonic() + 60
    while b"\r" not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 1.0)
        if ready:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
    assert b"\r" in seen, seen
    return proc


def finish(proc):
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode("utf-8", "replace")


def old_or_complete(out):
    text = out.read_text()
    if text == OLD:
        return None
    return json.loads(text)  # raises on half a file


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_writes_the_plan_so_far(cli, slow_scenario, tmp_path, sig):
    out = tmp_path / "plan.json"
    proc = start_solve(cli, slow_scenario, out, "--solver", "glpk")
    time.sleep(0.3)
    stopped = time.monotonic()
    proc.send_signal(sig)
    code, err = finish(proc)
    waited = time.monotonic() - stopped
    plan = old_or_complete(out)
    assert code == 7, err
    assert plan is not None and plan["status"] == "interrupted"
    assert "status: interrupted" in err
    assert waited < 60


def test_second_sigint_exits_at_once(cli, slow_scenario, tmp_path):
    out = tmp_path / "plan.json"
    proc = start_solve(cli, slow_scenario, out, "--solver", "glpk")
    proc.send_signal(signal.SIGINT)
    proc.send_signal(signal.SIGINT)
    code, err = finish(proc)
    plan = old_or_complete(out)
    if code == 130:  # stopped before anything was written
        assert plan is None
        assert "status:" not in err
    else:  # the first signal's plan was written before the second arrived
        assert code == 7 and plan["status"] == "interrupted"


def test_interrupted_plan_file_reads_back(cli, slow_scenario, tmp_path):
    out = tmp_path / "plan.json"
    proc = start_solve(cli, slow_scenario, out)
    proc.send_signal(signal.SIGINT)
    code, _ = finish(proc)
    if code == 7:
        # The plan file with status "interrupted" is a plan like any other.
        res = run_cli(cli, "diff", out, out)
        assert res.returncode == 0, res.stderr


def test_flow_refusal_is_a_usage_error(cli, gen, tmp_path):
    scenario = write_json(tmp_path / "c.json", gen.generate(1, coupled=True))
    res = run_cli(cli, "solve", scenario, "--solver", "flow", "-o", tmp_path / "p.json")
    assert res.returncode == 1, res.stderr
    assert "pure network" in res.stderr
    assert "projects" not in res.stderr or "1 projects" not in res.stderr


def test_progress_only_when_asked_or_on_a_terminal(cli, gen, tmp_path):
    scenario = write_json(tmp_path / "c.json", gen.generate(2, coupled=True))
    plain = run_cli(cli, "solve", scenario, "-o", tmp_path / "a.json")
    assert "\x1b[K" not in plain.stderr  # standard error is a pipe here
    shown = run_cli(cli, "solve", scenario, "-o", tmp_path / "b.json", "--progress")
    assert "\x1b[K" in shown.stderr and "bound" in shown.stderr
    quiet = run_cli(cli, "solve", scenario, "-o", tmp_path / "d.json", "--progress", "--quiet")
    assert quiet.stderr == ""
