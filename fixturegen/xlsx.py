"""Excel statistics workbooks: merged header cells, several sheets, percent and thousands formats."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from fixturegen.docxutil import FIXED_TIME, normalise_zip


@dataclass
class SheetTruth:
    """Cell texts the reader must give, by (sheet, row, col); cells covered by a merge must be absent."""

    cells: dict[tuple[str, int, int], str] = field(default_factory=dict)
    covered: list[tuple[str, int, int]] = field(default_factory=list)


def write_stats_xlsx(path: Path | str, school: str = "东莞市松湖高级技工学校", year: int = 2025) -> SheetTruth:
    """Two sheets: the key figures (merged title and group headers) and the list of majors."""
    book = openpyxl.Workbook()
    main = book.active
    main.title = "基本情况"
    main["A1"] = f"{year}年度技工院校报送统计表"
    main.merge_cells("A1:D1")
    main["A1"].font = Font(bold=True, size=14)
    main["A1"].alignment = Alignment(horizontal="center")
    main["A2"], main["B2"] = "学校名称", school
    main.merge_cells("B2:D2")
    main["A3"], main["B3"] = "项目", "在校生"
    main.merge_cells("B3:C3")
    main["D3"] = "毕业生"
    main["A4"], main["B4"], main["C4"], main["D4"] = "指标", "全日制在校生人数（人）", "高级工班及以上占比", "就业率"
    main["A5"] = "数值"
    main["B5"] = 6045.0  # Excel stores every number as a float
    main["B5"].number_format = "#,##0"
    main["C5"] = 0.4053
    main["C5"].number_format = "0.0%"
    main["D5"] = 0.981
    main["D5"].number_format = "0.0%"
    main["A6"], main["B6"] = "填报日期", dt.datetime(year + 1, 1, 10)
    main["B6"].number_format = "yyyy-mm-dd"
    majors = book.create_sheet("专业设置")
    majors.append(["序号", "专业名称", "在校生（人）", "是否校企合作"])
    for i, (name, count, coop) in enumerate((("数控加工", 820, "是"), ("电气自动化", 764, "是"), ("烹饪", 310, "否"))):
        majors.append([i + 1, name, count, coop])
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    book.save(buf)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(normalise_zip(buf.getvalue()))
    truth = SheetTruth()
    truth.cells.update(
        {
            ("基本情况", 1, 1): f"{year}年度技工院校报送统计表",
            ("基本情况", 2, 2): school,
            ("基本情况", 3, 2): "在校生",
            ("基本情况", 4, 2): "全日制在校生人数（人）",
            ("基本情况", 5, 2): "6045",
            ("基本情况", 5, 3): "40.53%",
            ("基本情况", 5, 4): "98.1%",
            ("基本情况", 6, 2): f"{year + 1}年1月10日",
            ("专业设置", 2, 2): "数控加工",
            ("专业设置", 4, 3): "310",
        }
    )
    truth.covered += [("基本情况", 1, 2), ("基本情况", 1, 4), ("基本情况", 2, 3), ("基本情况", 3, 3)]
    return truth
