"""Many solves at once: libmatch.batch and parallel sweeps serially, on threads and on a
Dask LocalCluster (two worker processes on the loopback interface), and `match batch`.

The same rows every way (only solve_seconds differs); a bad or infeasible scenario is its
own row; a worker killed mid-batch loses no task. Runs with the built package on PYTHONPATH
(CTest's python_scaleout test sets it, and LIBMATCH_BINDING_TESTS=1, which turns a missing
binding into a failure); worker processes inherit PYTHONPATH. Every cluster is closed by its
fixture, and every wait is bounded.
"""

import filecmp
import json
import os
import shutil
import signal
import subprocess
import threading
import time

import pytest

from conftest import run_cli, write_json

if os.environ.get("LIBMATCH_BINDING_TESTS") == "1":
    import libmatch
else:
    libmatch = pytest.importorskip("libmatch")
    if not hasattr(libmatch, "batch"):
        pytest.skip("the libmatch Python binding is not built", allow_module_level=True)

pandas = pytest.importorskip("pandas")
distributed = pytest.importorskip("distributed")

WAIT = 120  # seconds: the longest any test waits for one task's result


def comparable(frame):
    """The table without the only column that depends on where and when it ran."""
    return frame.drop(columns=["solve_seconds"])


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes (one thread each) on 127.0.0.1, always closed."""
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     host="127.0.0.1", dashboard_address=None,
                                     scheduler_port=0, silence_logs=40)
    client = distributed.Client(local, timeout="60s")
    try:
        yield local, client
    finally:
        try:
            client.close(timeout=30)
        finally:
            local.close(timeout=30)


@pytest.fixture
def client(cluster):
    local, client = cluster
    client.wait_for_workers(2, timeout=60)
    return client


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory, gen):
    """Twelve small generated scenarios: plain and coupled streets of several seeds."""
    root = tmp_path_factory.mktemp("batch")
    paths = []
    for k in range(12):
        scen = gen.generate(seed=100 + k, volunteers=40 + 5 * k, needs=14 + k,
                            variant=("plain", "coupled", "network")[k % 3],
                            name=f"街道 {k + 1}")
        path = root / f"s{k + 1:02d}.json"
        path.write_text(gen.dumps(scen), encoding="utf-8")
        paths.append(str(path))
    return paths


# ---- batch: the same rows serially, on threads and on the cluster ------------------------

def test_batch_same_plans_serial_threads_cluster(scenarios, client):
    serial = libmatch.batch(scenarios, full_plan=True)
    threads = libmatch.batch(scenarios, full_plan=True, workers=2)
    dask = libmatch.batch(scenarios, full_plan=True, client=client, timeout=WAIT)
    assert list(serial["scenario"]) == scenarios                 # in the order asked
    assert set(serial["status"]) == {"optimal"}
    assert list(serial.columns) == libmatch.scaleout.ROW_COLUMNS + ["plan"]
    pandas.testing.assert_frame_equal(comparable(serial), comparable(threads))
    pandas.testing.assert_frame_equal(comparable(serial), comparable(dask))
    # The plans themselves, not only their indicators, and as `Model.solve` gives them.
    for path, text in zip(scenarios, serial["plan"]):
        assert text == libmatch.load(path).solve().to_json()
    first = json.loads(serial["plan"][0])
    assert first["format"] == "libmatch-plan-1"
    assert serial["needs"][0] == len(first["needs"])


def test_batch_of_dicts_models_and_edits(scenarios, client):
    scenario = json.loads(open(scenarios[0], encoding="utf-8").read())
    edits = [None, [("policy.max_distance_km", 1.0)], [lambda m: m.set_need(m.needs[0],
                                                                            priority=5)]]
    items = [scenario, scenario, libmatch.Model.from_dict(scenario)]
    here = libmatch.batch(items, edits=edits)
    threads = libmatch.batch(items, edits=edits, workers=3)
    pandas.testing.assert_frame_equal(comparable(here), comparable(threads))
    assert list(here["scenario"]) == ["#0", "#1", "#2"]
    assert here["objective"][1] < here["objective"][0]        # a smaller service circle
    by_hand = libmatch.Model.from_dict(scenario)
    by_hand.policy["max_distance_km"] = 1.0
    assert here["objective"][1] == by_hand.solve().objective
    # On the cluster a dict travels as JSON text, and a Model as the scenario text it writes.
    dask = libmatch.batch(items, edits=edits, client=client, timeout=WAIT)
    pandas.testing.assert_frame_equal(comparable(dask), comparable(here), check_dtype=False)


def test_bad_and_infeasible_scenarios_are_rows(scenarios, client, tmp_path):
    malformed = tmp_path / "malformed.json"
    malformed.write_text('{"format": "libmatch-scenario-1", "communities": [\n', encoding="utf-8")
    infeasible = write_json(tmp_path / "infeasible.json", {
        "format": "libmatch-scenario-1", "name": "no one to do it",
        "communities": [{"id": "C1", "lat": 34.5, "lon": 113.4}],
        "needs": [{"id": "N1", "community": "C1", "category": "medical", "priority": 5,
                   "hours": 10, "required": True}]})
    missing = tmp_path / "missing.json"
    items = [scenarios[0], str(malformed), str(infeasible), scenarios[1], str(missing),
             {"communities": "not a list"}, scenarios[2]]
    edits = [None] * len(items)
    edits[3] = [("needs.NOPE.priority", 5)]                    # an edit naming no need
    frames = [libmatch.batch(items, edits=edits), libmatch.batch(items, edits=edits, workers=2),
              libmatch.batch(items, edits=edits, client=client, timeout=WAIT)]
    for frame in frames:
        assert list(frame["status"]) == ["optimal", "error", "infeasible", "error", "error",
                                          "error", "optimal"]
        message = list(frame["message"])
        assert str(malformed) in message[1] and ":2:" in message[1]   # file, line
        assert "N1" in message[2]                                       # the required need
        assert "NOPE" in message[3]
        assert "cannot open" in message[4]
        assert "communities" in message[5]
        assert frame["objective"][1] is None or pandas.isna(frame["objective"][1])
    pandas.testing.assert_frame_equal(comparable(frames[0]), comparable(frames[1]))
    pandas.testing.assert_frame_equal(comparable(frames[0]), comparable(frames[2]))


def test_previous_plan_file_travels_inline(tmp_path, client):
    """A scenario naming its plan in force by a relative file name: read beside the scenario
    by the client and sent inline, so the cluster gives the file's own result."""
    example = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
    urgent = os.path.join(example, "xinmi-urgent.json")
    if not os.path.exists(urgent):
        pytest.skip("examples/xinmi-urgent.json is not there")
    work = tmp_path / "sub"
    shutil.copytree(example, work)
    path = str(work / "xinmi-urgent.json")
    expected = libmatch.load(path).solve()
    assert expected.has_previous
    elsewhere = os.getcwd()
    try:
        os.chdir(tmp_path)                                    # not the scenario's directory
        dask = libmatch.batch([path], client=client, full_plan=True, timeout=WAIT)
    finally:
        os.chdir(elsewhere)
    assert dask["status"][0] == expected.status
    assert dask["plan"][0] == expected.to_json()


def test_batch_arguments():
    with pytest.raises(ValueError):
        libmatch.batch([], workers=2, client=object())
    with pytest.raises(ValueError):
        libmatch.batch([], workers=0)
    with pytest.raises(TypeError):
        libmatch.batch("one.json")
    with pytest.raises(ValueError):
        libmatch.batch([{}], edits=[None, None])
    assert len(libmatch.batch([])) == 0


# ---- sweep: the same table all three ways --------------------------------------------------

def test_sweep_same_frame_three_ways(scenarios, client):
    path = scenarios[1]
    values = [1.0, 1.5, 2.0, 3.0, 4.0]
    serial = libmatch.sweep(libmatch.load(path), "policy.max_distance_km", values,
                            warm_start=False)
    threads = libmatch.sweep(libmatch.load(path), "policy.max_distance_km", values, workers=2)
    dask = libmatch.sweep(path, "policy.max_distance_km", values, client=client)
    pandas.testing.assert_frame_equal(comparable(serial), comparable(threads))
    pandas.testing.assert_frame_equal(comparable(serial), comparable(dask))
    assert list(serial["value"]) == values
    assert serial["objective"].is_monotonic_increasing      # a wider circle never hurts
    warm = libmatch.sweep(libmatch.load(path), "policy.max_distance_km", values)
    assert list(warm["objective"]) == pytest.approx(list(serial["objective"]), abs=1e-6)
    plans = []
    libmatch.sweep(path, "policy.max_distance_km", values[:2], client=client, plans=plans)
    assert [p.objective for p in plans] == pytest.approx(list(serial["objective"][:2]), abs=1e-6)
    # A Model travels as its scenario text: the same table as from the file.
    from_model = libmatch.sweep(libmatch.load(path), "policy.max_distance_km", values[:2],
                                client=client)
    assert list(from_model["objective"]) == pytest.approx(list(serial["objective"][:2]), abs=1e-6)
    with pytest.raises(ValueError):
        libmatch.sweep(path, "policy.max_distance_km", values, workers=2, warm_start=True)


# ---- a worker lost mid-batch ---------------------------------------------------------------

def test_killed_worker_loses_no_task(gen, tmp_path, client):
    paths = []
    for k in range(10):
        scen = gen.generate(seed=300 + k, volunteers=200, needs=60, coupled=True)
        path = tmp_path / f"c{k}.json"
        path.write_text(gen.dumps(scen), encoding="utf-8")
        paths.append(str(path))
    expected = libmatch.batch(paths, workers=2)
    pids = client.run(os.getpid)                              # {worker address: pid}
    result, failure = {}, []

    def run():
        try:
            result["frame"] = libmatch.batch(paths, client=client, timeout=WAIT)
        except BaseException as exc:  # reported below  # noqa: BLE001
            failure.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and runner.is_alive():
        busy = [addr for addr, keys in client.processing().items()
                if any(str(k).startswith("libmatch-batch-") for k in keys) and addr in pids]
        if busy:
            killed = pids[busy[0]]
            os.kill(killed, signal.SIGKILL)                   # mid-task: its work is lost
        else:
            time.sleep(0.01)
    runner.join(WAIT * 2)
    assert not runner.is_alive(), "the batch did not finish"
    assert not failure, failure
    assert killed is not None, "no task was seen running"
    frame = result["frame"]
    assert list(frame["status"]) == ["optimal"] * len(paths)
    pandas.testing.assert_frame_equal(comparable(frame), comparable(expected))
    client.wait_for_workers(2, timeout=60)                    # the nanny restarted it
    assert killed not in client.run(os.getpid).values()


# ---- match batch ---------------------------------------------------------------------------

def batch_dir(scenarios, tmp_path, name):
    root = tmp_path / name
    root.mkdir()
    for path in scenarios[:6]:
        shutil.copy(path, root)
    (root / "bad.json").write_text("{ not json", encoding="utf-8")
    return root


def plans_of(root):
    return {p.name: p.read_bytes() for p in sorted(root.glob("*.plan.json"))}


def test_cli_batch_jobs_1_and_2_identical(cli, scenarios, tmp_path):
    one, two = batch_dir(scenarios, tmp_path, "one"), batch_dir(scenarios, tmp_path, "two")
    r1 = run_cli(cli, "batch", one, "-o", tmp_path / "one.csv", "--jobs", "1", timeout=WAIT)
    r2 = run_cli(cli, "batch", two, "-o", tmp_path / "two.csv", "--jobs", "2", "-q",
                 timeout=WAIT)
    assert r1.returncode == r2.returncode == 3, r1.stderr   # bad.json is not solved
    assert "[7/7]" in r1.stderr and r2.stderr == ""
    table1 = (tmp_path / "one.csv").read_text(encoding="utf-8")
    table2 = (tmp_path / "two.csv").read_text(encoding="utf-8")
    assert table1.replace(str(one), "D") == table2.replace(str(two), "D")
    assert plans_of(one) == plans_of(two) and len(plans_of(one)) == 6
    rows = pandas.read_csv(tmp_path / "one.csv", keep_default_na=False)
    assert list(rows.columns) == libmatch.scaleout.CSV_COLUMNS
    assert list(rows["scenario"]) == [str(one / n) for n in
                                      ["bad.json"] + [os.path.basename(p) for p in scenarios[:6]]]
    assert rows["status"][0] == "error" and "bad.json:1:" in rows["message"][0]
    assert rows["plan"][0] == "" and rows["plan"][1] == str(one / "s01.plan.json")
    # Each plan is the one `match solve` writes, and the inputs are untouched.
    solved = tmp_path / "s01.plan.json"
    run_cli(cli, "solve", scenarios[0], "-o", solved, "-q")
    assert solved.read_bytes() == (one / "s01.plan.json").read_bytes()
    assert filecmp.cmp(one / "s01.json", scenarios[0], shallow=False)
    # The table agrees with libmatch.batch, column by column.
    frame = libmatch.batch(sorted(str(p) for p in one.glob("*.json")
                                  if not p.name.endswith(".plan.json")))
    assert list(frame["status"]) == list(rows["status"])
    assert list(frame["objective"][1:]) == pytest.approx(
        [float(x) for x in rows["objective"][1:]], abs=1e-6)
    # Running again on the directory skips the plans it wrote.
    again = run_cli(cli, "batch", one, "-o", tmp_path / "again.csv", "-q", timeout=WAIT)
    assert again.returncode == 3
    assert (tmp_path / "again.csv").read_text(encoding="utf-8") == table1


def test_cli_batch_list_and_usage(cli, scenarios, tmp_path):
    listing = tmp_path / "list.txt"
    shutil.copy(scenarios[0], tmp_path / "a.json")
    listing.write_text("# two cities\na.json\n\n" + scenarios[1] + "\n", encoding="utf-8")
    r = run_cli(cli, "batch", listing, "-o", tmp_path / "out.csv", "-q", timeout=WAIT)
    assert r.returncode == 0, r.stderr
    rows = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 and rows[1].startswith(str(tmp_path / "a.json") + ",")
    assert (tmp_path / "a.plan.json").exists()
    assert run_cli(cli, "batch", listing).returncode == 1             # no -o
    assert run_cli(cli, "batch", tmp_path / "a.json", "-o", tmp_path / "a.json").returncode == 1
    assert run_cli(cli, "batch", listing, "-o", "x.csv", "--jobs", "0").returncode == 1
    assert run_cli(cli, "batch", "--help").returncode == 0


def test_cli_batch_on_the_cluster(cli, scenarios, cluster, client, tmp_path):
    """--scheduler: the same table and plans as threads, through python3 -m libmatch.batch."""
    local, _ = cluster
    here, there = batch_dir(scenarios, tmp_path, "here"), batch_dir(scenarios, tmp_path, "there")
    r1 = run_cli(cli, "batch", here, "-o", tmp_path / "here.csv", "--jobs", "2", timeout=WAIT)
    r2 = run_cli(cli, "batch", there, "-o", tmp_path / "there.csv", "--scheduler",
                 local.scheduler_address, timeout=WAIT)
    assert r1.returncode == r2.returncode == 3, r2.stderr
    table1 = (tmp_path / "here.csv").read_text(encoding="utf-8")
    table2 = (tmp_path / "there.csv").read_text(encoding="utf-8")
    assert table1.replace(str(here), "D") == table2.replace(str(there), "D")
    assert plans_of(here) == plans_of(there)


def test_python_module_runs(scenarios, tmp_path):
    out = tmp_path / "py.csv"
    shutil.copy(scenarios[0], tmp_path / "one.json")
    r = subprocess.run([os.environ.get("LIBMATCH_PYTHON", "/usr/bin/python3"), "-m",
                        "libmatch.batch", str(tmp_path), "-o", str(out), "--jobs", "2", "-q"],
                       capture_output=True, text=True, timeout=WAIT)
    assert r.returncode == 0, r.stderr
    assert "RuntimeWarning" not in r.stderr
    assert out.read_text(encoding="utf-8").splitlines()[1].split(",")[2] == "optimal"
    assert (tmp_path / "one.plan.json").exists()


# ---- docs/scale-out.md as written ----------------------------------------------------------

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def doc_blocks(language):
    import re

    with open(os.path.join(REPO, "docs", "scale-out.md"), encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"^```" + language + r"\n(.*?)^```", text, flags=re.S | re.M)


def test_doc_python_blocks_run(monkeypatch, capsys):
    """The threads and local-cluster blocks (the province example is timed by hand)."""
    blocks = [b for b in doc_blocks("python") if "/tmp/province" not in b]
    assert len(blocks) == 2
    monkeypatch.chdir(REPO)
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/scale-out.md python block {number}", "exec"),
             {"__name__": "__main__"})
    out = capsys.readouterr().out
    assert "optimal" in out and "xinmi-urgent.json" in out


def test_doc_threads_commands_run(cli, tmp_path):
    block = next(b for b in doc_blocks("sh") if "--jobs 2" in b)
    script = block.replace("/tmp/", str(tmp_path) + "/").replace("build/match", cli)
    r = subprocess.run(["bash", "-euc", script], cwd=REPO, capture_output=True, text=True,
                       timeout=WAIT)
    assert r.returncode == 0, r.stderr
    rows = (tmp_path / "results.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 and (tmp_path / "cities" / "xinmi.plan.json").exists()


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_doc_several_machines_commands(cli, scenarios, tmp_path):
    """`dask scheduler`, `dask worker` and `match batch --scheduler` as the page gives them,
    all on the loopback interface."""
    blocks = doc_blocks("sh")
    assert any("dask scheduler --port 8786" in b for b in blocks)
    assert any("dask worker tcp://10.0.0.5:8786 --nworkers 2 --nthreads 1" in b for b in blocks)
    assert any("--scheduler tcp://10.0.0.5:8786" in b for b in blocks)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = []
    try:
        procs.append(subprocess.Popen(
            ["dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True))
        procs.append(subprocess.Popen(
            ["dask", "worker", address, "--nworkers", "2", "--nthreads", "1",
             "--no-dashboard", "--host", "127.0.0.1"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True))
        with distributed.Client(address, timeout="60s") as c:
            c.wait_for_workers(2, timeout=60)
        cities = batch_dir(scenarios, tmp_path, "cities")
        r = run_cli(cli, "batch", cities, "-o", tmp_path / "results.csv", "--scheduler",
                    address, "--time-limit", "300", timeout=WAIT)
        assert r.returncode == 3, r.stderr                  # bad.json is not solved
        here = batch_dir(scenarios, tmp_path, "here")
        run_cli(cli, "batch", here, "-o", tmp_path / "here.csv", "--time-limit", "300",
                timeout=WAIT)
        assert ((tmp_path / "results.csv").read_text(encoding="utf-8").replace(str(cities), "D")
                == (tmp_path / "here.csv").read_text(encoding="utf-8").replace(str(here), "D"))
    finally:
        for p in reversed(procs):                           # the worker first, then the scheduler
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in reversed(procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=30)
