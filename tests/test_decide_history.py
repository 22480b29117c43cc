"""Decisions one can find and undo: which store decide uses, --list, --withdraw; status and grade agree."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from helpers.season import small_batch

from jigong.cli import main

HUMEN = "东莞市虎门技工学校"


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), prog_name="jigong")
    assert result.exit_code == 0, result.output
    return result.output


def _run(batch: Path, out: Path) -> dict:
    _invoke("run", str(batch), "--out", str(out), "--date", "2026-03-02", "--workers", "1")
    return json.loads((out / "results.json").read_text(encoding="utf-8"))


def _r03(data: dict) -> dict:
    school = next(s for s in data["schools"] if s["school_name"] == HUMEN)
    return next(f for f in school["findings"] if f["rule"] == "R03")


def _xlsx_review(out: Path) -> str:
    ws = openpyxl.load_workbook(out / "summary.xlsx")["各校审查情况"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == HUMEN)
    return str(row[header.index("人工复核")].value)


def test_decide_uses_the_latest_run_from_this_folder_lists_and_withdraws(tmp_path: Path, monkeypatch) -> None:
    batch = small_batch(tmp_path / "batch", overrides={HUMEN: {"employment_rate": 96.2}})
    here = tmp_path / "办公室"
    here.mkdir()
    monkeypatch.chdir(here)
    out = tmp_path / "审查结果"
    assert _r03(_run(batch, out))["status"] == "fail"
    store = (out / "jigong.sqlite").resolve()

    # No --out, no --store: the store of the run just made from this folder, and it says so.
    said = _invoke("decide", "虎门", "R03", "--status", "pass", "--reason", "已补交就业证明材料")
    assert f"审查数据库：{store}（当前目录最近一次运行 jigong run 所用" in said
    assert "已记录第1条复核意见" in said
    data = _run(batch, out)
    assert _r03(data)["status"] == "pass"
    assert _xlsx_review(out) == "1条"  # summary.xlsx carries the 人工复核 column of summary.docx
    table = docx.Document(str(out / "summary.docx")).tables[0]
    header = [c.text for c in table.rows[0].cells]
    row = next(r for r in table.rows if r.cells[1].text == HUMEN)
    assert row.cells[header.index("人工复核")].text == "1条"

    listed = _invoke("decide", "--list")
    assert f"审查数据库：{store}" in listed
    assert f"[1] 2025年度 {HUMEN} R03：符合（理由：已补交就业证明材料" in listed and "——有效" in listed

    taken_back = _invoke("decide", "--withdraw", "1")
    assert "已撤回第1条复核意见" in taken_back and f"审查数据库：{store}" in taken_back
    listed = json.loads(_invoke("decide", "--list", "--json"))
    [entry] = listed["decisions"]
    assert entry["withdrawn_at"] and not entry["in_force"] and listed["store"] == str(store)
    assert "——已撤回（" in _invoke("decide", "--list")

    data = _run(batch, out)  # a withdrawn decision is no longer applied
    assert _r03(data)["status"] == "fail"
    assert not next(s for s in data["schools"] if s["school_name"] == HUMEN).get("decisions")
    assert _xlsx_review(out) == "—"

    again = CliRunner().invoke(main, ["decide", "--withdraw", "1"])
    assert again.exit_code == 2 and "已于" in again.output and "撤回" in again.output
    missing = CliRunner().invoke(main, ["decide", "--withdraw", "9"])
    assert missing.exit_code == 2 and "没有第9条复核意见" in missing.output


def test_without_a_run_from_this_folder_the_default_store_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["decide", "--list", "--store", str(tmp_path / "没有.sqlite")])
    assert result.exit_code == 3 and "审查数据库不存在" in result.output
    status = CliRunner().invoke(main, ["status"])
    assert "缺省输出目录 outputs/，当前目录尚未运行过 jigong run" in status.output or status.exit_code == 3


@pytest.mark.parametrize("args", [["--list", "--withdraw", "1"], ["虎门", "--list"]])
def test_list_and_withdraw_do_not_mix_with_a_new_decision(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["decide", *args])
    assert result.exit_code == 2 and "不能同时" in result.output


def test_status_counts_what_defers_a_school(demo_run) -> None:
    """A school 暂缓通过 only for files it could not read still has pending items: those files."""
    _, _, out = demo_run
    data = json.loads(_invoke("status", "--out", str(out), "--json"))
    for school in data["schools"]:
        if school["grade"] != "合格":
            assert school["open"] > 0, school
    changan = next(s for s in data["schools"] if s["name"] == "东莞市长安技工学校")
    assert changan["grade"] == "暂缓通过" and changan["unreadable"] == 2 and changan["open"] >= 2
    text = _invoke("status", "--out", str(out))
    assert "东莞市长安技工学校：材料4份，暂缓通过，待处理事项2项（含无法读取的材料2份）" in text
