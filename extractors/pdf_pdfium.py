"""The fast PDF text layer: pdfium's text page, read in bulk, never a Python call per character.

For each page:
1. one `FPDFText_GetText` call gives the page's text in content order, with the line breaks pdfium
   infers ("\\r\\n" where the baseline changes);
2. for each of those lines, `FPDFText_CountRects`/`FPDFText_GetRect` over its character range give
   the boxes of its text objects (one rectangle per run of text drawn together), hence the line's
   box and any gap inside it;
3. font size (scaled by the character's matrix, as printed) and weight (bold in the font's name or
   its ForceBold flag) are read at up to three characters spread along the line; the line takes the
   size most of them have, and is bold when most of them are;
4. a gap wider than three font sizes between two text objects cuts the line into pieces, later
   joined with a tab (columns, contents page numbers); so does a table's vertical rule. A narrower
   visible gap where pdfium put no space gets one. `FPDFText_GetCharIndexAtPos` finds where the
   text after a gap starts;
5. a small raised run of one or two digits is a footnote marker ("review.4", or a footnote's own
   number), and is dropped;
6. lines sharing a baseline are joined left to right, and the page's lines are sorted top to bottom.

Quality check. pdfium orders text as the file draws it. That is reading order within a line for
nearly every PDF, but not for all: the page fails the check, and is read with pdfplumber (which
orders words by position), when
  * the text and character lists disagree in length (positions would be misattributed),
  * most of its text is turned (rotated or vertical in the page's own coordinates, before any
    /Rotate: text drawn upright there reads as drawn, whatever way the viewer turns the page).
    A few turned lines, such as a chart's axis labels, are read as drawn, each a line of its own;
  * one of pdfium's lines holds text objects on different baselines (two visual lines run
    together), or
  * a line's text objects step backwards (right to left) by more than a character's width, so its
    words would come out of order.
`read_page` then raises `PageRejected` with the reason (or `pdf_tables.TableRejected`).
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from .pdf_layout import PDFIUM, Line, PageLines
from .pdf_tables import fill, find_tables

SAMPLES = 3  # characters per line whose font is read
TAB_GAP = 3.0  # a gap this many font sizes wide is a tab, as the pdfplumber layer decides
WORD_GAP = 0.25  # a gap this many font sizes wide between two text objects separates words
NARROW_GAP = 0.12  # narrower gaps separate words only after punctuation
ROTATED_SHARE = 0.5  # a page with more of its text turned than this is read by pdfplumber
FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|[,\-.]b$", re.I)
_SPACE = " \u00a0\u2002\u2003\u2009\u202f\t"


class PageRejected(Exception):
    """The page failed the fast layer's quality check; `reason` says which part."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Calls:
    """Reusable ctypes out-parameters, so a page's few hundred calls allocate nothing."""

    def __init__(self) -> None:
        self.left = ctypes.c_double()
        self.top = ctypes.c_double()
        self.right = ctypes.c_double()
        self.bottom = ctypes.c_double()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.bold_by_name: dict[tuple[bytes, int], bool] = {}

    def rect(self, textpage, index: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetRect(textpage, index, ctypes.byref(self.left), ctypes.byref(self.top), ctypes.byref(self.right), ctypes.byref(self.bottom))
        return self.left.value, self.bottom.value, self.right.value, self.top.value

    def upright(self, textpage, index: int) -> bool:
        """Is this character's baseline horizontal, read left to right (slant allowed)?"""
        if not pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(self.matrix)):
            return True
        return self.matrix.a > 0 and abs(self.matrix.b) <= 0.02 * self.matrix.a

    def font(self, textpage, index: int) -> tuple[float, bool, bool]:
        """(size as printed, bold, upright) of one character."""
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        upright = True
        if pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(self.matrix)):
            m = self.matrix
            scale = abs(m.a * m.d - m.b * m.c) ** 0.5
            if scale > 0:
                size *= scale
                upright = m.a > 0 and abs(m.b) <= 0.02 * m.a  # a horizontal baseline, read left to right (slant allowed)
        pdfium_c.FPDFText_GetFontInfo(textpage, index, self.name, 256, ctypes.byref(self.flags))
        key = (self.name.value, self.flags.value)
        bold = self.bold_by_name.get(key)
        if bold is None:
            name = key[0].decode("latin-1").split("+")[-1]
            bold = bool(_BOLD_NAME.search(name)) or bool(key[1] & FORCE_BOLD)
            self.bold_by_name[key] = bold
        return size, bold, upright


def read_page(page, number: int, strict: bool = True, ruling: tuple[list, list] | None = None) -> PageLines:
    """The lines (and ruled tables) of one pdfium page. `ruling` is the page's (horizontal,
    vertical) edges from `pdf_ruling.edges`, when its tables are wanted. Raises `PageRejected` or
    `TableRejected` when the quality check fails, unless `strict` is off (the last resort, when
    pdfplumber cannot read the file either; tables are then read as text)."""
    left, bottom, right, top = page.get_bbox()
    width, height = right - left, top - bottom
    tables = find_tables(*ruling, left, top) if ruling and strict else []
    # vertical rules cut lines when the page has a table, so text in neighbouring cells never runs together
    dividers = [(e.at, e.start, e.end) for e in ruling[1]] if tables else []
    textpage = page.get_textpage()
    try:
        pieces = _read_pieces(textpage.raw, left, top, strict, dividers)
    finally:
        textpage.close()
    pieces = [p for p in pieces if not (p.x1 < 0 or p.x0 > width or p.bottom < 0 or p.top > height)]  # off the page
    turned = sum(len(p.text) for p in pieces if p.rotated)
    if strict and turned > ROTATED_SHARE * sum(len(p.text) for p in pieces):
        raise PageRejected("rotated text")  # a page drawn turned: pdfplumber reads it upright
    rows: list[tuple[float, tuple[str, ...]]] = []
    if tables:
        rows, pieces = fill(tables, pieces)
    return PageLines(number=number, width=width, height=height, lines=_rows(pieces, number), tables=rows, layer=PDFIUM)


@dataclass
class _Piece:
    """A run of one visual line as pdfium drew it, up to a wide gap."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    rotated: bool = False  # drawn turned: a line of its own, never joined to its neighbours


def _page_text(textpage, strict: bool) -> str:
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(memoryview(buffer).cast("B")[: max(0, written - 1) * 2]).decode("utf-16-le", errors="replace")
    if len(text) != count and strict:
        raise PageRejected("text and character lists disagree")
    return text


def _visual_lines(text: str):
    """(first char index, text) of each line. pdfium joins a word hyphenated at a line end into
    one line, marking the hyphen U+FFFE: split there again, keeping the printed hyphen."""
    start = 0
    for raw in text.split("\r\n"):
        first = start
        start += len(raw) + 2
        while "\ufffe" in raw:
            cut = raw.index("\ufffe")
            yield first, raw[:cut] + "-"
            first += cut + 1
            raw = raw[cut + 1:]
        yield first, raw


def _read_pieces(textpage, page_left: float, page_top: float, strict: bool, dividers: list[tuple[float, float, float]]) -> list[_Piece]:
    calls = _Calls()
    pieces: list[_Piece] = []
    for first, raw in _visual_lines(_page_text(textpage, strict)):
        if raw.strip(_SPACE):
            pieces.extend(_read_line(textpage, calls, raw, first, page_left, page_top, strict, dividers))
    return pieces


def _read_line(
    textpage, calls: _Calls, raw: str, first: int, page_left: float, page_top: float, strict: bool, dividers: list[tuple[float, float, float]]
) -> list[_Piece]:
    """One of pdfium's lines, cut at wide gaps and table rules into pieces (each then checked
    for one baseline)."""
    count = len(raw)
    n_rects = pdfium_c.FPDFText_CountRects(textpage, first, count)
    if n_rects <= 0:
        return []
    rects = [calls.rect(textpage, k) for k in range(n_rects)]  # (left, bottom, right, top), PDF space
    fonts = [(offset, *calls.font(textpage, first + offset)) for offset in _sample_positions(raw)]
    line_size, line_bold = _vote(fonts)
    if not all(upright for *_, upright in fonts):
        if any(upright for *_, upright in fonts):
            # turned and upright text in one line (a chart's labels after a sentence): split them
            # where the orientation changes, reading each character's matrix for this line only
            pieces = []
            for start, end, upright in _orientation_runs(textpage, calls, raw, first):
                if upright:
                    pieces.extend(_read_line(textpage, calls, raw[start:end], first + start, page_left, page_top, strict, dividers))
                else:
                    pieces.extend(_turned(textpage, calls, raw[start:end], first + start, page_left, page_top))
            return pieces
        return _turned(textpage, calls, raw, first, page_left, page_top)

    # wide gaps cut the line; text objects stepping right to left are out of reading order
    cuts: list[tuple[int, int]] = []  # (rect index, char offset) where a piece after a wide gap starts
    spaces: list[int] = []  # char offsets that need a space before them
    for k in range(1, len(rects)):
        prev, cur = rects[k - 1], rects[k]
        gap = cur[0] - prev[2]
        if strict and gap < -max(2.0, 0.6 * line_size) and cur[2] < prev[0] + 0.5:
            raise PageRejected("text drawn out of reading order within a line")
        if gap > TAB_GAP * max(1.0, line_size) or (dividers and _divided(prev, cur, dividers)):
            offset = _char_at(textpage, cur, first, count)
            if offset is not None and 0 < offset < count and (not cuts or offset > cuts[-1][1]):
                cuts.append((k, offset))
        elif gap > NARROW_GAP * max(1.0, line_size):
            # a visible gap pdfium put no space in ("30.A wide range": a label and its text); a
            # narrow one only after punctuation, as kerning also leaves narrow gaps inside words
            offset = _char_at(textpage, cur, first, count)
            if offset is not None and 0 < offset < count and raw[offset - 1] not in _SPACE and raw[offset] not in _SPACE:
                if gap > WORD_GAP * max(1.0, line_size) or (raw[offset - 1] in ".,;:)]" and (raw[offset].isupper() or raw[offset].isdigit())):
                    spaces.append(offset)
    pieces: list[_Piece] = []
    bounds = [(0, 0)] + cuts + [(len(rects), count)]
    for (k0, c0), (k1, c1) in zip(bounds, bounds[1:]):
        group = rects[k0:k1]
        if not group:
            continue
        own = [f for f in fonts if c0 <= f[0] < c1]
        if not own:
            offset = next((i for i in range(c0, c1) if raw[i] not in _SPACE), c0)
            own = [(offset, *calls.font(textpage, first + offset))]
        size, bold = _vote(own)
        text = _piece_text(textpage, calls, raw, first, count, c0, c1, group, size, strict, [o for o in spaces if c0 < o < c1])
        if text:
            pieces.append(
                _Piece(
                    x0=min(r[0] for r in group) - page_left,
                    x1=max(r[2] for r in group) - page_left,
                    top=page_top - max(r[3] for r in group),
                    bottom=page_top - min(r[1] for r in group),
                    size=size,
                    bold=bold,
                    text=text,
                )
            )
    return pieces


def _orientation_runs(textpage, calls: _Calls, raw: str, first: int) -> list[tuple[int, int, bool]]:
    """(start, end, upright) runs of a line that mixes turned and upright text."""
    runs: list[list] = []
    for offset, char in enumerate(raw):
        upright = (runs[-1][2] if runs else True) if char in _SPACE else calls.upright(textpage, first + offset)
        if runs and runs[-1][2] == upright:
            runs[-1][1] = offset + 1
        else:
            runs.append([offset, offset + 1, upright])
    return [(start, end, upright) for start, end, upright in runs]


def _turned(textpage, calls: _Calls, raw: str, first: int, page_left: float, page_top: float) -> list[_Piece]:
    """Turned text (a chart's axis labels) as one piece of its own, its characters in drawing order."""
    text = _clean(raw)
    n_rects = pdfium_c.FPDFText_CountRects(textpage, first, len(raw))
    if not text or n_rects <= 0:
        return []
    rects = [calls.rect(textpage, k) for k in range(n_rects)]
    size, bold = _vote([(offset, *calls.font(textpage, first + offset)) for offset in _sample_positions(raw)])
    left, bottom = min(r[0] for r in rects), min(r[1] for r in rects)
    right, top = max(r[2] for r in rects), max(r[3] for r in rects)
    return [_Piece(left - page_left, right - page_left, page_top - top, page_top - bottom, size, bold, text, rotated=True)]


def _divided(prev, cur, dividers: list[tuple[float, float, float]]) -> bool:
    """A vertical rule runs between two text objects of a line (PDF space: x, y from, y to)."""
    middle = (cur[1] + cur[3]) / 2
    return any(prev[2] - 1.0 <= x <= cur[0] + 1.0 and low <= middle <= high for x, low, high in dividers)


def _vote(fonts: list[tuple[int, float, bool, bool]]) -> tuple[float, bool]:
    """The size most samples have, and bold when most samples are."""
    if not fonts:
        return 0.0, False
    sizes = [round(size, 1) for _, size, _, _ in fonts]
    # the first size seen among the most frequent (as Counter.most_common would pick), without a
    # Counter per line: there are at most SAMPLES sizes
    size = max(sizes, key=sizes.count)
    bold = sum(1 for _, _, is_bold, _ in fonts if is_bold)
    return size, bold >= 0.6 * len(fonts)


def _piece_text(
    textpage, calls: _Calls, raw: str, first: int, count: int, c0: int, c1: int, rects: list, size: float, strict: bool, spaces: list[int]
) -> str:
    """The text of one piece: its text objects must share a baseline; footnote markers are dropped."""
    main = max(rects, key=lambda r: (r[3] - r[1]) * min(1.0, (r[2] - r[0]) / max(1.0, size)))
    band_bottom, band_top = main[1], main[3]
    band = max(0.5, band_top - band_bottom)
    drops: list[tuple[int, int]] = []
    for k, r in enumerate(rects):
        height = r[3] - r[1]
        if height < 0.5 * band:  # a full stop, an apostrophe, a space: its middle is near the band
            on_band = band_bottom - 0.3 * band <= (r[1] + r[3]) / 2 <= band_top + 0.4 * band
        else:
            on_band = min(r[3], band_top) - max(r[1], band_bottom) >= 0.3 * min(band, height)
        if strict and not on_band:
            raise PageRejected("text on two baselines read as one line")
        close = k == 0 or r[0] - rects[k - 1][2] < 0.4 * max(1.0, size)
        if len(rects) > 1 and close and _raised_small(r, band_bottom, band):
            span = _footnote_marker(textpage, calls, raw, r, first, count, size)
            if span and c0 <= span[0] and span[1] <= c1:
                drops.append(span)
    chars = list(raw[c0:c1])
    for start, end in drops:
        chars[start - c0:end - c0] = [""] * (end - start)
    for offset in spaces:
        if chars[offset - c0]:
            chars[offset - c0] = " " + chars[offset - c0]
    return _clean("".join(chars))


def _sample_positions(raw: str) -> list[int]:
    """Offsets of up to SAMPLES visible characters spread evenly along the line."""
    n = len(raw)
    out: list[int] = []
    for j in range(SAMPLES):
        offset = int(n * (j + 0.5) / SAMPLES)
        while offset < n and raw[offset] in _SPACE:
            offset += 1
        if offset < n and (not out or out[-1] != offset):
            out.append(offset)
    return out


def _char_at(textpage, rect: tuple[float, float, float, float], first: int, count: int) -> int | None:
    """Offset in the line of the first character of a text object, from a point just inside it."""
    left, bottom, right, top = rect
    x = left + min(1.0, 0.5 * (right - left))
    y = (bottom + top) / 2
    index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, x, y, 0.5, 0.5)
    if index < first or index >= first + count:
        return None
    return index - first


def _raised_small(rect: tuple[float, float, float, float], band_bottom: float, band: float) -> bool:
    height = rect[3] - rect[1]
    return height < 0.75 * band and rect[1] > band_bottom + 0.25 * band


def _footnote_marker(textpage, calls: _Calls, raw: str, rect, first: int, count: int, line_size: float) -> tuple[int, int] | None:
    """(start, end) offsets of a raised run of one or two digits set smaller than the line
    ("review.4", or a footnote's own number before its text), with the space pdfium put before it."""
    offset = _char_at(textpage, rect, first, count)
    if offset is None or not raw[offset].isdigit():
        return None
    end = offset
    while end < count and raw[end].isdigit():
        end += 1
    if end - offset > 2 or (offset > 0 and raw[offset - 1].isdigit()):
        return None
    size, _, _ = calls.font(textpage, first + offset)
    if size >= 0.95 * line_size:
        return None
    start = offset - 1 if offset > 0 and raw[offset - 1] == " " else offset
    return start, end


def _clean(text: str) -> str:
    # pdfium marks some kept hyphens with \x02; line breaks inside a drawn string are spaces
    return text.replace("\x02", "-").replace("\r", " ").replace("\n", " ").strip(_SPACE)


def _rows(pieces: list[_Piece], number: int) -> list[Line]:
    """Join pieces drawn on one baseline (a footer's date and title, a contents entry and its page
    number), left to right, a tab where the gap is wide; then order the page top to bottom."""
    pieces.sort(key=lambda piece: (round(piece.top, 1), piece.x0))
    rows: list[list[_Piece]] = []
    for piece in pieces:
        if piece.rotated:
            rows.append([piece])
            continue
        for row in reversed(rows[-3:]):
            ref = row[-1]
            if ref.rotated:
                continue
            height = min(ref.bottom - ref.top, piece.bottom - piece.top)
            overlap = min(ref.bottom, piece.bottom) - max(ref.top, piece.top)
            apart = all(piece.x1 <= other.x0 + 1 or piece.x0 >= other.x1 - 1 for other in row)
            same_line = abs(ref.size - piece.size) < 1.5 and height > 0 and overlap >= 0.5 * height
            if apart and (same_line or _nested(piece, ref) or _nested(ref, piece)):
                row.append(piece)
                break
        else:
            rows.append([piece])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda piece: piece.x0)
        row = _without_footnote_markers(row)
        size = _dominant(row)
        text = row[0].text
        for prev, piece in zip(row, row[1:]):
            gap = piece.x0 - prev.x1
            text += ("\t" if gap > TAB_GAP * max(1.0, size) else " " if gap > 0.12 * max(1.0, size) else "") + piece.text
        chars = sum(len(piece.text) for piece in row)
        bold = sum(len(piece.text) for piece in row if piece.bold)
        lines.append(
            Line(
                page=number,
                top=min(piece.top for piece in row),
                bottom=max(piece.bottom for piece in row),
                x0=row[0].x0,
                x1=max(piece.x1 for piece in row),
                size=size,
                bold=chars > 0 and bold >= 0.6 * chars,
                text=text,
            )
        )
    lines.sort(key=lambda line: line.top)
    return lines


def _nested(small: _Piece, big: _Piece) -> bool:
    """`small` is set smaller, within (or raised a little above) `big`'s line: a superscript."""
    height = big.bottom - big.top
    return small.size < big.size - 0.5 and small.bottom <= big.bottom + 1.5 and small.top >= big.top - 0.6 * height and small.bottom > big.top


def _without_footnote_markers(row: list[_Piece]) -> list[_Piece]:
    """Drop small raised digits ("review.4", a footnote's own number) from a line of text."""
    if len(row) < 2:
        return row
    body = _dominant(row)
    body_bottom = max(piece.bottom for piece in row if piece.size == body)
    kept = [
        piece
        for piece in row
        if not (piece.text.isdigit() and len(piece.text) <= 2 and piece.size < 0.95 * body and piece.bottom < body_bottom - 1.0)
    ]
    return kept or row


def _dominant(row: list[_Piece]) -> float:
    """The size most of the row's characters are set in."""
    sizes: Counter[float] = Counter()
    for piece in row:
        sizes[piece.size] += len(piece.text)
    return sizes.most_common(1)[0][0]
