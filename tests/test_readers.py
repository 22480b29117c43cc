"""Readers: real generated files in, blocks with positions out; bad files get a Chinese reason, the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from fixturegen import broken
from fixturegen.profiles import make_profile
from fixturegen.writers_docx import write_form_docx, write_report_docx
from fixturegen.writers_pdf import write_report_pdf
from fixturegen.xlsx import write_stats_xlsx
from jigong.cli import main
from jigong.pipeline.errors import JigongError, ReadError, UnsupportedFile
from jigong.pipeline.readers import ReadOptions, read_file, read_record
from jigong.pipeline.readers.options import parse_passwords
from jigong.pipeline.readers.sniff import sniff

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


def test_a_merged_cell_made_by_python_docx_is_read_once(tmp_path: Path) -> None:
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
    # The page numbers (— 1 —) are running footers, not content.
    assert not any(b.text.startswith("—") for b in doc.text_blocks())
    assert [b.text for b in doc.blocks if b.kind == "footer"] == [f"— {n} —" for n in range(1, len(doc_pages(doc)) + 1)]
    assert not any(b.confidence < 1 for b in doc.blocks)  # a text layer is never recognised


BAD_FILES = [
    (broken.write_truncated_docx, "报告.docx", "error", "已损坏"),
    (broken.write_zero_bytes, "空文件.docx", "error", "0 字节"),
    (broken.write_not_a_document, "统计表.pdf", "skipped", "无法识别"),
    (broken.write_legacy_doc, "一览表.doc", "error", "已损坏"),
    (broken.write_encrypted_pdf, "加密.pdf", "error", "--password"),
    (broken.write_fake_image, "照片.png", "error", "图片已损坏"),
]


@pytest.mark.parametrize(("make", "name", "status", "words"), BAD_FILES)
def test_unreadable_files_get_a_chinese_reason(tmp_path: Path, make, name: str, status: str, words: str) -> None:
    path = tmp_path / name
    make(path)
    record, document = read_record(path, name)
    assert document is None
    assert record.status == status
    assert words in record.error
    assert record.size == path.stat().st_size


def test_a_truncated_pdf_and_a_truncated_workbook_are_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    write_report_pdf(PROFILE, good, style=1)
    broken.write_truncated_pdf(tmp_path / "报告.pdf", good.read_bytes())
    write_stats_xlsx(tmp_path / "good.xlsx")
    broken.write_truncated_docx(tmp_path / "统计表.xlsx", (tmp_path / "good.xlsx").read_bytes())
    for name in ("报告.pdf", "统计表.xlsx"):
        record, document = read_record(tmp_path / name, name)
        assert (record.status, document) == ("error", None)
        assert "损坏" in record.error


def test_encrypted_pdf_opens_with_its_password_only(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    broken.write_encrypted_pdf(path, password="654321")
    wrong = read_record(path, "某校/加密.pdf", ReadOptions(passwords={"加密.pdf": "000000"}))[0]
    assert "口令无法打开" in wrong.error
    # pdfminer leaves this file's font strings encrypted, so its text layer does not decode: the page is
    # recognised instead, as any page whose text is not Chinese would be.
    doc = read_file(path, "某校/加密.pdf", ReadOptions(passwords={"某校/加密.pdf": "654321"}))
    assert any("年度工作报告" in b.text for b in doc.blocks)


def test_a_password_is_found_by_batch_path_or_bare_name() -> None:
    options = ReadOptions(passwords={"某校/报告.pdf": "1", "表.xlsx": "2"})
    assert options.password_for("某校/报告.pdf") == "1"
    assert options.password_for("别校/报告.pdf") is None
    assert options.password_for("别校/表.xlsx") == "2"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_encrypted_office_files_say_so_and_open_with_the_password(tmp_path: Path, suffix: str) -> None:
    plain = tmp_path / f"plain{suffix}"
    if suffix == ".docx":
        write_form_docx(PROFILE, plain, variant=0)
    else:
        write_stats_xlsx(plain)
    path = tmp_path / f"统计表{suffix}"
    broken.write_encrypted_office(path, plain, password="jg2025")
    assert sniff(path) == "encrypted_office"
    record, _ = read_record(path, path.name)
    assert record.status == "error" and "设置了打开密码" in record.error
    doc = read_file(path, path.name, ReadOptions(passwords={path.name: "jg2025"}))
    assert any(PROFILE.name in b.text or "松湖" in b.text for b in doc.blocks)
    wrong = read_record(path, path.name, ReadOptions(passwords={path.name: "x"}))[0]
    assert "口令" in wrong.error


def test_unsupported_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "附件.zip"
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("说明.txt", "附件")
    with pytest.raises(UnsupportedFile, match="压缩包"):
        read_file(path, "附件.zip")
    assert issubclass(UnsupportedFile, ReadError)


def test_content_is_sniffed_not_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"  # a Word file under a PDF name
    write_report_docx(PROFILE, path, style=1)
    doc = read_file(path, "报告.pdf")
    assert any(PROFILE.name in b.text for b in doc.blocks)
    sheet = tmp_path / "统计表.doc"  # a workbook under an old Word name
    write_stats_xlsx(sheet)
    assert sniff(sheet) == "xlsx"
    assert any(b.position.sheet == "基本情况" for b in read_file(sheet, "统计表.doc").blocks)


def test_password_items_are_parsed_and_malformed_ones_refused() -> None:
    assert parse_passwords(["年度报告.pdf=12=34", "某校/表.xlsx="]) == {"年度报告.pdf": "12=34", "某校/表.xlsx": ""}
    with pytest.raises(JigongError, match="文件名=口令"):
        parse_passwords(["没有等号"])


def test_a_batch_of_bad_files_goes_on_and_says_why(tmp_path: Path) -> None:
    from jigong.pipeline.job import run
    from jigong.pipeline.settings import Settings

    batch = tmp_path / "batch"
    school = batch / PROFILE.name
    write_form_docx(PROFILE, school / "统计表.docx", variant=0)
    for make, name, _, _ in BAD_FILES:
        make(school / name)
    out = tmp_path / "out"
    run(Settings(batch, out))
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    files = {f["path"].split("/")[-1]: f for f in data["schools"][0]["files"]}
    assert files["统计表.docx"]["status"] == "ok"
    for _, name, status, words in BAD_FILES:
        assert files[name]["status"] == status and words in files[name]["error"]
    memo = next((out / "memos").glob("*.docx"))
    text = "\n".join(p.text for p in docx.Document(str(memo)).paragraphs)
    assert "0 字节" in text and "图片已损坏" in text


def test_cli_password_option_reaches_the_reader(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    write_form_docx(PROFILE, batch / PROFILE.name / "统计表.docx", variant=0)
    broken.write_encrypted_pdf(batch / PROFILE.name / "年度报告.pdf", password="8888")
    out = tmp_path / "out"
    args = ["run", str(batch), "--out", str(out), "--password", "年度报告.pdf=8888"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert all(f["status"] == "ok" for f in data["schools"][0]["files"])
    bad = CliRunner().invoke(main, ["run", str(batch), "--out", str(out), "--password", "年度报告.pdf"])
    assert bad.exit_code == 2 and "文件名=口令" in bad.output
    locked = tmp_path / "统计表.docx"
    broken.write_encrypted_office(locked, batch / PROFILE.name / "统计表.docx", password="8888")
    read = CliRunner().invoke(main, ["read", str(locked), "--password", "8888"])
    assert read.exit_code == 0 and PROFILE.name in read.output
    refused = CliRunner().invoke(main, ["read", str(locked)])
    assert refused.exit_code == 1 and "设置了打开密码" in refused.output


def doc_pages(doc) -> set[int]:
    return {b.position.page for b in doc.blocks if b.position.page is not None}
