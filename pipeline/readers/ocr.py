"""Optical character recognition of page images with RapidOCR (PP-OCR models shipped in its wheel, offline).

The engine is loaded once per process, on the first page that needs it. Its text-angle classifier is
off: on upright scans it flips good lines and costs accuracy (see README, 读取).

The models run on OpenVINO where it loads (≈4× faster than onnxruntime on one thread, with the same character
error rate on our scans: bench/readers.py), else on onnxruntime; JIGONG_OCR_RUNTIME=onnxruntime chooses the latter.
"""

from __future__ import annotations

import ctypes
import fcntl
import math
import os
import re
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from PIL import Image

from jigong.pipeline.readers.layout import Line
from jigong.pipeline.readers.pdf_tables import Fragment
from jigong.pipeline.run import metrics

# By default the detector scales a page's short side to 736 px, which loses small marks such as "一、" on an
# A4 page scanned at 150 dpi, and blows a small photo up to 736 px and more. Scaling only pages whose long
# side passes 1600 px keeps the marks and is faster (bench/readers.py).
# One thread each: a batch recognises pages in several worker processes at once, one per core; onnxruntime's
# default (a thread per core in every process) made them fight over the cores.
PARAMS = {
    "Global.use_cls": False,
    "Global.log_level": "error",
    "Det.limit_type": "max",
    "Det.limit_side_len": 1600,
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
}
MAX_CONFIDENCE = 0.99  # recognised text is never as sure as text read from a file
_engine: Any = None
_lock = threading.Lock()


class OcrUnavailable(Exception):
    """The OCR engine is not installed or cannot start."""


def engine() -> Any:
    """The process-wide RapidOCR engine, created on first use: on OpenVINO, else on onnxruntime."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                try:
                    from rapidocr import RapidOCR

                    metrics.count("ocr_model")
                    _engine = _on_openvino() if os.environ.get("JIGONG_OCR_RUNTIME") != "onnxruntime" else None
                    if _engine is None:
                        _engine = RapidOCR(params=PARAMS)
                except MemoryError:
                    raise  # the worker's memory limit: reported as such, and tried again next run
                except Exception as exc:  # not installed, or its models or runtime cannot load
                    raise OcrUnavailable(type(exc).__name__) from exc
    return _engine


def _on_openvino() -> Any:
    """RapidOCR with its detector and recogniser on OpenVINO, each compiled per page (PageRequest); None when
    OpenVINO is missing or will not load here (the caller falls back to onnxruntime)."""
    try:
        import openvino
        from rapidocr import EngineType, RapidOCR

        params: dict[str, Any] = {k: v for k, v in PARAMS.items() if not k.startswith("EngineConfig.onnxruntime")}
        params |= {
            "Det.engine_type": EngineType.OPENVINO,
            "Rec.engine_type": EngineType.OPENVINO,
            "EngineConfig.openvino.inference_num_threads": 1,
        }
        ocr = RapidOCR(params=params)
        core = openvino.Core()
        for part in (ocr._load_det_model(), ocr._load_rec_model()):  # loaded now, once: not at the first page
            part.session.session = PageRequest(core, part.session.model)
        return ocr
    except MemoryError:
        raise
    except Exception:  # an OpenVINO or RapidOCR that differs from the one we know: onnxruntime instead
        return None


_requests: list[PageRequest] = []  # this process's, dropped after every page


class PageRequest:
    """An OpenVINO inference request for one page. OpenVINO keeps the buffers of every input shape it has run
    in the compiled model (≈0.35 GB for a page at 1600 px, never given back); compiling the read model again
    takes ≈0.15 s, so it is compiled at a page's first call and dropped when the page is done (`release_memory`).
    Stands in for RapidOCR's own request: `infer` and `get_output_tensor` are all it calls."""

    def __init__(self, core: Any, model: Any) -> None:
        self.core = core
        self.model = model
        self.request: Any = None
        _requests.append(self)

    def infer(self, inputs: Any) -> Any:
        if self.request is None:
            compiled = self.core.compile_model(self.model, "CPU", {"INFERENCE_NUM_THREADS": 1})
            self.request = compiled.create_infer_request()
        return self.request.infer(inputs=inputs)

    def get_output_tensor(self) -> Any:
        return self.request.get_output_tensor()

    def drop(self) -> None:
        self.request = None


@contextmanager
def slot(folder: Path | None, slots: int = 1) -> Iterator[None]:
    """Hold one of `slots` recognition slots shared by the batch's workers (lock files in `folder`).

    Recognising a page takes ≈0.5 GB for a moment (the detector's activations at 1600 px); two workers doing it at
    once, on top of the rest, passed 1.5 GB. A lock file is let go when its holder ends, even killed, so a worker
    stopped mid-page never leaves the others waiting. Without a folder (jigong read, tests) nothing is held.
    """
    if folder is None:
        yield
        return
    handles = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handles = [(folder / f"ocr-{i}.lock").open("a+b") for i in range(max(1, slots))]
    except OSError:  # no place for the locks: recognise without waiting
        for fh in handles:
            fh.close()
        yield
        return
    try:
        held = next((fh for fh in handles if _try_lock(fh)), None)
        if held is None:
            held = handles[os.getpid() % len(handles)]
            fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    finally:
        for fh in handles:
            fh.close()


def _try_lock(fh: Any) -> bool:
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def release_memory() -> None:
    """Give the memory a page's recognition took back to the system: OpenVINO's compiled requests dropped, and
    what malloc freed returned (glibc keeps it otherwise: ≈300 MB a worker)."""
    for request in _requests:
        request.drop()
    with suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def recognise(image: Image.Image) -> list[Line]:
    """Text boxes of an upright page image, each with its recognition score (pixels, from the top left)."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"))
    ocr = engine()
    with metrics.timed("ocr"):
        result = ocr(rgb[:, :, ::-1].copy())  # the engine works in OpenCV's BGR order
    if result.boxes is None or result.txts is None:
        return []
    quads = [[(float(p[0]), float(p[1])) for p in box] for box in result.boxes]
    turn = -skew(quads)
    centre = (image.width / 2, image.height / 2)
    pieces = []
    for quad, text, score in zip(quads, result.txts, result.scores, strict=True):
        # Boxes are turned back by the page's skew, so that a line of a tilted scan stays one line.
        upright = [_rotate(point, centre, turn) for point in quad] if turn else quad
        xs = [p[0] for p in upright]
        ys = [p[1] for p in upright]
        if text.strip():
            line = Line(fullwidth(text.strip()), min(xs), max(xs), min(ys), max(ys), min(float(score), MAX_CONFIDENCE))
            pieces.append(line)
    return pieces


def skew(quads: list[list[tuple[float, float]]]) -> float:
    """The page's tilt in radians: the median slope of the top edges of long text boxes (0 if under 0.2°)."""
    angles = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        height = math.dist(quad[1], quad[2])
        if x1 - x0 > 3 * max(height, 1.0):
            angles.append(math.atan2(y1 - y0, x1 - x0))
    if len(angles) < 3:
        return 0.0
    angle = statistics.median(angles)
    return angle if abs(angle) > math.radians(0.2) else 0.0


def _rotate(point: tuple[float, float], centre: tuple[float, float], angle: float) -> tuple[float, float]:
    dx, dy = point[0] - centre[0], point[1] - centre[1]
    cos, sin = math.cos(angle), math.sin(angle)
    return centre[0] + dx * cos - dy * sin, centre[1] + dx * sin + dy * cos


_HALF = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"}
_CJK_SIDE = re.compile(r"(?<=[\u4e00-\u9fff])[(),:;]|[(),:;](?=[\u4e00-\u9fff])")


def fullwidth(text: str) -> str:
    """The recogniser often gives half-width punctuation in Chinese text: "(一)" → "（一）", "人),已" → "人），已".

    Only marks touching a Chinese character change, so "1,296" and "98.6%" stay as they are.
    """
    return _CJK_SIDE.sub(lambda m: _HALF[m.group(0)], text)


def page_layout(pieces: list[Line], page_no: int) -> tuple[list[Line], list[Fragment]]:
    """Recognised boxes → prose lines and tables: a visual line whose boxes stand apart (a form's label and
    its value, a table's columns) is a table row; consecutive such rows make one table."""
    lines: list[Line] = []
    fragments: list[Fragment] = []
    run: list[list[Line]] = []
    for row in _visual_rows(pieces):
        segments = _segments(row)
        if len(segments) >= 2:
            run.append(segments)
            continue
        if run and _wrapped_into(segments[0], run):
            continue  # the second line of a cell whose text wrapped: joined to it, the table goes on
        if run:
            fragments.append(_fragment(run, page_no))
            run = []
        lines.append(segments[0])
    if run:
        fragments.append(_fragment(run, page_no))
    return lines, fragments


def _wrapped_into(line: Line, run: list[list[Line]]) -> bool:
    """A lone line under a table row continues one of its cells when it starts (or, centred, stands) where
    that cell does and the cell's last line ran so near the column's right edge that the lone line's first
    words could not fit after it; a short label over it did not wrap, so the lone line is then a row of its
    own (a label whose value is blank). Joins it in place and says so."""
    above = run[-1]
    for i, cell in enumerate(above):
        em = min(cell.em, line.em)
        centred = abs((line.x0 + line.x1) / 2 - (cell.x0 + cell.x1) / 2) <= em
        if abs(line.x0 - cell.x0) > em and not centred:
            continue
        column = [seg for row in run for seg in row if abs(seg.x0 - cell.x0) <= seg.em]
        room = max(seg.x1 for seg in column) - cell.x1
        if room >= min(line.x1 - line.x0, 2 * em) + 0.5 * em:
            return False
        # The joined cell keeps the last line's right edge and height: the next lone line is judged by it.
        above[i] = Line(cell.text + line.text, cell.x0, line.x1, line.top, line.bottom,
                        min(cell.confidence, line.confidence))  # fmt: skip
        return True
    return False


def _visual_rows(pieces: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        centre = (piece.top + piece.bottom) / 2
        if rows and min(p.top for p in rows[-1]) <= centre <= max(p.bottom for p in rows[-1]):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return rows


def _segments(row: list[Line]) -> list[Line]:
    """Boxes of one visual line, left to right; boxes closer than a glyph and a half are one segment."""
    row = sorted(row, key=lambda p: p.x0)
    out = [row[0]]
    for cur in row[1:]:
        prev = out[-1]
        if cur.x0 - prev.x1 > 1.5 * min(prev.em, cur.em):
            out.append(cur)
        else:
            out[-1] = Line(
                prev.text + cur.text,
                prev.x0,
                max(prev.x1, cur.x1),
                min(prev.top, cur.top),
                max(prev.bottom, cur.bottom),
                min(prev.confidence, cur.confidence),
            )
    return out


def _fragment(run: list[list[Line]], page_no: int) -> Fragment:
    """Rows of segments → a table fragment. A column is a stretch of the page's width that some segment
    covers, between gutters that no row writes into: left-aligned labels and centred values alike."""
    em = min(seg.em for row in run for seg in row)
    spans: list[list[float]] = []
    for seg in sorted((seg for row in run for seg in row), key=lambda s: s.x0):
        if spans and seg.x0 <= spans[-1][1] + 0.5 * em:
            spans[-1][1] = max(spans[-1][1], seg.x1)
        else:
            spans.append([seg.x0, seg.x1])
    rows: list[list[str | None]] = []
    scores: dict[tuple[int, int], float] = {}
    for r, row in enumerate(run):
        cells: list[str | None] = [""] * len(spans)
        for seg in row:
            centre = (seg.x0 + seg.x1) / 2
            c = min(range(len(spans)), key=lambda i: 0 if spans[i][0] <= centre <= spans[i][1] else 1)
            cells[c] = (cells[c] or "") + seg.text
            scores[(r, c)] = min(scores.get((r, c), 1.0), seg.confidence)
        rows.append(cells)
    top = min(seg.top for seg in run[0])
    bottom = max(seg.bottom for seg in run[-1])
    return Fragment(page_no, top, bottom, [span[0] for span in spans], rows, scores)
