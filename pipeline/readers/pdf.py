"""Read PDFs into the neutral document model: text pages with pdfium (pdfplumber where a table may stand), scanned
pages through OCR."""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1

from jigong.pipeline.errors import ReadError
from jigong.pipeline.model import Block, BlockKind, Document, Position
from jigong.pipeline.readers import layout, pdf_ruling, pdf_tables, pdf_text
from jigong.pipeline.readers.images import pixels
from jigong.pipeline.readers.layout import Line
from jigong.pipeline.readers.options import ReadOptions
from jigong.pipeline.readers.pdf_tables import Fragment

_CJK = re.compile(r"[\u4e00-\u9fff]")
_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")
MIN_CJK = 5  # a page with fewer Chinese characters than this has no usable text layer
MAX_CONTENT_BYTES = 16 << 20  # a page's drawing inflated: more goes through pdfplumber (see _contents_fit)
_TEXT_FILTERS = {
    "ASCII85Decode": ascii85decode, "A85": ascii85decode, "ASCIIHexDecode": asciihexdecode, "AHx": asciihexdecode,
}  # fmt: skip
MAX_OCR_PAGES = 150  # at 1–3 s a page, a longer scan would hold the whole batch up for many minutes
IMAGE_SHARE = 0.25  # …and is recognised when an image covers at least this share of it


@dataclass
class PageText:
    """What one page gave: lines outside tables, table fragments, and how sure the text is."""

    number: int
    height: float
    width: float
    lines: list[Line] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    ocr: bool = False
    scale: float = 1.0  # units of its coordinates per point: a recognised page is in the pixels it was rendered at
    turn: int = 0  # a recognised page turned upright by this many degrees (counter-clockwise) to be read

    def points(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float] | None:
        """A box of this page's coordinates as it lies on the page itself, in points (None: not known)."""
        if self.scale <= 0:
            return None
        x0, top, x1, bottom = box
        w, h = self.width, self.height  # of the page as it was read (turned)
        if self.turn == 180:
            x0, top, x1, bottom = w - x1, h - bottom, w - x0, h - top
        elif self.turn == 90:
            x0, top, x1, bottom = h - bottom, x0, h - top, x1
        elif self.turn == 270:
            x0, top, x1, bottom = top, w - x1, bottom, w - x0
        return (x0 / self.scale, top / self.scale, x1 / self.scale, bottom / self.scale)


def read_pdf(path: Path, rel: str, options: ReadOptions | None = None) -> Document:
    """Paragraphs (lines re-joined, across pages too) and table cells, every block with its page."""
    options = options or ReadOptions()
    password = options.password_for(rel)
    with path.open("rb") as stream:  # ours to close: pdfplumber leaves a file it opened open when parsing fails
        try:
            pdf = pdfplumber.open(stream, password=password or "")
        except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
            _reraise_exhaustion(exc)
            raise _open_error(rel, exc, password is not None) from exc
        pages, scanned = _read_pages(pdf, path, password, rel, options)
    if len(scanned) > MAX_OCR_PAGES:
        reason = f"该 PDF 有 {len(scanned)} 页扫描页，超过 {MAX_OCR_PAGES} 页，未做文字识别，"
        raise ReadError(rel, reason + "请人工查阅或请学校报送文字版。")
    if scanned and options.ocr:
        from jigong.pipeline.readers.images import ocr_pdf_pages
        from jigong.pipeline.readers.ocr import OcrUnavailable

        try:
            recognised = ocr_pdf_pages(path, scanned, password, options)
        except (OcrUnavailable, MemoryError):
            raise
        except Exception as exc:  # pdfium refuses what pdfminer let through
            raise ReadError(rel, f"PDF 的扫描页无法渲染（{type(exc).__name__}），请人工查阅。") from exc
        for number, (lines, tables, width, height, turn) in recognised.items():
            points_wide = pages[number - 1].width  # the page's own width, in points
            upright = width if turn in (0, 180) else height
            scale = upright / points_wide if points_wide else 0.0
            pages[number - 1] = PageText(number, height, width, lines, tables, ocr=True, scale=scale, turn=turn)
    document = Document(path=rel, blocks=assemble(pages))
    if not any(b.kind in ("paragraph", "heading", "cell") and b.text for b in document.blocks):
        raise ReadError(rel, "该 PDF 读不出任何文字（可能是空白页或图像无法识别），请核对原件。")
    return document


def _read_pages(
    pdf: Any, path: Path, password: str | None, rel: str, options: ReadOptions
) -> tuple[list[PageText], dict[int, int]]:
    """Every page's text layer; and the pages with none, to be recognised (number → resolution to render at)."""
    pages: list[PageText] = []
    scanned: dict[int, int] = {}  # page number → resolution to render it at
    try:
        with pdf:
            _check_pages(pdf, rel, options.max_pages)  # before pdfium or pdfplumber walks the pages
            with _pdfium(path, password, len(pdf.pages)) as fast:
                for number, page in enumerate(pdf.pages, start=1):
                    try:
                        # pdfium reads the page unless a table may stand on it (or its text is turned).
                        sane = fast is not None and _contents_fit(page)
                        done = _fast_page(fast, number, rel, options) if sane else None
                        if done is None:
                            text, dpi = _slow_page(page, number, rel, options)
                        else:
                            text, dpi = done
                        if dpi:
                            scanned[number] = dpi
                    finally:
                        page.close()
                    pages.append(text)
    except ReadError:
        raise
    except Exception as exc:
        _reraise_exhaustion(exc)
        raise ReadError(rel, f"PDF 文件内容已损坏，无法读取（{type(exc).__name__}），请学校重新报送。") from exc
    return pages, scanned


def _contents_fit(page: Any) -> bool:
    """Whether pdfium may read the page: its content streams and those of the forms it draws are plain or Flate
    and inflate to at most MAX_CONTENT_BYTES together. pdfium ends the process when it runs out of memory, where
    pdfminer raises MemoryError, so a page that may be a decompression bomb (or uses another filter) is left to
    pdfplumber."""
    try:
        streams = list(_drawn_streams(page.page_obj))
    except Exception:
        return False
    budget = MAX_CONTENT_BYTES
    for stream in streams:
        size = _stream_size(stream, budget) if stream is not None else None
        if size is None:
            return False
        budget -= size
    return True


def _stream_size(stream: PDFStream, cap: int) -> int | None:
    """The stream's decoded size if it is at most `cap` and only plain, ASCII or Flate filters stand on it."""
    if stream.data is not None:  # decoded already (a form an earlier page drew)
        return len(stream.data) if len(stream.data) <= cap else None
    try:
        data = stream.rawdata or b""
        if stream.decipher:  # an encrypted document: the stream is deciphered first, as pdfminer does
            data = stream.decipher(stream.objid or 0, stream.genno or 0, data, stream.attrs)
        names = [getattr(resolve1(name), "name", name) for name, _ in stream.get_filters()]
        while names and names[0] in _TEXT_FILTERS:  # ASCII85 and hex (reportlab's) give less than they take
            data = _TEXT_FILTERS[names.pop(0)](data)
    except Exception:  # whatever does not decode here is pdfplumber's to judge
        return None
    if any(name not in ("FlateDecode", "Fl") for name in names):
        return None
    return _inflated_size(data, len(names), cap)


def _drawn_streams(page: Any, limit: int = 1000) -> Iterator[PDFStream | None]:
    """The page's content streams, then its form XObjects' (nested ones too, each once); None for what is not a
    stream, or once there are more than `limit`."""
    pending: list[tuple[Any, bool]] = [(item, False) for item in page.contents]
    pending += [(item, True) for item in _forms(page.resources)]
    seen: set[int] = set()
    while pending:
        item, is_form = pending.pop()
        stream = resolve1(item)
        if not isinstance(stream, PDFStream) or len(seen) >= limit:
            yield None
            return
        if id(stream) in seen:
            continue
        seen.add(id(stream))
        yield stream
        if is_form:
            pending += [(form, True) for form in _forms(resolve1(stream.get("Resources")))]


def _forms(resources: Any) -> list[Any]:
    """The form XObjects a resource dictionary names."""
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    found = []
    for item in xobjects.values():
        stream = resolve1(item)
        if isinstance(stream, PDFStream) and getattr(resolve1(stream.get("Subtype")), "name", "") == "Form":
            found.append(stream)
    return found


def _inflated_size(data: bytes, layers: int, cap: int) -> int | None:
    """The size of `data` inflated through `layers` Flate filters, without holding it; None past `cap` bytes or
    when it does not inflate."""
    decoders = [zlib.decompressobj() for _ in range(layers)]
    total = 0

    def feed(level: int, chunk: bytes) -> bool:
        nonlocal total
        if level == layers:
            total += len(chunk)
            return total <= cap
        decoder = decoders[level]
        while chunk:
            if not feed(level + 1, decoder.decompress(chunk, 1 << 16)):
                return False
            chunk = decoder.unconsumed_tail
        return True

    try:
        return total if feed(0, data) else None
    except zlib.error:
        return None


def _check_pages(pdf: Any, rel: str, limit: int) -> None:
    """Count the pages (pdfminer walks the page tree once, cycles included) before reading any of them."""
    count = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limit + 1))
    if count > limit:
        raise ReadError(
            rel,
            f"该 PDF 超过 {limit} 页（每份材料的页数上限），未读取，请人工查阅；"
            "确属正常的长文件，可用 --max-pages 提高上限后重新审查。",
        )


def _slow_page(page: Any, number: int, rel: str, options: ReadOptions) -> tuple[PageText, int]:
    """A page read through pdfplumber: its text and tables, and the resolution to recognise it at (0: usable text)."""
    text, needs = _text_page(page, number)
    if not needs:
        return text, 0
    if options.ocr:
        _check_pixels(_plumber_sizes(page), number, rel, options.max_pixels)
    return text, _scan_dpi(page, options.ocr_dpi)


def _plumber_sizes(page: Any) -> list[tuple[int, int]]:
    """The pixel size of each image on the page, as pdfplumber sees it."""
    sizes = []
    for image in page.images:
        width, height = image.get("srcsize") or (0, 0)
        sizes.append((int(width), int(height)))
    return sizes


def _check_pixels(sizes: list[tuple[int, int]], number: int, rel: str, limit: int) -> None:
    """A page about to be rendered for OCR: its pictures are decoded whole, so their pixels are capped."""
    for width, height in sizes:
        if width * height > limit:
            raise ReadError(
                rel,
                f"第{number}页的扫描图像为 {width}×{height} 像素（{pixels(width * height)}），"
                f"超过每页 {pixels(limit, exact=True)}像素的上限，未做文字识别，请人工查阅；"
                "确属正常的高清扫描件，可用 --max-pixels 提高上限后重新审查。",
            )


def _reraise_exhaustion(exc: BaseException) -> None:
    """pdfplumber wraps what pdfminer raises: memory running out is the worker's to report, not "damaged"."""
    for inner in (exc, *exc.args, exc.__cause__, exc.__context__):
        if isinstance(inner, MemoryError):
            raise MemoryError() from exc


@contextmanager
def _pdfium(path: Path, password: str | None, pages: int) -> Iterator[Any]:
    """The document in pdfium for the fast pages; None (every page through pdfplumber, as before pdfium was
    used) when pdfium cannot open it or counts its pages otherwise than pdfminer."""
    with pdf_text.open_pdf(str(path), password) as doc:
        yield doc if doc is not None and len(doc) == pages else None


def _fast_page(doc: Any, number: int, rel: str, options: ReadOptions) -> tuple[PageText, int] | None:
    """A page read through pdfium: its text and tables, and the resolution to recognise it at (0: its text
    layer is usable). None when pdfplumber must read it (rotated or offset page, turned text)."""
    page = doc[number - 1]
    try:
        objects = pdf_text.page_objects(page)
        if not objects.plain:
            return None
        chars = pdf_text.page_chars(page, objects.height)
        segments = pdf_ruling.path_segments(objects.paths, objects.height) if objects.may_hold_table else []
    finally:
        page.close()
    if chars is None:
        return None
    if pdf_text.has_fake_bold(chars):
        chars = pdf_text.dedupe(chars)
    out = PageText(number, objects.height, objects.width)
    area = objects.width * objects.height or 1.0
    share = max((abs((im.x1 - im.x0) * (im.bottom - im.top)) / area for im in objects.images), default=0.0)
    if needs_ocr("".join(c.text for c in chars), share):
        if options.ocr:
            _check_pixels([im.pixels for im in objects.images], number, rel, options.max_pixels)
        return out, _image_dpi(objects.images, options.ocr_dpi)
    if segments:  # ruling lines each way: pdfplumber's table finder, fed with pdfium's edges and characters
        ruled = pdf_ruling.TablePage(segments, chars, (0.0, 0.0, objects.width, objects.height))
        out.fragments, boxes = pdf_tables.find_fragments(ruled, number)
        chars = [c for c in chars if _char_outside(c, boxes)]
    out.lines = pdf_text.lines(chars)
    return out, 0


def _char_outside(char: pdf_text.Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (char.x0 + char.x1) / 2
    y = (char.top + char.bottom) / 2
    return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _image_dpi(images: list[pdf_text.Image], default: int) -> int:
    """The resolution the page's largest image was scanned at (as `_scan_dpi`, from pdfium's objects)."""
    best = max(images, key=lambda im: abs((im.x1 - im.x0) * (im.bottom - im.top)), default=None)
    if best is None or not best.pixels[0] or best.x1 <= best.x0:
        return default
    dpi = best.pixels[0] / ((best.x1 - best.x0) / 72)
    return int(min(max(dpi, 100), 300))


def _text_page(page: Any, number: int) -> tuple[PageText, bool]:
    """One page's text layer; and whether it has none worth reading (then it is recognised as an image)."""
    chars = page.chars
    if _has_fake_bold(chars):
        page = page.dedupe_chars()  # fake bold draws each glyph several times, slightly offset
        chars = page.chars
    text = "".join(c["text"] for c in chars)
    out = PageText(number, float(page.height), float(page.width))
    if needs_ocr(text, _image_share(page) if page.images else 0.0):
        return out, True
    boxes: list[tuple[float, float, float, float]] = []
    if pdf_tables.may_hold_table(page):
        out.fragments, boxes = pdf_tables.find_fragments(page, number)
    region = page.filter(partial(_outside, boxes=boxes)) if boxes else page
    for line in region.extract_text_lines(return_chars=False):
        out.lines.append(Line(line["text"], line["x0"], line["x1"], line["top"], line["bottom"]))
    return out, False


def needs_ocr(text: str, image_share: float) -> bool:
    """No usable text layer: (almost) no Chinese and a page-sized picture, or more undecodable glyphs
    (a font without its character map gives "(cid:1234)") than Chinese characters."""
    chinese = len(_CJK.findall(text))
    garbage = len(_GARBAGE.findall(text))
    if garbage > chinese:
        return True
    return chinese < MIN_CJK and image_share >= IMAGE_SHARE


def _has_fake_bold(chars: list[dict]) -> bool:
    """The same glyph drawn again within a point and a half of itself (per glyph or per whole line)."""
    seen: dict[tuple[str, int], list[float]] = {}
    for char in chars:
        if char["text"].isspace():
            continue
        xs = seen.setdefault((char["text"], round(char["top"])), [])
        if any(abs(x - char["x0"]) < 1.5 for x in xs):
            return True
        xs.append(char["x0"])
    return False


def _scan_dpi(page: Any, default: int) -> int:
    """The resolution the page's largest image was scanned at: rendering at it adds no resampling blur."""
    best = max(page.images, key=lambda im: abs((im["x1"] - im["x0"]) * (im["bottom"] - im["top"])), default=None)
    if best is None or not best.get("srcsize") or best["x1"] <= best["x0"]:
        return default
    dpi = best["srcsize"][0] / ((best["x1"] - best["x0"]) / 72)
    return int(min(max(dpi, 100), 300))


def _image_share(page: Any) -> float:
    area = float(page.width * page.height) or 1.0
    return max((abs((im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) / area for im in page.images), default=0.0)


def _outside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    if "x0" not in obj:
        return True
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def assemble(pages: list[PageText]) -> list[Block]:
    """Blocks in reading order: running headers and footers set apart, paragraphs re-joined over page
    breaks, and a table's fragments on consecutive pages stitched into one table."""
    keys = layout.running_keys([(p.lines, p.height) for p in pages])
    laid: list[_Laid] = []
    by_number = {page.number: page for page in pages}
    for page in pages:
        heads, body, feet = layout.split_running(page.lines, page.height, keys)
        items: list[tuple[float, object]] = [(p.top, p) for p in layout.paragraphs(body, page.number, page.width)]
        items += [(f.top, [f]) for f in page.fragments]  # a table is a list of fragments, one per page
        items.sort(key=lambda item: item[0])
        laid.append(_Laid(page.number, heads, items, feet))
    _join_across_pages(laid)
    blocks: list[Block] = []
    table_no = 0
    for done in laid:
        page = by_number[done.number]
        blocks += [_running(line, page, "header") for line in done.heads]
        for _, item in done.items:
            if isinstance(item, layout.Paragraph):
                blocks.append(layout.to_block(item, by_number[item.page].points))
            elif isinstance(item, list):
                table_no += 1
                blocks += pdf_tables.cell_blocks(pdf_tables.stitch(item), table_no)
        blocks += [_running(line, page, "footer") for line in done.feet]
    return blocks


@dataclass
class _Laid:
    number: int
    heads: list[Line]
    items: list[tuple[float, object]]  # (top, Paragraph or list of table Fragments), top to bottom
    feet: list[Line]


def _join_across_pages(laid: list[_Laid]) -> None:
    """Merge a paragraph or a table that goes on at the top of the next page into the one it continues."""
    for before, after in itertools.pairwise(laid):
        if not before.items or not after.items:
            continue
        last, first = before.items[-1][1], after.items[0][1]
        if isinstance(last, layout.Paragraph) and isinstance(first, layout.Paragraph):
            if layout.continues(last, first):
                last.text += first.text
                last.confidence = min(last.confidence, first.confidence)
                last.open_end = first.open_end
                after.items.pop(0)
        elif isinstance(last, list) and isinstance(first, list) and pdf_tables.continues(last[-1], first[0]):
            last.extend(first)
            after.items.pop(0)


def _running(line: Line, page: PageText, kind: BlockKind) -> Block:
    box = page.points((line.x0, line.top, line.x1, line.bottom))
    return Block(layout.clean(line.text), kind, Position(page=page.number, box=box), confidence=line.confidence)


def _open_error(rel: str, exc: Exception, password_given: bool) -> ReadError:
    # pdfplumber wraps pdfminer's own error: look at what it wraps too.
    names = " ".join(type(e).__name__ for e in (exc, *exc.args, exc.__context__) if isinstance(e, BaseException))
    if "Password" in names or "Encrypt" in names:
        if password_given:
            return ReadError(rel, "PDF 文件已加密，所给口令无法打开，请核对口令。")
        return ReadError(
            rel, "PDF 文件已加密，无法读取；请学校报送未加密的版本，或用 --password 文件名=口令 提供口令。"
        )
    return ReadError(rel, f"PDF 文件已损坏或格式无效，无法读取（{type(exc).__name__}），请学校重新报送。")
