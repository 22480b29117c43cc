"""A finding's evidence as it looks in the school's file: for a PDF or a scan, the part of the page around the
quoted words with them marked; for Word and Excel, the paragraph with its neighbours, or the table row under
its header row. Built from the reading the store keeps and, for pictures, the file as the batch holds it."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jigong.pipeline.model import Block, Document, Evidence
from jigong.pipeline.store import Store
from jigong.pipeline.store.cache import cached_document

MARGIN_PT = 36.0  # points of the page shown around the quoted block
RENDER_SCALE = 2.0  # pixels per point of a page drawn for a crop
MAX_CROP_PX = 1600  # neither side of a crop larger than this


@dataclass
class View:
    """What the page shows for one piece of evidence."""

    kind: str  # "crop" (an image), "paragraphs", "row", or "quote" (only the words: nothing more is known)
    image: str = ""  # a crop as a data: URI (PNG)
    paragraphs: list[tuple[str, bool]] = field(default_factory=list)  # (text, the quoted one)
    header: list[str] = field(default_factory=list)
    row: list[tuple[str, bool]] = field(default_factory=list)  # (cell, the quoted one)


class Viewer:
    """Views of evidence in one batch: each file's reading taken once from the store (by the digest of the file
    as the run received it), the file itself from the batch folder (an archive's member shows no crop)."""

    def __init__(self, store: Store, batch: Path, digest: Callable[[str], str | None]) -> None:
        self.store, self.batch, self.digest = store, batch, digest
        self.documents: dict[str, Document | None] = {}

    def __call__(self, evidence: Evidence | dict[str, Any]) -> View:
        entry = evidence.to_json() if isinstance(evidence, Evidence) else evidence
        path = str(entry.get("file", ""))
        if path not in self.documents:
            sha = self.digest(path)
            self.documents[path] = cached_document(self.store, sha) if sha else None
        source = self.batch / path
        member = any(f"{suffix}/" in path.lower() for suffix in (".zip", ".7z"))
        # an archive's member, or a path that would leave the batch folder, shows no crop: its words only
        openable = not member and source.resolve().is_relative_to(self.batch.resolve())
        return view(entry, self.documents[path], source if openable else None)


def view(evidence: dict[str, Any], document: Document | None, source: Path | None) -> View:
    """The view of one evidence entry (as results.json writes it): `document` is the file's reading, `source`
    the file itself when it can be opened (a member of an archive cannot)."""
    position = evidence.get("position") or {}
    if document is None or not position:
        return View("quote")
    if position.get("box") and source is not None and source.is_file():
        image = _crop(source, position)
        if image:
            return View("crop", image=image)
    if position.get("row") is not None:
        return _row(document, position)
    return _paragraphs(document, evidence, position)


def _same_table(block: Block, position: dict[str, Any]) -> bool:
    pos = block.position
    return pos.table == position.get("table") and pos.sheet == position.get("sheet") and block.kind == "cell"


def _row(document: Document, position: dict[str, Any]) -> View:
    cells = [b for b in document.blocks if _same_table(b, position)]
    header = [b.text for b in sorted((b for b in cells if b.position.row == 1), key=lambda b: b.position.col or 0)]
    row = sorted((b for b in cells if b.position.row == position["row"]), key=lambda b: b.position.col or 0)
    if not row:
        return View("quote")
    shown = [(b.text, b.position.col == position.get("col")) for b in row]
    return View("row", header=header if position["row"] != 1 else [], row=shown)


def _paragraphs(document: Document, evidence: dict[str, Any], position: dict[str, Any]) -> View:
    body = [b for b in document.blocks if b.kind in ("paragraph", "heading")]
    if position.get("paragraph") is not None:
        at = next((i for i, b in enumerate(body) if b.position.paragraph == position["paragraph"]), None)
    else:  # a PDF paragraph: the one on the page that holds the quoted words
        page = position.get("page")
        quote = str(evidence.get("quote", ""))[:12]
        at = next((i for i, b in enumerate(body) if b.position.page == page and quote in b.text), None)
    if at is None:
        return View("quote")
    return View("paragraphs", paragraphs=[(b.text, i == at) for i, b in enumerate(body) if abs(i - at) <= 1])


def _crop(source: Path, position: dict[str, Any]) -> str:
    """The page region around the box, the box marked, as a PNG data URI ("" when it cannot be drawn)."""
    from PIL import Image, ImageDraw

    box = position["box"]
    try:
        if source.suffix.lower() == ".pdf":
            page_image, scale = _pdf_page(source, int(position.get("page") or 1))
        else:  # a picture: its box is in the pixels of the frame as it stands upright
            page_image, scale = _frame(source, int(position.get("page") or 1)), 1.0
    except Exception:  # a file that cannot be drawn again shows its words only
        return ""
    margin = MARGIN_PT * scale
    x0, top, x1, bottom = (v * scale for v in box)
    area = (
        max(0, int(x0 - margin)),
        max(0, int(top - margin)),
        min(page_image.width, int(x1 + margin)),
        min(page_image.height, int(bottom + margin)),
    )
    marked = page_image.convert("RGBA")
    overlay = Image.new("RGBA", marked.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle(
        (x0 - 2, top - 2, x1 + 2, bottom + 2), fill=(255, 214, 0, 90), outline=(200, 30, 30, 255), width=3
    )
    crop = Image.alpha_composite(marked, overlay).crop(area).convert("RGB")
    crop.thumbnail((MAX_CROP_PX, MAX_CROP_PX))
    buffer = io.BytesIO()
    crop.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _pdf_page(source: Path, page: int) -> tuple[Any, float]:
    import pypdfium2

    from jigong.pipeline.readers.pdf_text import LOCK  # pdfium is not thread-safe

    with LOCK:
        pdf = pypdfium2.PdfDocument(str(source))
        try:
            image = pdf[page - 1].render(scale=RENDER_SCALE).to_pil()
        finally:
            pdf.close()
    return image, RENDER_SCALE


def _frame(source: Path, number: int) -> Any:
    from PIL import Image, ImageOps

    with Image.open(source) as image:
        image.seek(number - 1)
        return ImageOps.exif_transpose(image.convert("RGB"))
