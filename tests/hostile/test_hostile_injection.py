"""Injection: template code, XML and HTML markup and formulas in a school's files stay inert text in every output.

The outputs are read back: the Word XML, the workbook's cells and the web page's elements are what the
templates made, and the school's text is there, as text, character for character.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
from helpers.season import write_school
from lxml import etree

from fixturegen import hostile
from jigong.pipeline.job import run
from jigong.pipeline.settings import Settings

SCHOOL = "=cmd|' /C calc'!A0东莞市注入技工学校"  # stated in the report's table: the school's name is a formula
FILE = "<img src=x onerror=alert(1)>报告.docx"  # a file name holding markup (a name cannot hold "/")


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    batch, out = root / "batch", root / "out"
    hostile.injection_report(batch / "东莞市注入技工学校" / FILE, SCHOOL)
    write_school(batch, "东莞市东城技工学校")
    run(Settings(batch, out, today=dt.date(2026, 3, 2), workers=2, year=2025))
    return out


def _memo(out: Path) -> Path:
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert SCHOOL in [s["school_name"] for s in data["schools"]]
    (memo,) = [p for p in (out / "memos").iterdir() if "注入" in p.name]
    return memo


def _word_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_word_documents_hold_the_text_and_only_the_templates_structure(injected: Path) -> None:
    memo = _memo(injected)
    text = _word_text(memo)
    for piece in (hostile.JINJA, hostile.MARKUP, SCHOOL, FILE):
        assert piece in text, piece  # every character, as written
    assert "49" not in text.replace("2049", "")  # {{ 7*7 }} was never evaluated
    assert "循环循环循环" not in text  # nor the loop
    with zipfile.ZipFile(memo) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    stray = [el.tag for el in body.iter() if isinstance(el.tag, str) and not etree.QName(el).namespace]
    assert stray == []  # no element came from the school's markup (<script>, <b> have no Word namespace)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = ["".join(t.text or "" for t in p.iter(w + "t")) for p in body.iter(w + "p")]
    assert "注入" not in paragraphs  # the markup did not close the paragraph and open one of its own
    for name in ("summary.docx", "city.docx"):
        assert SCHOOL in _word_text(injected / name)


def test_the_workbook_holds_no_formula(injected: Path) -> None:
    book = openpyxl.load_workbook(injected / "summary.xlsx")  # formulas as written, not their cached values
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert SCHOOL in texts  # the name, as text: it starts with "=" and is still no formula
    starting = [t for t in texts if t[:1] in "=+-@"]
    assert starting, texts[:20]
    with zipfile.ZipFile(injected / "summary.xlsx") as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_web_page_shows_the_text_and_runs_only_its_own_script(injected: Path) -> None:
    page = _Elements()
    page.feed((injected / "report.html").read_text(encoding="utf-8"))
    assert [tag for tag, _ in page.tags].count("script") == 1  # the report's own
    assert not [tag for tag, _ in page.tags if tag == "b"]
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert images and all((a.get("src") or "").startswith("data:image/png;base64,") for a in images)  # charts
    assert not [attrs for _, attrs in page.tags if any(k.startswith("on") for k in attrs)]
    text = "".join(page.text)
    for piece in (hostile.JINJA, hostile.MARKUP, SCHOOL, FILE):
        assert piece in text, piece
