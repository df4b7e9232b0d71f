"""From positioned lines to blocks, whichever text layer read the page.

Both PDF text layers (`pdf_pdfium` for most pages, `pdf_plumber` where a page needs it) turn a page
into `PageLines`: visual lines with their box, dominant font size and weight, plus table rows. Here:
1. running headers and footers are removed: lines that recur near the top or bottom of most pages
   (digits ignored, so "Page 3 of 9" matches "Page 4 of 9"), page numbers, and classification
   markings such as "OFFICIAL - SENSITIVE";
2. lines are joined into blocks across wraps and page breaks (hyphenation repaired), split where the
   vertical gap, the font, a bullet or a printed paragraph label says a new block starts;
3. headings come from font size and weight (bigger than body text = heading; bold short line =
   heading; a short line in capitals = heading).
Each block keeps the page it starts on and the layer that read that page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from core.model import PassageKind

from .common import Block, clean_text, join_wrapped, split_label, split_label_loose, strip_bullet, vocabulary_of

_CLASSIFICATION = re.compile(
    r"\b(?:OFFICIAL(?:[\s\-–:]+SENSITIVE)?|NOT PROTECTIVELY MARKED|PROTECT(?:[\s\-–]+\w+)?|RESTRICTED|"
    r"UNCLASSIFIED|CONFIDENTIAL|COMMERCIAL IN CONFIDENCE|PRIVATE AND CONFIDENTIAL)\b"
)
_PAGE_REF = re.compile(r"(?i)\b(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?\b|^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$|^\s*\d+\s*(?:of|/)\s*\d+\s*$")

PDFIUM = "pdfium"
PDFPLUMBER = "pdfplumber"


@dataclass
class Line:
    """One visual line: its text (a tab marks a wide gap), box (from the page top), font size and weight."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str = ""


@dataclass
class PageLines:
    """One page as a text layer read it."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[tuple[float, tuple[str, ...]]] = field(default_factory=list)  # (top, cells) per row
    layer: str = PDFIUM
    why: str | None = None  # why this layer read the page, when it is not the fast one


# ------------------------------------------------------------------------------------------------
# Running headers and footers
# ------------------------------------------------------------------------------------------------


def _key(text: str) -> str:
    """Running-line identity: only the letters count, so page numbers, dates, spacing and the glyph
    a layer reads for a symbol ("■" or "•") do not make two copies of one header differ."""
    return re.sub(r"[\W\d_]+", "", text.lower())


def _is_furniture_text(text: str) -> bool:
    """Page numbers and classification markings, alone or together ("OFFICIAL Page 1 of 7")."""
    rest = _CLASSIFICATION.sub(" ", text)
    rest = _PAGE_REF.sub(" ", rest)
    rest = re.sub(r"[\s|•·\-–—_]+", "", rest)
    return rest == ""


def _remove_furniture(pages: list[PageLines]) -> None:
    npages = len(pages)
    zone_counts: Counter[tuple[str, str]] = Counter()
    tops: dict[tuple[str, str], list[float]] = {}
    for page in pages:
        lines = page.lines
        height = page.height
        seen: set[tuple[str, str]] = set()
        for line in lines[:4]:
            if line.top < height * 0.2:
                seen.add((_key(line.text), "top"))
                tops.setdefault((_key(line.text), "top"), []).append(line.top)
        for line in lines[-4:]:
            if line.bottom > height * 0.8:
                seen.add((_key(line.text), "bottom"))
                tops.setdefault((_key(line.text), "bottom"), []).append(line.top)
        zone_counts.update(seen)
    needed = max(2, int(0.5 * npages + 0.5)) if npages >= 3 else 2
    running = {k for k, c in zone_counts.items() if c >= needed and npages >= 2}
    for page in pages:
        height = page.height
        kept = []
        for index, line in enumerate(page.lines):
            in_top = line.top < height * 0.2 and index < 4
            in_bottom = line.bottom > height * 0.8 and index >= len(page.lines) - 4
            drop = False
            for zone, inside in (("top", in_top), ("bottom", in_bottom)):
                key = (_key(line.text), zone)
                if inside and key in running:
                    ref = median(tops[key])
                    if abs(line.top - ref) <= max(6.0, line.size):
                        drop = True
            if (line.top < height * 0.1 or line.bottom > height * 0.9) and _is_furniture_text(line.text):
                drop = True
            if not drop:
                kept.append(line)
        page.lines = kept


# ------------------------------------------------------------------------------------------------
# Lines -> blocks
# ------------------------------------------------------------------------------------------------

_TOC_LINE = re.compile(r"(?:\t|\.{4,}|(?:\. ){4,}|…{2,})\s*(?:\d{1,3}|[ivxlc]{1,6})\s*$")
_LEADER_DOTS = re.compile(r"\s*(?:\.{4,}|(?:\. ){4,}|…{2,})\s*")
_SYMBOL_FONT = re.compile(r"(?i)dingbat|wingding|webding|symbol")
_TERMINAL = (".", "!", "?", ":", ";", ".”", ".'", ".\"", ")", "”")


def blocks(pages: list[PageLines]) -> list[Block]:
    _remove_furniture(pages)
    all_lines = [line for page in pages for line in page.lines]
    if not all_lines and not any(p.tables for p in pages):
        return []
    size_chars: Counter[float] = Counter()
    bold_chars = 0
    total_chars = 0
    for line in all_lines:
        size_chars[line.size] += len(line.text)
        total_chars += len(line.text)
        if line.bold:
            bold_chars += len(line.text)
    body = size_chars.most_common(1)[0][0] if size_chars else 10.0
    body_is_bold = total_chars and bold_chars > 0.5 * total_chars
    left = _left_margin(all_lines)
    right = max((line.x1 for line in all_lines), default=0.0)
    heading_sizes = sorted({line.size for line in all_lines if line.size >= body + 1.0}, reverse=True)

    def heading_level(line: Line) -> int:
        if line.size >= body + 1.0:
            return heading_sizes.index(line.size) + 1
        return len(heading_sizes) + 1  # bold, or capitals, at body size

    def is_heading_line(line: Line) -> bool:
        text = clean_text(line.text)
        if not text or len(text) > 200:
            return False
        alone, rest = split_label_loose(text)
        if alone and not rest:
            return False  # a label printed on its own line ("A13"), not a heading
        starts_bullet, _ = strip_bullet(line.text)
        if starts_bullet:
            return False
        if line.size >= body + 1.0:
            return len(text.split()) <= 30 and re.search(r"[A-Za-z]", text) is not None
        if line.bold and not body_is_bold:
            return len(text.split()) <= 18 and not text.endswith((",", ";")) and re.search(r"[A-Za-z]", text) is not None
        return _all_caps_heading(text)

    # Merge items of the page stream (lines and table rows) in reading order.
    stream: list[tuple[int, float, str, object]] = []
    for page in pages:
        for line in page.lines:
            stream.append((page.number, line.top, "line", line))
        for top, cells in page.tables:
            stream.append((page.number, top, "row", cells))
    stream.sort(key=lambda item: (item[0], item[1]))

    vocabulary = vocabulary_of(line.text for line in all_lines)
    out: list[Block] = []
    layers = {page.number: page.layer for page in pages}
    current: dict | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            text = join_wrapped(current["lines"], vocabulary)
            out.append(Block(text=text, kind=current["kind"], page=current["page"], level=current["level"], layer=layers.get(current["page"])))
        current = None

    prev_line: Line | None = None
    toc_flags = [what == "line" and bool(_TOC_LINE.search(item.text)) for _, _, what, item in stream]  # type: ignore[union-attr]
    for index, (page_no, _top, what, item) in enumerate(stream):
        if what == "row":
            flush()
            out.append(Block(text="", kind=PassageKind.TABLE_ROW, page=page_no, cells=item, layer=layers.get(page_no)))  # type: ignore[arg-type]
            prev_line = None
            continue
        line: Line = item  # type: ignore[assignment]
        toc = toc_flags[index]
        # a contents entry wrapped over two lines: the first line has no page number yet
        toc_start = not toc and index + 1 < len(stream) and toc_flags[index + 1] and stream[index + 1][3].text[:1].islower()  # type: ignore[union-attr]
        text = _LEADER_DOTS.sub(" ", line.text).replace("\t", " ")
        bullet, rest = strip_bullet(text)
        heading = is_heading_line(line) and not toc and not toc_start
        level = heading_level(line) if heading else 0
        kind = PassageKind.HEADING if heading else (PassageKind.LIST_ITEM if bullet else PassageKind.PARAGRAPH)
        label, _ = split_label(clean_text(rest))
        new_block = True
        if current is not None and prev_line is not None:
            same_page = prev_line.page == line.page
            gap = line.top - prev_line.top if same_page else None
            pitch_limit = 1.55 * max(prev_line.size, line.size)
            prev_text = current["lines"][-1].rstrip()
            prev_short = prev_line.x1 < right - max(40.0, 0.15 * (right - left))
            if current.get("toc_start") and toc:
                new_block = False
            elif toc or toc_start or current.get("toc") or current.get("toc_start"):
                new_block = True  # contents entries: one passage per entry
            elif heading:
                new_block = not (
                    current["kind"] == PassageKind.HEADING
                    and current["level"] == level
                    and same_page
                    and gap is not None
                    and gap <= pitch_limit
                    and not label
                )
            elif bullet:
                new_block = True
            elif current["kind"] == PassageKind.HEADING:
                new_block = True
            elif label and (prev_text.endswith(_TERMINAL) or prev_short or (gap is not None and gap > pitch_limit) or not same_page):
                new_block = True
            elif gap is not None and gap <= pitch_limit and abs(line.size - prev_line.size) < 1.0:
                new_block = False
            else:
                # a gap or page break: continue only a sentence that is visibly unfinished
                first = clean_text(rest)[:1]
                new_block = not (
                    not prev_text.endswith(_TERMINAL)
                    and (first.islower() or (not same_page and not prev_short and first not in "•"))
                    and abs(line.size - prev_line.size) < 1.0
                )
        if new_block:
            flush()
            current = {"lines": [rest if bullet else text], "kind": kind, "page": line.page, "level": level, "toc": toc, "toc_start": toc_start}
        else:
            assert current is not None
            current["lines"].append(text)
            if toc:
                current["toc"], current["toc_start"] = True, False
        prev_line = line
    flush()
    return out


def _all_caps_heading(text: str) -> bool:
    """ "PURPOSE OF THE REPORT": a short line in capitals, not a sentence."""
    if text.endswith((".", ",", ";")) or not 2 <= len(text.split()) <= 12:
        return False
    letters = sum(map(str.isalpha, text))  # counted in C: this runs on every line of every page
    return letters >= 6 and sum(map(str.isupper, text)) >= 0.9 * letters


def _left_margin(lines: list[Line]) -> float:
    if not lines:
        return 0.0
    counts = Counter(round(line.x0) for line in lines)
    return float(counts.most_common(1)[0][0])
