"""Lines on a page → paragraphs: re-join lines broken at the right margin, and find running headers/footers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jigong.pipeline.model import Block, BlockKind, Position

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、](?!\d))")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·\s]*\d{1,4}[-—–－~·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
BAND = 0.09  # the top and bottom 9 % of a page is where running headers and footers live
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


@dataclass
class Line:
    """One line of text on a page, in PDF points (or image pixels) from the top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float = 1.0

    @property
    def em(self) -> float:
        return max(self.bottom - self.top, 1.0)


def clean(text: str) -> str:
    """Whitespace a PDF puts between Chinese characters is layout, not text."""
    return _CJK_GAP.sub("", text.strip())


def running_keys(pages: list[tuple[list[Line], float]]) -> set[str]:
    """Texts (digits masked) that stand in the header or footer band of at least two pages."""
    seen: dict[str, int] = {}
    for lines, height in pages:
        keys = {_key(line.text) for line in lines if _in_band(line, height)}
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= 2 and key}


def split_running(lines: list[Line], height: float, keys: set[str]) -> tuple[list[Line], list[Line], list[Line]]:
    """(header lines, body lines, footer lines): repeated band text and page numbers are not content."""
    heads: list[Line] = []
    body: list[Line] = []
    feet: list[Line] = []
    for line in lines:
        if _in_band(line, height) and (_key(line.text) in keys or _PAGE_NUMBER.match(line.text.strip())):
            (heads if line.top < height / 2 else feet).append(line)
        else:
            body.append(line)
    return heads, body, feet


def _in_band(line: Line, height: float) -> bool:
    return line.bottom <= height * BAND or line.top >= height * (1 - BAND)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


@dataclass
class Paragraph:
    """Lines joined into one paragraph, and whether its last line ran to the right margin."""

    text: str
    page: int
    confidence: float
    open_end: bool  # the last line reached the right margin: the paragraph may go on next page
    first_indented: bool
    top: float = 0.0
    box: tuple[float, float, float, float] | None = None  # its lines on its first page: x0, top, x1, bottom


def paragraphs(lines: list[Line], page_no: int, page_width: float | None = None) -> list[Paragraph]:
    """Re-join lines broken at the right margin, so that a label never parts from its figure.

    A line continues the paragraph above when the line above ran to the right margin and this one is
    not indented and is not a numbered heading; CJK glyphs are about as wide as the line is high,
    which gives the unit of measure. A centred line (a title) stands alone.
    """
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    out: list[Paragraph] = []
    current: Paragraph | None = None
    previous_full = False
    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        indented = line.x0 > left + 1.2 * line.em
        centred = (
            page_width is not None
            and line.x0 > left + 2 * line.em
            and abs((line.x0 + line.x1) / 2 - page_width / 2) < 1.5 * line.em
        )
        if current is not None and (not previous_full or indented or centred or _HEADING.match(text)):
            out.append(current)
            current = None
        if current is None:
            box = (line.x0, line.top, line.x1, line.bottom)
            current = Paragraph(text, page_no, line.confidence, False, indented, line.top, box)
        else:
            current.text += text
            current.confidence = min(current.confidence, line.confidence)
            current.box = union(current.box, (line.x0, line.top, line.x1, line.bottom))
        previous_full = line.x1 >= right - 2.2 * line.em and not centred
        current.open_end = previous_full
    if current is not None:
        out.append(current)
    return out


def continues(previous: Paragraph, following: Paragraph) -> bool:
    """Does the first paragraph of a page go on from the last one of the page before?"""
    return previous.open_end and not following.first_indented and not _HEADING.match(following.text)


def union(
    a: tuple[float, float, float, float] | None, b: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """The smallest box holding both."""
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


Box = tuple[float, float, float, float]


def to_block(
    para: Paragraph, points: Callable[[Box], Box | None] | None = None, kind: BlockKind | None = None
) -> Block:
    """The paragraph as a block; `points` puts its box on the page in points (a recognised page's pixels)."""
    box = points(para.box) if points is not None and para.box is not None else para.box
    position = Position(page=para.page, box=box)
    if kind is not None:
        return Block(para.text, kind, position, confidence=para.confidence)
    if _HEADING.match(para.text) and len(para.text) < 40:
        return Block(para.text, "heading", position, level=1, confidence=para.confidence)
    return Block(para.text, "paragraph", position, confidence=para.confidence)
