"""The text layer of a PDF page through pdfium: characters with pdfminer-like boxes, lines as pdfplumber forms them.

pdfplumber parses each page's content in Python (≈30 ms a page); pdfium does it in C. Pages that hold ruling
lines (a table may stand there), rotated or offset pages and vertical text still go through pdfplumber
(pipeline/readers/pdf.py); every other page is read here, and gives the same lines pdfplumber would:
characters clustered into lines by their tops (3 pt), sorted left to right, a space where a gap passes 3 pt.
pdfium's own text order is not used: it puts glyphs drawn in a fallback font out of place, and inserts
spaces of its own (those it marks as generated are dropped).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pypdfium2
import pypdfium2.raw as raw

from jigong.pipeline.readers.layout import Line

TOLERANCE = 3.0  # pdfplumber's x and y tolerance for words and lines, in points
EDGE = 3.0  # a path thinner than this is a ruling line (pdfplumber's table finder drops edges under 3 pt)
# pdfium is not thread-safe; a Dask worker reads files in threads.
LOCK = threading.RLock()
# pdfplumber spells out ligatures; so does this reader.
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


Matrix = tuple[float, ...]  # a, b, c, d, e, f
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Char(NamedTuple):
    """A glyph in top-left page coordinates (points): its advance across, one font size up from its baseline.

    pdfminer puts the box's foot at the font's declared descent instead; fonts that declare different
    descents then stand at different heights on one baseline, and pdfplumber may break their line there.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Image:
    """An image drawn on the page: where (top-left coordinates) and its own size in pixels."""

    x0: float
    top: float
    x1: float
    bottom: float
    pixels: tuple[int, int]


@dataclass
class PageObjects:
    """What a page holds besides its text: images, and how many horizontal and vertical rules."""

    width: float
    height: float
    images: list[Image] = field(default_factory=list)
    paths: list[tuple[Any, Matrix]] = field(default_factory=list)  # path objects, each with its form's matrix
    horizontal: int = 0
    vertical: int = 0
    plain: bool = True  # upright, unrotated, at the origin: its text can be read here

    @property
    def may_hold_table(self) -> bool:
        """At least two rules each way: the least a ruled table is made of (a header rule alone is not)."""
        return self.horizontal >= 2 and self.vertical >= 2


@contextmanager
def open_pdf(path: str, password: str | None) -> Iterator[Any]:
    """The document open in pdfium, under the process's pdfium lock; None when pdfium cannot open it."""
    with LOCK:
        try:
            pdf = pypdfium2.PdfDocument(path, password=password)
        except Exception:  # pdfium's errors for damaged, encrypted or odd files: the caller reads another way
            yield None
            return
        try:
            yield pdf
        finally:
            pdf.close()


def page_objects(page: Any) -> PageObjects:
    """Images and ruling lines of a page (inside form XObjects too), in top-left coordinates."""
    handle = page.raw
    box = page.get_mediabox()
    crop = page.get_cropbox()
    width, height = box[2] - box[0], box[3] - box[1]
    out = PageObjects(width, height)
    out.plain = page.get_rotation() == 0 and box[0] == 0 and box[1] == 0 and tuple(crop) == tuple(box)
    count = raw.FPDFPage_CountObjects(handle)
    _scan([raw.FPDFPage_GetObject(handle, i) for i in range(count)], out, IDENTITY)
    return out


def _scan(objects: list[Any], out: PageObjects, matrix: Matrix) -> None:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = compose(matrix_of(obj), matrix)
            count = raw.FPDFFormObj_CountObjects(obj)
            _scan([raw.FPDFFormObj_GetObject(obj, i) for i in range(count)], out, inner)
            continue
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING):
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = transform_box((left.value, bottom.value, right.value, top.value), matrix)
        w, h = x1 - x0, y1 - y0
        if kind == raw.FPDF_PAGEOBJ_PATH:
            out.paths.append((obj, matrix))
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            px_w, px_h = ctypes.c_uint(), ctypes.c_uint()
            raw.FPDFImageObj_GetImagePixelSize(obj, px_w, px_h)
            out.images.append(Image(x0, out.height - y1, x1, out.height - y0, (px_w.value, px_h.value)))
        elif w >= EDGE and h < EDGE:
            out.horizontal += 1
        elif h >= EDGE and w < EDGE:
            out.vertical += 1
        elif w >= EDGE and h >= EDGE:  # a box, a cell's background, a grid drawn as one path, a curve
            out.horizontal += 2
            out.vertical += 2


def matrix_of(obj: Any) -> Matrix:
    """A page object's own matrix (for a path: its points to the space of the page or the form it is in)."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies `inner` and then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def transform_point(x: float, y: float, m: Matrix) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def transform_box(box: tuple[float, float, float, float], m: Matrix) -> tuple[float, float, float, float]:
    if m == IDENTITY:
        return box
    corners = [
        transform_point(x, y, m) for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3]))
    ]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


def page_chars(page: Any, height: float) -> list[Char] | None:
    """The page's characters in drawing order, pdfium's generated spaces and line breaks left out.

    A glyph without a character map gives U+FFFD (pdfminer's "(cid:N)"). None when some text is not upright
    (rotated or vertical): pdfplumber reads such a page.
    """
    text_page = raw.FPDFText_LoadPage(page.raw)
    try:
        return _chars(text_page, height)
    finally:
        raw.FPDFText_ClosePage(text_page)


# FPDFText_GetTextObject giving the object's address as an int: a key for its font size without a ctypes cast
# per character (a third of the time of the loop below).
_TEXT_OBJECT = ctypes.cast(
    raw.FPDFText_GetTextObject, ctypes.CFUNCTYPE(ctypes.c_void_p, raw.FPDF_TEXTPAGE, ctypes.c_int)
)


def _chars(tp: Any, height: float) -> list[Char] | None:
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    buffer = ctypes.create_string_buffer((n + 1) * 2)
    written = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[: max(written - 1, 0) * 2]
    # One UTF-16 unit per character index (a character outside the BMP then takes two, a surrogate pair); when
    # the text does not line up with the indexes, each character is asked for on its own.
    codes = [units[i] | units[i + 1] << 8 for i in range(0, len(units), 2)]
    if len(codes) != n:
        codes = [raw.FPDFText_GetUnicode(tp, i) for i in range(n)]
    ox, oy, rect, matrix = ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF(), raw.FS_MATRIX()
    origin, loose, generated, map_error = (
        raw.FPDFText_GetCharOrigin,
        raw.FPDFText_GetLooseCharBox,
        raw.FPDFText_IsGenerated,
        raw.FPDFText_HasUnicodeMapError,
    )
    text_object = _TEXT_OBJECT
    sizes: dict[int | None, float] = {}  # text object → its font size on the page
    out: list[Char] = []
    skip = False
    for i in range(min(n, len(codes))):
        if skip:
            skip = False
            continue
        code = codes[i]
        if code in (0x20, 0x0D, 0x0A, 0x02) and generated(tp, i):
            continue  # pdfium's own spaces and line breaks (0x02: its soft hyphen mark)
        if 0xD800 <= code < 0xDC00 and i + 1 < len(codes):
            text = chr(0x10000 + ((code - 0xD800) << 10) + (codes[i + 1] - 0xDC00))
            skip = True
        else:
            text = chr(code)
        if map_error(tp, i):
            text = "\ufffd"
        key = text_object(tp, i)
        size = sizes.get(key)
        if size is None:
            size = sizes[key] = _size(tp, i, matrix) if key else -1.0
        if size < 0:
            return None  # not upright
        origin(tp, i, ox, oy)
        loose(tp, i, rect)
        baseline = height - oy.value
        out.append(Char(_LIGATURES.get(text, text), ox.value, max(rect.right, ox.value), baseline - size, baseline))
    return out


def _size(tp: Any, i: int, matrix: Any) -> float:
    """The font size as drawn (pdfium's is the Tf operand; the character's matrix scales it); −1 when the text
    is not upright."""
    raw.FPDFText_GetMatrix(tp, i, matrix)
    if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
        return -1.0
    return float(raw.FPDFText_GetFontSize(tp, i) * matrix.d)


def has_fake_bold(chars: list[Char]) -> bool:
    """The same glyph drawn again within a point and a half of itself (per glyph or per whole line)."""
    seen: dict[tuple[str, int], list[float]] = {}
    for char in chars:
        if char.text.isspace():
            continue
        xs = seen.setdefault((char.text, round(char.top)), [])
        if any(abs(x - char.x0) < 1.5 for x in xs):
            return True
        xs.append(char.x0)
    return False


def dedupe(chars: list[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop a glyph drawn again on top of itself (within `tolerance` points), as pdfplumber's dedupe_chars."""
    kept: list[Char] = []
    seen: dict[str, list[Char]] = {}
    for char in chars:
        twins = seen.setdefault(char.text, [])
        if any(abs(c.x0 - char.x0) <= tolerance and abs(c.top - char.top) <= tolerance for c in twins):
            continue
        twins.append(char)
        kept.append(char)
    return kept


def lines(chars: list[Char]) -> list[Line]:
    """Lines as pdfplumber's extract_text_lines gives them (x and y tolerance 3, words joined by one space)."""
    words: list[list[Char]] = []
    for cluster in _cluster(chars, lambda c: c.top):
        current: list[Char] = []
        for char in sorted(cluster, key=lambda c: c.x0):
            if char.text.isspace():
                if current:
                    words.append(current)
                current = []
                continue
            if current:
                prev = current[-1]
                if char.x0 < prev.x0 or char.x0 > prev.x1 + TOLERANCE or abs(char.top - prev.top) > TOLERANCE:
                    words.append(current)
                    current = []
            current.append(char)
        if current:
            words.append(current)
    out: list[Line] = []
    for line_words in _cluster_in_order(words, lambda w: min(c.top for c in w)):
        members = [c for word in line_words for c in word]
        text = " ".join("".join(c.text for c in word) for word in line_words).strip()
        if text:
            out.append(
                Line(
                    text,
                    min(c.x0 for c in members),
                    max(c.x1 for c in members),
                    min(c.top for c in members),
                    max(c.bottom for c in members),
                )
            )
    return out


def _cluster_ids(values: list[float]) -> dict[float, int]:
    """Distinct values sorted, a new cluster wherever the step from the last value passes the tolerance."""
    ids: dict[float, int] = {}
    last: float | None = None
    cluster = -1
    for value in sorted(set(values)):
        if last is None or value > last + TOLERANCE:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def _cluster(items: list[Char], key: Any) -> list[list[Char]]:
    ids = _cluster_ids([key(item) for item in items])
    groups: dict[int, list[Char]] = {}
    for item in items:  # stable: drawing order kept inside a line
        groups.setdefault(ids[key(item)], []).append(item)
    return [groups[k] for k in sorted(groups)]


def _cluster_in_order(items: list[list[Char]], key: Any) -> list[list[list[Char]]]:
    ids = _cluster_ids([key(item) for item in items])
    out: list[list[list[Char]]] = []
    last = None
    for item in items:
        cluster = ids[key(item)]
        if out and cluster == last:
            out[-1].append(item)
        else:
            out.append([item])
        last = cluster
    return out
