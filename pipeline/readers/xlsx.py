"""Read .xlsx workbooks into the neutral document model: every sheet, cell by cell, merged cells once."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import IO, Any

import openpyxl

from jigong.pipeline.errors import ReadError
from jigong.pipeline.model import Block, Document, Position

MAX_FILLED_BOX = 200_000  # above this many cells in a sheet's used rectangle, empty cells are left out
# openpyxl holds every cell in memory (≈ 0.5 kB each): sheets that unpack past this are not loaded.
MAX_SHEET_BYTES = 300 * 1024 * 1024
_PERCENT = re.compile(r"%")


def read_xlsx(source: Path | IO[bytes], rel: str) -> Document:
    """One cell block per non-covered cell of every sheet; Position.sheet names it, rows/cols are 1-based."""
    _check_size(source, rel)
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation, conditional formats): not our concern.
        warnings.simplefilter("ignore")
        if isinstance(source, Path):  # by handle: openpyxl refuses names not ending in .xlsx (统计表.xls.xlsx…)
            with source.open("rb") as fh:
                book = openpyxl.load_workbook(fh, data_only=True, read_only=False)
        else:
            book = openpyxl.load_workbook(source, data_only=True, read_only=False)
    out = Document(path=rel)
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            out.blocks.extend(_sheet_blocks(sheet, number))
    finally:
        book.close()
    return out


def _check_size(source: Path | IO[bytes], rel: str) -> None:
    with zipfile.ZipFile(source) as zf:
        unpacked = sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
    if hasattr(source, "seek"):
        source.seek(0)
    if unpacked > MAX_SHEET_BYTES:
        size = unpacked // (1024 * 1024)
        raise ReadError(rel, f"表格过大（工作表解压后约 {size} MB），未读取，请人工查阅或请学校报送精简后的统计表。")


def _sheet_blocks(sheet: Any, number: int) -> list[Block]:
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    covered.add((row, col))
    filled = {key: cell for key, cell in sheet._cells.items() if cell.value is not None and key not in covered}
    if not filled:
        return []
    rows = [r for r, _ in filled]
    cols = [c for _, c in filled]
    box = (min(rows), max(rows), min(cols), max(cols))
    dense = (box[1] - box[0] + 1) * (box[3] - box[2] + 1) <= MAX_FILLED_BOX
    keys = (
        [(r, c) for r in range(box[0], box[1] + 1) for c in range(box[2], box[3] + 1) if (r, c) not in covered]
        if dense
        else sorted(filled)
    )
    blocks = []
    for r, c in keys:
        cell = filled.get((r, c))
        text = cell_text(cell.value, cell.number_format) if cell is not None else ""
        position = Position(sheet=sheet.title, table=number, row=r, col=c)
        blocks.append(Block(text=text, kind="cell", position=position))
    return blocks


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell as an inspector reads it: 0.981 under a percent format is 98.1%; integers without '.0'."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        if _PERCENT.search(_strip_literals(number_format or "")):
            return f"{_number(value * 100)}%"
        return _number(value)
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return f"{value.year}年{value.month}月{value.day}日"
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return str(value).strip()


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"  # 0.981 * 100 is 98.10000000000001: ten significant digits say 98.1


def _strip_literals(fmt: str) -> str:
    """A number format without its quoted text and escaped characters ('"增长"0%' is a percent; '0"%"' is not)."""
    return re.sub(r'"[^"]*"|\\.', "", fmt)
