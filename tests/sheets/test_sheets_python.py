"""The spreadsheet calls of the Python binding: Model.from_excel, Model.from_dataframes,
Plan.to_dataframe(kind=...) and Plan.to_excel. CTest puts the built package on PYTHONPATH."""

import json
import math
import os
import sys
from pathlib import Path

import openpyxl
import pandas
import pytest

import libmatch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_fixtures as fx  # noqa: E402

EXAMPLES = Path(os.environ.get("LIBMATCH_EXAMPLES", HERE.parent.parent / "examples"))


def frames_of(sheets):
    return {key: pandas.DataFrame(sheets[zh][1:], columns=sheets[zh][0])
            for zh, key in [("社区", "communities"), ("单位", "units"), ("志愿者", "volunteers"),
                            ("资源", "resources"), ("需求", "needs")]}


def test_from_excel_matches_the_json_reader(tmp_path):
    xinmi = libmatch.Model.from_json(EXAMPLES / "xinmi.json")
    fx.write_book(tmp_path / "good.xlsx", fx.base_sheets())
    model = libmatch.Model.from_excel(tmp_path / "good.xlsx")
    assert model.count("volunteers") == 16 and model.count("needs") == 3
    plan = model.solve()
    assert plan.status == "optimal"
    assert xinmi.solve().objective is not None


def test_from_excel_errors_name_the_cell(tmp_path):
    sheets = fx.base_sheets()
    fx.defects()["text_in_number"](sheets)
    fx.write_book(tmp_path / "bad.xlsx", sheets)
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Model.from_excel(tmp_path / "bad.xlsx")
    assert 'sheet 志愿者, row 17, column 可服务时长（小时）: "24小时" is not a number' in str(err.value)


def test_from_dataframes_reads_nan_as_missing_and_names_frame_row_and_column():
    frames = frames_of(fx.base_sheets())
    frames["needs"].loc[2, "最少人数"] = math.nan  # missing: the default applies
    frames["volunteers"]["专长"] = [["教学", "陪护"]] * 16  # list cells
    model = libmatch.Model.from_dataframes(**frames)
    assert model.solve().status == "optimal"

    frames = frames_of(fx.base_sheets())
    frames["volunteers"].index = [f"r{k}" for k in range(16)]
    frames["volunteers"].loc["r4", "可服务时长（小时）"] = "24小时"
    with pytest.raises(libmatch.InputError) as err:
        libmatch.Model.from_dataframes(**frames)
    assert str(err.value).startswith(
        "frame volunteers, row index 'r4', column 可服务时长（小时）: \"24小时\" is not a number"), \
        str(err.value)


def test_plan_frames_and_workbook_agree_with_the_plan(tmp_path):
    model = libmatch.Model.from_json(EXAMPLES / "xinmi.json")
    plan = model.solve()
    data = json.loads(plan.to_json())
    projects = plan.to_dataframe(kind="projects")
    assert list(projects.columns) == ["id", "name", "community", "street", "category",
                                      "priority", "coverage", "hours", "volunteers",
                                      "resources", "units", "unmet_reason"]
    assert projects["hours"].sum() == pytest.approx(sum(n["hours"] for n in data["needs"]))
    assignments = plan.to_dataframe(kind="assignments")
    assert assignments["hours"].sum() == pytest.approx(projects["hours"].sum())
    volunteers = plan.to_dataframe(kind="volunteers")
    assert list(volunteers["id"]) == [v["id"] for v in data["volunteers"]]
    units = plan.to_dataframe(kind="units")
    assert list(units["projects"]) == [u["projects"] for u in data["units"]]
    assert len(plan.to_dataframe().columns) == 7  # the short form stays
    with pytest.raises(ValueError):
        plan.to_dataframe(kind="people")
    plan.to_excel(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert wb.sheetnames == ["项目清单", "派单", "志愿者", "单位"]
