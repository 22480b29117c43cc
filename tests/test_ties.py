"""Two files of one school that state different figures, neither surer than the other: no figure is given."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from helpers.render import docx_lines
from helpers.results import ISSUE_DATE, validate_results

from jigong.pipeline.job import run
from jigong.pipeline.settings import Settings

TIED = "东莞市平局技工学校"
CLEAN = "东莞市对照技工学校"


def _form(path: Path, name: str, rows: list[tuple[str, str]]) -> None:
    doc = docx.Document()
    doc.add_paragraph(f"{name}2025年度报送统计表")
    table = doc.add_table(rows=0, cols=2)
    for label, value in [("学校名称", name), ("报告年度", "2025年度"), *rows]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _report(path: Path, *paragraphs: str) -> None:
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))


def test_a_tie_gives_no_figure_in_the_memo_the_json_or_the_city_total(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    common = [("办学性质", "公办"), ("全日制在校生人数", "3,210"), ("毕业生人数", "1,000")]
    _form(batch / TIED / "统计表.docx", TIED, [*common, ("毕业生就业率", "98.5%")])
    _report(batch / TIED / "年度报告.docx", f"{TIED}2025年度工作报告", "2025年，学校毕业生就业率为96.0%。")
    _form(batch / CLEAN / "统计表.docx", CLEAN, [*common, ("毕业生就业率", "98.8%")])
    out = tmp_path / "out"
    run(Settings(batch, out, today=ISSUE_DATE))
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate_results(data)
    school = next(s for s in data["schools"] if s["school_name"] == TIED)
    rate = school["indicators"]["employment_rate"]
    assert rate["value"] is None and rate["conflict"] and rate["readings"] == [98.5, 96.0]
    r03 = next(f for f in school["findings"] if f["rule"] == "R03")
    assert r03["status"] == "review" and r03["value"] is None
    assert "说法不一（98.5%、96.0%）" in r03["message"] and "无法确定报送的数字" in r03["message"]
    assert {e["file"].rsplit("/", 1)[-1] for e in r03["evidence"]} == {"统计表.docx", "年度报告.docx"}
    # the memo states neither figure as the school's
    memo = "\n".join(docx_lines(out / "memos" / f"{TIED}.docx"))
    assert "报送毕业生就业率98.5%" not in memo and "报送毕业生就业率96.0%" not in memo
    assert "| 毕业生就业率 | 说法不一 | 毕业生就业率保持在98%以上 | 待核实 | 二 |" in memo
    assert "毕业生就业率在不同材料中说法不一（98.5%、96.0%）" in memo  # the readings, in the finding's words
    assert "见《统计表.docx》 表1 第6行第2列“毕业生就业率：98.5%”；《年度报告.docx》 第2段" in memo
    m01 = next(f for f in school["findings"] if f["rule"] == "M01")
    assert "毕业生就业率" not in m01["message"]  # stated, twice: not missing
    # the city total counts the other school only, and says why
    c05 = next(f for f in data["city"]["findings"] if f["rule"] == "C05")
    assert c05["status"] == "review" and c05["value"] == 98.8
    assert f"1所学校的相关数据在不同材料中说法不一，未计入（{TIED}）" in c05["message"]
