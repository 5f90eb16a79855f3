"""What-if analysis from Python: changing a copy of a model, warm starts, Plan.diff, sweep.

Runs with the built package on PYTHONPATH (CTest's python_whatif test sets it, and
LIBMATCH_BINDING_TESTS=1 which turns a missing binding into a failure).
"""

import json
import os
import pathlib

import pytest

if os.environ.get("LIBMATCH_BINDING_TESTS") == "1":
    import libmatch
else:
    libmatch = pytest.importorskip("libmatch")
    if not hasattr(libmatch, "Model"):
        pytest.skip("the libmatch Python binding is not built", allow_module_level=True)

REPO = pathlib.Path(__file__).resolve().parents[2]
XINMI = REPO / "examples" / "xinmi.json"


def small():
    """V1 (10 h, medical, in U1) and V2 (10 h) 1.1 km apart; N1 (P4, medical, 6 h) and
    N2 (P2, 4 h) in their communities."""
    m = libmatch.Model()
    m.add_community("C1", lat=34.0, lon=113.0, street="新华路街道")
    m.add_community("C2", lat=34.01, lon=113.0)
    m.add_unit("U1", community="C1")
    m.add_volunteer("V1", community="C1", hours=10, skills=["medical"], unit="U1")
    m.add_volunteer("V2", community="C2", hours=10)
    m.add_need("N1", community="C1", category="health", priority=4, hours=6,
               skills=["medical"])
    m.add_need("N2", community="C2", category="culture", priority=2, hours=4)
    return m


# ---- changing a model --------------------------------------------------------------------

def test_setters_change_the_copy_only():
    base = small()
    m = base.copy()
    m.set_volunteer("V1", hours=3)
    m.set_need("N2", priority=5, category="elderly")
    plan = m.solve()
    assert plan.need("N1").hours == 3
    assert plan.need("N2").priority == 5
    assert plan.need("N2").category == "elderly"
    assert base.solve().need("N1").hours == 6  # the original is untouched


def test_setters_none_restores_defaults():
    m = small()
    m.set_volunteer("V2", max_distance_km=0.5)
    assert m.solve().need("N2").hours == 4  # V2 lives in N2's community
    m.set_volunteer("V2", community="C1")
    assert m.solve().need("N2").hours == 4  # V1 or V2 from 1.1 km: within 3 km
    m.set_volunteer("V1", max_distance_km=0.5)
    assert m.solve().need("N2").hours == 0  # both now within 0.5 km only
    m.set_volunteer("V1", max_distance_km=None)
    assert m.solve().need("N2").hours == 4
    m.set_volunteer("V1", lat=40.0, lon=113.0)
    assert m.solve().need("N1").hours == 0
    m.set_volunteer("V1", lat=None, lon=None, unit=None)
    assert m.solve().need("N1").hours == 6


def test_tags_and_resources():
    m = small()
    m.set_volunteer("V1", remove_skills=["medical"])
    assert m.solve().need("N1").coverage == 0
    with pytest.raises(libmatch.InputError) as err:
        m.set_volunteer("V1", remove_skills=["medical"])
    assert err.value.item == "V1" and err.value.field == "skills"
    m.set_need("N1", remove_skills=["medical"])
    assert m.solve().need("N1").coverage == 1
    m.add_resource("R1", unit="U1", type="venue", amount=1)
    m.set_need("N1", resources={"venue": 2})
    assert m.solve().need("N1").coverage == 0.5
    m.set_resource("R1", amount=2)
    assert m.solve().need("N1").coverage == 1
    m.set_need("N1", resources={"venue": None})
    assert m.solve().need("N1").resources == []


def test_bad_values_name_item_and_field():
    m = small()
    with pytest.raises(libmatch.InputError) as err:
        m.set_need("N1", priority=9)
    assert err.value.item == "N1" and err.value.field == "priority"
    with pytest.raises(libmatch.InputError):
        m.set_volunteer("V9", hours=1)
    with pytest.raises(TypeError):
        m.set_volunteer("V1", hours="many")
    with pytest.raises(TypeError):
        m.set_volunteer("V1", lat=34.0)


def test_remove_and_pairs():
    m = small()
    m.fix("V2", "N1", 2)
    with pytest.raises(libmatch.InputError) as err:
        m.remove("unit", "U1")
    assert "V1" in str(err.value)
    m.remove("volunteer", "V1")
    assert m.volunteers == ["V2"]
    plan = m.solve()
    assert plan.need("N1").volunteers == [("V2", 6)]  # fixed: skills do not apply
    m.unfix("V2", "N1")
    m.forbid("V2", "N2")
    assert m.solve().need("N2").hours == 0
    m.unforbid("V2", "N2")
    assert m.solve().need("N2").hours == 4
    m.remove("units", "U1")
    m.remove("need", "N1")
    assert m.needs == ["N2"]
    with pytest.raises(ValueError):
        m.remove("planet", "X")


# ---- warm starts and plan files ----------------------------------------------------------

def test_warm_start_same_optimum_on_xinmi():
    base = libmatch.load(XINMI)
    before = base.solve()
    for change in (lambda m: m.set_volunteer("V012", hours=2),
                   lambda m: m.set_need("N13", priority=5),
                   lambda m: m.policy.__setitem__("max_distance_km", 2.0)):
        m = base.copy()
        change(m)
        cold = m.solve()
        warm = m.solve(warm_start=before)
        assert warm.status == cold.status == "optimal"
        assert warm.objective == pytest.approx(cold.objective, abs=1e-6)
    with pytest.raises(TypeError):
        base.solve(warm_start="plan.json")


def test_plan_files_read_back(tmp_path):
    plan = libmatch.load(XINMI).solve()
    path = tmp_path / "plan.json"
    plan.to_json(path)
    back = libmatch.read_plan(path)
    assert back.to_json() == plan.to_json()
    assert [n.street for n in back.needs] == [n.street for n in plan.needs]
    assert not plan.diff(back).changed
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Plan.from_json_string('{"format": "libmatch-plan-1"}', "p.json")
    assert "p.json" in str(err.value)


# ---- plan.diff ---------------------------------------------------------------------------

def test_diff_lists_what_changed():
    m = small()
    before = m.solve()
    m.set_volunteer("V1", hours=3)  # N1 loses half, V1 gives 3 instead of 6
    m.set_need("N2", priority=5)
    after = m.solve(warm_start=before)
    d = before.diff(after)
    assert [n["id"] for n in d.lost] == ["N1"]
    assert d.lost[0]["coverage_before"] == 1 and d.lost[0]["coverage_after"] == 0.5
    assert d.lost[0]["street"] == "新华路街道" and d.lost[0]["category"] == "health"
    assert {(mv["volunteer"], mv["need"], mv["hours_before"], mv["hours_after"])
            for mv in d.moves} == {("V1", "N1", 6, 3)}
    assert d.volunteers_moved == 1
    assert d.objective_change == pytest.approx(after.objective - before.objective)
    p4 = next(g for g in d.by_priority if g["key"] == "4")
    assert (p4["met_before"], p4["met_after"]) == (1, 0)
    p5 = next(g for g in d.by_priority if g["key"] == "5")
    assert (p5["needs_before"], p5["needs_after"]) == (0, 1)
    streets = {g["key"]: g for g in d.by_street}
    assert set(streets) == {"", "新华路街道"}
    assert streets["新华路街道"]["coverage_after"] == 0.5
    text = str(d)
    assert "needs lost: 1" in text and "N1" in text and "V1 N1 hours 6 -> 3" in text
    assert "lost=1" in repr(d)
    assert d.to_dict()["format"] == "libmatch-diff-1"
    with pytest.raises(TypeError):
        before.diff("after.json")


# ---- sweep -------------------------------------------------------------------------------

def test_sweep_policy_rows():
    base = libmatch.load(XINMI)
    values = [1, 2, 3, 5]
    plans = []
    rows = libmatch.sweep(base, "policy.max_distance_km", values, as_frame=False, plans=plans)
    assert [r["value"] for r in rows] == values
    for value, row, plan in zip(values, rows, plans):
        m = base.copy()
        m.policy["max_distance_km"] = value
        cold = m.solve()
        assert row["status"] == "optimal"
        assert row["objective"] == pytest.approx(cold.objective, abs=1e-6)
        assert row["met"] == sum(n.met for n in plan.needs)
        assert sum(row[f"met_p{p}"] for p in range(1, 6)) == row["met"]
        assert row["needs"] == len(base.needs)
    # A wider circle never makes the best plan worse.
    objectives = [r["objective"] for r in rows]
    assert objectives == sorted(objectives)
    assert base.policy["max_distance_km"] == 3.0  # the model itself is unchanged


def test_sweep_items_and_callables():
    m = small()
    rows = libmatch.sweep(m, "volunteers.V1.hours", [0, 3, 6], as_frame=False)
    assert [r["met"] for r in rows] == [1, 1, 2]
    rows = libmatch.sweep(m, lambda model, km: model.set_volunteer("V2", max_distance_km=km),
                          [0.5, 2], as_frame=False, warm_start=False)
    assert len(rows) == 2 and all(r["status"] == "optimal" for r in rows)
    with pytest.raises(ValueError):
        libmatch.sweep(m, "max_distance_km", [1])
    with pytest.raises(TypeError):
        libmatch.sweep(m, "policy.max_distance_km", "12")


def test_sweep_frame_when_pandas():
    try:
        import pandas  # noqa: F401
    except ImportError:
        rows = libmatch.sweep(small(), "policy.max_distance_km", [1, 2])
        assert isinstance(rows, list)
        with pytest.raises(ImportError):
            libmatch.sweep(small(), "policy.max_distance_km", [1], as_frame=True)
        return
    frame = libmatch.sweep(small(), "policy.max_distance_km", [1, 2])
    assert list(frame["value"]) == [1, 2]
    assert json.loads(frame.to_json())  # a real DataFrame
