"""The command line: Chinese help, a run through click's runner, and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.results import validate_results

from fixturegen.demo import build_demo_batch
from jigong.cli import main


@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize("command", [[], ["run"], ["read"], ["rules"], ["decide"], ["status"]])
def test_help_is_in_chinese(command: list[str], flag: str) -> None:
    result = CliRunner().invoke(main, [*command, flag])
    assert result.exit_code == 0
    assert "用法：" in result.output
    assert "选项" in result.output
    assert "Usage" not in result.output and "Options" not in result.output


def test_run_writes_every_output(tmp_path: Path, demo_batch) -> None:
    out = tmp_path / "审查结果"
    result = CliRunner().invoke(main, ["run", str(demo_batch[0]), "--out", str(out), "--date", "2026-01-05"])
    assert result.exit_code == 1, result.output  # the demo batch holds two unreadable files; outputs are written
    assert "审查年度：2025年" in result.output
    assert "未能读取" in result.output
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate_results(data)
    assert len(list((out / "memos").glob("*.docx"))) == len(data["schools"])
    assert (out / "summary.docx").is_file()


def test_a_missing_batch_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(tmp_path / "没有这个目录"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "错误：" in result.output
    assert "Traceback" not in result.output


def test_read_prints_blocks_with_positions(demo_batch) -> None:
    root, _ = demo_batch
    form = next(p for p in sorted(root.rglob("*.docx")) if "统计表" in p.name)
    result = CliRunner().invoke(main, ["read", str(form), "--json"])
    assert result.exit_code == 0
    blocks = json.loads(result.output)["blocks"]
    assert any(b["locator"].startswith("表1 第") for b in blocks)


def test_the_installed_command_runs_as_a_subprocess(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    build_demo_batch(batch)
    script = Path(sys.executable).parent / "jigong"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cli"]
    done = subprocess.run(
        [*command, "run", str(batch), "--out", str(tmp_path / "out"), "--year", "2025"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # 1: some inputs unreadable (the demo's broken files)
    assert "已写入" in done.stdout
    validate_results(json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8")))


def test_rules_lists_the_catalogue_and_explains_one_rule() -> None:
    listing = CliRunner().invoke(main, ["rules"])
    assert listing.exit_code == 0
    ids = [line.split()[0] for line in listing.output.splitlines()[2:]]
    assert ids == [*(f"R{n:02d}" for n in range(1, 19)), *(f"K{n:02d}" for n in range(1, 8)), "M01", "V01",
                   *(f"C{n:02d}" for n in range(1, 7))]  # fmt: skip
    one = CliRunner().invoke(main, ["rules", "R10"])
    assert one.exit_code == 0
    assert "方案原文：“贯彻党和国家教材工作总体要求，全面落实思想政治、语文、历史三科统编教材使用”" in one.output
    assert "自2024年9月1日起" in one.output and "过渡期" in one.output
    unknown = CliRunner().invoke(main, ["rules", "R99"])
    assert unknown.exit_code == 2 and "R99" in unknown.output


def test_run_with_a_successor_plan_names_it_in_every_memo(tmp_path: Path, demo_batch) -> None:
    import docx

    plan = Path(__file__).with_name("catalogues") / "dongguan-2026.yaml"
    out = tmp_path / "out"
    args = ["run", str(demo_batch[0]), "--out", str(out), "--year", "2026", "--plan", str(plan)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate_results(data)
    assert data["plan"]["id"] == "dongguan-2026"
    # N01 follows the plan's rules: the demo batch carries its roster (学校名册.xlsx).
    assert [f["rule"] for f in data["schools"][0]["findings"]] == ["R03", "V01", "N01"]
    memo = next((out / "memos").glob("*.docx"))
    text = "\n".join(p.text for p in docx.Document(str(memo)).paragraphs)
    assert "《东莞市技工教育高质量发展三年行动方案（2026—2028年）》" in text
    bad = CliRunner().invoke(main, ["run", str(demo_batch[0]), "--out", str(out), "--plan", "nope"])
    assert bad.exit_code == 3 and "nope" in bad.output


def test_run_json_exit_codes_and_progress_lines(tmp_path: Path) -> None:
    from helpers.season import small_batch

    batch = small_batch(tmp_path / "batch")
    args = ["run", str(batch), "--out", str(tmp_path / "out"), "--date", "2026-03-02", "--workers", "1"]
    first = CliRunner().invoke(main, [*args, "--json"])
    assert first.exit_code == 0, first.output  # every file read
    summary = json.loads(first.stdout)  # stdout holds the JSON alone
    assert summary["exit_code"] == 0 and summary["files"]["read"] == 3 and summary["files"]["received"] == 3
    assert [s["school_name"] for s in summary["schools"]] == sorted(s["school_name"] for s in summary["schools"])
    assert "[1/3] 已读取：" in first.stderr  # not a terminal: one plain line per file, on stderr
    (batch / "东莞市东城技工学校" / "附件.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 1  # an unreadable input: still every output written
    assert "本次读取1份，重新提取0份，未变化（取自审查数据库）3份" in second.stdout
    assert "无法读取：东莞市东城技工学校/附件.doc" in second.stderr  # a damaged OLE file


def test_progress_draws_a_bar_on_a_terminal() -> None:
    import io

    from jigong.pipeline.model import FileRecord
    from jigong.pipeline.run.gather import Entry, Received
    from jigong.pipeline.run.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = Progress(screen)
    progress.begin(2)
    for name in ("甲.docx", "乙.pdf"):
        progress(Received(Entry(Path(name), name, None), FileRecord(path=name, status="ok")))
    progress.close()
    assert "审查材料" in screen.getvalue() and "0/2" in screen.getvalue() and "\r" in screen.getvalue()
