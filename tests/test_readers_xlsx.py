"""The .xlsx reader: every sheet, merged header cells once, numbers as numbers, percent formats as %."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixturegen.xlsx import write_stats_xlsx
from jigong.pipeline.extract import Extractor
from jigong.pipeline.readers import read_file
from jigong.pipeline.readers.xlsx import cell_text


def test_every_sheet_and_cell_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "统计表.xlsx"
    truth = write_stats_xlsx(path)
    doc = read_file(path, "统计表.xlsx")
    cells = {(b.position.sheet, b.position.row, b.position.col): b for b in doc.blocks}
    for key, text in truth.cells.items():
        assert cells[key].text == text, key
    for key in truth.covered:
        assert key not in cells  # inside a merged range: the text was given once, at its top-left cell
    assert {b.position.sheet for b in doc.blocks} == {"基本情况", "专业设置"}
    assert cells[("基本情况", 5, 4)].position.locator() == "工作表“基本情况” 第5行第4列"
    assert {b.kind for b in doc.blocks} == {"cell"}


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (0.981, "0.0%", "98.1%"),
        (0.981, "0%", "98.1%"),  # the value, not its rounded display
        (1, "0%", "100%"),
        (6045.0, "#,##0", "6045"),
        (98.6, "0.0", "98.6"),
        (0.5, '0.0"%"', "0.5"),  # a quoted % is a literal, not a percent format
        (True, "General", "是"),
        ("  高级工班  ", "@", "高级工班"),
    ],
)
def test_cell_text(value: object, fmt: str, text: str) -> None:
    assert cell_text(value, fmt) == text


def test_values_are_extracted_from_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "统计表.xlsx"
    write_stats_xlsx(path)
    values = Extractor().extract([read_file(path, "统计表.xlsx")])
    assert values["school_name"].value == "东莞市松湖高级技工学校"
    assert values["students_total"].value == 6045
    assert values["students_total"].evidence[0].locator == "工作表“基本情况” 第5行第2列"


def test_read_command_shows_sheets(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from jigong.cli import main

    path = tmp_path / "统计表.xlsx"
    write_stats_xlsx(path)
    result = CliRunner().invoke(main, ["read", str(path), "--json"])
    assert result.exit_code == 0, result.output
    blocks = json.loads(result.output)["blocks"]
    rate = next(b for b in blocks if b["text"] == "98.1%")
    assert (rate["sheet"], rate["row"], rate["col"]) == ("基本情况", 5, 4)
    assert "confidence" not in rate
    plain = CliRunner().invoke(main, ["read", str(path)])
    assert "[工作表“基本情况” 第5行第4列] 98.1%" in plain.output


def test_a_workbook_too_large_to_hold_is_refused(tmp_path: Path, monkeypatch) -> None:
    from jigong.pipeline.readers import read_record, xlsx

    path = tmp_path / "统计表.xlsx"
    write_stats_xlsx(path)
    monkeypatch.setattr(xlsx, "MAX_SHEET_BYTES", 100)  # our small workbook stands in for a huge one
    record, document = read_record(path, "统计表.xlsx")
    assert document is None and record.status == "error"
    assert "表格过大" in record.error
