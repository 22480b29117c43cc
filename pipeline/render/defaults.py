"""Document-wide settings of a new .docx: the body text as default style, and the package's metadata."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from jigong.pipeline.render.markup import Block, DocNode
from jigong.pipeline.render.wml import attrs as _attrs
from jigong.pipeline.render.wml import el as _el

if TYPE_CHECKING:
    from jigong.pipeline.render.officedoc import Layout


def setup_styles(document: DocxDocument, layout: Layout) -> None:
    """Make 仿宋_GB2312 16 pt at the exact line pitch the default of all text."""
    latin, font, half_points = layout.latin_font, layout.body_font, round(layout.body_size_pt * 2)
    fonts = _attrs(ascii=latin, hAnsi=latin, eastAsia=font, cs=font, hint="eastAsia")
    rpr = (
        f"<w:rPr><w:rFonts{fonts}/><w:kern w:val='2'/><w:sz{_attrs(val=half_points)}/>"
        f"<w:szCs{_attrs(val=half_points)}/><w:lang w:val='en-US' w:eastAsia='zh-CN' w:bidi='ar-SA'/></w:rPr>"
    )
    spacing = _attrs(before=0, after=0, line=round(layout.line_spacing_pt * 20), lineRule="exact")
    ppr = f"<w:pPr><w:spacing{spacing}/><w:jc w:val='both'/></w:pPr>"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for child in list(defaults):
        defaults.remove(child)
    defaults.append(_el(f"<w:rPrDefault>{rpr}</w:rPrDefault>"))
    defaults.append(_el(f"<w:pPrDefault>{ppr}</w:pPrDefault>"))
    normal = document.styles["Normal"].element
    for old in normal.findall(qn("w:pPr")) + normal.findall(qn("w:rPr")):
        normal.remove(old)
    normal.append(_el(ppr))
    normal.append(_el(rpr))
    lang = document.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def set_metadata(document: DocxDocument, doc: DocNode, layout: Layout) -> None:
    props = document.core_properties
    props.author = props.last_modified_by = layout.author
    props.created = props.modified = props.last_printed = layout.timestamp
    props.revision = 1
    props.comments = ""
    titles = [n.text for n in doc.children if isinstance(n, Block) and n.kind == "title"]
    props.title = titles[0] if titles else ""
    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]  # the template's preview picture shows an empty page
