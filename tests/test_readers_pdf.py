"""The PDF reader on a text PDF drawn to hold every layout it must undo (fixturegen.pdf_features)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixturegen.pdf_features import HEADER, PdfTruth, write_features_pdf
from jigong.pipeline.model import Document
from jigong.pipeline.readers import pdf_tables, read_file


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> tuple[PdfTruth, Document, list[int]]:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    truth = write_features_pdf(path)
    searched: list[int] = []
    real = pdf_tables.find_fragments

    def spy(page, number):  # type: ignore[no-untyped-def]
        searched.append(number)
        return real(page, number)

    pdf_tables.find_fragments = spy  # type: ignore[assignment]
    try:
        doc = read_file(path, "report.pdf")
    finally:
        pdf_tables.find_fragments = real  # type: ignore[assignment]
    return truth, doc, searched


def test_a_label_is_never_parted_from_its_figure(features) -> None:
    truth, doc, _ = features
    texts = [b.text for b in doc.text_blocks()]
    for paragraph in truth.paragraphs:
        assert paragraph in texts
    assert not any(text.startswith("业率") for text in texts)


def test_a_paragraph_cut_by_a_page_break_is_one_block_on_its_first_page(features) -> None:
    truth, doc, _ = features
    block = next(b for b in doc.blocks if b.text == truth.paragraphs[1])
    assert block.position.page == 1
    assert "毕业生就业率98.6%" in block.text


def test_running_headers_and_page_numbers_are_not_content(features) -> None:
    _, doc, _ = features
    body = " ".join(b.text for b in doc.text_blocks())
    assert HEADER not in body and "第 1 页" not in body
    heads = [(b.position.page, b.text) for b in doc.blocks if b.kind == "header"]
    feet = [(b.position.page, b.text) for b in doc.blocks if b.kind == "footer"]
    assert heads == [(1, HEADER), (2, HEADER), (3, HEADER)]
    assert feet == [(1, "第 1 页"), (2, "第 2 页"), (3, "第 3 页")]


def test_fake_bold_duplicates_are_removed(features) -> None:
    truth, doc, _ = features
    heading = next(b for b in doc.blocks if b.kind == "heading")
    assert heading.text == truth.fake_bold
    assert heading.level == 1


def test_a_table_split_across_pages_is_stitched_back(features) -> None:
    truth, doc, _ = features
    tables = doc.tables()
    assert list(tables) == [1]
    rows = [[cell.text for cell in row] for row in tables[1]]
    assert rows == truth.table_rows  # the header row repeated on page 3 is dropped
    pages = [row[0].position.page for row in tables[1]]
    assert pages[0] == truth.table_pages[0] and pages[-1] == truth.table_pages[1]
    assert pages == sorted(pages)
    assert [row[0].position.row for row in tables[1]] == list(range(1, len(rows) + 1))


def test_the_table_finder_runs_only_on_pages_with_ruling_lines(features) -> None:
    _, _, searched = features
    assert searched == [2, 3]  # page 1 has one rule under its header: no table can stand there


def test_a_word_exported_table_over_two_pages_is_one_table(tmp_path: Path) -> None:
    from fixturegen.docx_features import write_long_table_docx
    from fixturegen.legacy import write_legacy

    rows = write_long_table_docx(tmp_path / "一览表.docx")
    write_legacy([(tmp_path / "一览表.docx", tmp_path / "一览表.pdf")])  # printed to PDF by LibreOffice
    doc = read_file(tmp_path / "一览表.pdf", "一览表.pdf")
    tables = doc.tables()
    assert list(tables) == [1]
    assert [[c.text for c in row] for row in tables[1]] == rows
    assert {row[0].position.page for row in tables[1]} == {1, 2}
    assert [b.text for b in doc.text_blocks()] == ["附表：专业设置一览表", "以上数据截至2025年12月31日。"]


@pytest.mark.parametrize(
    ("text", "image_share", "expected"),
    [
        ("学校现有全日制在校生6045人", 0.0, False),
        ("学校现有全日制在校生6045人", 0.9, False),  # a usable text layer is never recognised
        ("", 0.9, True),  # a scanned page
        ("— 3 —", 0.0, False),  # a blank page with its number: nothing to recognise
        ("(cid:2893)(cid:1543)(cid:1789)" * 5, 0.0, True),  # a font without its character map
        ("年度报告" + "(cid:2893)" * 40, 0.0, True),  # a title that decodes over a body that does not
        ("Annual report of the school", 0.0, False),
    ],
)
def test_which_pages_are_recognised(text: str, image_share: float, expected: bool) -> None:
    from jigong.pipeline.readers.pdf import needs_ocr

    assert needs_ocr(text, image_share) is expected
