"""A PDF page's ruling, read from pdfium's path objects: the edges a table finder needs.

Straight axis-aligned strokes and the sides of rectangles (filled or stroked, as pdfplumber counts
them) become horizontal and vertical edges, snapped and joined within 3 points. Shapes painted
white or fully transparent are not ruling (Word draws paragraph backgrounds that way; pdfplumber
takes them for ruling and reads prose as a table of one-line rows), nor are clipping paths, curves
(rounded boxes, charts, logos) or page-wide backgrounds. `pdf_tables` builds cells from the edges.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

TOLERANCE = 3.0  # points: pdfplumber's default snap and intersection tolerance
MIN_EDGE = 8.0  # shorter strokes are glyph-like marks, not rules
MAX_SEGMENTS = 400  # a path with more segments is a drawing (a chart, a logo), not a table
MAX_WORK = 50_000  # objects and path segments read per page: past this it is a drawing, the rest unread
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Edge:
    horizontal: bool
    at: float  # y for a horizontal edge, x for a vertical one
    start: float
    end: float


def edges(page, page_box: tuple[float, float, float, float]) -> tuple[list[Edge], list[Edge]]:
    """Horizontal and vertical edges of the page (merged where they touch), in page space."""
    found: list[Edge] = []
    _collect(page, None, _IDENTITY, found, page_box, [0])
    horizontal = _merge([e for e in found if e.horizontal])
    vertical = _merge([e for e in found if not e.horizontal])
    return horizontal, vertical


def _collect(page, form, parent: _Matrix, out: list[Edge], page_box, budget: list[int]) -> None:
    count = pdfium_c.FPDFFormObj_CountObjects(form) if form is not None else pdfium_c.FPDFPage_CountObjects(page)
    for index in range(max(0, count)):
        budget[0] += 1
        if budget[0] > MAX_WORK:
            return
        obj = pdfium_c.FPDFFormObj_GetObject(form, index) if form is not None else pdfium_c.FPDFPage_GetObject(page, index)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            budget[0] += _path_edges(obj, parent, out, page_box)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            _collect(page, obj, _compose(_matrix(obj), parent), out, page_box, budget)


def _visible(obj, get_color) -> bool:
    """Painted in a colour that shows on a white page (not white, not fully transparent)."""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not get_color(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return True  # unknown colour (a pattern, a colour space pdfium cannot convert): assume it shows
    return a.value > 0 and min(r.value, g.value, b.value) < 245


def _matrix(obj) -> _Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _path_edges(obj, parent: _Matrix, out: list[Edge], page_box) -> int:
    """Add the path's straight edges to `out`; returns how many segments were read."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        painted = (fill.value and _visible(obj, pdfium_c.FPDFPageObj_GetFillColor)) or (
            stroke.value and _visible(obj, pdfium_c.FPDFPageObj_GetStrokeColor)
        )
        if not painted:
            return 0  # a clipping path, or white on white (Word's paragraph backgrounds): no ruling
    segments = pdfium_c.FPDFPath_CountSegments(obj)
    if segments <= 0 or segments > MAX_SEGMENTS:
        return 0
    matrix = _compose(_matrix(obj), parent)
    x = ctypes.c_float()
    y = ctypes.c_float()
    points: list[tuple[int, float, float, bool]] = []
    for index in range(segments):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            return segments
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return segments  # curves: rounded boxes, charts, logos
        closes = bool(pdfium_c.FPDFPathSegment_GetClose(segment))
        px, py = _apply(matrix, x.value, y.value)
        points.append((kind, px, py, closes))
    left, bottom, right, top = page_box
    page_w, page_h = right - left, top - bottom
    start = None
    previous = None
    for kind, px, py, closes in points:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = (px, py)
            continue
        _segment(previous, (px, py), out, page_w, page_h)
        previous = (px, py)
        if closes and start is not None:
            _segment(previous, start, out, page_w, page_h)
            previous = start
    return segments


def _segment(a: tuple[float, float], b: tuple[float, float], out: list[Edge], page_w: float, page_h: float) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= MIN_EDGE:
        if abs(x1 - x0) < 0.95 * page_w:  # a page-wide background is no rule
            out.append(Edge(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= MIN_EDGE:
        if abs(y1 - y0) < 0.95 * page_h:
            out.append(Edge(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _merge(found: list[Edge]) -> list[Edge]:
    """Snap edges at (nearly) the same position together (the two sides of a thin filled
    rectangle, a double rule) and join those that touch end to end."""
    found.sort(key=lambda e: e.at)
    clusters: list[list[Edge]] = []
    for edge in found:
        if clusters and edge.at - clusters[-1][-1].at <= TOLERANCE:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    merged: list[Edge] = []
    for cluster in clusters:
        at = sum(e.at for e in cluster) / len(cluster)
        cluster.sort(key=lambda e: e.start)
        run = cluster[0]
        for edge in cluster[1:]:
            if edge.start <= run.end + TOLERANCE:
                run = Edge(run.horizontal, at, run.start, max(run.end, edge.end))
            else:
                merged.append(Edge(run.horizontal, at, run.start, run.end))
                run = edge
        merged.append(Edge(run.horizontal, at, run.start, run.end))
    return merged
