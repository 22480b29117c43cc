"""Golden memos: the demo batch's memos, paragraph by paragraph and cell by cell, as a person approved them.

After a deliberate change to the templates, the rules or the extraction, look at the rendered memos
(`jigong run --pdf`, then open the PDFs), and when they are right regenerate the golden files with

    JIGONG_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_golden.py

and review `git diff tests/golden/` before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from helpers.render import docx_lines

GOLDEN = Path(__file__).with_name("golden") / "memos"
UPDATE = os.environ.get("JIGONG_UPDATE_GOLDEN") == "1"
DEMO_SCHOOLS = [
    "东莞市华粤技工学校",
    "东莞市南城技工学校",
    "东莞市新湾技工学校",
    "东莞市松湖高级技工学校",
    "东莞市滨海技工学校",
    "东莞市长安技工学校",
    "东莞市鸿图技师学院",
]


def test_every_demo_memo_has_a_golden_file(demo_run) -> None:
    written = sorted(p.stem for p in (demo_run[2] / "memos").glob("*.docx"))
    assert written == sorted(DEMO_SCHOOLS)
    if not UPDATE:
        assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(DEMO_SCHOOLS)


@pytest.mark.parametrize("school", DEMO_SCHOOLS)
def test_memo_matches_its_golden_text(demo_run, school: str) -> None:
    text = "\n".join(docx_lines(demo_run[2] / "memos" / f"{school}.docx")) + "\n"
    golden = GOLDEN / f"{school}.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if text != expected:
        diff = "\n".join(
            difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "rendered", lineterm="")
        )
        pytest.fail(f"{school} memo differs from {golden.name} (see the module docstring to regenerate):\n{diff}")
