"""Scanned pages and photos (.jpg .png .tif, scanned PDF pages) → page images ready for OCR → blocks."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from jigong.pipeline.errors import ReadError, UnsupportedFile
from jigong.pipeline.model import Document
from jigong.pipeline.readers.layout import Line
from jigong.pipeline.readers.options import ReadOptions
from jigong.pipeline.readers.pdf_tables import Fragment
from jigong.pipeline.run import metrics

MAX_PIXELS = 40_000_000  # larger pages are scaled down first: A4 at 600 dpi is 35 million pixels
MAX_FRAMES = 50  # more pages than this in one image file is no document photo: an inspector looks at it

# lines, tables, width, height (pixels), and the quarter turn (0, 90, 180, 270) that made the page upright
Recognised = tuple[list[Line], list[Fragment], float, float, int]


def read_image(path: Path, rel: str, options: ReadOptions | None = None) -> Document:
    """Every frame of an image file (a multi-page TIFF has several) recognised as one page."""
    from jigong.pipeline.readers.pdf import PageText, assemble

    options = options or ReadOptions()
    if not options.ocr:
        raise UnsupportedFile(rel, "图片需经文字识别才能读取，本次运行未启用文字识别，请人工查阅。")
    pages = []
    try:
        with warnings.catch_warnings():
            # Opening reads the header only; the size is checked below against our own cap, not Pillow's warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
        with image:
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_FRAMES:
                raise ReadError(rel, f"图片文件共 {frames} 帧（页），超过 {MAX_FRAMES} 页，未做文字识别，请人工查阅。")
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                _check_pixels(frame.width, frame.height, rel, options.max_pixels)
                with _turn(options):
                    lines, fragments, width, height, turn = recognise_page(frame.copy(), number)
                # a box is kept in the pixels of the image as it stands upright (EXIF orientation applied)
                sideways = frame.getexif().get(0x0112) in (5, 6, 7, 8)
                upright = frame.size[::-1] if sideways != (turn in (90, 270)) else frame.size
                scale = width / upright[0] if upright[0] else 0.0
                pages.append(PageText(number, height, width, lines, fragments, ocr=True, scale=scale, turn=turn))
    except Image.DecompressionBombError as exc:
        # Pillow refuses twice its warning size (about 179 million pixels) before we see the image's size.
        found = re.search(r"\((\d+) pixels\)", str(exc))
        count = pixels(int(found.group(1))) if found else "超过 1.7 亿"
        raise ReadError(
            rel,
            f"图片共{count}像素，超过每页 {pixels(options.max_pixels, exact=True)}像素的上限，"
            "疑为异常文件，未读取，请人工查阅。",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ReadError(rel, f"图片已损坏或格式无效，无法读取（{type(exc).__name__}），请学校重新报送。") from exc
    document = Document(path=rel, blocks=assemble(pages))
    if not any(b.text for b in document.blocks):
        raise ReadError(rel, "图片中未识别出文字（可能过于模糊或不是文档照片），请人工查阅。")
    return document


def _check_pixels(width: int, height: int, rel: str, limit: int) -> None:
    """A page is decoded whole before it can be scaled down: its pixels are capped first (the header tells them)."""
    if width * height > limit:
        raise ReadError(
            rel,
            f"图片为 {width}×{height} 像素（{pixels(width * height)}），"
            f"超过每页 {pixels(limit, exact=True)}像素的上限，未做文字识别，"
            "请人工查阅；确属正常的高清扫描件，可用 --max-pixels 提高上限后重新审查。",
        )


def pixels(count: int, exact: bool = False) -> str:
    """9.0 亿 / 300 万: a pixel count as an inspector reads it."""
    if count >= 100_000_000:
        return f"{'' if exact else '约 '}{count / 1e8:.{0 if exact and count % 100_000_000 == 0 else 1}f} 亿"
    return f"{'' if exact else '约 '}{round(count / 1e4):g} 万"


UPRIGHT_SCORE = 0.85  # upright Chinese reads at ≈0.99 on average; upside down or sideways at ≈0.7


@contextmanager
def _turn(options: ReadOptions) -> Iterator[None]:
    """A page recognised in one of the batch's recognition slots; the memory it took given back after."""
    from jigong.pipeline.readers.ocr import release_memory, slot

    with slot(options.ocr_locks, options.ocr_slots):
        try:
            yield
        finally:
            release_memory()


def recognise_page(image: Image.Image, page_no: int) -> Recognised:
    """Recognise a page; one that reads poorly is tried upside down and on either side as well (a sheet fed
    the wrong way round, a landscape form scanned upright), and the best reading is kept."""
    from jigong.pipeline.readers.ocr import page_layout, recognise

    metrics.count("ocr_pages")
    prepared = prepare(image)
    pieces = recognise(prepared)
    best, turn, upright = _score(pieces), 0, prepared
    if pieces and best < UPRIGHT_SCORE:
        for angle in (180, 90, 270):
            turned = upright.rotate(angle, expand=True)
            attempt = recognise(turned)
            if _score(attempt) > best:
                prepared, pieces, best, turn = turned, attempt, _score(attempt), angle
            if best >= UPRIGHT_SCORE:
                break
    lines, fragments = page_layout(pieces, page_no)
    return lines, fragments, float(prepared.width), float(prepared.height), turn


def _score(pieces: list[Line]) -> float:
    """Recognition confidence averaged over characters."""
    chars = sum(len(p.text) for p in pieces)
    return sum(p.confidence * len(p.text) for p in pieces) / chars if chars else 0.0


def prepare(image: Image.Image) -> Image.Image:
    """Upright (EXIF), not too large, red seal ink removed, grey: what the recogniser reads best.

    A red stamp over the signature block would otherwise be read as a second, curved school name.
    """
    import numpy as np

    image = ImageOps.exif_transpose(image)
    if image.width * image.height > MAX_PIXELS:
        scale = (MAX_PIXELS / (image.width * image.height)) ** 0.5
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    red, green, blue = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    seal = (red > 110) & (red - green > 45) & (red - blue > 45)
    grey = (0.299 * red + 0.587 * green + 0.114 * blue).astype(np.uint8)
    grey[seal] = 255
    return Image.fromarray(grey, mode="L")


def ocr_pdf_pages(
    path: Path, pages: dict[int, int], password: str | None, options: ReadOptions | None = None
) -> dict[int, Recognised]:
    """Render the given pages (1-based number → dpi) of a PDF with pdfium and recognise each."""
    import pypdfium2

    from jigong.pipeline.readers.pdf_text import (
        LOCK,  # pdfium is not thread-safe: every call under the lock, recognition outside it
    )

    out: dict[int, Recognised] = {}
    with LOCK:
        pdf = pypdfium2.PdfDocument(str(path), password=password)
    try:
        for number, dpi in pages.items():
            with LOCK:
                page = pdf[number - 1]
                try:
                    width, height = page.get_size()  # points
                    # A page drawn many metres wide must not become a picture of billions of pixels.
                    scale = min(dpi / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
                    image = page.render(scale=scale, grayscale=False).to_pil()
                finally:
                    page.close()
            with _turn(options or ReadOptions()):
                out[number] = recognise_page(image, number)
    finally:
        with LOCK:
            pdf.close()
    return out
