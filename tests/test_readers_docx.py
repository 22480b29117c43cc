"""The .docx reader: every Word feature a school's file may use comes out as text with its position."""

from __future__ import annotations

import pytest

from fixturegen.docx_features import FALLBACK_TEXT, FOOTER_TEXT, HEADER_TEXT, FeatureTruth, write_features_docx
from jigong.pipeline.model import Document
from jigong.pipeline.readers import read_file


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> tuple[FeatureTruth, Document]:
    path = tmp_path_factory.mktemp("docx") / "features.docx"
    truth = write_features_docx(path)
    return truth, read_file(path, "features.docx")


def test_body_paragraphs_in_order_with_heading_levels(features) -> None:
    truth, doc = features
    body = [b for b in doc.blocks if b.kind in ("heading", "paragraph")]
    assert [b.text for b in body] == truth.paragraphs
    assert [b.position.paragraph for b in body] == list(range(1, len(body) + 1))
    levels = {b.text: b.level for b in body if b.kind == "heading"}
    assert levels == truth.headings  # by style (Heading 1/2) and by a paragraph's own outline level (WPS)


def test_headers_and_footers_are_kept_apart_from_the_body(features) -> None:
    _, doc = features
    heads = [b for b in doc.blocks if b.kind == "header"]
    feet = [b for b in doc.blocks if b.kind == "footer"]
    assert [b.text for b in heads] == [HEADER_TEXT]
    assert [b.text for b in feet] == [FOOTER_TEXT]
    assert heads[0].position.locator() == "页眉 第1段"
    assert HEADER_TEXT not in " ".join(b.text for b in doc.text_blocks())


def test_merged_cells_are_read_once_at_their_grid_column(features) -> None:
    truth, doc = features
    cells = {(b.position.table, b.position.row, b.position.col): b.text for b in doc.blocks if b.kind == "cell"}
    for key, text in truth.cells.items():
        assert cells.get(key) == text, key
    # gridSpan: the title spans columns 1–3 and is one cell; vMerge: the covered cell below 在校生 is absent.
    assert [k for k in cells if k[:2] == (1, 1)] == [(1, 1, 1)]
    assert (1, 3, 1) not in cells
    assert sum(text == "在校生" for text in cells.values()) == 2  # once in table 1, once as the nested header


def test_nested_table_gets_its_own_number_after_its_cell(features) -> None:
    _, doc = features
    order = [(b.position.table, b.position.row, b.position.col) for b in doc.blocks if b.kind == "cell"]
    assert order.index((1, 4, 3)) + 1 == order.index((2, 1, 1))
    tables = doc.tables()
    assert [[c.text for c in row] for row in tables[2]] == [["专业", "在校生"], ["数控加工", "820"]]


def test_text_boxes_and_content_controls_are_read_once(features) -> None:
    truth, doc = features
    text = "\n".join(b.text for b in doc.blocks)
    box = next(b for b in doc.blocks if "98.6%" in b.text and b.kind == "paragraph")
    assert box.position.locator().endswith("（文本框）")
    assert FALLBACK_TEXT not in text  # Word's VML fallback copy of the same box
    for absent in truth.absent:
        assert absent not in text  # a content control still showing its prompt holds nothing
    assert "学校名称：东莞市松湖高级技工学校" in text


def test_check_marks_are_kept_as_text(features) -> None:
    _, doc = features
    line = next(b.text for b in doc.blocks if b.text.startswith("党组织："))
    # ☒ from a check-box control, ☑ from a legacy form field and from a Wingdings 2 symbol, the rest typed.
    for mark in "☒☑□√✓■☐":
        assert mark in line
    assert line.count("☑") == 2
