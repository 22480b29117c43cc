"""The blank submission form: made from the data dictionary, filled in by code, read back field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from helpers.render import docx_lines

from jigong.cli import main
from jigong.pipeline.dictionary import Indicator, load_dictionary
from jigong.pipeline.extract import Extractor
from jigong.pipeline.readers import read_file
from jigong.pipeline.render.form import BOX, TICKED, form_bytes, label

TODAY = dt.date(2026, 1, 5)
YEAR = 2025


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("form") / "报送模板.docx"
    path.write_bytes(form_bytes(YEAR, TODAY))
    return path


def rows_by_label(document: docx.document.Document) -> dict[str, Any]:
    """Label text → the form row (序号 | 指标 | 填报内容 | 填报说明)."""
    rows = {}
    for table in document.tables:
        for row in table.rows[1:]:
            rows[row.cells[1].text] = row
    return rows


def sample(ind: Indicator, n: int) -> Any:
    """A distinct, plausible value of each type, as a school would give it."""
    kind = ind.type
    if kind == "int":
        return 100 + 37 * n
    if kind == "pct":
        return round(40 + 1.3 * n, 1)
    if kind == "money":
        return 120_000 + 1_000 * n
    if kind == "bool":
        return n % 3 != 0  # both answers occur
    if kind == "enum":
        return ind.values[n % len(ind.values)]
    if kind == "set":
        return [v for i, v in enumerate(ind.values) if i != 1]  # all but one ticked
    if kind == "year":
        return YEAR
    return "东莞市示例技工学校"


def typed(ind: Indicator, value: Any, blank_text: str) -> str:
    """What the school writes or ticks in the value cell."""
    if ind.type == "bool":
        return blank_text.replace(f"{BOX}{'是' if value else '否'}", f"{TICKED}{'是' if value else '否'}")
    if ind.type == "set":
        for member in value:
            blank_text = blank_text.replace(f"{BOX}{member}", f"{TICKED}{member}")
        return blank_text
    return str(value)


def fill(blank: Path, target: Path, codes: tuple[str, ...]) -> dict[str, Any]:
    document = docx.Document(str(blank))
    rows = rows_by_label(document)
    dictionary = load_dictionary()
    expected = {}
    for n, code in enumerate(codes, start=1):
        ind = dictionary[code]
        value = sample(ind, n)
        cell = rows[label(ind)].cells[2]
        text = typed(ind, value, cell.text)
        paragraph = cell.paragraphs[0]
        if paragraph.runs:
            paragraph.runs[0].text = text
            for run in paragraph.runs[1:]:
                run.text = ""
        else:
            paragraph.add_run(text)
        expected[code] = value
    document.save(str(target))
    return expected


def test_blank_form_has_a_row_per_indicator_with_units(blank: Path) -> None:
    dictionary = load_dictionary()
    rows = rows_by_label(docx.Document(str(blank)))
    assert len(rows) == len(dictionary)
    assert rows["全日制在校生人数（人）"].cells[2].text == ""
    assert rows["毕业生就业率（%）"].cells[3].text == "百分数的数值，保留一位小数"
    assert rows["报告年度"].cells[2].text == str(YEAR)
    for ind in dictionary.values():
        value = rows[label(ind)].cells[2].text
        if ind.type == "bool":
            assert value == f"{BOX}是　{BOX}否", ind.code
        if ind.unit and ind.type != "year":
            assert label(ind).endswith(f"（{ind.unit}）")
    members = rows["已建立的管理制度"].cells[2].text
    assert [m for m in members.split("　")] == [f"{BOX}{v}" for v in dictionary["mgmt_rules"].values]
    lines = docx_lines(blank)
    assert lines[0] == f"东莞市技工院校{YEAR}年度报送统计表"


def test_a_blank_form_reads_back_as_nothing_but_its_year(blank: Path) -> None:
    found = Extractor().extract([read_file(blank, blank.name)])
    assert set(found) <= {"report_year"}
    if "report_year" in found:
        assert found["report_year"].value == YEAR


def test_a_filled_in_form_reads_back_every_field(blank: Path, tmp_path: Path) -> None:
    extractor = Extractor()
    codes = tuple(extractor.dictionary)  # the extractor's own scope: every code it reads
    filled = tmp_path / "东莞市示例技工学校2025年度报送统计表.docx"
    expected = fill(blank, filled, codes)
    found = extractor.extract([read_file(filled, filled.name)])
    wrong = {}
    for code, value in expected.items():
        got = found.get(code)
        if got is None:
            wrong[code] = ("missing", value)
        elif isinstance(value, list):
            if sorted(got.value) != sorted(value):
                wrong[code] = (got.value, value)
        elif isinstance(value, float):
            if got.value != pytest.approx(value):
                wrong[code] = (got.value, value)
        elif got.value != value:
            wrong[code] = (got.value, value)
    assert not wrong, wrong
    assert all(found[c].evidence[0].file == filled.name for c in codes)
    assert all(found[c].evidence[0].locator.startswith("表") for c in codes if c != "report_year")


def test_form_command_writes_the_same_bytes_for_the_same_year_and_date(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "模板.docx"
    result = runner.invoke(main, ["form", "--year", "2025", "-o", str(target), "--date", "2026-01-05"])
    assert result.exit_code == 0, result.output
    assert "已生成2025年度报送模板" in result.output
    assert target.read_bytes() == form_bytes(YEAR, TODAY)
    assert target.read_bytes() != form_bytes(YEAR + 1, TODAY)


def test_form_command_help_and_refusals(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["form", "-h"])
    assert result.exit_code == 0 and "示例：jigong form --year 2025 -o 报送模板.docx" in result.output
    result = runner.invoke(main, ["form", "-o", str(tmp_path / "模板.pdf")])
    assert result.exit_code != 0 and "须保存为 .docx" in result.output
