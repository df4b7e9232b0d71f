"""The careful PDF text layer: pdfplumber (pdfminer's layout), for the pages the fast layer leaves.

`read_page(plumber_page, number, why)` reads one page per word (never per character): words with
size and font grouped into visual lines (superscript footnote markers dropped, overprinted lines
kept apart), and ruled tables as rows of cells whose words are taken out of the running text. It is
about fifty times slower than the fast layer, so `pdf.py` only sends it pages whose fast reading
failed its check.
"""

from __future__ import annotations

import re
from collections import Counter

from .common import clean_text, join_wrapped
from .pdf_layout import PDFPLUMBER, Line, PageLines

_SYMBOL_FONT = re.compile(r"(?i)dingbat|wingding|webding|symbol")


def read_page(page, number: int, why: str) -> PageLines:
    """Lines and table rows of one pdfplumber page; `why` records the reason this layer was used."""
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False)
    tables = []
    table_boxes = []
    if words and len(page.rects) + len(page.lines) >= 3:
        try:
            found = page.find_tables()
        except Exception:  # noqa: BLE001 - a table we cannot read falls back to text
            found = []
        for table in found:
            rows = table.extract()
            if not rows or (len(rows) < 2 and len(rows[0]) < 2):
                continue
            ncols = max(len(r) for r in rows)
            if ncols < 2:
                continue
            table_boxes.append(table.bbox)
            for row_cells, row in zip(rows, table.rows):
                cells = tuple(_cell_text(c) for c in row_cells)
                if any(cells):
                    tables.append((row.bbox[1], cells))
    if table_boxes:
        words = [w for w in words if not _inside(w, table_boxes)]
    for word in words:
        # a symbol-font glyph (Wingdings, ZapfDingbats, Symbol) standing alone is a bullet
        if len(word["text"]) <= 2 and _SYMBOL_FONT.search(word["fontname"]):
            word["text"] = "•"
    lines = _group_lines(words, number)
    return PageLines(number=number, height=float(page.height), width=float(page.width), lines=lines, tables=tables, layer=PDFPLUMBER, why=why)


def _cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    return clean_text(join_wrapped(cell.split("\n")))


def _inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes)


def _group_lines(words: list[dict], page: int) -> list[Line]:
    words = sorted(words, key=lambda w: (round(w["top"], 1), w["x0"]))
    rows: list[list[dict]] = []
    for word in words:
        placed = False
        mid = (word["top"] + word["bottom"]) / 2
        glyph = len(word["text"]) == 1 or word["text"].startswith("(cid:")
        for row in reversed(rows[-3:]):
            ref = row[-1]
            tolerance = max(2.0, 0.45 * min(ref["bottom"] - ref["top"], word["bottom"] - word["top"]))
            same_size = glyph or len(ref["text"]) == 1 or ref["text"].startswith("(cid:") or abs(float(ref["size"]) - float(word["size"])) < 1.5
            within = _nested(word, ref) or _nested(ref, word)  # superscripts, small caps
            if (
                ((same_size and abs(mid - (ref["top"] + ref["bottom"]) / 2) <= tolerance) or within)
                and not any(w["x0"] < word["x1"] - 1 and word["x0"] < w["x1"] - 1 for w in row)  # overprinted: another line
            ):
                row.append(word)
                placed = True
                break
        if not placed:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        if len(row) > 1:
            text_words = [w for w in row if not w["text"].startswith("(cid:") and not w["text"].isdigit()]
            sizes = Counter(round(float(w["size"]), 1) for w in text_words)
            body_size = sizes.most_common(1)[0][0] if sizes else 0.0
            body_bottom = max((w["bottom"] for w in text_words if round(float(w["size"]), 1) == body_size), default=0.0)
            # footnote markers: small raised digits ("review.4") are not words of the text
            row = [
                w
                for w in row
                if not (w["text"].isdigit() and len(w["text"]) <= 2 and float(w["size"]) < 0.95 * body_size and w["bottom"] < body_bottom - 1.0)
            ] or row
        sizes: Counter[float] = Counter()
        bold_chars = 0
        chars = 0
        for w in row:
            n = len(w["text"])
            if w["text"].startswith("(cid:"):
                continue
            sizes[round(float(w["size"]), 1)] += n
            chars += n
            if _is_bold(w["fontname"]):
                bold_chars += n
        size = sizes.most_common(1)[0][0] if sizes else round(float(row[0]["size"]), 1)
        text = _line_text(row)
        lines.append(
            Line(
                page=page,
                top=min(w["top"] for w in row),
                bottom=max(w["bottom"] for w in row),
                x0=row[0]["x0"],
                x1=row[-1]["x1"],
                size=size,
                bold=chars > 0 and bold_chars >= 0.6 * chars,
                text=text,
            )
        )
    lines.sort(key=lambda line: line.top)
    return lines


def _nested(small: dict, big: dict) -> bool:
    """`small` is a smaller word sitting within (or raised a little above) `big`'s line."""
    height = big["bottom"] - big["top"]
    return (
        float(small["size"]) < float(big["size"]) - 0.5
        and small["bottom"] <= big["bottom"] + 1.5
        and small["top"] >= big["top"] - 0.6 * height
        and small["bottom"] > big["top"]
    )


def _line_text(row: list[dict]) -> str:
    parts = []
    prev = None
    for w in row:
        if prev is not None:
            gap = w["x0"] - prev["x1"]
            size = max(1.0, float(w["size"]))
            if gap > 3 * size:
                parts.append("\t")  # a wide gap: column or leader
            elif gap > 0.12 * size:
                parts.append(" ")
            # else: the same word split by a change of font (e.g. a curly apostrophe)
        parts.append(w["text"])
        prev = w
    return "".join(parts)


def _is_bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].lower()
    return any(k in name for k in ("bold", "black", "heavy", "semibold", "demi")) or name.endswith((",b", "-b", ".b"))
