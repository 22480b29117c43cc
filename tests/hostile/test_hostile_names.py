"""Hostile names: traversal, absolute paths, control characters, overlong, reserved and case-twin names.

Every output stays inside --out under a safe name; the memo, results.json and the terminal keep the real name.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from fixturegen import hostile
from fixturegen.profiles import make_profile
from fixturegen.writers_docx import write_form_docx
from jigong.cli import main
from jigong.pipeline.render.output import safe_name, visible

ESCAPE = "学校\x1b[31m红字\x07"
# Each folder states its own name as the school's name in its form.
FOLDERS = [
    "CON",
    "NUL.docx",
    "COM1",
    "Aux .txt",
    ESCAPE,
    "\\..\\..\\Windows\\win.ini",
    "长" * 84,  # 252 bytes: about the longest a Linux folder name can be
    "Abc技工学校",
    "ABC技工学校",  # differs from the one above only in case
    "报告\u202excod.exe",  # a direction override: shows as "报告exe.docx"
    "东莞市$\\frac{1}{$技工学校",  # matplotlib would read "$…$" in a chart label as a (broken) formula
    "C:\\Windows\\System32\\CON",  # a Windows absolute path (":" and "\\" are plain characters on Linux)
]
STATED = "../../../../越界目标/CON"  # names stated inside a form (a folder name cannot hold "/")
ABSOLUTE = "/tmp/jigong-越界目标/passwd"
FILE_NAMES = ["..报告.docx", "CON.docx", "com1.docx", "报告\x1b]0;改标题\x07.docx", "附" * 80 + ".docx"]
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789¹²³"
}


def _form(path: Path, name: str, seed: int) -> None:
    if any(not ch.isprintable() for ch in name if ch != "\u202e"):
        # XML cannot hold these: the form states no name, and the school is named by its folder.
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(hostile.plain_docx("本年度各项工作有序推进。"))
        return
    write_form_docx(make_profile(400 + seed, name), path, 0)


@pytest.fixture(scope="module")
def named_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("names")
    batch, out = root / "batch", root / "out"
    for i, folder in enumerate(FOLDERS):
        _form(batch / folder / "年度报送统计表.docx", folder, i)
    _form(batch / "东莞市越界技工学校" / "统计表.docx", STATED, 90)
    _form(batch / "东莞市绝对路径技工学校" / "统计表.docx", ABSOLUTE, 89)
    for i, name in enumerate(FILE_NAMES):
        _form(batch / "东莞市东城技工学校" / name, "东莞市东城技工学校", 91 + i)
    # A folder whose name is not UTF-8 (a zip unpacked on another system): bytes only.
    raw = os.path.join(os.fsencode(batch), b"\xb6\xab\xdd\xb8")
    os.mkdir(raw)
    _form(Path(os.fsdecode(raw)) / "统计表.docx", "东莞市乱码技工学校", 99)
    before = {p for p in root.rglob("*")}
    result = CliRunner().invoke(
        main, ["run", str(batch), "--out", str(out), "--date", "2026-03-02", "--workers", "2", "--year", "2025"]
    )
    after = {p for p in root.rglob("*")}
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return result, data, out, root, after - before


def test_the_run_completes(named_run) -> None:
    result, data, *_ = named_run
    assert result.exit_code == 0, result.output
    assert len(data["schools"]) == len(FOLDERS) + 4


def test_every_output_stays_inside_the_output_folder(named_run) -> None:
    _, _, out, _, created = named_run
    outside = [p for p in created if out != p and out not in p.parents]
    assert outside == []
    assert not any("越界目标" in str(p.relative_to(out)) for p in created if p.is_dir())
    assert not Path("/tmp/jigong-越界目标").exists()
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())


def test_memo_names_are_safe_on_every_system(named_run) -> None:
    _, data, out, *_ = named_run
    names = [p.name for p in (out / "memos").iterdir()]
    assert len(names) == len(data["schools"])  # no two schools share a file, not even by case
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert len(name.encode("utf-8")) <= 255
        assert name == safe_name(name.removesuffix(".docx")) + ".docx"
        assert all(ch.isprintable() for ch in name)
        assert name.split(".")[0].strip().upper() not in RESERVED
        assert not name.startswith(".") and "/" not in name and "\\" not in name


def _memo_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_memo_and_results_keep_the_real_name(named_run) -> None:
    _, data, out, *_ = named_run
    stated = {s["school_name"] for s in data["schools"]}
    assert {
        *FOLDERS,
        STATED,
        ABSOLUTE,
        "东莞市东城技工学校",
        "东莞市乱码技工学校",
    } <= stated  # results.json: the real names
    texts = {p.name: _memo_text(p) for p in (out / "memos").iterdir()}
    for school in data["schools"]:
        memo = safe_name(school["school_name"])
        found = [text for name, text in texts.items() if name.startswith(memo)]
        assert any(visible(school["school_name"]) in text for text in found), school["school_name"]
    # control characters are shown, not dropped or passed on
    assert any("学校␛[31m红字␇" in text for text in texts.values())
    assert any("报告〈U+202E〉xcod.exe" in text for text in texts.values())
    dongcheng = next(t for n, t in texts.items() if n.startswith("东莞市东城技工学校"))
    for name in FILE_NAMES:
        assert visible(name) in dongcheng


def test_a_name_that_is_not_utf8_is_kept_as_its_bytes(named_run) -> None:
    _, data, *_ = named_run
    files = [f["path"] for s in data["schools"] for f in s["files"]]
    # GBK "东莞" (a zip made on a Chinese Windows): the bytes that are not UTF-8 are kept as their values
    assert "〈B6〉〈AB〉\u0778/统计表.docx" in files


def test_the_terminal_never_receives_control_characters(named_run) -> None:
    result, *_ = named_run
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "学校␛[31m红字␇" in result.output
