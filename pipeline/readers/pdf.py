"""Read PDFs with a text layer into the neutral document model: paragraphs and table cells per page."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pdfplumber

from ..errors import ReadError, UnsupportedFile
from ..model import Block, Document, Position

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def read_pdf(path: Path, rel: str) -> Document:
    """Text outside tables as paragraphs (lines re-joined), tables as cells; every block knows its page."""
    out = Document(path=rel)
    table_no = 0
    pages_without_text = 0
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise _open_error(rel, exc) from exc
    with pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            page = page.dedupe_chars()  # fake bold draws each glyph several times
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            outside = page.filter(partial(_outside, boxes=boxes)) if boxes else page
            lines = outside.extract_text_lines(return_chars=False)
            if not lines and not tables:
                pages_without_text += 1
            out.blocks.extend(_paragraphs(lines, page_no, page.width))
            for table in tables:
                table_no += 1
                out.blocks.extend(_cells(table.extract(), table_no, page_no))
            page.close()
        total = len(pdf.pages)
    if total and pages_without_text == total:
        raise UnsupportedFile(
            rel, "该 PDF 没有文字层（疑为扫描件），本版本暂不能识别扫描件，请核对原件或报送可复制文字的版本。"
        )
    if not _CJK.search("".join(b.text for b in out.blocks)):
        raise UnsupportedFile(rel, "该 PDF 的文字层不含中文（可能是扫描件或字体未嵌入），本版本暂不能识别。")
    return out


def _open_error(rel: str, exc: Exception) -> ReadError:
    # pdfplumber wraps pdfminer's own error: look at what it wraps too.
    names = " ".join(type(e).__name__ for e in (exc, *exc.args, exc.__context__) if isinstance(e, BaseException))
    name = type(exc).__name__
    if "Password" in names or "Encrypt" in names:
        return ReadError(rel, "PDF 文件已加密，无法读取，请学校报送未加密的版本。")
    return ReadError(rel, f"PDF 文件已损坏或格式无效，无法读取（{name}），请学校重新报送。")


def _outside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _paragraphs(lines: list[dict], page_no: int, page_width: float) -> list[Block]:
    """Re-join lines broken at the right margin, so that a label never parts from its figure.

    A line continues the paragraph above when the line above ran to the right margin and this one is
    not indented; CJK glyphs are about as wide as the line is high, which gives the unit of measure.
    """
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    left = min(line["x0"] for line in lines)
    blocks: list[Block] = []
    current = ""
    previous_full = False
    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        em = max(line["bottom"] - line["top"], 1.0)
        indented = line["x0"] > left + 1.2 * em
        if current and (not previous_full or indented or _HEADING.match(text)):
            blocks.append(_para(current, page_no))
            current = ""
        current += text
        previous_full = line["x1"] >= right - 2.2 * em
    if current:
        blocks.append(_para(current, page_no))
    return blocks


def _para(text: str, page_no: int) -> Block:
    if _HEADING.match(text) and len(text) < 40:
        return Block(text=text, kind="heading", position=Position(page=page_no), level=1)
    return Block(text=text, kind="paragraph", position=Position(page=page_no))


def _cells(rows: list[list[str | None]], table_no: int, page_no: int) -> list[Block]:
    blocks: list[Block] = []
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None:  # covered by a merged cell: its text was given once already
                continue
            text = cell.replace("\n", "")
            blocks.append(
                Block(text=text.strip(), kind="cell", position=Position(page=page_no, table=table_no, row=r, col=c))
            )
    return blocks
