"""Ruled tables on the fast layer: cells from the page's drawn edges, text from pdfium's pieces.

The same method as pdfplumber's table finder ("lines" strategy), on data the fast layer already has:
1. edges (from `pdf_ruling`, snapped and joined within 3 points) cross at intersections;
2. a cell is the smallest rectangle whose four corners are intersections joined by edges;
3. cells that share a corner form a table; a table's rows are its cells grouped by top, its columns
   the distinct left edges of its cells (a merged cell leaves the columns it covers empty);
4. a table with fewer than two columns is not a table (a ruled box around text), and a page with
   more than 5,000 intersections holds a drawing (a chart's grid), read as running text.
Each piece of text (a run of a line up to a wide gap or a cell border, see `pdf_pdfium`) goes to the
cell that holds its middle; a cell's lines are joined as a paragraph is. Text inside a table's
outline but in no cell stays running text.

The check that sends the page to pdfplumber instead (`TableRejected`): a piece that reaches more
than two points across a cell's side, which happens when one text object runs over a cell border
(the fast layer cannot split it without reading characters one by one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .common import clean_text, join_wrapped
from .pdf_ruling import TOLERANCE, Edge

SLACK = 2.0  # points a piece may overhang its cell (glyph boxes are not the text's advance)
MAX_POINTS = 5000  # intersections: more is a chart's grid or a drawing, not a table to read


class TableRejected(Exception):
    """The fast layer cannot read this page's tables faithfully; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Table:
    cells: list[tuple[float, float, float, float]]  # (x0, top, x1, bottom), top-based like lines
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    columns: list[float] = field(default_factory=list)

    def rows(self) -> list[tuple[float, list[tuple[float, float, float, float] | None]]]:
        """(top, cells by column; None under a merged cell) for each row, top to bottom."""
        out = []
        for top in sorted({c[1] for c in self.cells}):
            by_x = {c[0]: c for c in self.cells if c[1] == top}
            out.append((top, [by_x.get(x) for x in self.columns]))
        return out


def find_tables(horizontal: list[Edge], vertical: list[Edge], page_left: float, page_top: float) -> list[Table]:
    """Tables of at least two columns, in top-based page coordinates (edges are in PDF space)."""
    hs = [(page_top - e.at, e.start - page_left, e.end - page_left) for e in horizontal]  # (y, x0, x1)
    vs = [(e.at - page_left, page_top - e.end, page_top - e.start) for e in vertical]  # (x, top, bottom)
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi, (x, v_top, v_bottom) in enumerate(vs):
        for hi, (y, h_x0, h_x1) in enumerate(hs):
            if v_top - TOLERANCE <= y <= v_bottom + TOLERANCE and h_x0 - TOLERANCE <= x <= h_x1 + TOLERANCE:
                hset, vset = points.setdefault((x, y), (set(), set()))
                hset.add(hi)
                vset.add(vi)
    if len(points) > MAX_POINTS:
        return []  # a drawing (a chart's grid), not a table: its text is read as running text
    cells = _cells(points)
    tables = []
    for group in _group(cells):
        columns = sorted({c[0] for c in group})
        if len(columns) < 2:
            continue
        bbox = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group), max(c[3] for c in group))
        tables.append(Table(cells=group, bbox=bbox, columns=columns))
    return tables


def _cells(points: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[tuple[float, float, float, float]]:
    """For each intersection, the smallest cell it is the top-left corner of."""

    def joined(a: tuple[float, float], b: tuple[float, float]) -> bool:
        if a[0] == b[0]:
            return bool(points[a][1] & points[b][1])
        if a[1] == b[1]:
            return bool(points[a][0] & points[b][0])
        return False

    column: dict[float, list[float]] = {}  # x -> the ys of its intersections, top to bottom
    row: dict[float, list[float]] = {}  # y -> the xs, left to right
    for x, y in sorted(points):
        column.setdefault(x, []).append(y)
        row.setdefault(y, []).append(x)
    for ys in column.values():
        ys.sort()
    cells = []
    for corner in sorted(points):
        x, y = corner
        found = None
        for below_y in (v for v in column[x] if v > y):
            down = (x, below_y)
            if not joined(corner, down):
                continue
            for right_x in (v for v in row[y] if v > x):
                across = (right_x, y)
                if not joined(corner, across):
                    continue
                far = (right_x, below_y)
                if far in points and joined(far, across) and joined(far, down):
                    found = (x, y, right_x, below_y)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group(cells: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells that share a corner, table by table, top to bottom (as pdfplumber groups them)."""
    remaining = list(cells)
    tables = []
    while remaining:
        first = remaining.pop(0)
        group = [first]
        corners = set(_corners(first))
        grew = True
        while grew:
            grew = False
            for cell in list(remaining):
                if any(c in corners for c in _corners(cell)):
                    group.append(cell)
                    corners |= set(_corners(cell))
                    remaining.remove(cell)
                    grew = True
        if len(group) > 1:
            tables.append(group)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return tables


def _corners(cell: tuple[float, float, float, float]):
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


def fill(tables: list[Table], pieces: list) -> tuple[list[tuple[float, tuple[str, ...]]], list]:
    """(table rows as (top, cells), pieces left for the running text). Raises TableRejected."""
    assigned: dict[tuple[float, float, float, float], list] = {}
    running = []
    for piece in pieces:
        mx, my = (piece.x0 + piece.x1) / 2, (piece.top + piece.bottom) / 2
        cell = None
        for table in tables:
            x0, top, x1, bottom = table.bbox
            if x0 <= mx < x1 and top <= my < bottom:
                cell = next((c for c in table.cells if c[0] <= mx < c[2] and c[1] <= my < c[3]), None)
                break
        if cell is None:
            running.append(piece)
            continue
        if piece.x0 < cell[0] - SLACK or piece.x1 > cell[2] + SLACK:
            raise TableRejected("text runs across a table cell's border")
        assigned.setdefault(cell, []).append(piece)
    rows = []
    for table in tables:
        for top, cells in table.rows():
            texts = tuple(_cell_text(assigned.get(cell, [])) if cell else "" for cell in cells)
            if any(texts):
                rows.append((top, texts))
    return rows, running


def _cell_text(pieces: list) -> str:
    """The cell's pieces as lines (left to right on one baseline), joined as a paragraph."""
    lines: list[list] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        if lines:
            last = lines[-1][-1]
            height = min(last.bottom - last.top, piece.bottom - piece.top)
            if min(last.bottom, piece.bottom) - max(last.top, piece.top) >= 0.5 * height:
                lines[-1].append(piece)
                continue
        lines.append([piece])
    texts = [" ".join(p.text for p in sorted(line, key=lambda p: p.x0)) for line in lines]
    return clean_text(join_wrapped(texts))
