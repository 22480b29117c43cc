"""python-docx helpers: Chinese fonts, table cells and byte-deterministic saving."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

FIXED_TIME = dt.datetime(2026, 1, 15, 9, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"


def set_font(style_or_run: object, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set Latin and East Asian font (and optionally size/bold) on a style or run."""
    font = style_or_run.font  # type: ignore[attr-defined]
    font.name = "Times New Roman"
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = style_or_run.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    rfonts.set(qn("w:eastAsia"), east_asia)


def new_document() -> DocxDocument:
    """Blank document with Chinese fonts, black headings and fixed core properties."""
    doc = Document()
    set_font(doc.styles["Normal"], BODY_FONT, 12)
    for name, size in (("Heading 1", 15), ("Heading 2", 13)):
        style = doc.styles[name]
        set_font(style, HEADING_FONT, size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    return doc


def add_title(doc: DocxDocument, text: str, size: float = 18) -> Paragraph:
    """Centred bold title paragraph."""
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text)
    set_font(run, BODY_FONT, size, bold=True)
    return para


def add_body(doc: DocxDocument, text: str, indent: bool = True) -> Paragraph:
    """Body paragraph, first line indented by two characters."""
    para = doc.add_paragraph(text)
    fmt = para.paragraph_format
    if indent:
        fmt.first_line_indent = Pt(24)
    fmt.line_spacing = 1.5
    return para


def set_cell(cell: _Cell, text: str, bold: bool = False, center: bool = False) -> None:
    """Replace a cell's text with one run."""
    cell.text = ""
    para = cell.paragraphs[0]
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text)
    if bold:
        run.font.bold = True


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so output is byte-stable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def docx_bytes(doc: DocxDocument) -> bytes:
    """Deterministic bytes of a document."""
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def save_docx(doc: DocxDocument, path: Path) -> None:
    """Save a document deterministically to ``path``, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(doc))
