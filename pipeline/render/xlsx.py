"""The batch summary as an Excel workbook: frozen headers, filters, number formats, statuses coloured."""

from __future__ import annotations

import copy
import datetime as dt
import io
import weakref
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from jigong.pipeline.render.officedoc import SHADE_FILLS
from jigong.pipeline.render.output import visible
from jigong.pipeline.render.package import stable_zip

FILLS = {**SHADE_FILLS, "不合格": SHADE_FILLS["fail"], "暂缓通过": SHADE_FILLS["review"]}
# A cell a spreadsheet would read as a formula (or a DDE call) if it were typed in.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="A6A6A6")
FONT = "宋体"


def _fill(key: str) -> PatternFill | None:
    colour = FILLS.get(key)
    return PatternFill("solid", fgColor=colour) if colour else None


# Per workbook: the style of each kind of cell, worked out once. openpyxl hashes every style object it is
# given to find its index; giving it the same font, border and alignment for 50,000 cells took seconds.
_STYLED: weakref.WeakKeyDictionary[Workbook, dict[tuple[Any, ...], Any]] = weakref.WeakKeyDictionary()


def put(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None = None, shade: str = "") -> None:
    """Write one cell; text always stays text, never a formula, whatever it starts with."""
    cell = ws.cell(row=row, column=col)
    quote = False
    if isinstance(value, str):
        value = visible(ILLEGAL_CHARACTERS_RE.sub("", value))  # as in the .docx: names come with symbols already
        cell.value = value
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        quote = value.startswith(FORMULA_START)
    else:
        cell.value = value
    wrap = isinstance(value, str) and len(value) > 12
    styled = _STYLED.setdefault(ws.parent, {})
    key = (number_format, shade, wrap, quote)
    if key in styled:
        cell._style = copy.copy(styled[key])
        return
    if quote:
        cell.quotePrefix = True  # and Excel keeps it as text when the cell is edited
    if number_format:
        cell.number_format = number_format
    fill = _fill(shade)
    if fill is not None:
        cell.fill = fill
    cell.font = Font(name=FONT, size=10)
    cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    cell.alignment = Alignment(vertical="center", wrap_text=wrap)
    styled[key] = copy.copy(cell._style)


def _sheet(wb: Workbook, title: str, headers: list[tuple[str, int]], first: bool = False) -> Worksheet:
    ws = wb.active if first else wb.create_sheet()
    assert ws is not None
    ws.title = title
    for col, (name, width) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = Font(name="黑体", size=10, bold=True)
        cell.fill = HEADER_FILL
        cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C2" if len(headers) > 4 else "A2"
    ws.row_dimensions[1].height = 30
    # Printed: A4 landscape, one page wide, the header row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    return ws


def _finish(ws: Worksheet, columns: int) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(ws.max_row, 2)}"
    ws.sheet_view.zoomScale = 100


def _schools(wb: Workbook, facts: dict[str, Any]) -> None:
    columns = [c for c in facts["columns"]]
    headers = [("序号", 6), ("学校名称", 30), ("办学性质", 9), ("已读取材料（份）", 10), ("收到材料（份）", 10)]
    headers += [("全日制在校生（人）", 12)] + [(c["title"], 14) for c in columns]
    headers += [("不符合（项）", 10), ("待核实/未提供（项）", 12), ("人工复核", 14), ("审查结论", 11), ("发文字号", 22)]
    ws = _sheet(wb, "各校审查情况", headers, first=True)
    for r, row in enumerate(facts["rows"], start=2):
        values: list[tuple[Any, str | None, str]] = [
            (row["n"], "0", ""),
            (row["name"], None, ""),
            (row["type"], None, ""),
            (row["files_read"], "0", ""),
            (row["files_total"], "0", "fail" if row["files_read"] < row["files_total"] else ""),
            (row["students"] if row["students"] is not None else "未提供", "#,##0", ""),
        ]
        for c in columns:
            ratio = row["ratios"][c["rule"]]
            shown = ratio["value"] / 100 if ratio["value"] is not None else "未提供"
            values.append((shown, "0.0%", ratio["status"]))
        values += [
            (row["fails"], "0", "fail" if row["fails"] else ""),
            (row["verify"], "0", "review" if row["verify"] else ""),
            (row["review"], None, ""),  # as in summary.docx: "1条", "2条（1条待重核）" or "—"
            (row["grade"], None, row["grade"]),
            (row["doc_number"], None, ""),
        ]
        for c, (value, number_format, shade) in enumerate(values, start=1):
            put(ws, r, c, value, number_format if not isinstance(value, str) else None, shade)
    for r, absent in enumerate(facts.get("not_submitted", []), start=len(facts["rows"]) + 2):
        cells = [absent["n"], absent["name"], *["—"] * (len(headers) - 4), "未报送", "—"]
        for c, value in enumerate(cells, start=1):
            put(ws, r, c, value, "0" if c == 1 else None, "review" if value == "未报送" else "")
    _finish(ws, len(headers))


def _city(wb: Workbook, facts: dict[str, Any]) -> None:
    headers = [("编号", 7), ("目标", 24), ("要求", 30), ("全市实际", 12), ("结论", 10), ("计入学校（所）", 10)]
    headers += [("未计入的学校", 24), ("数据待核实的学校", 24), ("说明", 60)]
    ws = _sheet(wb, "全市目标", headers)
    for r, t in enumerate(facts["city"], start=2):
        if t["measure"] == "ratio" and t["value"] is not None:
            actual: Any = (t["value"] / 100, "0.0%")
        elif t["measure"] == "sum" and t["value"] is not None:
            actual = (t["value"], "#,##0")
        else:
            actual = (t["value_text"], None)
        values = [(t["rule"], None, ""), (t["title"], None, ""), (t["requirement"], None, ""), (*actual, "")]
        values += [(t["status_label"], None, t["status"]), (t["counted"] or 0, "0", "")]
        values += [("、".join(t["missing"]), None, ""), ("、".join(t["contradicted"]), None, "")]
        values += [(t["message"], None, "")]
        for c, (value, number_format, shade) in enumerate(values, start=1):
            put(ws, r, c, value, number_format, shade)
    _finish(ws, len(headers))


def _details(wb: Workbook, matrix: dict[str, Any]) -> None:
    headers = [("序号", 6), ("学校名称", 28), ("编号", 7), ("条款", 10), ("审查要点", 34), ("严重程度", 9)]
    headers += [("结论", 9), ("说明", 60), ("出处", 40), ("原文", 60)]
    ws = _sheet(wb, "审查明细", headers)
    rules = {r["id"]: r for r in matrix["rules"]}
    r = 2
    for school in matrix["schools"]:
        for found in school["findings"]:
            rule = rules.get(found["rule"], {"clause": "", "requirement": "", "severity": ""})
            cites = "；".join(e["cite"] for e in found["evidence"])
            quotes = "；".join(f"“{e['quote']}”" for e in found["evidence"])
            values = [school["n"], school["name"], found["rule"], rule["clause"], rule["requirement"]]
            values += [rule["severity"], found["status_label"], found["message"], cites, quotes]
            for c, value in enumerate(values, start=1):
                put(ws, r, c, value, "0" if c == 1 else None, found["status"] if c == 7 else "")
            r += 1
    _finish(ws, len(headers))


def _unplaced(wb: Workbook, facts: dict[str, Any]) -> None:
    if not facts["unplaced"]:
        return
    ws = _sheet(wb, "未能归属的材料", [("序号", 6), ("文件", 50), ("状态", 10), ("说明", 60)])
    for r, f in enumerate(facts["unplaced"], start=2):
        for c, value in enumerate((r - 1, f["path"], f["status_label"], f["reason"]), start=1):
            put(ws, r, c, value, "0" if c == 1 else None)
    _finish(ws, 4)


def summary_workbook(facts: dict[str, Any], matrix: dict[str, Any], today: dt.date) -> bytes:
    """The summary's data as .xlsx; the same data and date always give the same bytes."""
    wb = Workbook()
    _schools(wb, facts)
    _city(wb, facts)
    _details(wb, matrix)
    _unplaced(wb, facts)
    stamp = dt.datetime.combine(today, dt.time())
    wb.properties.creator = wb.properties.lastModifiedBy = facts["settings"]["issuer"]
    wb.properties.title = f"{facts['year']}年度技工院校报送材料审查汇总表"
    wb.properties.created = wb.properties.modified = stamp
    wb.calculation = CalcProperties(fullCalcOnLoad=False)
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time into the package.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return stable_zip(buffer.getvalue())
