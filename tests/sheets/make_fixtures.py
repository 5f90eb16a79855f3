"""Builds the spreadsheet fixtures of the sheet tests: a small Chinese scenario as a
workbook or a CSV folder, each bad-input class as one defect applied to it.

    python3 make_fixtures.py OUT_DIR     # writes every fixture, for a look in a spreadsheet

The tests call the functions directly (openpyxl writes the workbooks; no binary fixture is
committed).
"""

import csv
import sys
from pathlib import Path

import openpyxl

# Sheet name -> rows (the first is the header). Row 17 of 志愿者 exists (15 volunteers after
# the header), so a defect there shows the row number a spreadsheet shows.
def base_sheets():
    volunteers = [["编号", "姓名", "所属单位", "所属社区", "可服务时长（小时）", "专长", "可服务时段"]]
    for k in range(1, 17):
        volunteers.append(["V%03d" % k, "志愿者%d" % k, "U01" if k % 2 else "U02",
                           "C01" if k <= 8 else "C02", 10 + k, "教学、陪护" if k % 3 else "医疗",
                           ""])
    return {
        "参数": [["参数", "值", "说明"], ["方案名称", "测试街道 2026", ""],
                 ["服务半径", 3, "公里"], ["优先级权重", "1、2、4、8、16", ""]],
        "社区": [["编号", "名称", "所属街道", "纬度", "经度"],
                 ["C01", "新惠街社区", "新华路街道", 34.534, 113.379],
                 ["C02", "金凤路社区", "新华路街道", 34.538, 113.384]],
        "单位": [["编号", "名称", "所属社区", "最少项目数"],
                 ["U01", "东方娃幼儿园", "C01", 1], ["U02", "郑煤总医院", "C02", 1]],
        "志愿者": volunteers,
        "资源": [["编号", "名称", "所属单位", "类型", "数量", "适用类别"],
                 ["R01", "活动室", "U01", "venue", 2, ""],
                 ["R02", "爱心基金", "U02", "funds", 3, "elderly_care"]],
        "需求": [["编号", "名称", "所属社区", "类别", "优先级", "所需时长", "所需技能", "所需资源",
                  "必须完成", "最少人数"],
                 ["N01", "四点半课堂", "C01", "after_school", 5, 40, "教学", "venue:1", "否", 2],
                 ["N02", "老人助餐", "C02", "elderly_care", 4, 30, "陪护、医疗", "funds:1、venue:1",
                  "否", 1],
                 ["N03", "义诊", "C02", "health", 3, 12, "医疗", "", "否", ""]],
    }


def write_book(path, sheets, merge=None, date_cell=None):
    """merge: (sheet, "A1:B1"); date_cell: (sheet, row, col) given a date format."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
    if merge:
        wb[merge[0]].merge_cells(merge[1])
    if date_cell:
        wb[date_cell[0]].cell(row=date_cell[1], column=date_cell[2]).number_format = "yyyy-mm-dd"
    wb.save(path)


def write_folder(path, sheets, encoding="utf-8"):
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        with open(path / (name + ".csv"), "w", encoding=encoding, newline="") as f:
            csv.writer(f).writerows(rows)


def defects():
    """name -> (kind, apply(sheets) -> extra write arguments)."""
    def text_in_number(s):
        s["志愿者"][16][4] = "24小时"  # row 17
    def missing_column(s):
        for row in s["志愿者"]:
            del row[4]
    def unknown_column(s):
        s["志愿者"][0].append("备注")
        s["志愿者"][1].append("x")
    def dangling(s):
        s["需求"][3][2] = "C99"  # row 4
    def duplicate(s):
        s["志愿者"][5][0] = "V002"  # row 6 repeats row 3
    def empty_sheet(s):
        s["资源"] = []
    return {
        "text_in_number": text_in_number,
        "missing_column": missing_column,
        "unknown_column": unknown_column,
        "dangling_community": dangling,
        "duplicate_id": duplicate,
        "empty_sheet": empty_sheet,
    }


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "sheet-fixtures")
    out.mkdir(parents=True, exist_ok=True)
    write_book(out / "good.xlsx", base_sheets())
    write_folder(out / "good-gb18030", base_sheets(), "gb18030")
    for name, apply in defects().items():
        s = base_sheets()
        apply(s)
        write_book(out / (name + ".xlsx"), s)
    write_book(out / "merged_header.xlsx", base_sheets(), merge=("志愿者", "A1:B1"))
    write_book(out / "date_in_number.xlsx", base_sheets(), date_cell=("志愿者", 5, 5))
