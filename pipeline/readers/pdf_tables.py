"""Ruled tables of a PDF page (pdfplumber), and stitching the fragments of a table split across pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jigong.pipeline.model import Block, BlockKind, Position

MIN_RULES = 2  # a page needs at least this many ruling lines or boxes before the table finder is worth its cost


@dataclass
class Fragment:
    """The part of a table that stands on one page."""

    page: int
    top: float
    bottom: float
    columns: list[float]  # x of each column's left edge
    rows: list[list[str | None]]  # None: covered by a merged cell
    scores: dict[tuple[int, int], float] = field(default_factory=dict)  # (row, col) 0-based → OCR confidence
    # (row, col) 0-based → the cell's box in points (x0, top, x1, bottom), where the page's ruling gives it
    boxes: dict[tuple[int, int], tuple[float, float, float, float]] = field(default_factory=dict)


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
        cells = {(i, j): tuple(box) for i, row in enumerate(table.rows) for j, box in enumerate(row.cells) if box}
        fragments.append(Fragment(page_no, top, bottom, columns, [list(r) for r in rows], boxes=cells))
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


Row = tuple[Fragment, int]  # a fragment and the index of one of its rows


def stitch(parts: list[Fragment]) -> list[Row]:
    """One table's rows from its fragments; a header row repeated on a later page is dropped."""
    header = _norm(parts[0].rows[0])
    rows: list[Row] = [(parts[0], i) for i in range(len(parts[0].rows))]
    for part in parts[1:]:
        skip = 1 if _norm(part.rows[0]) == header else 0
        rows += [(part, i) for i in range(skip, len(part.rows))]
    return rows


def cell_blocks(rows: list[Row], table_no: int, kind: BlockKind = "cell") -> list[Block]:
    blocks: list[Block] = []
    for r, (part, i) in enumerate(rows, start=1):
        for c, cell in enumerate(part.rows[i], start=1):
            if cell is None:  # covered by a merged cell: its text was given once already
                continue
            text = "".join(line.strip() for line in cell.split("\n"))  # wrapped cell text is one text
            position = Position(page=part.page, table=table_no, row=r, col=c, box=part.boxes.get((i, c - 1)))
            blocks.append(Block(text, kind, position, confidence=part.scores.get((i, c - 1), 1.0)))
    return blocks


def _norm(row: list[str | None]) -> tuple[str, ...]:
    return tuple("".join((cell or "").split()) for cell in row)
