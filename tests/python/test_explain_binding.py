"""Bottlenecks and reasons from Python (libmatch.Model.bottlenecks, Plan.bottlenecks,
NeedResult.reasons). Each marginal value of a pure-network scenario is checked against a
re-solve with the one extra hour or unit. Skipped, like test_binding.py, when the binding
is not built and LIBMATCH_BINDING_TESTS is not set."""

import gc
import os
import pathlib

import pytest

if os.environ.get("LIBMATCH_BINDING_TESTS") == "1":
    import libmatch
else:
    libmatch = pytest.importorskip("libmatch")
    if not hasattr(libmatch, "Model"):
        pytest.skip("the libmatch Python binding is not built", allow_module_level=True)

XINMI = pathlib.Path(__file__).resolve().parents[2] / "examples" / "xinmi.json"
KM_PER_DEG = 111.19492664455873


def network_model():
    """Three communities 0, 2 and 4 km apart on two streets; skills, a resource type,
    travel that matters. No teams, no unit obligations: a pure network."""
    m = libmatch.Model()
    m.policy["distance_cost"] = 0.05
    for k, street in enumerate(["东街", "东街", "西街"]):
        m.add_community(f"C{k}", lat=34.0 + 2 * k / KM_PER_DEG, lon=113.0, street=street)
    m.add_unit("U0", community="C0")
    m.add_resource("R1", unit="U0", type="venue", amount=1)
    m.add_need("N1", community="C0", category="culture", priority=5, hours=2)
    m.add_need("N2", community="C1", category="care", priority=4, hours=3, skills=["medical"])
    m.add_need("N3", community="C2", category="culture", priority=2, hours=3)
    m.add_need("N4", community="C1", category="culture", priority=3, resources={"venue": 2})
    m.add_volunteer("V1", community="C1", hours=2)
    m.add_volunteer("V2", community="C2", hours=1, skills=["medical"])
    return m


def optimum_with(model, add):
    copy = model.copy()
    add(copy)
    plan = copy.solve()
    assert plan.status == "optimal"
    return plan.objective


def test_bottlenecks_match_resolves():
    m = network_model()
    before = m.solve().objective
    report = m.bottlenecks()
    assert report["exact"] is True and report["status"] == "optimal"
    assert {row["skill"] for row in report["skills"]} == {None, "medical"}
    assert len(report["hours"]) == 3 * 2
    for row in report["hours"]:
        def add(c, row=row):
            c.add_volunteer("extra", community=row["community"], hours=1, min_hours=0,
                            skills=[row["skill"]] if row["skill"] else [])
        assert optimum_with(m, add) - before == pytest.approx(row["value"], abs=1e-6), row
        assert (row["serves"] is None) == (row["value"] == 0)
    for row in report["resources"]:
        def add(c, row=row):
            c.add_unit("extra unit", community=row["community"], min_projects=0)
            c.add_resource("extra", unit="extra unit", type=row["type"], amount=1)
        assert optimum_with(m, add) - before == pytest.approx(row["value"], abs=1e-6), row
    values = [row["value"] for row in report["hours"]]
    assert values == sorted(values, reverse=True) and values[0] > 0
    assert {row["street"] for row in report["streets"]} == {"东街", "西街"}
    assert report["types"][0]["type"] == "venue" and report["types"][0]["gains"] == "N4"


def test_plan_bottlenecks_is_the_models():
    m = network_model()
    plan = m.solve()
    assert plan.bottlenecks() == m.bottlenecks()
    fresh = libmatch.Plan(plan._p)
    with pytest.raises(ValueError):
        fresh.bottlenecks()
    del m
    gc.collect()
    with pytest.raises(ValueError):
        plan.bottlenecks()


def test_coupled_scenario_is_marked_relaxed():
    report = libmatch.load(XINMI).bottlenecks()
    assert report["exact"] is False
    assert report["hours"] and all(r["value"] >= 0 for r in report["hours"])


def test_reasons_are_structured():
    m = network_model()
    m.add_need("N5", community="C0", category="care", priority=3, hours=2, skills=["opera"])
    plan = m.solve()
    n5 = plan.need("N5")
    assert [r["code"] for r in n5.reasons] == ["no_volunteer"]
    # V1 (C1, 2 km) lacks the skill; V2 (C2, 4 km) is out of reach first.
    assert n5.reasons[0]["filtered"] == {"distance": 1, "skill": 1}
    assert n5.reasons[0]["text"] == n5.unmet_reason
    n3 = plan.need("N3")
    codes = [r["code"] for r in n3.reasons]
    assert "volunteers_busy" in codes or "not_worth" in codes
    assert plan.need("N1").reasons == []
    # The plan file is unchanged by the structured reasons.
    assert "reasons" not in plan.to_dict()["needs"][0]
