"""PDF extraction with pdfplumber, working per word (never per character).

Steps, page by page:
1. words with size and font (`extract_words(extra_attrs=["size", "fontname"])`), grouped into lines;
2. tables, only on pages that have ruling lines or rectangles: rows become TABLE_ROW passages and
   their words are taken out of the running text;
3. running headers and footers removed: lines that recur near the top or bottom of most pages (digits
   ignored, so "Page 3 of 9" matches "Page 4 of 9"), page numbers, and classification markings
   such as "OFFICIAL - SENSITIVE";
4. lines joined into blocks across wraps and page breaks (hyphenation repaired), split where the
   vertical gap, the font, a bullet or a printed paragraph label says a new block starts;
5. headings from font size and weight (bigger than body text = heading; bold short line = heading).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from core.model import ExtractedDocument, PassageKind, Refused, sha256_file
from core.settings import Settings

from .common import Block, clean_text, finish, join_wrapped, split_label, split_label_loose, strip_bullet, vocabulary_of

_CLASSIFICATION = re.compile(
    r"\b(?:OFFICIAL(?:[\s\-–:]+SENSITIVE)?|NOT PROTECTIVELY MARKED|PROTECT(?:[\s\-–]+\w+)?|RESTRICTED|"
    r"UNCLASSIFIED|CONFIDENTIAL|COMMERCIAL IN CONFIDENCE|PRIVATE AND CONFIDENTIAL)\b"
)
_PAGE_REF = re.compile(r"(?i)\b(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?\b|^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$|^\s*\d+\s*(?:of|/)\s*\d+\s*$")


@dataclass
class Line:
    words: list[dict]
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str = ""
    table_row: tuple[str, ...] | None = None
    kind: str = "text"  # text | table
    extra: dict = field(default_factory=dict)


def extract(path: Path, settings: Settings | None = None) -> ExtractedDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    settings = settings or Settings()
    _check_tail(path)
    passwords = [""] + list(settings.pdf_passwords or [])
    pdf = None
    last_error: Exception | None = None
    encrypted = False
    used_password = False
    for password in passwords:
        try:
            pdf = pdfplumber.open(path, password=password)
            _ = pdf.pages  # forces the page tree to load
            used_password = bool(password)
            break
        except PDFPasswordIncorrect:
            encrypted = True
            pdf = None
            continue
        except Exception as exc:  # noqa: BLE001
            inner = [exc, *exc.args, exc.__cause__, exc.__context__]
            if any(isinstance(e, PDFPasswordIncorrect) for e in inner):
                encrypted = True
                pdf = None
                continue
            last_error = exc
            pdf = None
            name = type(exc).__name__
            if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
                encrypted = True
                continue
            break
    if pdf is None:
        if encrypted:
            tried = len(settings.pdf_passwords or [])
            raise Refused(
                "encrypted PDF: password needed"
                + (f" (none of the {tried} password(s) in settings.pdf_passwords worked)" if tried else " (add it to settings.pdf_passwords)")
            )
        if isinstance(last_error, PDFSyntaxError):
            raise Refused("corrupt or truncated PDF (no readable document structure)")
        raise Refused(f"corrupt or truncated PDF ({type(last_error).__name__}: {str(last_error)[:80]})")
    with pdf:
        try:
            page_count = len(pdf.pages)
        except Exception:  # noqa: BLE001
            raise Refused("corrupt or truncated PDF (page tree unreadable)") from None
        if page_count == 0:
            raise Refused("corrupt or truncated PDF (no pages)")
        metadata = {k: _meta_str(v) for k, v in (pdf.metadata or {}).items()}
        pages = _read_pages(pdf, deadline=time.monotonic() + settings.file_timeout_s if settings.file_timeout_s else None)
    if not any(p["lines"] or p["tables"] for p in pages):
        return _ocr_or_refuse(path, settings)
    blocks = _blocks(pages)
    properties = {k.lower(): v for k, v in metadata.items() if v and k in {"Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate"}}
    if used_password:
        properties["decrypted"] = "with a password from settings.pdf_passwords"
    return finish(
        path,
        "pdf",
        blocks,
        metadata_title=metadata.get("Title"),
        metadata_how="PDF document information title",
        prefer_heading=True,
        page_count=page_count,
        properties=properties,
    )


def _meta_str(value: object) -> str:
    if isinstance(value, bytes):
        for enc in ("utf-16", "utf-8", "latin-1"):
            try:
                return value.decode(enc).strip("\x00 ")
            except UnicodeDecodeError:
                continue
    return str(value) if value is not None else ""


def _check_tail(path: Path) -> None:
    """A PDF whose end was cut off has no %%EOF near its end."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        handle.seek(max(0, size - 2048))
        tail = handle.read()
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise Refused("truncated PDF: the end of the file is missing (incomplete download or copy?)")


def _ocr_or_refuse(path: Path, settings: Settings) -> ExtractedDocument:
    tool = shutil.which("ocrmypdf")
    if not settings.ocr:
        raise Refused("no text layer: needs OCR (OCR is switched off in settings)")
    if tool is None:
        raise Refused("no text layer: needs OCR (ocrmypdf is not installed)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ocr.pdf"
        try:
            subprocess.run(
                [tool, "--quiet", "--skip-text", str(path), str(out)],
                check=True,
                capture_output=True,
                timeout=max(30.0, settings.file_timeout_s),
            )
        except subprocess.TimeoutExpired:
            raise Refused("no text layer: OCR timed out") from None
        except subprocess.CalledProcessError as exc:
            raise Refused(f"no text layer: OCR failed ({(exc.stderr or b'').decode(errors='replace').strip()[:80]})") from None
        ocr_settings = Settings(**{**settings.__dict__, "ocr": False})
        document = extract(out, ocr_settings)
    document.properties["ocr"] = "ocrmypdf"
    document.sha256 = sha256_file(path)  # identity stays the bytes we were given, not the OCR copy
    document.source_path = str(path)
    return document


# ------------------------------------------------------------------------------------------------
# Page reading
# ------------------------------------------------------------------------------------------------


def _read_pages(pdf, deadline: float | None = None) -> list[dict]:
    pages = []
    for number, page in enumerate(pdf.pages, start=1):
        if deadline is not None and time.monotonic() > deadline:
            raise Refused(f"PDF took too long to read (stopped at page {number} of {len(pdf.pages)}; file_timeout_s)")
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
        pages.append({"number": number, "height": float(page.height), "width": float(page.width), "lines": lines, "tables": tables})
        page.close()  # drop the page's cached objects: memory stays bounded by one page
    return pages


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
                words=row,
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


# ------------------------------------------------------------------------------------------------
# Running headers and footers
# ------------------------------------------------------------------------------------------------


def _key(text: str) -> str:
    """Running-line identity: case, digits (page numbers, dates) and spacing ignored."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "", text.lower())).strip()


def _is_furniture_text(text: str) -> bool:
    """Page numbers and classification markings, alone or together ("OFFICIAL Page 1 of 7")."""
    rest = _CLASSIFICATION.sub(" ", text)
    rest = _PAGE_REF.sub(" ", rest)
    rest = re.sub(r"[\s|•·\-–—_]+", "", rest)
    return rest == ""


def _remove_furniture(pages: list[dict]) -> None:
    npages = len(pages)
    zone_counts: Counter[tuple[str, str]] = Counter()
    tops: dict[tuple[str, str], list[float]] = {}
    for page in pages:
        lines = page["lines"]
        height = page["height"]
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
        height = page["height"]
        kept = []
        for index, line in enumerate(page["lines"]):
            in_top = line.top < height * 0.2 and index < 4
            in_bottom = line.bottom > height * 0.8 and index >= len(page["lines"]) - 4
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
        page["lines"] = kept


# ------------------------------------------------------------------------------------------------
# Lines -> blocks
# ------------------------------------------------------------------------------------------------

_TOC_LINE = re.compile(r"(?:\t|\.{4,}|(?:\. ){4,}|…{2,})\s*(?:\d{1,3}|[ivxlc]{1,6})\s*$")
_LEADER_DOTS = re.compile(r"\s*(?:\.{4,}|(?:\. ){4,}|…{2,})\s*")
_SYMBOL_FONT = re.compile(r"(?i)dingbat|wingding|webding|symbol")
_TERMINAL = (".", "!", "?", ":", ";", ".”", ".'", ".\"", ")", "”")


def _blocks(pages: list[dict]) -> list[Block]:
    _remove_furniture(pages)
    all_lines = [line for page in pages for line in page["lines"]]
    if not all_lines and not any(p["tables"] for p in pages):
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
        for line in page["lines"]:
            stream.append((page["number"], line.top, "line", line))
        for top, cells in page["tables"]:
            stream.append((page["number"], top, "row", cells))
    stream.sort(key=lambda item: (item[0], item[1]))

    vocabulary = vocabulary_of(line.text for line in all_lines)
    blocks: list[Block] = []
    current: dict | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            text = join_wrapped(current["lines"], vocabulary)
            blocks.append(Block(text=text, kind=current["kind"], page=current["page"], level=current["level"]))
        current = None

    prev_line: Line | None = None
    toc_flags = [what == "line" and bool(_TOC_LINE.search(item.text)) for _, _, what, item in stream]  # type: ignore[union-attr]
    for index, (page_no, _top, what, item) in enumerate(stream):
        if what == "row":
            flush()
            blocks.append(Block(text="", kind=PassageKind.TABLE_ROW, page=page_no, cells=item))  # type: ignore[arg-type]
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
    return blocks


def _all_caps_heading(text: str) -> bool:
    """ "PURPOSE OF THE REPORT": a short line in capitals, not a sentence."""
    letters = [c for c in text if c.isalpha()]
    words = text.split()
    return (
        len(letters) >= 6
        and 2 <= len(words) <= 12
        and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
        and not text.endswith((".", ",", ";"))
    )


def _left_margin(lines: list[Line]) -> float:
    if not lines:
        return 0.0
    counts = Counter(round(line.x0) for line in lines)
    return float(counts.most_common(1)[0][0])
