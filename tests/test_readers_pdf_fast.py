"""pdfium reads text pages as pdfplumber would: the same lines, the same tables, on every page of our fixtures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from fixturegen.pdf_features import write_features_pdf
from fixturegen.profiles import make_profile
from fixturegen.writers_pdf import write_report_pdf
from jigong.pipeline.readers import pdf_ruling, pdf_text, read_file

SCHOOL = "东莞市松湖高级技工学校"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """reportlab PDFs (a CID font, not embedded), and Word documents exported by LibreOffice (fonts embedded)."""
    from fixturegen.docx_features import write_long_table_docx
    from fixturegen.legacy import write_legacy
    from fixturegen.writers_docx import write_form_docx, write_report_docx

    folder = tmp_path_factory.mktemp("fast")
    write_features_pdf(folder / "features.pdf")
    for style in (0, 3):
        write_report_pdf(make_profile(30 + style, SCHOOL), folder / f"report{style}.pdf", style=style)
    write_form_docx(make_profile(33, SCHOOL), folder / "form.docx", 2)
    write_report_docx(make_profile(34, SCHOOL), folder / "report.docx", 1)
    write_long_table_docx(folder / "long.docx")
    write_legacy([(folder / f"{name}.docx", folder / f"{name}-lo.pdf") for name in ("form", "report", "long")])
    return sorted(folder.glob("*.pdf"))


def _pages(path: Path):  # type: ignore[no-untyped-def]
    with pdfplumber.open(str(path)) as plumber, pdf_text.open_pdf(str(path), None) as pdfium:
        for number, page in enumerate(plumber.pages):
            fast = pdfium[number]
            objects = pdf_text.page_objects(fast)
            chars = pdf_text.page_chars(fast, objects.height)
            segments = pdf_ruling.path_segments(objects.paths, objects.height)
            fast.close()
            assert objects.plain and chars is not None
            yield page.dedupe_chars(), objects, chars, segments


def test_pdfium_gives_pdfplumbers_lines(pdfs: list[Path]) -> None:
    pages = 0
    for path in pdfs:
        for page, _, chars, _ in _pages(path):
            expected = [line["text"] for line in page.extract_text_lines(return_chars=False)]
            assert [line.text for line in pdf_text.lines(chars)] == expected, (path.name, page.page_number)
            pages += 1
    assert pages >= 12


def test_pdfium_edges_give_pdfplumbers_tables(pdfs: list[Path]) -> None:
    found = 0
    for path in pdfs:
        for page, objects, chars, segments in _pages(path):
            expected = [t.extract() for t in page.find_tables()]
            ruled = pdf_ruling.TablePage(segments, chars, (0.0, 0.0, objects.width, objects.height))
            assert [t.extract() for t in ruled.find_tables()] == expected, (path.name, page.page_number)
            assert objects.may_hold_table or not expected  # no table is missed by the cheap test
            found += len(expected)
    assert found >= 6


def test_a_page_pdfium_cannot_read_goes_through_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    write_report_pdf(make_profile(40, SCHOOL), path, style=1)
    fast = read_file(path, "report.pdf")
    from jigong.pipeline.readers import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_fast_page", lambda *args: None)  # every page to pdfplumber
    slow = read_file(path, "report.pdf")

    def placed(blocks: list) -> list:
        return [(b.kind, b.text, replace(b.position, box=None)) for b in blocks]

    assert placed(fast.blocks) == placed(slow.blocks)
    # the boxes agree to a few points: pdfium puts a glyph's top one font size above its baseline, pdfplumber
    # at the font's ascent
    for a, b in zip(fast.blocks, slow.blocks, strict=True):
        assert (a.position.box is None) == (b.position.box is None)
        if a.position.box is not None and b.position.box is not None:
            assert max(abs(x - y) for x, y in zip(a.position.box, b.position.box, strict=True)) < 8


def test_pdfium_only_reads_pages_whose_drawing_inflates_to_a_bounded_size(pdfs: list[Path], tmp_path: Path) -> None:
    """pdfium ends the process when memory runs out: a page that may be a bomb is left to pdfplumber."""
    import zlib

    from fixturegen import hostile
    from jigong.pipeline.readers.pdf import MAX_CONTENT_BYTES, _contents_fit, _inflated_size

    for path in pdfs:
        with pdfplumber.open(str(path)) as pdf:
            assert all(_contents_fit(page) for page in pdf.pages), path.name
    bombs = [hostile.stream_bomb(tmp_path / "bomb.pdf", 1), hostile.operator_flood(tmp_path / "flood.pdf", 20)]
    for path in bombs:
        with pdfplumber.open(str(path)) as pdf:
            assert not _contents_fit(pdf.pages[0]), path.name
    twice = zlib.compress(zlib.compress(b"x" * 1000))
    assert _inflated_size(twice, 2, 1000) == 1000
    assert _inflated_size(twice, 2, 999) is None
    assert _inflated_size(b"not deflate", 1, MAX_CONTENT_BYTES) is None
