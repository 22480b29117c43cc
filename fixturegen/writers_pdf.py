"""Writer of text-layer PDF annual reports (reportlab, STSong-Light CID font)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fixturegen.numfmt import fmt_int, fmt_pct
from fixturegen.profiles import SchoolProfile
from fixturegen.prose import WRAP, Stated, fillers, ints
from fixturegen.styles import FILLER_PLAN, HARD_STYLE, NUMBER_MODE, build_report
from fixturegen.truth import PCT_CODES, Truth

FONT = "STSong-Light"
MARGIN = 2.5 * cm
FRAME_PADDING = 6  # SimpleDocTemplate's frame padding on each side, in points

_STYLES = {
    "title": ParagraphStyle(
        "title", fontName=FONT, fontSize=18, leading=28, alignment=TA_CENTER, spaceAfter=12, wordWrap="CJK"
    ),
    "h1": ParagraphStyle("h1", fontName=FONT, fontSize=14, leading=22, spaceBefore=8, spaceAfter=4, wordWrap="CJK"),
    "h2": ParagraphStyle("h2", fontName=FONT, fontSize=12, leading=20, spaceBefore=4, wordWrap="CJK"),
    "p": ParagraphStyle(
        "p", fontName=FONT, fontSize=10.5, leading=18, firstLineIndent=21, spaceAfter=4, wordWrap="CJK"
    ),
    "caption": ParagraphStyle(
        "caption",
        fontName=FONT,
        fontSize=10.5,
        leading=16,
        alignment=TA_CENTER,
        spaceBefore=6,
        spaceAfter=4,
        wordWrap="CJK",
    ),
}
# Key-figure table rows: code -> label.
_TABLE_ROWS: dict[str, str] = {
    "students_total": "全日制在校生（人）",
    "students_senior": "高级工班及以上在校生（人）",
    "senior_ratio": "高级工班及以上在校生占比",
    "majors_total": "开设专业（个）",
    "majors_coop": "校企合作专业（个）",
    "coop_ratio": "校企合作专业占比",
    "graduates": "毕业生（人）",
    "graduates_employed": "已就业毕业生（人）",
    "employment_rate": "毕业生就业率",
}


def register_font() -> None:
    """Register the built-in Chinese CID font once."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _line_texts(para: Paragraph) -> list[str]:
    lines = []
    for line in para.blPara.lines:
        if isinstance(line, tuple):
            lines.append("".join(line[1]))
        else:
            lines.append("".join(getattr(w, "text", "") for w in line.words))
    return lines


# Lead-in sentences (PDF only) that shift the marked label/figure pair along the line.
_LEAD_A = (
    "",
    "近年来，",
    "在上级部门的指导下，",
    "在市人力资源和社会保障局的指导下，",
    "在市人力资源和社会保障局的正确领导和大力支持下，",
)
_LEAD_B = (
    "学校稳步发展。",
    "学校办学规模保持稳定。",
    "学校办学规模稳中有升，生源质量持续提升。",
    "学校办学规模稳中有升，生源质量和层次结构持续优化。",
)
LEADS: tuple[str, ...] = ("", *sorted({a + b for a in _LEAD_A for b in _LEAD_B}, key=lambda t: (len(t), t)))


def _breaks_at(text: str, pos: int, style: ParagraphStyle, avail_width: float) -> Paragraph | None:
    para = Paragraph(escape(text), style)
    para.wrap(avail_width, 10_000)
    lines = _line_texts(para)
    if "".join(lines) != text:
        return None
    ends = {sum(len(x) for x in lines[: i + 1]) for i in range(len(lines) - 1)}
    return para if pos in ends else None


def wrapped_paragraph(text: str, style: ParagraphStyle, avail_width: float) -> Paragraph:
    """Paragraph whose line break falls exactly at the WRAP marker (label | figure).

    Tries a lead-in sentence and a small right indent until reportlab's CJK wrapping
    breaks the line there; the first combination that works is used (deterministic).
    """
    head, tail = text.split(WRAP, 1)
    for lead in LEADS:
        for step in range(0, 48):
            st = ParagraphStyle(f"p_wrap{step}", parent=style, rightIndent=step * 0.5)
            para = _breaks_at(lead + head + tail, len(lead + head), st, avail_width)
            if para is not None:
                return para
    raise RuntimeError(f"could not force a line break after {head[-12:]!r}")


def _fmt(code: str, value: float) -> str:
    return fmt_pct(value) if code in PCT_CODES else fmt_int(int(value), "comma")


def ruled_table(rows: list[list[str]]) -> Table:
    """A report's own table (first row the header), ruled like the key-figure table."""
    widths = [3.5 * cm] + [12 * cm / (len(rows[0]) - 1)] * (len(rows[0]) - 1)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    wrapped = [[Paragraph(escape(text), cell) for text in row] for row in rows]  # long cells wrap inside the grid
    table = Table(wrapped, colWidths=widths, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def key_table(p: SchoolProfile, stated: dict[str, object]) -> Table:
    """Ruled table of the stated key figures with the previous year for comparison."""
    data = [["指标", f"{p.year}年", f"{p.year - 1}年"]]
    for code, label in _TABLE_ROWS.items():
        if code in stated:
            now = _fmt(code, float(getattr(p, code)))
            prev = _fmt(code, p.prev[code]) if code in p.prev else "—"
            data.append([label, now, prev])
    table = Table(data, colWidths=[7.5 * cm, 4 * cm, 4 * cm], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("ALIGN", (0, 0), (0, 0), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(A4[0] / 2, 1.4 * cm, f"— {doc.page} —")
    canvas.restoreState()


def write_report_pdf(profile: SchoolProfile, path: Path | str, style: int = 0, hard: bool = False) -> Truth:
    """Write a 2-3 page text PDF report: title, prose (styles as .docx) and a key-figure table."""
    style = HARD_STYLE if hard else style
    register_font()
    p, path = profile, Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    report = build_report(p, style)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        title=report.blocks[0].text,
        author="",
        subject="",
        creator="",
        producer="",
    )
    avail = doc.width - 2 * FRAME_PADDING
    story: list[Flowable] = []
    h1_seen = 0
    for block in report.blocks:
        if block.kind == "h1":
            h1_seen += 1
            if h1_seen == 3:
                story += [
                    Paragraph(f"表1　{p.year}年度主要办学指标", _STYLES["caption"]),
                    key_table(p, report.values),
                    Spacer(1, 6),
                ]
        if block.kind == "table":
            story += [ruled_table(block.rows), Spacer(1, 6)]
        elif WRAP in block.text:
            story.append(wrapped_paragraph(block.text, _STYLES[block.kind], avail))
        else:
            story.append(Paragraph(escape(block.text), _STYLES[block.kind]))
    story.append(Paragraph("附：学校其他工作情况", _STYLES["h1"]))
    salt, used = FILLER_PLAN[style]
    for text in fillers(p, ints(NUMBER_MODE[style]), 3, salt, skip=used):
        if isinstance(text, Stated):
            report.add("p", text)  # records what it states
            text = text.text
        story.append(Paragraph(escape(text), _STYLES["p"]))
    story.append(Spacer(1, 18))
    closing = ParagraphStyle("closing", parent=_STYLES["p"], alignment=2, firstLineIndent=0)
    story += [Paragraph(escape(p.name), closing), Paragraph(f"{p.year + 1}年1月10日", closing)]
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return Truth(
        file=str(path),
        values=dict(report.values),
        school=p.name,
        evidence=dict(report.evidence),
        approximate=sorted(report.approximate),
    )
