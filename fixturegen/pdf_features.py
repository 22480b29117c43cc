"""A three-page text PDF with the layouts the PDF reader must undo, drawn line by line so each is exact.

Page 1 ends with a paragraph whose label is cut by the page break ("…毕业生就" | "业率98.6%…"), and has a
line broken at the right margin inside a label; page 2 ends with a ruled table that goes on at the top of
page 3 under a repeated header row. Every page has a running header and a page number; one heading is
drawn in fake bold (each glyph three times, slightly offset).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from fixturegen.writers_pdf import FONT, register_font

SIZE = 12.0
LEFT = 2.5 * cm
WIDTH, HEIGHT = A4
PER_LINE = int((WIDTH - 2 * LEFT) // SIZE)  # full-width characters that fill a line
HEADER = "东莞市松湖高级技工学校2025年度办学质量报告"


@dataclass
class PdfTruth:
    """Texts that must come out whole, table rows in order, and texts that must not be content."""

    paragraphs: list[str] = field(default_factory=list)
    fake_bold: str = ""
    table_rows: list[list[str]] = field(default_factory=list)
    table_pages: tuple[int, int] = (2, 3)
    running: list[str] = field(default_factory=list)


def _fill(text: str, pad: str = "学校坚持以立德树人为根本任务深化产教融合推进校企合作") -> str:
    """`text` preceded by padding so that it ends exactly at the end of a full line."""
    need = (-len(text)) % PER_LINE
    return (pad * (need // len(pad) + 1))[:need] + text


def _lines(text: str) -> list[str]:
    return [text[i : i + PER_LINE] for i in range(0, len(text), PER_LINE)]


def write_features_pdf(path: Path | str) -> PdfTruth:
    register_font()
    truth = PdfTruth()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)

    def furniture(page: int) -> None:
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(WIDTH / 2, HEIGHT - 1.3 * cm, HEADER)
        canvas.line(LEFT, HEIGHT - 1.5 * cm, WIDTH - LEFT, HEIGHT - 1.5 * cm)
        canvas.drawCentredString(WIDTH / 2, 1.2 * cm, f"第 {page} 页")
        canvas.setFont(FONT, SIZE)

    def write(lines: list[str], y: float, indent_first: bool = True) -> float:
        for i, line in enumerate(lines):
            x = LEFT + (2 * SIZE if indent_first and i == 0 else 0)
            canvas.drawString(x, y, line)
            y -= 1.6 * SIZE
        return y

    truth.running = [HEADER, "第 1 页"]
    # Page 1: a fake-bold heading, a paragraph broken at the margin inside a label, one cut by the page break.
    furniture(1)
    y = HEIGHT - 3 * cm
    truth.fake_bold = "一、主要办学指标"
    for dx in (0, 0.3, 0.6):
        canvas.drawString(LEFT + dx, y, truth.fake_bold)
    y -= 2 * SIZE
    first = "学校现有全日制在校生6045人，毕业生就" + "业率98.6%，高级工班及以上在校生2450人。"
    body = _lines(_fill(first[: first.index("业率")], "本年度学校办学规模稳定，") + first[first.index("业率") :])
    y = write(body, y)
    truth.paragraphs.append("".join(body))
    y -= SIZE
    cut = "在市人力资源和社会保障局的指导下，学校各项工作有序推进，毕业生就"
    tail = "业率98.6%，对口就业率87.2%。"
    lines = _lines(_fill(cut))
    y = 2.6 * cm + 1.6 * SIZE * (len(lines) - 1)  # the paragraph's last line is the page's last body line
    write(lines, y)
    truth.paragraphs.append(_fill(cut) + tail)
    canvas.showPage()
    # Page 2: the paragraph goes on flush left, then a table that runs to the foot of the page.
    furniture(2)
    y = write([tail], HEIGHT - 3 * cm, indent_first=False)
    rows = [["专业名称", "在校生（人）", "校企合作"]] + [
        [f"专业{i + 1:02d}", str(300 + 7 * i), "是" if i % 3 else "否"] for i in range(30)
    ]
    truth.table_rows = rows
    y -= SIZE
    widths = [6 * cm, 4 * cm, 4 * cm]
    height = 0.8 * cm
    r = 0
    page = 2
    while r < len(rows):
        if y - height < 2.5 * cm:  # page full: go on at the top of the next page under the header row again
            canvas.showPage()
            page += 1
            furniture(page)
            y = HEIGHT - 3 * cm
            _row(canvas, rows[0], y, widths, height)
            y -= height
        _row(canvas, rows[r], y, widths, height)
        y -= height
        r += 1
    truth.table_pages = (2, page)
    canvas.showPage()
    canvas.save()
    return truth


def _row(canvas: Canvas, cells: list[str], y: float, widths: list[float], height: float) -> None:
    x = LEFT
    for text, width in zip(cells, widths, strict=True):
        canvas.rect(x, y - height, width, height)
        canvas.drawString(x + 0.2 * cm, y - height + 0.25 * cm, text)
        x += width
