"""Ruled tables of a PDF page (pdfplumber), and stitching the fragments of a table split across pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Block, BlockKind, Position

MIN_RULES = 2  # a page needs at least this many ruling lines or boxes before the table finder is worth its cost


@dataclass
class Fragment:
    """The part of a table that stands on one page."""

    page: int
    top: float
    bottom: float
    columns: list[float]  # x of each column's left edge
    rows: list[list[str | None]]  # None: covered by a merged cell


def may_hold_table(page: Any) -> bool:
    """Ruling lines or boxes on the page: the only pages where pdfplumber's table finder is called."""
    rules = 0
    for obj in page.rects:
        if obj["width"] > 2 or obj["height"] > 2:
            rules += 1
    rules += len(page.lines)
    return rules >= MIN_RULES


def find_fragments(page: Any, page_no: int) -> tuple[list[Fragment], list[tuple[float, float, float, float]]]:
    """The page's tables as fragments, and their bounding boxes (text inside them is not paragraph text)."""
    fragments: list[Fragment] = []
    boxes = []
    for table in page.find_tables():
        rows = table.extract()
        if not rows or max(len(r) for r in rows) < 2:
            continue  # a single framed box (a text frame, a stamp border) is not a table
        x0, top, x1, bottom = table.bbox
        columns = sorted({round(cell[0], 1) for cell in table.cells})
        fragments.append(Fragment(page_no, top, bottom, columns, [list(r) for r in rows]))
        boxes.append((x0, top, x1, bottom))
    return fragments, boxes


def continues(first: Fragment, following: Fragment) -> bool:
    """The same table going on over a page break: same columns, standing at the bottom and the top."""
    if following.page != first.page + 1 or len(first.columns) != len(following.columns):
        return False
    widths = max(len(r) for r in first.rows), max(len(r) for r in following.rows)
    if widths[0] != widths[1]:
        return False
    return all(abs(a - b) <= 3 for a, b in zip(first.columns, following.columns, strict=True))


def stitch(parts: list[Fragment]) -> list[tuple[int, list[str | None]]]:
    """One table's rows from its fragments: (page, row); a header row repeated on a later page is dropped."""
    header = _norm(parts[0].rows[0])
    rows: list[tuple[int, list[str | None]]] = [(parts[0].page, r) for r in parts[0].rows]
    for part in parts[1:]:
        body = part.rows[1:] if _norm(part.rows[0]) == header else part.rows
        rows += [(part.page, r) for r in body]
    return rows


def cell_blocks(rows: list[tuple[int, list[str | None]]], table_no: int, kind: BlockKind = "cell") -> list[Block]:
    blocks: list[Block] = []
    for r, (page, row) in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None:  # covered by a merged cell: its text was given once already
                continue
            text = "".join(line.strip() for line in cell.split("\n"))  # wrapped cell text is one text
            blocks.append(Block(text, kind, Position(page=page, table=table_no, row=r, col=c)))
    return blocks


def _norm(row: list[str | None]) -> tuple[str, ...]:
    return tuple("".join((cell or "").split()) for cell in row)
