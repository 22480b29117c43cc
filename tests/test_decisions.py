"""Inspectors' decisions: taken with `jigong decide`, applied on every run, kept when files change, shown everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from helpers.results import validate_results
from helpers.season import small_batch, write_school

from jigong.cli import main

HUMEN, DONGCHENG = "东莞市虎门技工学校", "东莞市东城技工学校"


def _run(batch: Path, out: Path) -> dict:
    result = CliRunner().invoke(main, ["run", str(batch), "--out", str(out), "--date", "2026-03-02", "--workers", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate_results(data)
    return data


def _school(data: dict, name: str) -> dict:
    return next(s for s in data["schools"] if s["school_name"] == name)


def _finding(data: dict, name: str, rule: str) -> dict:
    return next(f for f in _school(data, name)["findings"] if f["rule"] == rule)


def _memo(out: Path, name: str) -> str:
    return "\n".join(p.text for p in docx.Document(str(out / "memos" / f"{name}.docx")).paragraphs)


def _decide(out: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["decide", *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def season(tmp_path: Path) -> tuple[Path, Path]:
    batch = small_batch(tmp_path / "batch", overrides={HUMEN: {"employment_rate": 96.2}})
    return batch, tmp_path / "out"


def test_a_decision_on_a_finding_survives_reruns_and_goes_to_review_when_the_figure_changes(season) -> None:
    batch, out = season
    data = _run(batch, out)
    assert _finding(data, HUMEN, "R03")["status"] == "fail"
    said = _decide(out, "虎门", "R03", "--status", "pass", "--reason", "已补交就业证明材料")
    assert "已记录第1条复核意见" in said and HUMEN in said

    for _ in range(2):  # applied on this run and on every run after it
        data = _run(batch, out)
        r03 = _finding(data, HUMEN, "R03")
        assert r03["status"] == "pass" and "已补交就业证明材料" in r03["message"]
        [note] = _school(data, HUMEN)["decisions"]
        assert note["applied"] and note["decided"] == "符合" and note["target"] == "R03"
    listed = CliRunner().invoke(main, ["status", "--out", str(out), "--json"])
    [taken] = json.loads(listed.stdout)["decisions"]
    assert taken["state"] == "applied" and taken["school"] == HUMEN and taken["target"] == "R03"
    memo = _memo(out, HUMEN)
    assert "人工复核意见" in memo and "由“不符合”改为“符合”，理由：已补交就业证明材料" in memo
    summary = docx.Document(str(out / "summary.docx")).tables[0]
    header = [c.text for c in summary.rows[0].cells]
    row = next(r for r in summary.rows if r.cells[1].text == HUMEN)
    assert row.cells[header.index("人工复核")].text == "1条"

    # The school resends its form with another (still failing) rate: the decision is kept, not applied.
    write_school(batch, HUMEN, employment_rate=96.9)
    data = _run(batch, out)
    r03 = _finding(data, HUMEN, "R03")
    assert r03["status"] == "review" and "重新核实" in r03["message"]
    [note] = _school(data, HUMEN)["decisions"]
    assert not note["applied"] and "96.2" in note["note"] and "96.9" in note["note"]
    assert "请重新核实" in _memo(out, HUMEN)
    status = CliRunner().invoke(main, ["status", "--out", str(out)])
    assert status.exit_code == 0
    assert f"需重新核实：{HUMEN} R03" in status.output and "——需重新核实" in status.output

    # A new decision on the same finding supersedes the old one, and applies to the new figure.
    _decide(out, HUMEN, "R03", "--status", "不符合", "--reason", "复核后维持原结论")
    data = _run(batch, out)
    assert _finding(data, HUMEN, "R03")["status"] == "fail"
    [note] = _school(data, HUMEN)["decisions"]
    assert note["applied"] and note["decided"] == "不符合"


def test_a_corrected_value_feeds_the_checks_until_the_school_states_another(season) -> None:
    batch, out = season
    _run(batch, out)
    _decide(out, HUMEN, "--indicator", "employment_rate", "--value", "98.6%", "--reason", "按就业台账核实")
    data = _run(batch, out)
    value = _school(data, HUMEN)["indicators"]["employment_rate"]
    assert value["value"] == 98.6
    assert value["evidence"][-1]["file"] == "人工复核意见" and "按就业台账核实" in value["evidence"][-1]["quote"]
    assert "96.2%" in _school(data, HUMEN)["decisions"][0]["note"]  # what the files said
    # the consistency check now sees a rate that disagrees with the counts: the rule waits for review
    assert _finding(data, HUMEN, "R03")["status"] in {"pass", "review"}

    write_school(batch, HUMEN, employment_rate=97.1)
    data = _run(batch, out)
    assert _school(data, HUMEN)["indicators"]["employment_rate"]["value"] == 97.1
    assert not _school(data, HUMEN)["decisions"][0]["applied"]
    r03 = _finding(data, HUMEN, "R03")
    assert r03["status"] == "review" and "人工更正所依据的数值已变化" in r03["message"]


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("decide")
    out = root / "out"
    _run(small_batch(root / "batch"), out)
    return out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["东莞市", "R03", "--status", "pass"], "对应多所学校"),
        (["没有这所学校", "R03", "--status", "pass"], "没有学校"),
        ([DONGCHENG, "C01", "--status", "pass"], "全市目标不接受单校复核意见"),
        ([DONGCHENG, "R03", "--status", "通过了"], "无法识别"),
        ([DONGCHENG, "--indicator", "employment_rate", "--value", "百分之九十"], "不是“毕业生就业率”的有效值"),
        ([DONGCHENG, "--indicator", "no_such_code", "--value", "1"], "不在数据字典中"),
        ([DONGCHENG, "R03"], "--status"),
        ([DONGCHENG, "R03", "--status", "pass", "--reason", " "], "--reason"),
    ],
)
def test_a_decision_that_names_nothing_real_is_refused_with_exit_code_2(one_run, args, words) -> None:
    out = one_run
    reason = [] if "--reason" in args else ["--reason", "理由"]
    result = CliRunner().invoke(main, ["decide", *args, *reason, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output


def test_decide_and_status_without_a_store_say_so(tmp_path: Path) -> None:
    for args in (["decide", DONGCHENG, "R03", "--status", "pass", "--reason", "理由"], ["status"]):
        result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "空目录")])
        assert result.exit_code == 3
        assert "审查数据库不存在" in result.output
