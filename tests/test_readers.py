"""Readers: real generated files in, blocks with positions out; bad files get a Chinese reason."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from fixturegen import broken
from fixturegen.profiles import make_profile
from fixturegen.writers_docx import write_form_docx, write_report_docx
from fixturegen.writers_pdf import write_report_pdf
from pipeline.errors import ReadError, UnsupportedFile
from pipeline.readers import read_file, read_record

PROFILE = make_profile(3, "东莞市松湖高级技工学校")


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_report_docx(PROFILE, path, style=0)
    doc = read_file(path, "report.docx")
    kinds = [b.kind for b in doc.blocks]
    assert "heading" in kinds and "paragraph" in kinds
    numbers = [b.position.paragraph for b in doc.blocks if b.kind != "cell"]
    assert numbers == list(range(1, len(numbers) + 1))
    assert PROFILE.name in doc.blocks[0].text


def test_docx_form_cells_carry_table_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "form.docx"
    write_form_docx(PROFILE, path, variant=0)
    doc = read_file(path, "form.docx")
    cells = {(b.position.table, b.position.row, b.position.col): b.text for b in doc.blocks if b.kind == "cell"}
    label = next(key for key, text in cells.items() if text.startswith("学校名称"))
    assert cells[(label[0], label[1], label[2] + 1)] == PROFILE.name


def test_a_merged_cell_is_read_once(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "技工院校年度报送统计表"
    table.cell(1, 0).text = "在校生"
    path = tmp_path / "merged.docx"
    word.save(str(path))
    texts = [b.text for b in read_file(path, "merged.docx").blocks if b.kind == "cell"]
    assert texts.count("技工院校年度报送统计表") == 1


def test_text_pdf_blocks_carry_their_page_and_lines_are_rejoined(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    truth = write_report_pdf(PROFILE, path, style=0)
    doc = read_file(path, "report.pdf")
    assert {b.position.page for b in doc.blocks} >= {1, 2}
    assert any(b.kind == "cell" and b.position.table for b in doc.blocks)
    text = "".join(b.text for b in doc.blocks)
    assert f"{truth.values['employment_rate']}" in text.replace("％", "%")
    # Every paragraph is one block however many lines it wrapped over: none starts mid-word after a label.
    assert not any(b.text.startswith(("业率", "校生")) for b in doc.blocks)


@pytest.mark.parametrize(
    ("make", "name", "status", "words"),
    [
        (broken.write_truncated_docx, "报告.docx", "error", "已损坏"),
        (broken.write_zero_bytes, "空文件.docx", "error", "0 字节"),
        (broken.write_not_a_document, "统计表.pdf", "skipped", "无法识别"),
        (broken.write_legacy_doc, "一览表.doc", "skipped", ".doc"),
        (broken.write_encrypted_pdf, "加密.pdf", "error", "加密"),
    ],
)
def test_unreadable_files_get_a_chinese_reason(tmp_path: Path, make, name: str, status: str, words: str) -> None:
    path = tmp_path / name
    make(path)
    record, document = read_record(path, name)
    assert document is None
    assert record.status == status
    assert words in record.error
    assert record.size == path.stat().st_size


def test_unsupported_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "一览表.doc"
    broken.write_legacy_doc(path)
    with pytest.raises(UnsupportedFile):
        read_file(path, "一览表.doc")
    assert issubclass(UnsupportedFile, ReadError)


def test_content_is_sniffed_not_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"  # a Word file under a PDF name
    write_report_docx(PROFILE, path, style=1)
    doc = read_file(path, "报告.pdf")
    assert any(PROFILE.name in b.text for b in doc.blocks)
