"""Model.evaluate(), Model.report(), Plan.report() and Plan._repr_html_ from Python."""

import os
from pathlib import Path

import pytest

if not os.environ.get("LIBMATCH_BINDING_TESTS"):
    pytest.skip("binding tests run under CTest (LIBMATCH_BINDING_TESTS)", allow_module_level=True)

import libmatch  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
XINMI = ROOT / "examples" / "xinmi.json"
FIXTURES = ROOT / "tests" / "data" / "evaluate"


def test_own_plan_evaluates_to_its_objective():
    model = libmatch.load(XINMI)
    plan = model.solve()
    ev = model.evaluate(plan)
    assert isinstance(ev, libmatch.Evaluation) and isinstance(ev, dict)
    assert ev["format"] == "libmatch-evaluation-1"
    assert ev.objective == pytest.approx(plan.objective, abs=1e-9)
    assert sum(ev["objective"]["terms"].values()) == pytest.approx(plan.objective, abs=1e-9)
    assert [v for v in ev.violations if v["rule"] != "carried_out"] == []
    assert ev["headline"]["needs_covered"] == sum(1 for n in plan.needs if n.coverage >= 1)
    assert plan.evaluate()["headline"] == ev["headline"]


def test_broken_plan_from_a_file():
    model = libmatch.load(FIXTURES / "scenario.json")
    plan = libmatch.read_plan(FIXTURES / "broken-fixed.json")
    ev = model.evaluate(plan)
    assert not ev.valid
    assert [(v["rule"], v["item"], v["need"], v["have"], v["limit"]) for v in ev.violations] == \
        [("fixed", "V4", "N1", 1, 2)]
    with pytest.raises(TypeError):
        model.evaluate("plan.json")


def test_dataframes():
    pandas = pytest.importorskip("pandas")
    model = libmatch.load(FIXTURES / "scenario.json")
    ev = model.evaluate(libmatch.read_plan(FIXTURES / "valid.json"))
    streets = ev.frame("by_street")
    assert isinstance(streets, pandas.DataFrame)
    assert list(streets["key"]) == ["S1", "S2"] and streets["needs"].sum() == 8
    assert ev.frame("volunteers")["points"].sum() == ev["headline"]["points_total"] == 76
    assert ev.headline_series()["needs_covered"] == 6
    with pytest.raises(ValueError):
        ev.frame("nothing")


def test_report(tmp_path):
    model = libmatch.load(XINMI)
    plan = model.solve()
    path = tmp_path / "report.html"
    plan.report(path, lang="en")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'lang="en"' in text
    assert "Chart.js v" in text and "http://" not in text.split("<script>", 1)[0]
    assert 'lang="zh"' in plan._repr_html_()
    assert 'lang="zh"' in model.report(plan, previous=plan)
    with pytest.raises(libmatch.Error):
        model.report(plan, lang="fr")
