"""Ruling lines of a PDF page from pdfium's path objects, and pdfplumber's table finder run on them.

pdfplumber finds tables from the edges of the lines, rectangles and polylines pdfminer parsed; parsing a page
in pdfminer is what costs. Here the edges come from pdfium's path segments (every straight, horizontal or
vertical segment, closing segments included: a rectangle gives its four sides, as pdfplumber's rect edges),
and pdfplumber's own functions snap, join and intersect them into cells and tables with its default settings.
Cell text is read from pdfium's characters, the way pdfplumber's Table.extract reads it.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as raw
from pdfplumber import utils
from pdfplumber.table import (
    Table,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from jigong.pipeline.readers.pdf_text import Char, Matrix, transform_point

Segment = tuple[float, float, float, float]  # x0, top, x1, bottom in top-left page coordinates


def path_segments(paths: list[tuple[Any, Matrix]], height: float) -> list[Segment]:
    """Straight horizontal and vertical segments of the given path objects (with their page matrices)."""
    out: list[Segment] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj, outer in paths:
        matrix = _object_matrix(obj, outer)
        start = current = None
        for i in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, i)
            if not segment or not raw.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            point = transform_point(x.value, y.value, matrix)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = current = point
                continue
            if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
                _add(out, current, point, height)
            current = point
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                _add(out, current, start, height)
                current = start
    return out


def _object_matrix(obj: Any, outer: Matrix) -> Matrix:
    from jigong.pipeline.readers.pdf_text import compose, matrix_of

    return compose(matrix_of(obj), outer)


def _add(out: list[Segment], p0: tuple[float, float], p1: tuple[float, float], height: float) -> None:
    (x0, y0), (x1, y1) = p0, p1
    if abs(x0 - x1) > 0.01 and abs(y0 - y1) > 0.01:
        return  # slanted: no edge (pdfplumber drops slanted polyline segments too)
    out.append((min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)))


def _edge(segment: Segment) -> dict[str, Any]:
    x0, top, x1, bottom = segment
    horizontal = bottom - top <= 0.01
    if horizontal:
        bottom = top
    else:
        x1 = x0
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "y0": -bottom,
        "y1": -top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": "h" if horizontal else "v",
    }


class TablePage:
    """What pdfplumber's TableFinder and Table.extract need of a page: its edges and its characters."""

    def __init__(self, segments: list[Segment], chars: list[Char], bbox: tuple[float, float, float, float]) -> None:
        self.bbox = bbox
        self.segments = segments
        self.chars = [
            {"text": c.text, "x0": c.x0, "x1": c.x1, "top": c.top, "bottom": c.bottom, "doctop": c.top, "upright": True}
            for c in chars
        ]

    def find_tables(self) -> list[Table]:
        """The tables pdfplumber's page.find_tables() would give with its default settings."""
        settings = TableSettings()
        edges = [_edge(s) for s in self.segments]
        edges = utils.filter_edges(edges, "v", min_length=settings.edge_min_length_prefilter) + utils.filter_edges(
            edges, "h", min_length=settings.edge_min_length_prefilter
        )
        edges = merge_edges(
            edges,
            snap_x_tolerance=settings.snap_x_tolerance,
            snap_y_tolerance=settings.snap_y_tolerance,
            join_x_tolerance=settings.join_x_tolerance,
            join_y_tolerance=settings.join_y_tolerance,
        )
        edges = utils.filter_edges(edges, min_length=settings.edge_min_length)
        points = edges_to_intersections(edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance)
        cells = intersections_to_cells(points)
        return [Table(self, group) for group in cells_to_tables(cells)]  # type: ignore[arg-type]
