"""Parser for the small XML "official document markup" rendered by the memo templates."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

__all__ = [
    "ALIGNS",
    "SHADES",
    "TEXT_BLOCKS",
    "AttachmentNode",
    "Block",
    "CellNode",
    "ColophonNode",
    "DocNode",
    "ImageNode",
    "MarkupError",
    "Node",
    "TableNode",
    "parse_markup",
]


class MarkupError(Exception):
    """The markup is malformed or uses an element/attribute outside the vocabulary."""


ALIGNS = frozenset({"left", "center", "right", "justify"})
SHADES = frozenset({"fail", "review", "missing", "pass", "below_target", "not_applicable", "computed", "counted"})
# Simple one-paragraph blocks and the attributes each accepts.
TEXT_BLOCKS: dict[str, frozenset[str]] = {
    "mark": frozenset(),
    "docnum": frozenset(),
    "title": frozenset(),
    "addressee": frozenset(),
    "h1": frozenset(),
    "h2": frozenset(),
    "h3": frozenset(),
    "p": frozenset({"indent", "align"}),
    "annex": frozenset(),
    "signature": frozenset(),
    "date": frozenset(),
    "pagebreak": frozenset(),
}
_MAX_INDENT_CHARS = 20
_BREAK = "\x00"  # stands for <wbr/> while a title's text is normalised; XML text cannot hold it
_MAX_IMAGE_MM = 250
_TABLE_SIZES = ("9", "10.5", "12")  # 小五, 五号, 小四: the sizes a table's cells may take
_NEWLINE_RUN = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")
_FORBIDDEN = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class Block:
    """A single-paragraph block: kind is the element name (p, h1, title, pagebreak, ...)."""

    kind: str
    text: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    breaks: tuple[int, ...] = ()  # where a title may break into lines (<wbr/>), as offsets into text


@dataclass
class CellNode:
    """One table cell; attrs may hold "align" and "shade"."""

    text: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class TableNode:
    """A table; widths are relative column weights, the first header_rows rows repeat."""

    widths: list[float]
    header_rows: int
    rows: list[list[CellNode]]
    row_mm: float | None = None  # least height of a body row (room to write on a form)
    together: bool = False  # keep="together": the whole table on one page where it fits
    size_pt: float | None = None  # type size of the cells; the layout's table size when None


@dataclass
class AttachmentNode:
    """The 附件 note: one entry per attachment name."""

    items: list[str]


@dataclass
class ColophonNode:
    """The 版记: optional 抄送 line, issuing office and 印发 date."""

    cc: str | None
    office: str
    date: str


@dataclass
class ImageNode:
    """A picture supplied by the renderer (a chart), named by src; width in mm (None: the type area's)."""

    src: str
    width_mm: float | None = None


Node = Block | TableNode | AttachmentNode | ColophonNode | ImageNode


@dataclass
class DocNode:
    """The whole document: page orientation and the ordered blocks."""

    orient: str = "portrait"
    children: list[Node] = field(default_factory=list)


def normalize_text(raw: str | None) -> str:
    """Strip ASCII whitespace at both ends and drop whitespace runs that contain a newline."""
    if not raw:
        return ""
    return _NEWLINE_RUN.sub("", raw).strip(" \t\r\n")


class _Parser:
    """Walks an ElementTree and builds nodes, reporting errors with source and line."""

    def __init__(self, source: str, lines: dict[int, int]) -> None:
        self.source = source
        self.lines = lines

    def fail(self, elem: ET.Element | None, message: str) -> MarkupError:
        where = self.source
        if elem is not None and id(elem) in self.lines:
            where = f"{where}:{self.lines[id(elem)]}"
        return MarkupError(f"{where}: {message}")

    def check_attrs(self, elem: ET.Element, allowed: frozenset[str]) -> dict[str, str]:
        for name in elem.attrib:
            if name not in allowed:
                raise self.fail(elem, f"unknown attribute {name!r} on <{elem.tag}>")
        return dict(elem.attrib)

    def no_children(self, elem: ET.Element) -> None:
        for child in elem:
            raise self.fail(child, f"unexpected element <{child.tag}> inside <{elem.tag}>")

    def no_stray_text(self, elem: ET.Element) -> None:
        pieces = [elem.text] + [child.tail for child in elem]
        if any(normalize_text(piece) for piece in pieces):
            raise self.fail(elem, f"stray text inside <{elem.tag}>")

    def text_of(self, elem: ET.Element) -> str:
        self.no_children(elem)
        return normalize_text(elem.text)

    def breakable_text(self, elem: ET.Element) -> tuple[str, tuple[int, ...]]:
        """A title's text and the places <wbr/> marks as good line breaks."""
        pieces = [elem.text or ""]
        for child in elem:
            if child.tag != "wbr" or child.attrib or len(child) or (child.text or "").strip():
                raise self.fail(child, f"only empty <wbr/> may stand inside <{elem.tag}>")
            pieces.append(child.tail or "")
        text = normalize_text(_BREAK.join(pieces))
        breaks, plain = [], ""
        for part in text.split(_BREAK):
            if plain:
                breaks.append(len(plain))
            plain += part
        return plain, tuple(sorted(set(breaks)))

    def document(self, root: ET.Element) -> DocNode:
        if root.tag != "doc":
            raise self.fail(root, f"root element must be <doc>, not <{root.tag}>")
        attrs = self.check_attrs(root, frozenset({"orient"}))
        orient = attrs.get("orient", "portrait")
        if orient not in ("portrait", "landscape"):
            raise self.fail(root, f"orient must be portrait or landscape, not {orient!r}")
        self.no_stray_text(root)
        children: list[Node] = []
        for elem in root:
            if children and isinstance(children[-1], ColophonNode):
                raise self.fail(elem, "<colophon> must be the last element of <doc>")
            children.append(self.block(elem))
        return DocNode(orient=orient, children=children)

    def block(self, elem: ET.Element) -> Node:
        tag = elem.tag
        if tag in TEXT_BLOCKS:
            attrs = self.check_attrs(elem, TEXT_BLOCKS[tag])
            self.check_block_attrs(elem, attrs)
            if tag == "title":
                text, breaks = self.breakable_text(elem)
                return Block(kind=tag, text=text, attrs=attrs, breaks=breaks)
            text = self.text_of(elem)
            if tag == "pagebreak" and text:
                raise self.fail(elem, "<pagebreak/> must be empty")
            return Block(kind=tag, text=text, attrs=attrs)
        if tag == "table":
            return self.table(elem)
        if tag == "attachment":
            return self.attachment(elem)
        if tag == "colophon":
            return self.colophon(elem)
        if tag == "image":
            return self.image(elem)
        raise self.fail(elem, f"unknown element <{tag}>")

    def check_block_attrs(self, elem: ET.Element, attrs: dict[str, str]) -> None:
        align = attrs.get("align")
        if align is not None and align not in ALIGNS:
            raise self.fail(elem, f"align must be one of {sorted(ALIGNS)}, not {align!r}")
        indent = attrs.get("indent")
        if indent is not None:
            try:
                value = float(indent)
            except ValueError:
                value = -1.0
            if not 0 <= value <= _MAX_INDENT_CHARS:
                raise self.fail(elem, f"indent must be a number of characters, not {indent!r}")

    def table(self, elem: ET.Element) -> TableNode:
        attrs = self.check_attrs(elem, frozenset({"widths", "header", "rowheight", "keep", "size"}))
        if attrs.get("keep", "together") != "together":
            raise self.fail(elem, f"keep must be 'together', not {attrs['keep']!r}")
        self.no_stray_text(elem)
        rows: list[list[CellNode]] = []
        for tr in elem:
            if tr.tag != "tr":
                raise self.fail(tr, f"unexpected element <{tr.tag}> inside <table>")
            self.check_attrs(tr, frozenset())
            self.no_stray_text(tr)
            cells = []
            for td in tr:
                if td.tag != "td":
                    raise self.fail(td, f"unexpected element <{td.tag}> inside <tr>")
                cell_attrs = self.check_attrs(td, frozenset({"align", "shade"}))
                self.check_block_attrs(td, cell_attrs)
                shade = cell_attrs.get("shade")
                if shade is not None and shade not in SHADES:
                    raise self.fail(td, f"shade must be one of {sorted(SHADES)}, not {shade!r}")
                cells.append(CellNode(text=self.text_of(td), attrs=cell_attrs))
            if not cells:
                raise self.fail(tr, "<tr> without <td> cells")
            rows.append(cells)
        if not rows:
            raise self.fail(elem, "<table> without rows")
        ncols = max(len(row) for row in rows)
        widths = self.widths(elem, attrs.get("widths"), ncols)
        for row in rows:
            if len(row) != len(widths):
                raise self.fail(elem, f"row has {len(row)} cells, table has {len(widths)} columns")
        header = attrs.get("header", "0")
        if not header.isdigit() or int(header) > len(rows):
            raise self.fail(elem, f"header must be a row count between 0 and {len(rows)}")
        row_mm = None
        if "rowheight" in attrs:
            try:
                row_mm = float(attrs["rowheight"])
            except ValueError:
                row_mm = -1.0
            if not 3 <= row_mm <= 100:
                raise self.fail(elem, f"rowheight must be a height in mm between 3 and 100, not {attrs['rowheight']!r}")
        together = attrs.get("keep") == "together"
        size_pt = None
        if "size" in attrs:
            if attrs["size"] not in _TABLE_SIZES:
                raise self.fail(elem, f"size must be one of {', '.join(_TABLE_SIZES)} (pt), not {attrs['size']!r}")
            size_pt = float(attrs["size"])
        return TableNode(
            widths=widths, header_rows=int(header), rows=rows, row_mm=row_mm, together=together, size_pt=size_pt
        )

    def widths(self, elem: ET.Element, raw: str | None, ncols: int) -> list[float]:
        if raw is None:
            return [1.0] * ncols
        try:
            widths = [float(part) for part in raw.split(",")]
        except ValueError:
            widths = []
        if not widths or any(not w > 0 for w in widths):
            raise self.fail(elem, f"widths must be positive numbers separated by commas: {raw!r}")
        return widths

    def attachment(self, elem: ET.Element) -> AttachmentNode:
        self.check_attrs(elem, frozenset())
        items = []
        for item in elem:
            if item.tag != "item":
                raise self.fail(item, f"unexpected element <{item.tag}> inside <attachment>")
            self.check_attrs(item, frozenset())
            items.append(self.text_of(item))
        if items:
            self.no_stray_text(elem)
        else:
            items = [normalize_text(elem.text)]
        if not all(items):
            raise self.fail(elem, "empty attachment name")
        return AttachmentNode(items=items)

    def image(self, elem: ET.Element) -> ImageNode:
        attrs = self.check_attrs(elem, frozenset({"src", "width"}))
        if self.text_of(elem):
            raise self.fail(elem, "<image/> must be empty")
        src = attrs.get("src", "").strip()
        if not src:
            raise self.fail(elem, "<image/> needs src")
        width = attrs.get("width")
        if width is None:
            return ImageNode(src=src)
        try:
            mm = float(width)
        except ValueError:
            mm = 0.0
        if not 10 <= mm <= _MAX_IMAGE_MM:
            raise self.fail(elem, f"width must be a width in mm between 10 and {_MAX_IMAGE_MM}, not {width!r}")
        return ImageNode(src=src, width_mm=mm)

    def colophon(self, elem: ET.Element) -> ColophonNode:
        self.check_attrs(elem, frozenset())
        self.no_stray_text(elem)
        cc: str | None = None
        issuer: dict[str, str] | None = None
        for child in elem:
            if child.tag == "cc" and cc is None:
                self.check_attrs(child, frozenset())
                cc = self.text_of(child)
            elif child.tag == "issuer" and issuer is None:
                issuer = self.check_attrs(child, frozenset({"office", "date"}))
                if self.text_of(child):
                    raise self.fail(child, "<issuer/> must be empty")
            else:
                raise self.fail(child, f"unexpected or repeated <{child.tag}> inside <colophon>")
        if issuer is None or not issuer.get("office") or not issuer.get("date"):
            raise self.fail(elem, "<colophon> needs <issuer office=... date=.../>")
        return ColophonNode(
            cc=cc or None,
            office=normalize_text(issuer["office"]),
            date=normalize_text(issuer["date"]),
        )


def parse_markup(text: str, source: str) -> DocNode:
    """Parse official-document markup; source names the input in error messages."""
    if _FORBIDDEN.search(text):
        raise MarkupError(f"{source}: DOCTYPE and ENTITY declarations are not allowed")
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    lines: dict[int, int] = {}
    root: ET.Element | None = None
    try:
        # Feeding line by line lets us note the line on which each start tag ends.
        for number, line in enumerate(io.StringIO(text, newline=""), start=1):
            parser.feed(line)
            for event in parser.read_events():
                elem = event[-1]
                if isinstance(elem, ET.Element):
                    lines[id(elem)] = number
                    root = elem if root is None else root
        parser.close()
    except ET.ParseError as exc:
        raise MarkupError(f"{source}: malformed markup: {exc}") from None
    if root is None:
        raise MarkupError(f"{source}: empty markup")
    return _Parser(source, lines).document(root)
