"""Read .docx files into the neutral document model: body, tables, text boxes, content controls, headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import docx
from lxml import etree

from jigong.pipeline.model import Block, BlockKind, Document, Position

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
# Containers that only wrap content (content controls, custom XML, smart tags): read through them.
_WRAPPERS = {W + "sdt", W + "customXml", W + "smartTag", W + "ins", W + "moveTo", MC + "AlternateContent"}
_SKIP = {W + "pPr", W + "rPr", W + "tblPr", W + "trPr", W + "tcPr", W + "sdtPr", W + "sdtEndPr", W + "del"}
_SKIP |= {W + "moveFrom", W + "delText", W + "instrText", W + "rt", MC + "Fallback", W + "footnoteReference"}
# Check boxes drawn with a symbol font (Insert → Symbol): the font's code point → the mark it shows.
_SYMBOLS = {
    ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0xA3): "☐",
    ("wingdings 2", 0x50): "✓",
    ("wingdings 2", 0x53): "☒",
    ("wingdings", 0xFE): "☑",
    ("wingdings", 0xA8): "☐",
    ("wingdings", 0xFC): "✓",
    ("wingdings", 0xFD): "☒",
    ("wingdings", 0x6F): "□",
    ("wingdings", 0x6E): "■",
}


def read_docx(source: Path | IO[bytes], rel: str) -> Document:
    """Headers, then the body in order (paragraphs with heading levels, tables cell by cell), then footers."""
    word = docx.Document(str(source) if isinstance(source, Path) else source)
    levels = _style_levels(word.styles.element)
    body = word.element.body
    heads: list[Block] = []
    feet: list[Block] = []
    seen: set[str] = set()
    for sect in body.iter(W + "sectPr"):
        for ref in sect:
            if ref.tag not in (W + "headerReference", W + "footerReference"):
                continue
            part = word.part.related_parts.get(ref.get(R_ID, ""))
            if part is None or str(part.partname) in seen:
                continue
            seen.add(str(part.partname))
            is_header = ref.tag == W + "headerReference"
            walker = _Walker(levels, "header" if is_header else "footer", "页眉" if is_header else "页脚")
            element = getattr(part, "element", None)  # python-docx parses header and footer parts
            if element is not None:
                walker.container(element)
            (heads if is_header else feet).extend(walker.blocks)
    walker = _Walker(levels)
    walker.container(body)
    return Document(path=rel, blocks=heads + walker.blocks + feet)


class _Walker:
    """Walks one story (body, a header, a footer) and numbers its paragraphs and tables."""

    def __init__(self, levels: dict[str, int], kind: BlockKind | None = None, part: str | None = None) -> None:
        self.levels = levels
        self.kind = kind  # header/footer: every block of the story has that kind
        self.part = part
        self.blocks: list[Block] = []
        self.para_no = 0
        self.table_no = 0

    def container(self, element: etree._Element, part: str | None = None) -> None:
        for child in _unwrapped(element):
            if child.tag == W + "p":
                self.paragraph(child, part or self.part)
            elif child.tag == W + "tbl":
                self.table(child, part or self.part)

    def paragraph(self, p: etree._Element, part: str | None) -> None:
        boxes: list[etree._Element] = []
        text = _text(p, boxes).strip()
        if text:
            self.para_no += 1
            level = _paragraph_level(p, self.levels)
            kind: BlockKind = self.kind or ("heading" if level else "paragraph")
            self.blocks.append(Block(text, kind, Position(paragraph=self.para_no, part=part), level=level))
        for box in boxes:  # a text box anchored here reads after its anchor paragraph
            self.container(box, self.part or "文本框")

    def table(self, tbl: etree._Element, part: str | None) -> None:
        self.table_no += 1
        number = self.table_no
        rows = [tr for tr in _unwrapped(tbl) if tr.tag == W + "tr"]
        for r, tr in enumerate(rows, start=1):
            col = 1 + _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
            for tc in (c for c in _unwrapped(tr) if c.tag == W + "tc"):
                props = tc.find(W + "tcPr")
                span = max(1, _int(None if props is None else props.find(W + "gridSpan"), 1))
                vmerge = None if props is None else props.find(W + "vMerge")
                if vmerge is not None and vmerge.get(W + "val", "continue") == "continue":
                    col += span  # covered by the merged cell above: its text was read once already
                    continue
                nested: list[etree._Element] = []
                boxes: list[etree._Element] = []
                lines = []
                for child in _unwrapped(tc):
                    if child.tag == W + "p":
                        lines.append(_text(child, boxes))
                    elif child.tag == W + "tbl":
                        nested.append(child)
                position = Position(table=number, row=r, col=col, part=part)
                self.blocks.append(Block("\n".join(lines).strip(), self.kind or "cell", position))
                for inner in nested:  # a table inside a cell gets the next number, read after its cell
                    self.table(inner, part)
                for box in boxes:
                    self.container(box, self.part or "文本框")
                col += span


def _unwrapped(element: etree._Element) -> Iterator[etree._Element]:
    """Children, reading through content controls and other wrappers (only mc:Choice of alternates)."""
    for child in element:
        tag = child.tag
        if tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _unwrapped(content)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                yield from _unwrapped(choice)
        elif tag in _WRAPPERS:
            yield from _unwrapped(child)
        else:
            yield child


def _text(element: etree._Element, boxes: list[etree._Element]) -> str:
    """The visible text of a paragraph; text boxes found inside are collected, not inlined."""
    out: list[str] = []
    _collect(element, out, boxes, "")
    return "".join(out)


def _collect(element: etree._Element, out: list[str], boxes: list[etree._Element], font: str) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            text = child.text or ""
            if font and len(text) == 1 and (font, ord(text) & 0xFF) in _SYMBOLS:
                text = _SYMBOLS[(font, ord(text) & 0xFF)]
            out.append(text)
        elif tag == W + "r":
            if not _hidden(child):  # hidden text is neither shown nor printed: not what the school states
                _collect(child, out, boxes, _run_font(child))
        elif tag == W + "tab" or tag == W + "ptab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") not in ("page", "column"):
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "sym":
            out.append(_symbol(child))
        elif tag == W + "fldChar":
            out.append(_form_checkbox(child))
        elif tag == W + "txbxContent":
            boxes.append(child)
        elif tag == W + "sdt":
            props = child.find(W + "sdtPr")
            if props is not None and props.find(W + "showingPlcHdr") is not None:
                continue  # the control still shows its prompt ("单击此处输入文字"): nothing was filled in
            content = child.find(W + "sdtContent")
            if content is not None:
                _collect(content, out, boxes, font)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                _collect(choice, out, boxes, font)
        else:
            _collect(child, out, boxes, font)


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "1") not in ("0", "false", "off")


def _run_font(run: etree._Element) -> str:
    fonts = run.find(f"{W}rPr/{W}rFonts")
    if fonts is None:
        return ""
    name = (fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or "").lower()
    return name if name.startswith("wingdings") else ""


def _symbol(sym: etree._Element) -> str:
    font = (sym.get(W + "font") or "").lower()
    try:
        code = int(sym.get(W + "char") or "", 16)
    except ValueError:
        return ""
    return _SYMBOLS.get((font, code & 0xFF), "")


def _form_checkbox(fld: etree._Element) -> str:
    """A legacy form-field check box (FORMCHECKBOX) shows ☑ or ☐ where its field begins."""
    if fld.get(W + "fldCharType") != "begin":
        return ""
    box = fld.find(f"{W}ffData/{W}checkBox")
    if box is None:
        return ""
    state = box.find(W + "checked")
    if state is None:
        state = box.find(W + "default")
    if state is None:
        return "☐"
    return "☑" if state.get(W + "val", "1") in ("1", "true", "on") else "☐"


def _int(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(W + "val", default))
    except ValueError:
        return default


def _style_levels(styles: etree._Element) -> dict[str, int]:
    """Paragraph style id → heading level (by name: Heading N / 标题 N / Title; or by outline level)."""
    names: dict[str, str] = {}
    outline: dict[str, int] = {}
    based: dict[str, str] = {}
    for style in styles.iter(W + "style"):
        sid = style.get(W + "styleId") or ""
        name = style.find(W + "name")
        names[sid] = (name.get(W + "val") or "") if name is not None else ""
        level = style.find(f"{W}pPr/{W}outlineLvl")
        if level is not None:
            outline[sid] = _int(level, 9)
        parent = style.find(W + "basedOn")
        if parent is not None:
            based[sid] = parent.get(W + "val") or ""
    levels: dict[str, int] = {}
    for sid in names:
        match = _HEADING_NAME.match(names[sid].strip())
        if match:
            levels[sid] = int(match.group(1))
            continue
        if names[sid].strip().lower() == "title":
            levels[sid] = 1
            continue
        current, hops = sid, 0
        while current and current not in outline and hops < 10:
            current, hops = based.get(current, ""), hops + 1
        lvl = outline.get(current, 9)
        if lvl < 9:
            levels[sid] = lvl + 1
    return levels


def _paragraph_level(p: etree._Element, levels: dict[str, int]) -> int:
    props = p.find(W + "pPr")
    if props is None:
        return 0
    direct = props.find(W + "outlineLvl")
    if direct is not None:
        lvl = _int(direct, 9)
        return lvl + 1 if lvl < 9 else 0
    style = props.find(W + "pStyle")
    return levels.get(style.get(W + "val") or "", 0) if style is not None else 0
