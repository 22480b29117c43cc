"""Scanned submissions: our own text PDFs rasterised (pdftoppm) with noise, a slight skew and a red seal."""

from __future__ import annotations

import math
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from fixturegen.writers_pdf import FONT, register_font

SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SEAL_FONT_INDEX = 2  # the SC face of the collection


@dataclass
class ScanPage:
    """A rasterised page and the text of the page it was made from (whitespace removed), for CER."""

    image: Image.Image
    truth: str


def rasterise(pdf: Path, dpi: int = 150) -> list[Image.Image]:
    """Every page of a PDF as an RGB image, by poppler's pdftoppm."""
    with tempfile.TemporaryDirectory(prefix="fixturegen-scan-") as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(Path(tmp) / "p")], check=True, capture_output=True
        )
        pages = []
        for png in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
            with Image.open(png) as image:
                pages.append(image.convert("RGB"))
        return pages


def scan_look(image: Image.Image, seed: int, skew: float = 0.8, noise: float = 10.0) -> Image.Image:
    """A copier's look: slightly rotated, grey speckle, a soft blur; deterministic for a seed."""
    rng = np.random.default_rng(seed)
    rotated = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    pixels = np.asarray(rotated).astype(np.int16)
    pixels += rng.normal(0, noise, pixels.shape[:2]).astype(np.int16)[:, :, None]
    specks = rng.random(pixels.shape[:2]) < 0.0008
    pixels[specks] = 60
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="RGB")
    return out.filter(ImageFilter.GaussianBlur(0.45))


def add_seal(image: Image.Image, text: str, centre: tuple[float, float], dpi: int) -> Image.Image:
    """A round red official seal (ring, star, school name along the arc) pressed over the page."""
    radius = int(2.1 / 2.54 * dpi)
    size = 2 * radius + 8
    seal = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(seal)
    c = size / 2
    draw.ellipse((4, 4, size - 4, size - 4), outline=255, width=max(3, radius // 18))
    star = [
        (
            c + math.cos(math.radians(-90 + i * 36)) * (radius * (0.28 if i % 2 == 0 else 0.11)),
            c + math.sin(math.radians(-90 + i * 36)) * (radius * (0.28 if i % 2 == 0 else 0.11)),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=255)
    font = ImageFont.truetype(SEAL_FONT, int(radius * 0.26), index=SEAL_FONT_INDEX)
    sweep = 240.0
    for i, ch in enumerate(text):
        angle = -90 - sweep / 2 + sweep * (i + 0.5) / len(text)
        glyph = Image.new("L", (int(radius * 0.4), int(radius * 0.4)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-(angle + 90), resample=Image.Resampling.BICUBIC)
        x = c + math.cos(math.radians(angle)) * radius * 0.72 - glyph.width / 2
        y = c + math.sin(math.radians(angle)) * radius * 0.72 - glyph.height / 2
        seal.paste(255, (int(x), int(y)), glyph)
    # Seal ink multiplies with the page: black text under it stays black, as on a real copy.
    layer = Image.new("RGB", image.size, (255, 255, 255))
    mask = seal.point(lambda v: int(v * 0.85))
    layer.paste((215, 30, 35), (int(centre[0] - size / 2), int(centre[1] - size / 2)), mask)
    return ImageChops.multiply(image.convert("RGB"), layer)


def scan_pdf(source: Path, school: str, dpi: int = 150, seed: int = 1) -> list[ScanPage]:
    """Rasterise a text PDF and age each page; the last page gets the seal over its closing lines."""
    import pdfplumber

    with pdfplumber.open(str(source)) as pdf:
        truths = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    images = rasterise(source, dpi)
    pages = []
    for i, (image, truth) in enumerate(zip(images, truths, strict=True)):
        if i == len(images) - 1:
            image = add_seal(image, school, (image.width * 0.72, image.height * 0.80), dpi)
        pages.append(ScanPage(scan_look(image, seed + i, skew=0.8 if i % 2 == 0 else -0.6), truth))
    return pages


def save_scanned_pdf(pages: list[Image.Image], path: Path, dpi: int = 150) -> None:
    """The pages as a PDF of JPEG images and no text layer, the way an office copier sends them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    first, *rest = [p.convert("RGB") for p in pages]
    first.save(path, "PDF", resolution=dpi, save_all=True, append_images=rest, quality=80)


def write_notice_pdf(path: Path, school: str, year: int = 2025, rate: str = "98.6%") -> str:
    """A one-page text PDF to be scanned in tests: a heading, prose, a ruled label/value table and the
    closing lines under which the seal goes. Returns the sentence holding the employment rate."""
    register_font()
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    canvas.setFont(FONT, 16)
    canvas.drawCentredString(width / 2, height - 3 * cm, f"{school}{year}年度就业情况说明")
    canvas.setFont(FONT, 12)
    sentence = f"本年度毕业生就业率为{rate}，较上年有所提高。"
    y = height - 4.6 * cm
    for text in ("一、就业情况", f"    {sentence}", "    学校持续深化校企合作，毕业生就业质量稳步提升。"):
        canvas.drawString(2.5 * cm, y, text)
        y -= 0.9 * cm
    rows = [("项目", "数值"), ("毕业生（人）", "1768"), ("已就业（人）", "1743")]
    top = y - 0.2 * cm
    canvas.setStrokeColor(colors.black)
    for r, (label, value) in enumerate(rows):
        row_top = top - r * 0.9 * cm
        canvas.rect(2.5 * cm, row_top - 0.9 * cm, 6 * cm, 0.9 * cm)
        canvas.rect(8.5 * cm, row_top - 0.9 * cm, 4 * cm, 0.9 * cm)
        canvas.drawString(2.8 * cm, row_top - 0.62 * cm, label)
        canvas.drawString(8.8 * cm, row_top - 0.62 * cm, value)
    canvas.drawRightString(width - 3 * cm, 6 * cm, school)
    canvas.drawRightString(width - 3 * cm, 5.2 * cm, f"{year + 1}年1月10日")
    canvas.showPage()
    canvas.save()
    return sentence


def join_pdfs(parts: list[Path], path: Path) -> None:
    """One PDF of the pages of several, in order (a text report with scanned pages appended)."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    for part in parts:
        src = pypdfium2.PdfDocument(str(part))
        try:
            out.import_pages(src)
        finally:
            src.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    out.save(str(path))
    out.close()
