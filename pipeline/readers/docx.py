"""Read .docx files into the neutral document model: paragraphs and table cells in document order."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..model import Block, Document, Position

_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path, rel: str) -> Document:
    """Paragraphs (with heading levels) and tables (one block per distinct cell) in body order."""
    word = docx.Document(str(path))
    out = Document(path=rel)
    body = word.element.body
    para_no = 0
    table_no = 0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            para = Paragraph(child, word)
            text = para.text.strip()
            if not text:
                continue
            para_no += 1
            level = _heading_level(para)
            out.blocks.append(
                Block(
                    text=text,
                    kind="heading" if level else "paragraph",
                    position=Position(paragraph=para_no),
                    level=level,
                )
            )
        elif child.tag == qn("w:tbl"):
            table_no += 1
            out.blocks.extend(_table_blocks(Table(child, word), table_no))
    return out


def _heading_level(para: Paragraph) -> int:
    try:
        name = para.style.name if para.style is not None else ""
    except KeyError:  # a style id that styles.xml does not define
        return 0
    match = _HEADING_STYLE.match(name or "")
    if match:
        return int(match.group(1))
    return 1 if (name or "").lower() == "title" else 0


def _table_blocks(table: Table, table_no: int) -> list[Block]:
    # python-docx repeats a merged cell in every grid position it covers: keep it once, by its <w:tc>.
    seen: set = set()  # the lxml elements themselves: holding them keeps their identity stable
    blocks: list[Block] = []
    for r, row in enumerate(table.rows, start=1):
        col = 0
        for cell in row.cells:
            col += 1
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = "\n".join(p.text for p in cell.paragraphs).strip()
            blocks.append(Block(text=text, kind="cell", position=Position(table=table_no, row=r, col=col)))
    return blocks
