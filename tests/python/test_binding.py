"""Tests of the Python binding (package libmatch, built from bindings/).

Run with the built package on PYTHONPATH and, for the byte-for-byte comparisons with the
command-line tool, its path in LIBMATCH_CLI. CTest sets LIBMATCH_BINDING_TESTS=1, which
turns a missing binding into a failure; without it (for example when the whole
tests/python folder runs without the binding built) this module is skipped.
"""

import _thread
import gc
import json
import math
import os
import pathlib
import re
import subprocess
import sys
import threading
import weakref

import pytest

if os.environ.get("LIBMATCH_BINDING_TESTS") == "1":
    import libmatch
else:
    libmatch = pytest.importorskip("libmatch")
    if not hasattr(libmatch, "Model"):
        pytest.skip("the libmatch Python binding is not built", allow_module_level=True)

from libmatch import libmatch_c as C

REPO = pathlib.Path(__file__).resolve().parents[2]
XINMI = REPO / "examples" / "xinmi.json"
CLI = os.environ.get("LIBMATCH_CLI")


# ---- helpers ---------------------------------------------------------------------------------

def small_model():
    """Two communities, one unit, three volunteers, one resource, three needs."""
    m = libmatch.Model(name="新华路 test")
    m.add_community("C01", lat=34.53, lon=113.38, name="新惠街社区", street="新华路街道")
    m.add_community("C02", lat=34.54, lon=113.39)
    m.add_unit("U01", community="C01", name="郑煤总医院", min_projects=1)
    m.add_volunteer("志愿者1", community="C01", hours=24, skills=["medical"], unit="U01",
                    slots=["weekend"], min_hours=4, max_distance_km=5)
    m.add_volunteer("V2", community="C02", hours=10, lat=34.541, lon=113.391)
    m.add_volunteer("V3", community="C02", hours=8, skills=["teaching"])
    m.add_resource("R1", unit="U01", type="venue", amount=2, categories=["health"])
    m.add_need("N1", community="C01", category="health", priority=5, hours=20,
               skills=["medical"], resources={"venue": 1}, slots=["weekend"])
    m.add_need("N2", community="C02", category="after_school", priority=3, hours=12,
               skills=["teaching"], min_volunteers=1)
    m.add_need("N3", community="C02", category="culture", priority=1, hours=40,
               all_or_nothing=True)
    return m


def scenario_dict():
    return {
        "format": "libmatch-scenario-1",
        "name": "dict scenario",
        "policy": {"max_distance_km": 3.0},
        "communities": [{"id": "C01", "name": "新惠街社区", "lat": 34.53, "lon": 113.38}],
        "units": [{"id": "U01", "community": "C01"}],
        "volunteers": [{"id": "V1", "community": "C01", "unit": "U01", "hours": 10,
                        "skills": ["medical"]}],
        "resources": [],
        "needs": [{"id": "N1", "community": "C01", "category": "health", "priority": 4,
                   "hours": 8, "skills": ["medical"]}],
    }


def run_cli(*args):
    if not CLI:
        pytest.skip("LIBMATCH_CLI is not set")
    return subprocess.run([CLI, *map(str, args)], capture_output=True, check=False)


# ---- module ----------------------------------------------------------------------------------

def test_version():
    assert libmatch.version() == libmatch.__version__ == C.match_version()
    major, minor, patch = (int(x) for x in libmatch.version().split("."))
    assert C.match_version_number() == major * 10000 + minor * 100 + patch
    assert C.match_version_number() == C.MATCH_VERSION_NUMBER
    assert libmatch.glpk_version()


def test_public_names_have_docstrings():
    for name in libmatch.__all__:
        obj = getattr(libmatch, name)
        if callable(obj) and not isinstance(obj, dict):
            assert obj.__doc__, name
    for cls in (libmatch.Model, libmatch.Plan):
        for attr, value in vars(cls).items():
            if not attr.startswith("_"):
                assert getattr(value, "__doc__", None), f"{cls.__name__}.{attr}"


def test_strerror():
    assert C.match_strerror(C.MATCH_EINPUT)
    assert C.match_strerror(12345) == "unknown error"


# ---- building --------------------------------------------------------------------------------

def test_build_and_read_back():
    m = small_model()
    assert m.name == "新华路 test"
    assert m.communities == ["C01", "C02"]
    assert m.units == ["U01"]
    assert m.volunteers == ["志愿者1", "V2", "V3"]
    assert m.resources == ["R1"]
    assert m.needs == ["N1", "N2", "N3"]
    assert m.count("volunteers") == 3
    assert m.to_scenario_counts()["needs"] == 3
    assert "新华路 test" in repr(m) and "volunteers=3" in repr(m)
    with pytest.raises(ValueError):
        m.ids("people")


def test_fix_and_forbid():
    m = small_model()
    m.fix("V2", "N2", 5)
    m.forbid("V3", "N3")
    with pytest.raises(libmatch.InputError):
        m.forbid("V2", "N2")  # fixed and forbidden
    plan = m.solve()
    assert dict(plan.need("N2").volunteers).get("V2", 0) >= 5
    assert "V3" not in dict(plan.need("N3").volunteers)
    # N3 (all or nothing, 40 h) cannot be carried out without V3: a pair fixed there would
    # give hours to a need left at 0 %, so the scenario is infeasible and says which pair.
    m.fix("V2", "N3", 5)
    plan = m.solve()
    assert plan.status == "infeasible"
    assert "V2 at N3" in plan.message


def test_policy_mapping():
    m = libmatch.Model()
    assert m.policy["max_distance_km"] == 3.0
    assert m.policy["priority_weights"] == [1, 2, 4, 8, 16]
    m.policy["max_distance_km"] = 2
    m.policy.update({"distance_cost": 0.002, "unit_min_projects": 1})
    assert m.policy["max_distance_km"] == 2.0
    assert m.policy["distance_cost"] == 0.002
    m.policy["priority_weights"] = [1, 3, 9, 27, 81]
    assert m.policy["priority_weights"] == [1, 3, 9, 27, 81]
    assert set(dict(m.policy)) == (set(libmatch.POLICY_FIELDS) | set(libmatch.POLICY_OPTIONS)
                                   | {"priority_weights"})
    assert len(m.policy) == 13 and "Policy(" in repr(m.policy)
    with pytest.raises(KeyError):
        m.policy["no_such_field"]
    with pytest.raises(KeyError):
        m.policy["no_such_field"] = 1
    with pytest.raises(libmatch.InputError) as err:
        m.policy["max_distance_km"] = -1
    assert err.value.field == "max_distance_km" or "max_distance_km" in str(err.value)
    with pytest.raises(TypeError):
        m.policy["max_distance_km"] = "far"
    with pytest.raises(TypeError):
        del m.policy["max_distance_km"]
    with pytest.raises(libmatch.Error):
        m.policy["priority_weights"] = [1, 2, 3]  # five are needed


def test_policy_weights_from_file_and_dict():
    assert libmatch.load(XINMI).policy["priority_weights"] == [1, 2, 4, 8, 16]
    d = scenario_dict()
    d["policy"]["priority_weights"] = [1, 1, 1, 1, 2]
    assert libmatch.Model.from_dict(d).policy["priority_weights"] == [1, 1, 1, 1, 2]
    m = libmatch.Model.from_json_string(json.dumps(d))
    assert m.policy["priority_weights"] == [1, 1, 1, 1, 2]


def test_copy_is_independent():
    m = small_model()
    c = m.copy()
    c.policy["max_distance_km"] = 0.5
    c.add_volunteer("V4", community="C01", hours=5)
    assert m.policy["max_distance_km"] == 3.0
    assert "V4" not in m.volunteers and "V4" in c.volunteers
    import copy
    assert copy.copy(m).volunteers == m.volunteers
    assert copy.deepcopy(m).needs == m.needs


def test_failed_add_changes_nothing():
    m = small_model()
    before = m.volunteers
    with pytest.raises(libmatch.InputError) as err:
        m.add_volunteer("V9", community="C01", hours=5, unit="U99")
    assert err.value.item == "V9" and err.value.field == "unit"
    with pytest.raises(libmatch.InputError) as err:
        m.add_volunteer("V9", community="C01", hours=5, lat=95, lon=0)
    assert err.value.field == "lat"
    with pytest.raises(libmatch.InputError):
        m.add_volunteer("V9", community="C01", hours=5, min_hours=-1)
    with pytest.raises(libmatch.InputError):
        m.add_need("N9", community="C01", category="x", priority=3,
                   resources=[{"type": "venue", "amount": 1}, {"type": "venue", "amount": 2}])
    assert m.volunteers == before and "N9" not in m.needs
    m.add_volunteer("V9", community="C01", hours=5, unit="U01")
    assert m.volunteers == before + ["V9"]


# ---- reading ---------------------------------------------------------------------------------

def test_load_and_from_json_accept_paths():
    a = libmatch.load(XINMI)
    b = libmatch.Model.from_json(str(XINMI))
    assert a.volunteers == b.volunteers and len(a.volunteers) > 0
    assert a.name == json.loads(XINMI.read_text(encoding="utf-8"))["name"]


def test_from_dict_matches_from_json():
    data = json.loads(XINMI.read_text(encoding="utf-8"))
    from_dict = libmatch.Model.from_dict(data).solve()
    from_file = libmatch.load(XINMI).solve()
    assert from_dict.to_json() == from_file.to_json()


def test_from_dict_errors():
    d = scenario_dict()
    d["volunteers"][0]["hours"] = -3
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Model.from_dict(d)
    assert err.value.item == "V1" and err.value.field == "hours"
    assert err.value.code == libmatch.CODES["MATCH_EINPUT"]
    assert err.value.code_name == "MATCH_EINPUT"
    d = scenario_dict()
    d["volunteers"][0]["hours"] = float("nan")
    with pytest.raises(libmatch.InputError):
        libmatch.Model.from_dict(d)
    with pytest.raises(TypeError):
        libmatch.Model.from_dict([1, 2])
    with pytest.raises(TypeError):
        libmatch.Model.from_dict({"name": object()})


# ---- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("mutate, code, item, field", [
    (lambda d: d["volunteers"][0].update(hours="many"), "MATCH_EINPUT", "V1", "hours"),
    (lambda d: d["needs"][0].update(community="C99"), "MATCH_ENOTFOUND", "N1", "community"),
    (lambda d: d["volunteers"].append(dict(d["volunteers"][0])), "MATCH_EDUPLICATE", "V1", "id"),
])
def test_input_errors_from_data(mutate, code, item, field):
    d = scenario_dict()
    mutate(d)
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Model.from_json_string(json.dumps(d), "case.json")
    assert err.value.code == libmatch.CODES[code]
    assert err.value.item == item
    assert err.value.field == field
    assert "case.json" in str(err.value)


def test_parse_error_is_input_error():
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Model.from_json_string('{"format": ', "broken.json")
    assert err.value.code == libmatch.CODES["MATCH_EPARSE"]
    assert "broken.json" in str(err.value)


def test_unreadable_file_is_input_error(tmp_path):
    with pytest.raises(libmatch.InputError) as err:
        libmatch.load(tmp_path / "missing.json")
    assert err.value.code == libmatch.CODES["MATCH_EIO"]
    assert "missing.json" in str(err.value)


def test_builder_errors():
    m = small_model()
    with pytest.raises(libmatch.InputError) as err:
        m.add_volunteer("V2", community="C01", hours=1)
    assert err.value.code_name == "MATCH_EDUPLICATE" and err.value.item == "V2"
    with pytest.raises(libmatch.InputError) as err:
        m.add_need("N9", community="C77", category="x", priority=3)
    assert err.value.code_name == "MATCH_ENOTFOUND" and err.value.field == "community"
    with pytest.raises(libmatch.InputError):
        m.add_need("N9", community="C01", category="x", priority=9)
    with pytest.raises(libmatch.InputError):
        m.add_community("C09", lat=91, lon=0)
    with pytest.raises(libmatch.ArgumentError):
        m.add_community("", lat=1, lon=1)
    with pytest.raises(libmatch.InputError):
        m.fix("V2", "N404", 3)


def test_low_level_errors():
    m = C.match_model_create()
    with pytest.raises(libmatch.ArgumentError) as err:
        C.match_model_set_policy(m, "no_such_field", 1.0)
    assert isinstance(err.value, ValueError)
    with pytest.raises(libmatch.ArgumentError):
        C.match_model_get_policy(m, "no_such_field")
    assert C.match_model_get_policy(m, "max_distance_km") == 3.0
    C.match_model_set_priority_weights(m, [1, 2, 4, 8, 16])
    with pytest.raises(TypeError):
        C.match_model_set_priority_weights(m, [1, "x", 4, 8, 16])
    with pytest.raises(TypeError):
        C.match_model_set_priority_weights(m, 5)
    assert C.match_model_errmsg(m)


def test_write_error_is_file_error(tmp_path):
    plan = small_model().solve()
    with pytest.raises(libmatch.FileError) as err:
        plan.to_json(tmp_path / "no" / "such" / "dir" / "plan.json")
    assert isinstance(err.value, OSError) and isinstance(err.value, libmatch.Error)
    assert err.value.code_name == "MATCH_EIO"


def test_error_classes():
    from libmatch.errors import _from_code
    codes = libmatch.CODES
    assert isinstance(_from_code(codes["MATCH_ESOLVER"], "glpk said no"), libmatch.SolverError)
    assert isinstance(_from_code(codes["MATCH_ENOMEM"], "x"), MemoryError)
    assert isinstance(_from_code(codes["MATCH_EINTERRUPTED"], "x"), KeyboardInterrupt)
    assert isinstance(_from_code(codes["MATCH_EIO"], "x", 1), libmatch.InputError)
    assert isinstance(_from_code(codes["MATCH_EIO"], "x", 0), libmatch.FileError)
    assert type(_from_code(-99, "x")) is libmatch.Error
    for cls in (libmatch.InputError, libmatch.SolverError, libmatch.ArgumentError,
                libmatch.FileError, libmatch.OutOfMemoryError):
        assert issubclass(cls, libmatch.Error)


def test_wrong_types_raise_type_error():
    m = small_model()
    plan = m.solve()
    with pytest.raises(TypeError):
        m.add_community(1, lat=1, lon=1)
    with pytest.raises(TypeError):
        m.add_community("C9", lat="north", lon=1)
    with pytest.raises(TypeError):
        m.add_volunteer("V9", community="C01", hours="lots")
    with pytest.raises(TypeError):
        m.add_volunteer("V9", community="C01", hours=1, skills="medical")
    with pytest.raises(TypeError):
        m.add_volunteer("V9", community="C01", hours=1, skills=[1])
    with pytest.raises(TypeError):
        m.add_volunteer("V9", community="C01", hours=1, lat=1)
    with pytest.raises(TypeError):
        m.add_need("N9", community="C01", category="x", priority=2.5)
    with pytest.raises(TypeError):
        m.solve(time_limit="soon")
    with pytest.raises(TypeError):
        m.solve(interrupt=42)
    with pytest.raises(TypeError):
        libmatch.load(42)
    with pytest.raises(TypeError):
        libmatch.Plan(m)
    # The low-level module checks types too.
    with pytest.raises(TypeError):
        C.match_model_add_volunteer(m._m, "V9", "C01", "x")
    with pytest.raises(TypeError):
        C.match_model_add_volunteer(plan._p, "V9", "C01", 1.0)
    with pytest.raises(TypeError):
        C.match_plan_need_count(m._m)
    with pytest.raises(TypeError):
        C.match_model_add_volunteer(None, "V9", "C01", 1.0)
    with pytest.raises(TypeError):
        C.match_plan_objective(None)
    with pytest.raises(TypeError):
        C.match_model_solve("model")


# ---- solving and plans -----------------------------------------------------------------------

def test_plan_accessors():
    plan = small_model().solve(time_limit=30, mip_gap=0.0)
    assert plan.status == "optimal" and plan.optimal
    assert math.isclose(plan.objective, plan.bound, rel_tol=1e-6, abs_tol=1e-6)
    assert plan.message == "" or isinstance(plan.message, str)
    assert plan.solve_seconds >= 0
    assert plan.pair_count > 0
    assert len(plan) == 3 and [n.id for n in plan] == ["N1", "N2", "N3"]
    n1 = plan.need("N1")
    assert n1.priority == 5 and n1.coverage == 1.0 and n1.met
    assert n1.volunteers == [("志愿者1", 20)] and n1.hours == 20
    assert n1.resources == [("R1", 1)]
    assert n1.unmet_reason is None
    assert "N1" in repr(n1)
    n3 = plan.need("N3")
    assert n3.coverage == 0.0 and n3.unmet_reason
    assert [n.id for n in plan.unmet()] == [n.id for n in plan.needs if n.coverage < 1]
    assert "N3" in [n.id for n in plan.unmet()]
    with pytest.raises(KeyError):
        plan.need("N404")
    assert [v.id for v in plan.volunteers] == ["志愿者1", "V2", "V3"]
    v1 = plan.volunteers[0]
    assert v1.hours == 20 and v1.shortfall == 0
    assert plan.units[0].id == "U01" and plan.units[0].projects >= 1
    assert plan.units[0].shortfall == 0
    table = plan.covered_by_priority()
    assert list(table) == [5, 4, 3, 2, 1] and table[5] == (1, 1) and table[1] == (0, 1)
    assert "optimal" in repr(plan)


def test_plan_to_dict_and_json(tmp_path):
    plan = small_model().solve()
    d = plan.to_dict()
    assert d["format"] == "libmatch-plan-1" and d["status"] == "optimal"
    assert [n["id"] for n in d["needs"]] == ["N1", "N2", "N3"]
    assert d["needs"][0] == plan.need("N1").to_dict()
    text = plan.to_json()
    assert "志愿者1" in text  # UTF-8, not escaped
    out = tmp_path / "plan.json"
    assert plan.to_json(out) is None
    assert out.read_bytes() == text.encode("utf-8")
    plan.to_json(str(out))
    assert out.read_bytes() == text.encode("utf-8")


def test_infeasible_is_a_status_not_an_error():
    m = small_model()
    m.add_need("N4", community="C01", category="x", priority=5, hours=500, required=True)
    plan = m.solve()
    assert plan.status == "infeasible"
    assert "N4" in plan.message
    assert len(plan.needs) == 4


def test_unicode_round_trip():
    d = scenario_dict()
    d["communities"][0]["id"] = "社区一"
    d["units"][0]["community"] = "社区一"
    d["volunteers"][0].update(id="张三", community="社区一")
    d["needs"][0].update(id="送医上门", community="社区一")
    plan = libmatch.Model.from_dict(d).solve()
    assert plan.needs[0].id == "送医上门"
    assert plan.needs[0].volunteers == [("张三", 8)]
    assert json.loads(plan.to_json())["volunteers"][0]["id"] == "张三"


@pytest.mark.skipif(not CLI, reason="LIBMATCH_CLI is not set")
def test_plan_equals_cli_byte_for_byte(tmp_path):
    cli_plan = tmp_path / "cli.json"
    result = run_cli("solve", XINMI, "-o", cli_plan, "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    py_plan = tmp_path / "py.json"
    plan = libmatch.load(XINMI).solve()
    plan.to_json(py_plan)
    assert py_plan.read_bytes() == cli_plan.read_bytes()
    assert plan.to_json().encode("utf-8") == cli_plan.read_bytes()
    stdout = run_cli("solve", XINMI, "--quiet").stdout
    assert stdout == cli_plan.read_bytes()


@pytest.mark.skipif(not CLI, reason="LIBMATCH_CLI is not set")
def test_built_model_equals_cli_on_its_scenario(tmp_path):
    """A model built by hand solves like the CLI on the same scenario written as JSON."""
    d = scenario_dict()
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    m = libmatch.Model(name=d["name"])
    m.add_community("C01", lat=34.53, lon=113.38, name="新惠街社区")
    m.add_unit("U01", community="C01")
    m.add_volunteer("V1", community="C01", unit="U01", hours=10, skills=["medical"])
    m.add_need("N1", community="C01", category="health", priority=4, hours=8,
               skills=["medical"])
    result = run_cli("solve", scenario, "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    assert m.solve().to_json().encode("utf-8") == result.stdout


def test_whatif_copy_changes_the_result():
    base = libmatch.load(XINMI)
    wide = base.copy()
    wide.policy["max_distance_km"] = 10
    a, b = base.solve(), wide.solve()
    assert b.objective >= a.objective - 1e-9
    assert base.policy["max_distance_km"] == 3.0


def test_log_callback():
    lines = []
    libmatch.load(XINMI).solve(log=lambda level, msg: lines.append((level, msg)),
                               log_level="debug")
    for level, msg in lines:
        assert level in ("error", "info", "debug") and isinstance(msg, str)
    with pytest.raises(ValueError):
        libmatch.load(XINMI).solve(log_level="chatty")


def test_threads_solve_copies():
    base = libmatch.load(XINMI)
    expected = base.solve().to_json()
    results = []

    def work():
        results.append(base.copy().solve().to_json())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


# ---- lifetime --------------------------------------------------------------------------------

def test_plan_outlives_model():
    m = small_model()
    plan = m.solve()
    handle = weakref.ref(m)
    del m
    gc.collect()
    assert handle() is None
    assert [n.id for n in plan.needs] == ["N1", "N2", "N3"]
    assert plan.to_dict()["needs"][0]["volunteers"][0]["id"] == "志愿者1"


def test_low_level_plan_outlives_model():
    m = C.match_model_read_json(str(XINMI))
    p = C.match_model_solve(m)
    del m
    gc.collect()
    assert C.match_plan_need_count(p) > 0
    assert C.match_plan_need_id(p, 0)
    assert C.match_plan_need_id(p, 10 ** 6) is None
    assert math.isnan(C.match_plan_need_coverage(p, 10 ** 6))
    assert json.loads(C.match_plan_to_json(p))["format"] == "libmatch-plan-1"


def test_copy_outlives_original():
    m = small_model()
    c = m.copy()
    del m
    gc.collect()
    assert c.solve().status == "optimal"


def test_many_objects_are_freed():
    # Creating and dropping many models and plans must not crash or accumulate.
    for _ in range(200):
        m = libmatch.Model.from_dict(scenario_dict())
        p = m.solve()
        del m
        assert p.needs[0].coverage == 1.0
    gc.collect()


# ---- interruption ----------------------------------------------------------------------------

def test_interrupt_callback_returns_the_plan_so_far():
    calls = []

    def stop():
        calls.append(1)
        return True

    plan = libmatch.load(XINMI).solve(interrupt=stop)
    assert calls
    assert plan.status == "interrupted"
    assert plan.objective is None  # stopped before any plan was found
    assert all(n.hours == 0 for n in plan.needs)


def test_ctrl_c_during_solve_raises_keyboard_interrupt():
    # The interrupt hook simulates Ctrl-C arriving during the solve: the binding's C
    # callback then sees it through PyErr_CheckSignals() and stops the solve.
    def press_ctrl_c():
        _thread.interrupt_main()
        return False

    with pytest.raises(KeyboardInterrupt) as info:
        libmatch.load(XINMI).solve(interrupt=press_ctrl_c)
    # The solve returned its plan so far before the exception was raised.
    assert isinstance(info.value.plan, libmatch.Plan)
    assert info.value.plan.status == "interrupted"
    # The model is still usable afterwards.
    assert libmatch.load(XINMI).solve().status == "optimal"


def test_exception_in_callback_propagates():
    def broken():
        raise ZeroDivisionError("from the callback")

    with pytest.raises(ZeroDivisionError):
        libmatch.load(XINMI).solve(interrupt=broken)


def test_progress_callable_is_monotone():
    reports = []
    plan = libmatch.load(XINMI).solve(progress=reports.append)
    assert plan.status == "optimal" and len(reports) >= 2
    assert all(isinstance(r, libmatch.Progress) for r in reports)
    plans = [r.incumbent for r in reports if r.incumbent is not None]
    bounds = [r.bound for r in reports if r.bound is not None]
    assert plans == sorted(plans) and bounds == sorted(bounds, reverse=True)
    assert [r.elapsed for r in reports] == sorted(r.elapsed for r in reports)
    assert abs(plans[-1] - plan.objective) < 1e-6
    assert reports[-1].phase == "optimal"


def test_progress_true_prints_a_line(capsys):
    libmatch.load(XINMI).solve(progress=True)
    assert "bound" in capsys.readouterr().err
    with pytest.raises(TypeError):
        libmatch.load(XINMI).solve(progress=42)


def test_solver_argument():
    m = libmatch.load(XINMI)
    assert m.solve(solver="glpk").status == "optimal"
    with pytest.raises(ValueError):
        m.solve(solver="simplex")


def test_low_level_interrupt():
    m = C.match_model_read_json(str(XINMI))
    plan = C.match_model_solve(m, None, lambda: True)
    assert C.match_plan_status(plan) == C.MATCH_STATUS_INTERRUPTED
    opts = C.match_options()
    assert opts.version == C.MATCH_OPTIONS_VERSION and opts.time_limit == 0.0
    opts.time_limit = 30.0
    assert C.match_plan_status(C.match_model_solve(m, opts)) == C.MATCH_STATUS_OPTIMAL


# ---- pandas ----------------------------------------------------------------------------------

def test_to_dataframe():
    pd = pytest.importorskip("pandas")
    df = small_model().solve().to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert list(df["id"]) == ["N1", "N2", "N3"]
    assert {"priority", "coverage", "hours", "unmet_reason"} <= set(df.columns)


def test_policy_options_round_trip():
    model = libmatch.Model()
    assert model.policy["objective"] == "weighted"
    assert model.policy["eligibility"] == "computed"
    model.policy["objective"] = "lexicographic"
    model.policy["eligibility"] = "pairs_only"
    model.policy["change_penalty"] = 0.5
    assert model.policy["objective"] == "lexicographic"
    assert model.policy["eligibility"] == "pairs_only"
    assert model.policy["change_penalty"] == 0.5
    assert dict(model.policy)["objective"] == "lexicographic"
    with pytest.raises(libmatch.InputError, match="objective"):
        model.policy["objective"] = "fastest"
    with pytest.raises(TypeError):
        model.policy["eligibility"] = 1


def test_export_matches_cli(tmp_path):
    model = libmatch.load(XINMI)
    model.export(tmp_path / "a.mps")
    model.export(str(tmp_path / "a.lp"))
    model.export(tmp_path / "b.txt", format="lp")
    if CLI:
        subprocess.run([CLI, "export", str(XINMI), "-o", str(tmp_path / "cli.lp")], check=True)
        assert (tmp_path / "a.lp").read_bytes() == (tmp_path / "cli.lp").read_bytes()
    assert (tmp_path / "b.txt").read_bytes() == (tmp_path / "a.lp").read_bytes()
    assert (tmp_path / "a.mps").read_text().startswith("*") or "ROWS" in (tmp_path / "a.mps").read_text()
    with pytest.raises(ValueError):
        model.export(tmp_path / "c.mps", format="xml")
    with pytest.raises(libmatch.FileError):
        model.export(tmp_path / "no-such-dir" / "c.mps")


def test_plan_timings():
    plan = libmatch.load(XINMI).solve()
    timings = plan.timings
    assert set(timings) == {"pairs", "build", "solve", "plan"}
    assert all(t >= 0 for t in timings.values())
    assert sum(timings.values()) <= plan.solve_seconds + 1e-6


# ---- listed pairs and max_volunteers ---------------------------------------------------------

def listed_model():
    """V1 (3 h) listed with N1 (priority 5, no hours) for 2 h at 1.5 and with N2 (priority 1)
    for 2 h at 0: only one fits, and N1's is worth 16 + 1.5."""
    m = libmatch.Model()
    m.add_community("C0", lat=34, lon=113)
    m.add_volunteer("V1", community="C0", hours=3)
    m.add_need("N1", community="C0", category="x", priority=5, max_volunteers=1)
    m.add_need("N2", community="C0", category="x", priority=1)
    m.add_pair("V1", "N1", hours=2, value=1.5)
    m.add_pair("V1", "N2", hours=2)
    return m


def test_listed_pairs():
    m = listed_model()
    assert m.pair_count == 2
    plan = m.solve()
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(17.5)
    assert plan.need("N1").volunteers == [("V1", 2.0)]
    assert plan.need("N2").volunteers == []
    # The copy carries the pairs; changing it leaves the original alone.
    c = m.copy()
    c.policy["priority_weights"] = [10, 2, 4, 8, 1]
    assert c.pair_count == 2
    assert c.solve().objective == pytest.approx(10)
    assert m.solve().objective == pytest.approx(17.5)


def test_listed_pairs_from_dict_and_max_volunteers():
    scen = {
        "policy": {"eligibility": "pairs_only"},
        "communities": [{"id": "C0", "lat": 34, "lon": 113}],
        "volunteers": [{"id": v, "community": "C0", "hours": 4} for v in ("V1", "V2", "V3")],
        "needs": [{"id": "N1", "community": "C0", "category": "x", "priority": 5,
                   "max_volunteers": 2}],
        "pairs": [{"volunteer": v, "need": "N1", "value": k + 1, "hours": 1}
                  for k, v in enumerate(("V1", "V2", "V3"))],
    }
    plan = libmatch.Model.from_dict(scen).solve()
    assert sorted(dict(plan.need("N1").volunteers)) == ["V2", "V3"]
    assert plan.objective == pytest.approx(16 + 2 + 3)
    m = libmatch.Model.from_dict(scen)
    m.set_max_volunteers("N1", None)
    assert m.solve().objective == pytest.approx(16 + 6)
    m.set_max_volunteers("N1", 1)
    assert m.solve().objective == pytest.approx(16 + 3)


def test_listed_pair_errors():
    m = listed_model()
    with pytest.raises(libmatch.InputError) as err:
        m.add_pair("V1", "N1", hours=2)
    assert "listed twice" in str(err.value)
    with pytest.raises(libmatch.InputError) as err:
        m.add_pair("V9", "N1", hours=2)
    assert err.value.code_name == "MATCH_ENOTFOUND"
    with pytest.raises(libmatch.InputError):
        m.add_pair("V1", "N1", hours=-1)
    with pytest.raises(libmatch.InputError):
        m.add_pair("V1", "N1", hours=1, value=math.nan)
    with pytest.raises(TypeError):
        m.add_pair("V1", "N1", hours="2")
    with pytest.raises(libmatch.InputError):
        m.forbid("V1", "N1")
    with pytest.raises(libmatch.InputError):
        m.add_need("N5", community="C0", category="x", priority=1, min_volunteers=3,
                   max_volunteers=2)
    assert m.count("needs") == 2
    with pytest.raises(libmatch.InputError):
        m.set_max_volunteers("N1", -2)  # -1 is C's MATCH_UNLIMITED, like None
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Model.from_dict({"communities": [], "pairs": [{"volunteer": "V", "need": "N",
                                                                 "hours": 1}]})
    assert "pairs[0]" in str(err.value)
    assert m.pair_count == 2


def test_orlib_example_reaches_the_optimum():
    """examples/orlib_gap.py, the runnable example of docs/analysis.md, on two instances."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("orlib_gap", REPO / "examples" / "orlib_gap.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    data = REPO / "tests" / "data" / "orlib"
    assert example.solve_gap(data / "gap1-0")[:2] == ("optimal", 261)
    status, total, assignment = example.solve_gap(data / "gap4-4", maximise=True)
    assert (status, total) == ("optimal", 664)
    assert sorted(assignment) == sorted(f"J{j}" for j in range(1, 31))


def test_feedback_ratings_example():
    """The feedback example of docs/analysis.md ("Custom pairs"): rated pairs on Xinmi."""
    model = libmatch.load(XINMI)
    before = model.solve()
    ratings = {("V034", "N16"): (4.8, 4.6), ("V033", "N11"): (2.5, 3.0)}
    for (volunteer, need), (residents, own) in ratings.items():
        model.add_pair(volunteer, need, value=(residents - 3) + 0.5 * (own - 3), hours=16)
    after = model.solve()
    assert after.status == "optimal" and after.objective > before.objective
    assert dict(before.need("N11").volunteers)["V034"] == 16
    assert dict(after.need("N16").volunteers)["V034"] == 16
    assert dict(after.need("N11").volunteers)["V033"] == 16  # exactly its listed hours
    assert "V034" not in dict(after.need("N11").volunteers)


# ---- priority modes and stable re-planning ----------------------------------------------------

def urgent_model():
    """One volunteer (10 h); an urgent need U (priority 5, 10 h); ten 1-hour priority-4 needs."""
    m = libmatch.Model()
    m.add_community("C0", lat=34, lon=113)
    m.add_volunteer("V1", community="C0", hours=10)
    m.add_need("U", community="C0", category="x", priority=5, hours=10)
    for k in range(10):
        m.add_need(f"S{k}", community="C0", category="x", priority=4, hours=1)
    return m


def test_lexicographic_levels():
    m = urgent_model()
    weighted = m.solve()
    assert weighted.objective_mode == "weighted" and weighted.levels == []
    assert weighted.need("U").coverage == 0
    m.policy["objective"] = "lexicographic"
    plan = m.solve()
    assert plan.objective_mode == "lexicographic"
    assert plan.need("U").coverage == 1
    assert [lv["name"] for lv in plan.levels] == [
        "priority 5", "priority 4", "priority 3", "priority 2", "priority 1", "costs"]
    assert plan.levels[0] == {"name": "priority 5", "value": 16.0, "bound": 16.0}
    assert math.isclose(sum(lv["value"] for lv in plan.levels), plan.objective)
    assert plan.bound is None
    assert plan.to_dict()["levels"][0] == {"name": "priority 5", "value": 16, "bound": 16}


def test_previous_plan_forms(tmp_path):
    m = libmatch.Model()
    m.add_community("C0", lat=34, lon=113)
    m.add_volunteer("V1", community="C0", hours=10)
    m.add_need("N1", community="C0", category="x", priority=1, hours=10)
    before = m.solve()
    assert not before.has_previous and before.moved_hours is None
    assert before.volunteers[0].moved_hours is None and before.moved() == []
    m.add_need("U", community="C0", category="x", priority=5, hours=3)
    m.policy["change_penalty"] = 0.5
    path = tmp_path / "before.json"
    before.to_json(path)
    for form in (before, path, str(path), before.to_dict()):
        m.set_previous_plan(form)
        assert m.has_previous_plan and m.previous_ignored == 0
        plan = m.solve()
        assert plan.previous_hours == 10 and plan.moved_hours == 3
        assert plan.moved() == [("V1", 3)]
        assert plan.volunteers[0].moved_hours == 3
        assert math.isclose(plan.objective, 16 + 0.7 - 0.5 * 3)
    m.set_previous_plan(None)
    assert not m.has_previous_plan and m.solve().moved_hours is None
    m.set_previous_hours("V1", "U", 3)
    m.set_previous_hours("V1", "N1", 7)
    assert m.solve().moved_hours == 0
    # Ids the model lacks are left out and counted.
    m.set_previous_plan({"needs": [{"id": "N1", "volunteers": [{"id": "Vx", "hours": 2}]}]})
    assert m.previous_ignored == 1 and m.solve().previous_ignored == 1
    copy = m.copy()
    assert copy.has_previous_plan and copy.previous_ignored == 1


def test_previous_plan_errors(tmp_path):
    m = urgent_model()
    with pytest.raises(libmatch.InputError, match="whole number"):
        m.set_previous_hours("V1", "U", 2.5)
    with pytest.raises(libmatch.InputError, match='no volunteer with id "V9"'):
        m.set_previous_hours("V9", "U", 2)
    bad = tmp_path / "bad.json"
    bad.write_text('{"needs": [{"id": "U", "volunteers": [{"id": "V1", "hours": "2"}]}]}')
    with pytest.raises(libmatch.InputError,
                       match=r'bad.json: needs\[0\] \(id "U"\): volunteers\[0\]: field "hours"'):
        m.set_previous_plan(bad)
    with pytest.raises(libmatch.InputError, match="cannot open"):
        m.set_previous_plan(tmp_path / "missing.json")
    with pytest.raises(TypeError):
        m.set_previous_plan(42)
    assert not m.has_previous_plan


def test_replan_example():
    """examples/replan.py re-plans Xinmi after an urgent call and lists who moved."""
    package_dir = pathlib.Path(libmatch.__path__[0]).parent
    env = dict(os.environ, PYTHONPATH=str(package_dir))
    proc = subprocess.run([sys.executable, str(REPO / "examples" / "replan.py")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "change_penalty 0.05 (N17 covered 100%)" in proc.stdout
    # One volunteer moves from N16 to the urgent call; which one is a tie between equal
    # optima, so the test does not name them.
    first = proc.stdout.split("re-plan, change_penalty 0 ")[0]
    assert "moved by 1 volunteer(s)" in first
    assert re.search(r"^  V\d+: -24 h N16, \+24 h N17$", first, re.M)


def test_listed_pair_in_the_plan_in_force():
    """A listed pair of the plan in force moves whole: its hours count at the change
    penalty. V1 (4 h) serves N1 (weight 1) through a listed pair; N2 (weight 2) is better
    by 1, and moving costs 4 h x penalty."""
    def model(penalty):
        m = libmatch.Model()
        m.add_community("C0", lat=34, lon=113)
        m.add_volunteer("V1", community="C0", hours=4)
        m.add_need("N1", community="C0", category="x", priority=1)
        m.add_need("N2", community="C0", category="x", priority=2)
        m.add_pair("V1", "N1", hours=4, value=0)
        m.add_pair("V1", "N2", hours=4, value=0)
        m.set_previous_hours("V1", "N1", 4)
        m.policy["change_penalty"] = penalty
        return m.solve()

    moved = model(0.1)
    assert moved.need("N2").volunteers == [("V1", 4.0)]
    assert moved.objective == pytest.approx(2 - 0.4)
    kept = model(1.0)
    assert kept.need("N1").volunteers == [("V1", 4.0)]
    assert kept.objective == pytest.approx(1.0)


def test_remove_cascade_and_scenario_round_trip():
    m = small_model()
    text = m.to_json()
    assert libmatch.Model.from_json_string(text).to_json() == text
    assert libmatch.Model.from_dict(m.to_dict()).solve().to_json() == m.solve().to_json()
    with pytest.raises(libmatch.InputError) as err:
        m.remove("community", "C01")
    assert err.value.kind == "community" and err.value.item == "C01"
    removed = m.remove("community", "C01", cascade=True)
    assert removed[-1] == ("community", "C01")
    assert all(kind in ("unit", "volunteer", "need", "resource") for kind, _ in removed[:-1])
    assert "C01" not in m.communities
    left = m.volunteers[0]
    assert m.remove("volunteer", left) == [("volunteer", left)]


def test_error_detail_from_c():
    d = scenario_dict()
    d["needs"][0]["community"] = "C99"
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Model.from_dict(d)
    assert (err.value.kind, err.value.item, err.value.field) == ("need", "N1", "community")
    m = small_model()
    with pytest.raises(libmatch.InputError) as err:
        m.fix("V2", "N404", 3)
    assert err.value.kind == "pair" and err.value.item == "V2" and err.value.need == "N404"
    assert err.value.field == "need"
    assert libmatch.CODES["MATCH_EINPUT"] == C.MATCH_EINPUT
    assert libmatch.DEFAULT_PRIORITY_WEIGHTS == (1.0, 2.0, 4.0, 8.0, 16.0)
