"""Plain text and Markdown.

The encoding is detected with charset-normalizer (BOMs first, then UTF-8, then its best guess), never
assumed. Markdown `#` headings and underlined headings ("Title" over "====") are headings; lines
starting with a bullet ("-", "*", "•") or, in Markdown, "1." are list items; tab- or pipe-separated
lines are table rows.

Paragraphs. Blank lines separate paragraphs. Within a run of lines, a line break is a paragraph
break too when the text is not hard-wrapped (one paragraph per line, as text pasted from an email
or exported from a case system has it): when the next line starts with a printed label ("2.2
Leaders"), or the line ends a sentence or is short (a heading, "Date: 14 October 2024"), unless the
next line starts in lower case. In hard-wrapped text (lines broken at a fixed width of at most a
hundred characters), only a label, or a short line that ends a sentence, starts a new paragraph.

Headings in plain text: a short line without a closing full stop standing alone before a blank
line; the document's first line when it looks like a title; and, in one-paragraph-per-line text, a
short line followed by a numbered paragraph, a list or a full sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from core.model import ExtractedDocument, PassageKind, Refused
from core.settings import Settings

from .common import Block, finish, split_label, strip_bullet

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_UNDERLINE = re.compile(r"^(=+|-+)\s*$")
_NUMBERED_ITEM = re.compile(r"^\s*(\d{1,3})[.)]\s+\S")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_text(path: Path) -> tuple[str, str]:
    """Decode bytes to text; returns (text, how the encoding was decided)."""
    data = path.read_bytes()
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), f"{encoding} (byte order mark)"
    try:
        return data.decode("utf-8"), "utf-8 (valid)"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Refused("text file in an unknown encoding (not UTF-8 and no likely encoding found)")
    encoding = best.encoding
    # Windows-1252 is a superset of Latin-1 for printable text: prefer it for curly quotes and dashes
    if encoding in {"latin_1", "iso8859_1", "iso-8859-1", "cp1250", "iso8859_15"} and any(0x80 <= b <= 0x9F for b in data):
        encoding = "cp1252"
    return data.decode(encoding, errors="replace"), f"{encoding} (detected by charset-normalizer)"


def extract(path: Path, settings: Settings | None = None) -> ExtractedDocument:
    text, how = read_text(path)
    if "\x00" in text:
        raise Refused("binary data, not a text document")
    markdown = _is_markdown(path, text)
    blocks = parse_lines(text.splitlines(), markdown=markdown)
    return finish(
        path,
        "markdown" if markdown else "text",
        blocks,
        properties={"encoding": how},
    )


def _is_markdown(path: Path, text: str) -> bool:
    if path.suffix.lower() in {".md", ".markdown"}:
        return True
    return bool(re.search(r"(?m)^#{1,6} \S", text[:20000]))


def parse_lines(lines: list[str], markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    para_kind = PassageKind.PARAGRAPH
    layout = _layout(lines)

    def flush() -> None:
        nonlocal para, para_kind
        if para:
            text = " ".join(part.strip() for part in para)
            if markdown:
                text = _strip_inline_markdown(text)
            blocks.append(Block(text=text, kind=para_kind))
        para = []
        para_kind = PassageKind.PARAGRAPH

    index = 0
    in_code = False
    seen_text = False
    while index < len(lines):
        raw = lines[index].rstrip("\r\n")
        line = raw.strip()
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        index += 1
        if markdown and line.startswith("```"):
            flush()
            in_code = not in_code
            continue
        if in_code:
            para.append(line)
            continue
        if not line:
            flush()
            continue
        first_line = not seen_text
        seen_text = True
        if markdown:
            heading = _MD_HEADING.match(line)
            if heading:
                flush()
                blocks.append(Block(text=_strip_inline_markdown(heading.group(2)), kind=PassageKind.HEADING, level=len(heading.group(1))))
                continue
            if _MD_RULE.match(line) and not para:
                continue
            if _TABLE_SEPARATOR.match(line):
                continue
        if following and _UNDERLINE.match(following) and not para and len(line) < 150:
            flush()
            blocks.append(Block(text=line, kind=PassageKind.HEADING, level=1 if following.startswith("=") else 2))
            index += 1
            continue
        if "\t" in raw.strip("\t ") or (markdown and line.startswith("|") and line.count("|") >= 2):
            flush()
            cells = [c.strip() for c in (line.strip("|").split("|") if markdown and line.startswith("|") else raw.strip().split("\t"))]
            if markdown:
                cells = [_strip_inline_markdown(c) for c in cells]
            blocks.append(Block(text="", kind=PassageKind.TABLE_ROW, cells=tuple(_strip_tags(c) for c in cells)))
            continue
        bullet, rest = strip_bullet(line)
        if bullet or (markdown and _NUMBERED_ITEM.match(line)):
            flush()
            para = [rest if bullet else line]
            para_kind = PassageKind.LIST_ITEM
            continue
        if para and para_kind == PassageKind.LIST_ITEM and raw[:1] not in " \t":
            flush()  # an unindented line after a list item is not its continuation
        elif para and _paragraph_break(para[-1], line, layout, para_kind):
            flush()
        if not para and _looks_like_heading(line, following, first_line, one_per_line=not layout.wrapped):
            blocks.append(Block(text=line, kind=PassageKind.HEADING, level=_numbered_level(line)))
            continue
        para.append(line)
    flush()
    return blocks


_TERMINAL = (".", "!", "?", ":", ";", ".\"", ".”", ".'", ".’", ")")


@dataclass
class _Layout:
    """How a text's lines relate to its paragraphs."""

    wrapped: bool  # prose broken at a fixed width (a line break is not a paragraph break)
    width: int  # the longest usual line (90th percentile of lines that run on into another)


def _layout(lines: list[str]) -> _Layout:
    """Hard-wrapped prose has many lines that run on into the next one, nearly all of them close to
    one width, at most a hundred characters; unwrapped paragraphs vary in length and run longer."""
    inner = [
        line.strip()
        for line, nxt in zip(lines, lines[1:])
        if line.strip() and nxt.strip() and "\t" not in line and not strip_bullet(line.strip())[0]
    ]
    if not inner:
        return _Layout(False, 0)
    lengths = sorted(len(line) for line in inner)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if n >= 0.65 * width)
    return _Layout(len(inner) >= 3 and width <= 100 and near >= 0.6 * len(lengths), width)


def _paragraph_break(previous: str, line: str, layout: _Layout, kind: PassageKind) -> bool:
    """Does `line` start a new paragraph after `previous`, within one run of lines?"""
    label, _ = split_label(line)
    if label is not None:
        return True
    if kind == PassageKind.LIST_ITEM:
        return False  # an indented line carries a list item on
    ends = previous.rstrip().endswith(_TERMINAL)
    if not ends and line[:1].islower():
        return False  # a sentence carried on
    if layout.wrapped:
        return ends and len(previous) < 0.8 * layout.width  # the short last line of a wrapped paragraph
    # one paragraph per line: a line ends its paragraph when it ends a sentence or is short (a
    # heading, "Date: 14 October 2024"); a long line stopping mid-sentence was wrapped after all
    return ends or len(previous) < 0.7 * layout.width


def _looks_like_heading(line: str, following: str, first_line: bool, one_per_line: bool) -> bool:
    """Plain text: a short line with no closing full stop, standing alone before a blank line, or
    the first line of the document, or (one paragraph per line) followed by a paragraph proper."""
    if len(line) > 90 or line.endswith((".", ",", ";", ":")):
        return False
    words = line.split()
    if len(words) > 12 or not re.search(r"[A-Za-z]", line):
        return False
    if re.match(r"^\d+\.\d+", line) or re.match(r"^(?:[A-Z]{1,2}\d+|\([a-z]+\)|[a-z]\))\s", line):
        return False  # "1.1 Open", "A9 ...", "(b) ...": numbered paragraphs, not headings
    if not (line[:1].isupper() or re.match(r"^\d+(\.\d+)*\.?\s+[A-Z]", line)):
        return False
    if not following:
        return True
    if following[:1].islower():
        return False  # the line runs on into the next
    if first_line:
        return True  # the title
    if not one_per_line:
        return False
    label, _ = split_label(following)
    bullet, _ = strip_bullet(following)
    sentence = following.endswith(_TERMINAL) and len(following.split()) >= 6
    return label is not None or bullet or sentence


def _numbered_level(line: str) -> int:
    match = re.match(r"^(\d+(?:\.\d+)*)\.?\s", line)
    if match:
        return match.group(1).count(".") + 1
    return 1


def _strip_inline_markdown(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return text


def _strip_tags(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"</?p>", " ", text)).strip()
