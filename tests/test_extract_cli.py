"""`jigong extract FILE|FOLDER`: each indicator with its value, quote and position, as a listing or JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jigong.cli import main


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_is_in_chinese_and_ends_with_an_example(flag: str) -> None:
    result = CliRunner().invoke(main, ["extract", flag])
    assert result.exit_code == 0
    assert "extract [选项] 文件或目录" in result.output and "选项：" in result.output
    assert "示例：jigong extract" in result.output
    assert "Usage" not in result.output


def test_a_school_folder_lists_values_positions_and_quotes(demo_batch) -> None:
    root, _ = demo_batch
    result = CliRunner().invoke(main, ["extract", str(root / "东莞市松湖高级技工学校")])
    assert result.exit_code == 0, result.output
    assert "材料：2份，已读取2份" in result.output
    assert "毕业生就业率（employment_rate）：96.2%" in result.output
    # the school's folder is part of each file's path, as in a batch run (one extraction path)
    assert "出处：东莞市松湖高级技工学校/技工院校年度报送统计表（松湖高级技工学校）.docx 表1 第" in result.output
    assert "原文：就业率：96.2%" in result.output
    assert "已建立的管理制度（mgmt_rules）：教职工管理、教学管理、学生管理、招生管理与就业服务" in result.output
    assert "未载明的指标" in result.output


def test_json_output_and_unreadable_files(demo_batch) -> None:
    root, truths = demo_batch
    result = CliRunner().invoke(main, ["extract", str(root / "东莞市长安技工学校"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    bad = [f for f in data["files"] if f["status"] != "ok"]
    assert len(bad) == 2 and all(f["error"] for f in bad)
    stated: dict[str, object] = {}
    for truth in truths["东莞市长安技工学校"]:
        stated.update(truth.values)
    assert {c: v["value"] for c, v in data["indicators"].items()} == stated
    first = data["indicators"]["students_total"]
    assert first["name"] == "全日制在校生人数" and first["evidence"][0]["locator"] and not first["review"]
    assert set(data["not_stated"]) == {c for c in data["not_stated"] if c not in stated}


def test_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "没有这个文件.docx")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_extract_runs_as_a_subprocess(demo_batch) -> None:
    root, _ = demo_batch
    script = Path(sys.executable).parent / "jigong"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cli"]
    pdf = root / "东莞市滨海技工学校2025年度工作报告.pdf"
    done = subprocess.run([*command, "extract", str(pdf), "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["indicators"]["school_name"]["value"] == "东莞市滨海技工学校"
    assert data["indicators"]["employment_rate"]["evidence"][0]["page"] >= 1


def test_extract_and_run_give_the_same_values_for_a_school(demo_batch, demo_run) -> None:
    # One extraction path: `jigong extract FOLDER` reads each file in its own context and merges as a batch run does.
    from jigong.pipeline.extract.submission import extract_path

    root, _ = demo_batch
    _, data, _ = demo_run
    compared = 0
    for school in data["schools"]:
        # schools that received none of the batch's loose files (those the run assigns by name or content)
        if not school["folder"] or any(not f["path"].startswith(school["folder"] + "/") for f in school["files"]):
            continue
        compared += 1
        extracted = extract_path(root / school["folder"]).values
        stated = {code: v.value for code, v in extracted.items() if not v.inferred and not v.derived}
        assert stated == {code: v["value"] for code, v in school["indicators"].items() if "inferred_from" not in v}
    assert compared >= 4


def test_a_school_folder_is_taken_as_a_batch_takes_it(demo_batch, tmp_path) -> None:
    # Archives opened (a GBK name without the UTF-8 flag), lock files set aside — as in `jigong run`.
    import shutil

    root, _ = demo_batch
    school = tmp_path / "东莞市松湖高级技工学校"
    school.mkdir()
    source = root / "东莞市松湖高级技工学校"
    from fixturegen import intake as fx

    # as Windows writes it: GBK names, no UTF-8 flag
    (school / "材料.zip").write_bytes(fx.gbk_zip({p.name: p.read_bytes() for p in sorted(source.iterdir())}))
    (school / "~$年度总结.docx").write_bytes(b"\x00lock")
    shutil.copy(source / "2025年度工作总结.docx", school / "2025年度工作总结.docx")
    result = CliRunner().invoke(main, ["extract", str(school)])
    assert result.exit_code == 0, result.output
    assert "已忽略、不作为报送材料的文件1个：东莞市松湖高级技工学校/~$年度总结.docx" in result.output
    member = "东莞市松湖高级技工学校/材料.zip/技工院校年度报送统计表（松湖高级技工学校）.docx"
    assert f"出处：{member} 表1 第" in result.output
    assert "毕业生就业率（employment_rate）：96.2%" in result.output
