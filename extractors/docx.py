"""DOCX extraction with python-docx: the body only (headers and footers are page furniture).

Body elements are walked in document order, including paragraphs and tables inside content controls
(`w:sdt`). Heading styles ("Heading 1".."Heading 9", "Title") give heading levels; list styles or
numbering properties (`w:numPr`) make list items; tables give one TABLE_ROW per row with merged
cells counted once. Core properties (title, author, created, modified...) go to `properties`.
The zip's declared sizes were checked by `detect.py` before we get here.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.model import ExtractedDocument, PassageKind, Refused
from core.settings import Settings

from .common import Block, clean_text, finish, good_title, split_label, strip_bullet

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.I)


def extract(path: Path, settings: Settings | None = None) -> ExtractedDocument:
    import docx as python_docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = python_docx.Document(str(path))
    except PackageNotFoundError:
        raise Refused("not a readable Word document (package not found)") from None
    except KeyError as exc:
        raise Refused(f"corrupt Word document (missing part {exc})") from None
    except Exception as exc:  # noqa: BLE001
        raise Refused(f"corrupt Word document ({type(exc).__name__}: {str(exc)[:80]})") from None

    properties = _core_properties(document)
    blocks: list[Block] = []
    numbering = _Numbering(document)
    _walk(document.element.body, document, blocks, numbering)
    return finish(
        path,
        "docx",
        blocks,
        metadata_title=properties.get("title"),
        metadata_how="Word document properties title",
        properties=properties,
    )


def _core_properties(document) -> dict[str, str]:
    props: dict[str, str] = {}
    try:
        core = document.core_properties
    except Exception:  # noqa: BLE001
        return props
    for name in ("title", "subject", "author", "last_modified_by", "keywords", "category", "comments", "created", "modified", "last_printed", "revision"):
        try:
            value = getattr(core, name)
        except Exception:  # noqa: BLE001 - a malformed property is skipped
            continue
        if value is None or value == "":
            continue
        props[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return props


def _walk(container, document, blocks: list[Block], numbering: "_Numbering") -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            _paragraph(Paragraph(child, document), blocks, numbering)
        elif tag == f"{W}tbl":
            _table(Table(child, document), blocks)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _walk(content, document, blocks, numbering)
        elif tag in (f"{W}customXml", f"{W}ins", f"{W}smartTag"):
            _walk(child, document, blocks, numbering)


def _style_name(paragraph) -> str:
    try:
        style = paragraph.style
        return style.name if style is not None and style.name else ""
    except Exception:  # noqa: BLE001
        return ""


def _paragraph(paragraph, blocks: list[Block], numbering: "_Numbering") -> None:
    text = paragraph.text or ""
    if not text.strip():
        return
    style = _style_name(paragraph)
    match = _HEADING_STYLE.match(style)
    ppr = paragraph._p.pPr
    outline = None
    if ppr is not None:
        level_el = ppr.find(f"{W}outlineLvl")
        if level_el is not None:
            try:
                outline = int(level_el.get(f"{W}val")) + 1
            except (TypeError, ValueError):
                outline = None
    num_id, ilvl = _num_pr(paragraph)
    label, is_bullet = numbering.next_label(num_id, ilvl) if num_id else (None, False)
    if label is not None and split_label(clean_text(text))[0] is not None:
        label = None  # the number is typed in the text as well: keep what is printed there
    if style.lower() == "title":
        blocks.append(Block(text=text, kind=PassageKind.HEADING, level=0))
        return
    if match or (outline is not None and outline <= 9):
        level = int(match.group(1)) if match else outline
        blocks.append(Block(text=text, kind=PassageKind.HEADING, level=level or 1, label=label))
        return
    bullet, rest = strip_bullet(text)
    lowered = style.lower()
    if is_bullet or bullet or ("list" in lowered and not label) or (num_id and "list" in lowered):
        blocks.append(Block(text=rest if bullet else text, kind=PassageKind.LIST_ITEM, label=label))
        return
    # soft line breaks inside one paragraph stay one passage; auto-numbered paragraphs get their number
    blocks.append(Block(text=text.replace("\n", " "), label=label))


def _num_pr(paragraph) -> tuple[str | None, int]:
    """(numId, level) from the paragraph, or from its style (numbered heading styles)."""
    candidates = [paragraph._p.pPr]
    try:
        style = paragraph.style
        while style is not None and len(candidates) < 6:
            candidates.append(style.element.pPr)
            style = style.base_style
    except Exception:  # noqa: BLE001
        pass
    num_id, ilvl = None, None
    for ppr in candidates:
        if ppr is None:
            continue
        numpr = ppr.find(f"{W}numPr")
        if numpr is None:
            continue
        id_el, lvl_el = numpr.find(f"{W}numId"), numpr.find(f"{W}ilvl")
        if num_id is None and id_el is not None:
            num_id = id_el.get(f"{W}val")
        if ilvl is None and lvl_el is not None:
            ilvl = lvl_el.get(f"{W}val")
        if num_id is not None and ilvl is not None:
            break
    if num_id in (None, "0"):
        return None, 0
    try:
        return num_id, int(ilvl or 0)
    except ValueError:
        return num_id, 0


class _Numbering:
    """Word's automatic numbering, counted as Word would print it ("3", "2.1", "(b)", "iv")."""

    def __init__(self, document) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part
            return
        for abstract in root.findall(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId")
            levels = {}
            for lvl in abstract.findall(f"{W}lvl"):
                try:
                    index = int(lvl.get(f"{W}ilvl") or 0)
                    fmt_el, text_el, start_el = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
                    fmt = fmt_el.get(f"{W}val") if fmt_el is not None else "decimal"
                    pattern = text_el.get(f"{W}val") if text_el is not None else f"%{index + 1}."
                    start = int(start_el.get(f"{W}val")) if start_el is not None else 1
                except (TypeError, ValueError):
                    continue
                levels[index] = (fmt or "decimal", pattern or "", start)
            self.levels[abstract_id] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            overrides = {}
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    try:
                        overrides[int(override.get(f"{W}ilvl") or 0)] = int(start.get(f"{W}val"))
                    except (TypeError, ValueError):
                        pass
            self.nums[num.get(f"{W}numId")] = (ref.get(f"{W}val"), overrides)

    def next_label(self, num_id: str, ilvl: int) -> tuple[str | None, bool]:
        """Advance the counter for this list level; return (label or None, is a bullet)."""
        if num_id not in self.nums:
            return None, False
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        fmt, pattern, start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return None, True
        if fmt == "none":
            return None, False
        key = abstract_id
        counters = self.counters.setdefault(key, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = overrides.get(ilvl, start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            value = counters[level] or levels.get(level, ("decimal", "", 1))[2]
            return _format_number(value, level_fmt)

        label = re.sub(r"%(\d)", render, pattern).strip()
        if not label or not re.search(r"[0-9A-Za-z]", label):
            return None, False
        if label.endswith(".") and not label.startswith("("):
            stripped = label.rstrip(".")
            label = stripped if stripped[:1].isdigit() or stripped[:1].isupper() else label
        return label, False


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(97 + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, n = "", value
        for number, numeral in numerals:
            while n >= number:
                out += numeral
                n -= number
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _table(table, blocks: list[Block]) -> None:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        try:
            row_cells = row.cells
        except Exception:  # noqa: BLE001 - ragged tables
            row_cells = []
        for cell in row_cells:
            key = id(cell._tc)
            if key in seen:
                continue
            seen.add(key)
            cells.append(clean_text(" ".join(p.text for p in cell.paragraphs if p.text.strip())))
        if any(cells):
            blocks.append(Block(text="", kind=PassageKind.TABLE_ROW, cells=tuple(cells)))


__all__ = ["extract", "good_title"]
