"""Scenario spreadsheets in and the project list out (docs/spreadsheets.md), through the CLI.

CTest sets LIBMATCH_CLI to the built `match` and LIBMATCH_EXAMPLES to examples/.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_fixtures as fx  # noqa: E402

EXAMPLES = Path(os.environ.get("LIBMATCH_EXAMPLES", HERE.parent.parent / "examples"))


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("LIBMATCH_CLI")
    if not path:
        pytest.skip("LIBMATCH_CLI is not set (CTest sets it to the built match executable)")
    return path


def run(cli, *args, cwd=None):
    return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def solve_json(cli, scenario, tmp_path, name):
    out = tmp_path / name
    r = run(cli, "solve", scenario, "-q", "-o", out)
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


# ---- Round trips ---------------------------------------------------------------------------

def test_xinmi_workbook_and_back_gives_the_same_plan(cli, tmp_path):
    xinmi = EXAMPLES / "xinmi.json"
    book, back, folder = tmp_path / "xinmi.xlsx", tmp_path / "back.json", tmp_path / "lists"
    for args in [(xinmi, "-o", book), (book, "-o", back), (book, "-o", folder)]:
        r = run(cli, "convert", *args)
        assert r.returncode == 0, r.stderr
    plan = solve_json(cli, xinmi, tmp_path, "p0.json")
    assert solve_json(cli, book, tmp_path, "p1.json") == plan
    assert solve_json(cli, back, tmp_path, "p2.json") == plan
    assert solve_json(cli, folder, tmp_path, "p3.json") == plan
    # Stable: once converted, converting again changes nothing.
    book2, back2 = tmp_path / "again.xlsx", tmp_path / "again.json"
    assert run(cli, "convert", back, "-o", book2).returncode == 0
    assert run(cli, "convert", book2, "-o", back2).returncode == 0
    assert back2.read_bytes() == back.read_bytes()
    # Chinese sheet names for a JSON scenario by default, English on request.
    assert "志愿者" in openpyxl.load_workbook(book).sheetnames
    en = tmp_path / "en.xlsx"
    assert run(cli, "convert", xinmi, "-o", en, "--lang", "en").returncode == 0
    assert "volunteers" in openpyxl.load_workbook(en).sheetnames
    assert solve_json(cli, en, tmp_path, "p4.json") == plan


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_round_trips(cli, tmp_path, lang):
    book = tmp_path / "template.xlsx"
    r = run(cli, "template", "-o", book, "--lang", lang)
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(book)
    help_sheet = "说明" if lang == "zh" else "help"
    assert help_sheet in wb.sheetnames
    volunteers = wb["志愿者" if lang == "zh" else "volunteers"]
    header = [c.value for c in volunteers[1]]
    assert header[0] == ("编号" if lang == "zh" else "id")
    assert volunteers.max_row == 2  # the header and one example row
    doc, book2, doc2 = tmp_path / "t.json", tmp_path / "t2.xlsx", tmp_path / "t2.json"
    assert run(cli, "convert", book, "-o", doc).returncode == 0
    assert run(cli, "convert", doc, "-o", book2, "--lang", lang).returncode == 0
    assert run(cli, "convert", book2, "-o", doc2).returncode == 0
    assert doc.read_bytes() == doc2.read_bytes()
    data = json.loads(doc.read_text())
    assert [len(data[k]) for k in ("communities", "units", "volunteers", "resources", "needs")] \
        == [1, 1, 1, 1, 1]
    r = run(cli, "solve", book, "-q")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["needs"][0]["coverage"] > 0


def test_gb18030_csv_folder_with_chinese_headers_solves(cli, tmp_path):
    folder = tmp_path / "lists"
    fx.write_folder(folder, fx.base_sheets(), "gb18030")
    raw = (folder / "志愿者.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    out = tmp_path / "plan.json"
    r = run(cli, "solve", folder, "-q", "-o", out)
    assert r.returncode == 0, r.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    needs = {n["id"]: n for n in plan["needs"]}
    assert needs["N01"]["name"] == "四点半课堂"
    assert needs["N01"]["coverage"] == 1
    assert {v["id"]: v.get("name") for v in plan["volunteers"]}["V001"] == "志愿者1"
    # The same lists in UTF-8 with a byte-order mark give the same plan.
    utf8 = tmp_path / "utf8"
    fx.write_folder(utf8, fx.base_sheets(), "utf-8-sig")
    out2 = tmp_path / "plan2.json"
    assert run(cli, "solve", utf8, "-q", "-o", out2).returncode == 0
    assert out2.read_bytes() == out.read_bytes()
    # Forced to GB18030 explicitly: the same.
    out3 = tmp_path / "plan3.json"
    assert run(cli, "solve", folder, "-q", "-o", out3, "--encoding", "gb18030").returncode == 0
    assert out3.read_bytes() == out.read_bytes()


# ---- Bad inputs: the exact place, and no output -------------------------------------------

BAD = {
    "text_in_number": 'text_in_number.xlsx, sheet 志愿者, row 17, column 可服务时长（小时）: '
                      '"24小时" is not a number',
    "missing_column": "missing_column.xlsx, sheet 志愿者: missing column 可服务时长 (hours)",
    "unknown_column": "unknown_column.xlsx, sheet 志愿者, row 1, column 备注: unknown column",
    "dangling_community": 'dangling_community.xlsx, sheet 需求, row 4, column 所属社区: "C99": '
                          'no community with id "C99"',
    "duplicate_id": 'duplicate_id.xlsx, sheet 志愿者, row 6, column 编号: "V002": the id is '
                    "already used in row 3",
    "empty_sheet": "empty_sheet.xlsx, sheet 资源: the sheet is empty",
}


def assert_refused(cli, tmp_path, scenario, expected, *extra):
    out = tmp_path / "plan.json"
    sheet_out = tmp_path / "plan.xlsx"
    r = run(cli, "solve", scenario, "-o", out, "-o", sheet_out, *extra, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert expected in r.stderr, r.stderr
    assert not out.exists() and not sheet_out.exists()
    converted = tmp_path / "converted.json"
    r = run(cli, "convert", scenario, "-o", converted, *extra, cwd=tmp_path)
    assert r.returncode == 2 and expected in r.stderr, r.stderr
    assert not converted.exists()


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_workbook_names_file_sheet_row_and_column(cli, tmp_path, name):
    sheets = fx.base_sheets()
    fx.defects()[name](sheets)
    fx.write_book(tmp_path / (name + ".xlsx"), sheets)
    assert_refused(cli, tmp_path, name + ".xlsx", BAD[name])


def test_merged_header_is_refused(cli, tmp_path):
    fx.write_book(tmp_path / "merged.xlsx", fx.base_sheets(), merge=("志愿者", "A1:B1"))
    assert_refused(cli, tmp_path, "merged.xlsx",
                   "merged.xlsx, sheet 志愿者, row 1: header cells A1:B1 are merged")


def test_date_where_a_number_is_meant_is_refused(cli, tmp_path):
    fx.write_book(tmp_path / "dated.xlsx", fx.base_sheets(), date_cell=("志愿者", 5, 5))
    assert_refused(cli, tmp_path, "dated.xlsx",
                   "dated.xlsx, sheet 志愿者, row 5, column 可服务时长（小时）: the cell is "
                   "formatted as a date")


def test_wrong_encoding_names_file_and_row(cli, tmp_path):
    folder = tmp_path / "lists"
    fx.write_folder(folder, fx.base_sheets(), "utf-8")
    with open(folder / "志愿者.csv", "ab") as f:
        f.write("V099,张三,U01,C01,5,,\r\n".encode("utf-8"))
        f.write(b"V100,Jos\xe9,U01,C01,5,,\r\n")  # Latin-1: neither UTF-8 nor GB18030
    assert_refused(cli, tmp_path, "lists", "lists/志愿者.csv, row 19: the file is neither "
                                           "UTF-8 nor GB18030")
    # A GB18030 file read as UTF-8 by force: refused with a hint, at the first Chinese byte.
    gb = tmp_path / "gb"
    fx.write_folder(gb, fx.base_sheets(), "gb18030")
    assert_refused(cli, tmp_path, "gb", "gb/单位.csv, row 1: not valid UTF-8", "--encoding",
                   "utf-8")


def test_csv_errors_name_the_row_as_the_file_shows_it(cli, tmp_path):
    sheets = fx.base_sheets()
    fx.defects()["text_in_number"](sheets)
    fx.write_folder(tmp_path / "lists", sheets)
    assert_refused(cli, tmp_path, "lists", 'lists/志愿者.csv, sheet 志愿者, row 17, column '
                                           '可服务时长（小时）: "24小时" is not a number')


def test_a_value_without_a_header_is_refused(cli, tmp_path):
    sheets = fx.base_sheets()
    sheets["需求"][2] += ["", "", "紧急"]  # row 3, two columns right of the last header
    fx.write_book(tmp_path / "loose.xlsx", sheets)
    assert_refused(cli, tmp_path, "loose.xlsx", 'loose.xlsx, sheet 需求, row 3, column M: "紧急" '
                                                "is in a column without a header")


def test_x_columns_are_kept_and_unknown_sheets_refused(cli, tmp_path):
    sheets = fx.base_sheets()
    sheets["志愿者"][0].append("x_备注")
    sheets["志愿者"][1].append("周末优先")
    fx.write_book(tmp_path / "extra.xlsx", sheets)
    out = tmp_path / "doc.json"
    assert run(cli, "convert", tmp_path / "extra.xlsx", "-o", out).returncode == 0
    assert json.loads(out.read_text())["volunteers"][0]["x_备注"] == "周末优先"
    sheets = fx.base_sheets()
    sheets["志原者"] = [["编号"]]
    fx.write_book(tmp_path / "typo.xlsx", sheets)
    assert_refused(cli, tmp_path, "typo.xlsx", "typo.xlsx, sheet 志原者: unknown sheet")


# ---- The project list ----------------------------------------------------------------------

def sheet_rows(wb, name):
    rows = list(wb[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def column(header, rows, name):
    k = header.index(name)
    return [r[k] for r in rows]


@pytest.mark.parametrize("scenario", ["xinmi", "chinese"])
def test_project_list_totals_equal_the_json_plan(cli, tmp_path, scenario):
    if scenario == "xinmi":
        source = EXAMPLES / "xinmi.json"
    else:
        source = tmp_path / "book.xlsx"
        fx.write_book(source, fx.base_sheets())
    plan_json, plan_xlsx = tmp_path / "plan.json", tmp_path / "plan.xlsx"
    r = run(cli, "solve", source, "-q", "-o", plan_json, "-o", plan_xlsx)
    assert r.returncode == 0, r.stderr
    plan = json.loads(plan_json.read_text())
    wb = openpyxl.load_workbook(plan_xlsx)
    assert wb.sheetnames == ["项目清单", "派单", "志愿者", "单位"]

    header, rows = sheet_rows(wb, "项目清单")
    assert column(header, rows, "编号") == [n["id"] for n in plan["needs"]]
    total = sum(n["hours"] for n in plan["needs"])
    assert sum(column(header, rows, "服务时长")) == pytest.approx(total)
    assert column(header, rows, "完成度") == pytest.approx([n["coverage"] for n in plan["needs"]])
    assert column(header, rows, "未满足原因") == [n["unmet_reason"] for n in plan["needs"]]

    header, rows = sheet_rows(wb, "派单")
    assert sum(column(header, rows, "时长")) == pytest.approx(total)
    assert len(rows) == sum(len(n["volunteers"]) for n in plan["needs"])

    header, rows = sheet_rows(wb, "志愿者")
    assert sum(column(header, rows, "服务时长")) == pytest.approx(
        sum(v["hours"] for v in plan["volunteers"]))
    assert sum(column(header, rows, "差额")) == pytest.approx(
        sum(v["shortfall"] for v in plan["volunteers"]))

    header, rows = sheet_rows(wb, "单位")
    assert column(header, rows, "参与项目数") == [u["projects"] for u in plan["units"]]
    assert column(header, rows, "差额") == [u["shortfall"] for u in plan["units"]]

    # English on request; and a folder of CSV files.
    en = tmp_path / "plan-en.xlsx"
    assert run(cli, "solve", source, "-q", "-o", en, "--lang", "en").returncode == 0
    assert openpyxl.load_workbook(en).sheetnames == ["projects", "assignments", "volunteers",
                                                     "units"]
    folder = tmp_path / "plan-csv/"
    assert run(cli, "solve", source, "-q", "-o", str(folder) + "/").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["项目清单.csv", "派单.csv", "志愿者.csv", "单位.csv"])
