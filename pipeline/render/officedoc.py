"""Write a parsed official-document markup tree as a GB/T 9704-2012 style .docx."""

from __future__ import annotations

import copy
import io
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.section import _Footer
from docx.shared import Emu

from jigong.pipeline.render.defaults import set_metadata, setup_styles
from jigong.pipeline.render.markup import (
    AttachmentNode,
    Block,
    ColophonNode,
    DocNode,
    ImageNode,
    MarkupError,
    TableNode,
)
from jigong.pipeline.render.output import write_bytes_atomic
from jigong.pipeline.render.package import stable_zip
from jigong.pipeline.render.titles import title_lines
from jigong.pipeline.render.wml import attrs as _attrs
from jigong.pipeline.render.wml import el as _el
from jigong.pipeline.render.wml import tw as _tw

__all__ = ["SHADE_FILLS", "Layout", "docx_bytes", "render_docx"]

SHADE_FILLS = {  # light cell backgrounds per status; "pass" has none
    "fail": "F8D7DA",
    "review": "FFF2CC",
    "below_target": "FFF2CC",
    "missing": "E7E6E6",
    "not_applicable": "F2F2F2",
    "computed": "DEEAF6",
}
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")  # schema order
_SPLIT_CHARS = 160  # a table row with more text than this may break across pages
_WORD_EM = 6.0  # a header piece or a body entry this short is one word: it never breaks (审查结论, 暂缓通过, 98.5%)
_TEXT_EM = 7.0  # a column of running text keeps room for this many characters a line where it can
_CELL_PAD = 114 + 40  # twips: the cell's left and right margins, and a little slack for the font's own spacing


# Where the tables' headers may break between words: before these (高级工班|及以上|在校生|占比) and after a slash.
_HEADER_WORDS = ("及以上", "在校生", "毕业生", "就业率", "校企合作", "培养模式", "专业", "占比", "比例", "人数")


def _breaks(text: str) -> tuple[int, ...]:
    """Where a header may break: after a slash ("已读/收到"), before a word of _HEADER_WORDS."""
    cuts = {i + 1 for i, ch in enumerate(text) if ch in "/／"}
    for word in _HEADER_WORDS:
        cuts.update(m.start() for m in re.finditer(word, text))
    return tuple(sorted(c for c in cuts if 0 < c < len(text)))


def _pieces(text: str) -> list[str]:
    cuts = (0, *_breaks(text), len(text))
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def _em(text: str) -> float:
    """Width in em: a Chinese character takes one, a Latin letter or digit about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55 for ch in text)


@dataclass(frozen=True)
class Layout:
    """Page and type settings; defaults follow GB/T 9704-2012 (lengths in mm, sizes in pt)."""

    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: float = 37.0
    margin_bottom_mm: float = 35.0
    margin_left_mm: float = 28.0  # binding side
    margin_right_mm: float = 26.0
    body_font: str = "仿宋_GB2312"
    body_size_pt: float = 16.0
    latin_font: str = "Times New Roman"  # ascii/hAnsi font of every run except the page number
    line_spacing_pt: float = 28.9  # exact; 22 lines fill the 225 mm type area
    chars_per_line: int = 28  # body runs are condensed just enough to fit this many; 0: off
    title_font: str = "方正小标宋简体"
    title_size_pt: float = 22.0
    mark_font: str = "方正小标宋简体"
    mark_size_pt: float = 26.0
    red: str = "FF0000"
    h1_font: str = "黑体"
    h2_font: str = "楷体_GB2312"
    h3_font: str = "仿宋_GB2312"
    table_size_pt: float = 12.0
    table_line_pt: float = 18.0
    table_header_font: str = "黑体"
    colophon_size_pt: float = 14.0
    page_number_font: str = "宋体"
    page_number_size_pt: float = 14.0
    page_number_gap_mm: float = 7.0  # from the type area's lower edge to the top of the number
    author: str = "东莞市人力资源和社会保障局"
    timestamp: datetime = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class _Fmt:
    """Paragraph and run formatting of one kind of paragraph."""

    font: str
    size: float
    bold: bool = False
    color: str | None = None
    jc: str = "both"
    first_chars: float = 0.0  # first-line indent in characters; negative: hanging indent
    left_chars: float = 0.0
    right_chars: float = 0.0
    line: int | None = None  # exact line height in twips; None: the layout's pitch; 0: single
    before: int = 0  # space before in twips
    keep_next: bool = False
    snap: bool = True
    latin: str | None = None  # None: the layout's latin font


class _Writer:
    """Appends the body of one document and sets up its page and footers."""

    def __init__(
        self, document: DocxDocument, layout: Layout, landscape: bool, images: dict[str, bytes] | None = None
    ) -> None:
        self.doc = document
        self.images = images or {}
        self.lay = layout
        self.body = document.element.body
        self.pending_break = False
        if landscape:
            # The page is turned so that its top edge is the binding side: the portrait
            # margins rotate to top 28, bottom 26, left 37, right 35 mm.
            self.page = (layout.page_height_mm, layout.page_width_mm)
            self.margins = (
                layout.margin_left_mm,
                layout.margin_right_mm,
                layout.margin_top_mm,
                layout.margin_bottom_mm,
            )
        else:
            self.page = (layout.page_width_mm, layout.page_height_mm)
            self.margins = (
                layout.margin_top_mm,
                layout.margin_bottom_mm,
                layout.margin_left_mm,
                layout.margin_right_mm,
            )
        top, bottom, left, right = self.margins
        self.width = _tw(self.page[0] - left - right)
        self.height = _tw(self.page[1] - top - bottom)
        self.pitch = round(layout.line_spacing_pt * 20)
        # Condense body runs (twentieths of a point) so chars_per_line characters fit a line;
        # Word could do this with a linesAndChars grid, but LibreOffice then spreads characters.
        per_char = self.width / layout.chars_per_line if layout.chars_per_line > 0 else math.inf
        self.squeeze = min(0, math.floor(per_char - layout.body_size_pt * 20))
        self._rpr: dict[_Fmt, str] = {}

    # -- XML snippets ---------------------------------------------------------
    def rpr(self, f: _Fmt) -> str:
        known = self._rpr.get(f)  # a handful of formats, each written thousands of times
        if known is None:
            known = self._rpr[f] = self._make_rpr(f)
        return known

    def _make_rpr(self, f: _Fmt) -> str:
        latin = f.latin or self.lay.latin_font
        xml = f"<w:rFonts{_attrs(ascii=latin, hAnsi=latin, eastAsia=f.font, cs=f.font, hint='eastAsia')}/>"
        xml += "<w:b/><w:bCs/>" if f.bold else ""
        xml += f"<w:color{_attrs(val=f.color)}/>" if f.color else ""
        if f.size == self.lay.body_size_pt and self.squeeze:
            xml += f"<w:spacing{_attrs(val=self.squeeze)}/>"
        half_points = round(f.size * 2)
        xml += f"<w:sz{_attrs(val=half_points)}/><w:szCs{_attrs(val=half_points)}/>"
        return f"<w:rPr>{xml}</w:rPr>"

    def run(self, text: str, f: _Fmt) -> str:
        return f'<w:r>{self.rpr(f)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def ppr(self, f: _Fmt, extra: str = "") -> str:
        xml = "<w:keepNext/>" if f.keep_next else ""
        if self.pending_break:
            xml += "<w:pageBreakBefore/>"
            self.pending_break = False
        xml += extra  # pBdr and tabs, which come before snapToGrid in the schema
        xml += "" if f.snap else '<w:snapToGrid w:val="0"/>'
        line = self.pitch if f.line is None else f.line
        rule = "exact" if line else "auto"
        xml += f"<w:spacing{_attrs(before=f.before, after=0, line=line or 240, lineRule=rule)}/>"
        char = f.size * 20
        ind: dict[str, int] = {}
        if f.left_chars:
            ind.update(leftChars=round(f.left_chars * 100), left=round(f.left_chars * char))
        if f.right_chars:
            ind.update(rightChars=round(f.right_chars * 100), right=round(f.right_chars * char))
        if f.first_chars > 0:
            ind.update(firstLineChars=round(f.first_chars * 100), firstLine=round(f.first_chars * char))
        elif f.first_chars < 0:
            ind.update(hangingChars=round(-f.first_chars * 100), hanging=round(-f.first_chars * char))
        xml += f"<w:ind{_attrs(**(ind or {'left': 0, 'right': 0, 'firstLine': 0}))}/>"
        return f"<w:pPr>{xml}<w:jc{_attrs(val=f.jc)}/>{self.rpr(f)}</w:pPr>"

    def para(self, text: str, f: _Fmt, extra: str = "", runs: str | None = None) -> str:
        body = self.run(text, f) if runs is None and text else runs or ""
        return f"<w:p>{self.ppr(f, extra)}{body}</w:p>"

    def add(self, xml: str) -> None:
        self.body.sectPr.addprevious(_el(xml))

    # -- formats ------------------------------------------------------------
    def body_fmt(self, **changes: object) -> _Fmt:
        return replace(_Fmt(font=self.lay.body_font, size=self.lay.body_size_pt), **changes)  # type: ignore[arg-type]

    def block_fmt(self, block: Block, prev: str | None) -> _Fmt:
        lay, kind = self.lay, block.kind
        if kind == "mark":
            return _Fmt(lay.mark_font, lay.mark_size_pt, color=lay.red, jc="center", line=0, snap=False)
        if kind == "docnum":
            return self.body_fmt(jc="center", before=self.pitch if prev == "mark" else 0)
        if kind == "title":
            return _Fmt(lay.title_font, lay.title_size_pt, jc="center", keep_next=True)
        if kind == "addressee":
            return self.body_fmt(keep_next=True)
        if kind in ("h1", "h2", "h3"):
            font = {"h1": lay.h1_font, "h2": lay.h2_font, "h3": lay.h3_font}[kind]
            return _Fmt(font, lay.body_size_pt, bold=kind == "h3", first_chars=2, keep_next=True)
        if kind == "annex":  # "附件1" atop an attachment: 黑体, flush left
            return self.body_fmt(font=lay.h1_font, jc="left", keep_next=True)
        if kind == "signature":
            return self.body_fmt(jc="right", right_chars=2, keep_next=True)
        if kind == "date":
            return self.body_fmt(jc="right", right_chars=4)
        indent = float(block.attrs.get("indent", "2"))
        return self.body_fmt(jc=_JC[block.attrs.get("align", "justify")], first_chars=indent)

    # -- blocks -------------------------------------------------------------
    def render(self, doc: DocNode) -> None:
        prev: str | None = None
        for node in doc.children:
            if isinstance(node, Block):
                self.block(node, prev)
                prev = node.kind
            elif isinstance(node, TableNode):
                if prev in ("p", "h1", "h2", "h3"):
                    self.keep_with_next()  # the words introducing a table stay on its page
                self.table(node)
                prev = "table"
            elif isinstance(node, AttachmentNode):
                self.attachment(node)
                prev = "attachment"
            elif isinstance(node, ImageNode):
                self.image(node, after_table=prev == "table")
                prev = "image"
            else:
                self.colophon(node)
                prev = "colophon"
        if self.pending_break:  # a trailing <pagebreak/> still gives an empty last page
            self.add(self.para("", self.body_fmt()))

    def block(self, block: Block, prev: str | None) -> None:
        if block.kind == "pagebreak":
            if self.pending_break:  # two breaks in a row keep the empty page between them
                self.add(self.para("", self.body_fmt()))
            self.pending_break = True
            return
        if block.kind == "signature":  # never alone at the top of a page
            self.keep_with_next()
        if block.kind in ("title", "signature") and prev not in (None, "pagebreak"):
            self.add(self.para("", self.body_fmt(keep_next=block.kind == "signature")))
        extra = ""
        if block.kind == "docnum":  # the red rule under the document number, type-area wide
            rule = _attrs(val="single", sz=12, space=11, color=self.lay.red)
            extra = f"<w:pBdr><w:bottom{rule}/></w:pBdr>"
        f = self.block_fmt(block, prev)
        runs = None
        if block.kind == "title":
            capacity = self.width / (self.lay.title_size_pt * 20) - 1  # a character of slack for the estimate
            lines = title_lines(block.text, block.breaks, capacity)
            runs = f"<w:r>{self.rpr(f)}<w:br/></w:r>".join(self.run(line, f) for line in lines)
        self.add(self.para(block.text, f, extra, runs=runs))
        if block.kind == "title":
            self.add(self.para("", self.body_fmt()))

    def attachment(self, node: AttachmentNode) -> None:
        # The note, the signature and the date stay on the page of the body's last lines.
        self.keep_with_next()
        self.add(self.para("", self.body_fmt(keep_next=True)))
        numbered = len(node.items) > 1
        for index, item in enumerate(node.items, start=1):
            text = f"{index}.{item}" if numbered else item
            if index == 1:  # "附件：" starts 2 characters in; the names hang 5 characters in
                self.add(self.para("附件：" + text, self.body_fmt(left_chars=5, first_chars=-3, keep_next=True)))
            else:
                self.add(self.para(text, self.body_fmt(left_chars=5, keep_next=True)))

    def keep_with_next(self) -> None:
        last = self.body.sectPr.getprevious()
        if last is not None and last.tag == qn("w:p"):
            ppr = last.get_or_add_pPr()
            if ppr.find(qn("w:keepNext")) is None:
                ppr.insert(0, _el("<w:keepNext/>"))

    def image(self, node: ImageNode, after_table: bool = False) -> None:
        """A centred picture in a paragraph of its own height (exact line spacing would clip it); a little space
        above it after a table, whose last row's bottom rule the picture would otherwise cover."""
        data = self.images.get(node.src)
        if data is None:
            raise MarkupError(f"<image src={node.src!r}>: no such picture; the renderer supplies {sorted(self.images)}")
        width = self.width if node.width_mm is None else min(self.width, _tw(node.width_mm))
        inline = self.doc.part.new_pic_inline(io.BytesIO(data), Emu(width * 635), None)
        para = _el(
            self.para(
                "",
                self.body_fmt(jc="center", line=0, snap=False, keep_next=True, before=120 if after_table else 0),
                runs="<w:r><w:drawing/></w:r>",
            )
        )
        para.find(f"{qn('w:r')}/{qn('w:drawing')}").append(inline)
        self.body.sectPr.addprevious(para)

    def table(self, node: TableNode) -> None:
        if self.pending_break:  # a table cannot break before itself: use a 1 pt paragraph
            self.add(self.para("", self.body_fmt(size=1, line=20)))
        lay = self.lay
        total = sum(node.widths)
        cols = [int(self.width * w / total) for w in node.widths]
        cols[-1] += self.width - sum(cols)
        cols = self.fit_columns(node, cols)
        line = _attrs(val="single", sz=4, space=0, color="000000")
        edges = "".join(f"<w:{e}{line}/>" for e in _EDGES)
        xml = (
            f"<w:tbl><w:tblPr><w:tblW{_attrs(w=self.width, type='dxa')}/><w:jc w:val='center'/>"
            f"<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type='fixed'/>"
            "<w:tblCellMar><w:left w:w='57' w:type='dxa'/><w:right w:w='57' w:type='dxa'/></w:tblCellMar>"
            "<w:tblLook w:val='0000'/></w:tblPr><w:tblGrid>"
            + "".join(f"<w:gridCol{_attrs(w=c)}/>" for c in cols)
            + "</w:tblGrid>"
        )
        size_pt = node.size_pt or lay.table_size_pt
        line_height = round(lay.table_line_pt * size_pt / lay.table_size_pt * 20)
        cell_fmt = _Fmt(lay.body_font, node.size_pt or lay.table_size_pt, jc="left", line=line_height, snap=False)
        head_fmt = replace(cell_fmt, font=lay.table_header_font, bold=True, jc="center")
        for index, row in enumerate(node.rows):
            header = index < node.header_rows
            height = ""
            if node.row_mm and not header:
                height = f"<w:trHeight{_attrs(val=_tw(node.row_mm), hRule='atLeast')}/>"
            # Short rows stay whole; a long one may continue on the next page rather than leave half a page blank.
            whole = "<w:cantSplit/>" if header or sum(len(c.text) for c in row) <= _SPLIT_CHARS else ""
            xml += f"<w:tr><w:trPr>{whole}{height}" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
            # The header keeps with the first body row: a header never ends a page alone. (The first body row does
            # not keep with the next: chained, LibreOffice pushed 一、基本情况 and its table to page 2.)
            keep = (node.together or index < node.header_rows) and index + 1 < len(node.rows)
            for width, cell in zip(cols, row, strict=True):
                f = head_fmt if header else cell_fmt
                if keep:
                    f = replace(f, keep_next=True)
                if "align" in cell.attrs:
                    f = replace(f, jc=_JC[cell.attrs["align"]])
                fill = SHADE_FILLS.get(cell.attrs.get("shade", ""))
                shade = f"<w:shd{_attrs(val='clear', color='auto', fill=fill)}/>" if fill else ""
                tcw = _attrs(w=width, type="dxa")
                tcpr = f"<w:tcPr><w:tcW{tcw}/>{shade}<w:vAlign w:val='center'/></w:tcPr>"
                runs = None
                if header and _breaks(cell.text):  # "待核实/未提供": lines break after the slash, nowhere else
                    lines = title_lines(cell.text, _breaks(cell.text), (width - _CELL_PAD) / (f.size * 20))
                    runs = f"<w:r>{self.rpr(f)}<w:br/></w:r>".join(self.run(line, f) for line in lines)
                xml += f"<w:tc>{tcpr}{self.para(cell.text, f, runs=runs)}</w:tc>"
            xml += "</w:tr>"
        self.add(xml + "</w:tbl>")

    def fit_columns(self, node: TableNode, cols: list[int]) -> list[int]:
        """Widen the columns whose header or short entries would otherwise break inside a word ("审查结/论",
        "暂缓通/过"), taking the room from columns with room to spare; the template's widths where all cannot fit."""
        size = (node.size_pt or self.lay.table_size_pt) * 20
        heads = [0] * len(cols)  # what each column's header words need
        least = [0] * len(cols)  # ... and its short entries (暂缓通过, 98.5%)
        floor = [0] * len(cols)  # what a column of running text (a school's name) keeps when others take room
        for index, row in enumerate(node.rows):
            for col, cell in enumerate(row):
                if index < node.header_rows:
                    pieces = _pieces(cell.text)
                    words = pieces if all(_em(p) <= _WORD_EM for p in pieces) else []
                else:
                    words = [cell.text] if _em(cell.text) <= _WORD_EM else []
                    if not words:
                        floor[col] = math.ceil(_TEXT_EM * size) + _CELL_PAD
                for word in words:
                    need = math.ceil(_em(word) * size) + _CELL_PAD
                    least[col] = max(least[col], need)
                    if index < node.header_rows:
                        heads[col] = max(heads[col], need)
        if sum(least) > self.width:  # the headers first: an entry may wrap, a header word may not
            least = heads
        if sum(least) > self.width:
            return cols
        short = sum(max(0, need - have) for need, have in zip(least, cols, strict=True))
        if not short:
            return cols
        floor = [max(a, b) for a, b in zip(least, floor, strict=True)]
        if sum(max(0, have - low) for low, have in zip(floor, cols, strict=True)) < short:
            floor = least
        spare = [max(0, have - low) for low, have in zip(floor, cols, strict=True)]
        room = sum(spare)
        out = [
            max(need, have - (short * extra // room if room else 0))
            for need, have, extra in zip(least, cols, spare, strict=True)
        ]
        out[max(range(len(out)), key=lambda i: spare[i])] += self.width - sum(out)
        return out

    def colophon(self, node: ColophonNode) -> None:
        """End the body's section and set the 版记 at the foot of the next even page."""
        self.pending_break = False  # the section break starts the new page
        last = self.body.sectPr.getprevious()
        if last is None or last.tag != qn("w:p"):
            self.add(self.para("", self.body_fmt(size=1, line=20)))
            last = self.body.sectPr.getprevious()
        final = self.body.sectPr
        # The body's section properties (footers included) move into its last paragraph;
        # the colophon's section starts on an even page and inherits the footers.
        last.get_or_add_pPr().append(copy.deepcopy(final))
        for ref in final.findall(qn("w:footerReference")) + final.findall(qn("w:headerReference")):
            final.remove(ref)
        final.insert(0, _el('<w:type w:val="evenPage"/>'))
        # GB/T 9704 §7.5: neither the 版记 page nor a blank page before it carries a page number. Its section has
        # footers of its own, empty: right whether the body ends on an odd page or an even one, and whether the
        # blank page is printed or dropped (the last page is never numbered as if it were there).
        section = self.doc.sections[-1]
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False

        f = _Fmt(self.lay.body_font, self.lay.colophon_size_pt, jc="left", first_chars=1, snap=False)
        thick = _attrs(val="single", sz=8, space=1, color="000000")  # 1 pt
        thin = _attrs(val="single", sz=6, space=1, color="000000")  # 0.75 pt
        paras = ""
        if node.cc is not None:
            cc = node.cc if node.cc.startswith("抄送") else f"抄送：{node.cc}"
            paras += self.para(cc, f, f"<w:pBdr><w:top{thick}/><w:bottom{thin}/></w:pBdr>")
        rules = f"<w:bottom{thick}/>" if paras else f"<w:top{thick}/><w:bottom{thick}/>"
        indent = round(self.lay.colophon_size_pt * 20)
        tabs = f"<w:tabs><w:tab{_attrs(val='right', pos=self.width - indent)}/></w:tabs>"
        runs = self.run(node.office, f) + f"<w:r>{self.rpr(f)}<w:tab/></w:r>" + self.run(node.date, f)
        paras += self.para("", f, f"<w:pBdr>{rules}</w:pBdr>{tabs}", runs=runs)
        # A borderless one-cell table nearly as tall as the type area holds the colophon at
        # its bottom; the document's closing 1 pt paragraph still fits on the same page.
        nil = "".join(f"<w:{e} w:val='nil'/>" for e in _EDGES)
        zero = "".join(f"<w:{e} w:w='0' w:type='dxa'/>" for e in _EDGES[:4])
        width, height = _attrs(w=self.width, type="dxa"), _attrs(val=self.height - 120, hRule="exact")
        self.add(
            f"<w:tbl><w:tblPr><w:tblW{width}/><w:jc w:val='center'/><w:tblBorders>{nil}</w:tblBorders>"
            f"<w:tblLayout w:type='fixed'/></w:tblPr><w:tblGrid><w:gridCol w:w='{self.width}'/></w:tblGrid>"
            f"<w:tr><w:trPr><w:cantSplit/><w:trHeight{height}/></w:trPr>"
            f"<w:tc><w:tcPr><w:tcW{width}/><w:tcMar>{zero}</w:tcMar><w:vAlign w:val='bottom'/></w:tcPr>"
            f"{paras}</w:tc></w:tr></w:tbl>"
        )
        self.add(self.para("", self.body_fmt(size=1, line=20, snap=False)))

    # -- page setup and footers ----------------------------------------------
    def setup(self, landscape: bool) -> None:
        lay = self.lay
        top, bottom, left, right = self.margins
        # The footer distance is measured to the bottom of the footer line; the top of the
        # 14 pt digits sits about 5 mm above it.
        footer = bottom - lay.page_number_gap_mm - 5.0
        orient = {"orient": "landscape"} if landscape else {}
        size = _attrs(w=_tw(self.page[0]), h=_tw(self.page[1]), **orient)
        margins = _attrs(
            top=_tw(top), right=_tw(right), bottom=_tw(bottom), left=_tw(left),
            header=_tw(15), footer=_tw(footer), gutter=0,
        )  # fmt: skip
        sect = self.body.sectPr
        for child in list(sect):
            sect.remove(child)
        # No linesAndChars document grid: LibreOffice would spread the characters over its cells.
        for xml in (f"<w:pgSz{size}/>", f"<w:pgMar{margins}/>", '<w:cols w:space="425"/>',
                    f"<w:docGrid{_attrs(linePitch=self.pitch)}/>"):  # fmt: skip
            sect.append(_el(xml))
        self.doc.settings.odd_and_even_pages_header_footer = True
        section = self.doc.sections[0]
        self.footer(section.footer, odd=True)
        self.footer(section.even_page_footer, odd=False)

    def footer(self, part: _Footer, odd: bool) -> None:
        """Page number "— N —": odd pages right, even pages left, 1 character in."""
        part.is_linked_to_previous = False
        ftr = part._element
        for child in list(ftr):
            ftr.remove(child)
        lay = self.lay
        f = _Fmt(lay.page_number_font, lay.page_number_size_pt, jc="left", line=360, snap=False,
                 latin=lay.page_number_font, left_chars=1)  # fmt: skip
        if odd:
            f = replace(f, jc="right", left_chars=0, right_chars=1)
        rpr = self.rpr(f)
        field = "".join(
            f"<w:r>{rpr}{part_xml}</w:r>"
            for part_xml in (
                '<w:fldChar w:fldCharType="begin"/>',
                '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>',
                "<w:t>1</w:t>",
                '<w:fldChar w:fldCharType="end"/>',
            )
        )
        runs = self.run("\u2014 ", f) + field + self.run(" \u2014", f)
        ftr.append(_el(self.para("", f, runs=runs)))


def docx_bytes(doc: DocNode, layout: Layout = Layout(), images: dict[str, bytes] | None = None) -> bytes:
    """The .docx package of doc; the same input always gives the same bytes."""
    landscape = doc.orient == "landscape"
    document = docx.Document()
    setup_styles(document, layout)
    writer = _Writer(document, layout, landscape, images)
    writer.setup(landscape)
    writer.render(doc)
    set_metadata(document, doc, layout)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def render_docx(doc: DocNode, path: Path, layout: Layout = Layout(), images: dict[str, bytes] | None = None) -> None:
    """Render doc to path, atomically."""
    write_bytes_atomic(Path(path), docx_bytes(doc, layout, images))
