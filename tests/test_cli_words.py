"""The command line in Chinese: click's own messages, help that keeps examples whole, Ctrl-C, the plan's years."""

from __future__ import annotations

import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jigong import cli_words
from jigong.cli import main

COMMANDS = sorted(main.commands)
ENGLISH = re.compile(r"Usage|Error|Invalid|Missing|No such|Aborted|Try '|does not exist|is a file|Options")


def _help(command: str | None) -> str:
    result = CliRunner().invoke(main, [*([command] if command else []), "--help"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["run", "--year", "abc"], "错误：“--year”的值无效：“abc”不是有效的整数。"),
        (["run", "--year", "1900"], "超出允许的范围"),
        (["run", "--date", "2026/3/2"], "不符合格式"),
        (["run", "--no-such-option"], "错误：没有“--no-such-option”这个选项。"),
        (["runn"], "错误：没有“runn”这个命令。"),
        (["read"], "错误：缺少参数“文件”。"),
        (["read", "/没有/这个文件.docx"], "文件“/没有/这个文件.docx”不存在。"),
        (["rules", "R01", "多余"], "错误：多余的参数：多余。"),
        (["run", "--year"], "错误：选项“--year”后须给出一个值。"),
        (["decide"], "缺少参数“学校”"),
    ],
)
def test_click_speaks_chinese(args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="jigong")
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert not ENGLISH.search(result.output), result.output
    if args[0] in COMMANDS and "用法：" in result.output:
        assert f"请运行“jigong {args[0]} --help”查看用法。" in result.output


def test_a_directory_that_is_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "文件").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--out", str(tmp_path / "文件")])
    assert result.exit_code == 2
    assert f"“{tmp_path / '文件'}”是文件，这里应为目录。" in result.output


def test_aborted_is_said_in_chinese() -> None:
    @click.command()
    def ask() -> None:
        raise click.Abort()

    main.add_command(ask, "ask-test")
    try:
        result = CliRunner().invoke(main, ["ask-test"])
    finally:
        main.commands.pop("ask-test")
    assert result.exit_code == 1 and result.output.strip() == "已中止。"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_example_in_the_help_parses_and_its_options_exist(command: str | None, monkeypatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[1])  # examples name the demo files of inputs/
    text = _help(command)
    examples = [line.strip().removeprefix("示例：") for line in text.splitlines() if "示例：" in line]
    assert examples, text
    for example in examples:
        words = shlex.split(example)
        assert words[0] == "jigong", example
        sub = main.get_command(click.Context(main), words[1])
        assert sub is not None, example
        known = {opt for p in sub.params for opt in (*p.opts, *p.secondary_opts)}
        for word in words[2:]:
            if word.startswith("-"):
                assert word in known, (example, word)
        # click parses it as the command would (types, paths that must exist), without running it
        sub.make_context(words[1], words[2:], parent=click.Context(main, info_name="jigong"))


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_keeps_examples_whole_and_no_line_starts_with_punctuation(command: str | None) -> None:
    text = _help(command)
    lines = text.splitlines()
    for n, line in enumerate(lines):
        body = line.strip()
        if body and not re.match(r"\.\w", body):  # ".doc" is a word, not a full stop
            assert body[0] not in cli_words.NO_START, (n, line)
        if "示例：" in line and n + 1 < len(lines):
            assert lines[n + 1].strip() == "" or "示例：" in lines[n + 1] or lines[n + 1].endswith("："), line
    assert "Usage" not in text and "Options" not in text


def test_wrap_moves_closing_punctuation_off_the_line_start() -> None:
    assert cli_words.wrap("甲乙丙丁戊，己庚辛。", 10) == ["甲乙丙丁戊，", "己庚辛。"]  # the comma hangs
    assert cli_words.wrap("指标（employment_rate）", 12) == ["指标", "（employment_rate）"]  # a code is never cut


def test_a_year_outside_the_plan_warns_before_the_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(tmp_path / "没有"), "--out", str(tmp_path / "o"), "--year", "2027"])
    assert result.exit_code == 3  # the folder does not exist: the warning came first, before the run
    warning = "注意：审查年度2027年不在《东莞市深化产教融合推动技工教育高质量发展实施方案》的有效期"
    assert warning in result.stderr
    assert result.stderr.index(warning) < result.stderr.index("错误：")
    inside = CliRunner().invoke(main, ["run", str(tmp_path / "没有"), "--out", str(tmp_path / "o"), "--year", "2025"])
    assert "注意：" not in inside.output


def test_ctrl_c_exits_130_after_a_chinese_line_and_loses_nothing(tmp_path: Path) -> None:
    from helpers.season import small_batch, write_school

    batch = small_batch(tmp_path / "batch")
    for name in ("东莞市常平技工学校", "东莞市塘厦技工学校", "东莞市厚街技工学校"):
        write_school(batch, name)
    out = tmp_path / "out"
    script = Path(sys.executable).parent / "jigong"
    command = [str(script), "run", str(batch), "--out", str(out), "--date", "2026-03-02", "--workers", "1"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in (out / "memos").iterdir()}
    write_school(batch, "东莞市东城技工学校", employment_rate=97.0)  # something to do on the next run
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    line = process.stderr.readline()  # the first progress line: the run is under way
    assert "/" in line, line
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, (stdout, stderr)
    assert "已中断（Ctrl-C），本次审查未完成" in stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    # The store is whole, every output present is complete, no lock or temporary file is left.
    conn = sqlite3.connect(out / "jigong.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    for path in out.rglob("*"):
        assert not path.name.startswith(".tmp-"), path
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None
    assert set(before) <= {p.name for p in (out / "memos").iterdir()}
    again = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False, env=dict(os.environ))
    assert again.returncode == 0, again.stderr
