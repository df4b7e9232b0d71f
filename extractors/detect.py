"""Recognise a file by its bytes, not its name, and refuse what we cannot read.

`detect(path, settings)` returns one of "pdf", "docx", "html", "markdown", "text", or raises
`Refused` with a one-line reason (empty, oversized, legacy .doc or .xls, zip that is not a Word
document, zip bomb, binary of an unknown kind, JSON data).

A CSV file or an Excel workbook is data, not prose: it raises `DataTable` (a `Refused` carrying the
table's format), which the ingest routes to the audit-returns importer. A text file is CSV when,
read with the csv module (quotes honoured), at least 90% of its rows have the same number of fields
under one delimiter (comma, tab, semicolon or bar), its first row is a header of short labels, and
there are at least three fields, or two in a file named .csv/.tsv.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

from core.model import DataTable, Refused
from core.settings import Settings

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
MAX_ZIP_RATIO = 200  # declared uncompressed / compressed for one member
MAX_ZIP_MEMBERS = 5000


def detect(path: Path, settings: Settings | None = None) -> str:
    settings = settings or Settings()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror or exc}") from None
    if not path.is_file():
        raise Refused("not a regular file")
    if size == 0:
        raise Refused("empty file (0 bytes)")
    limit = settings.max_file_mb * 1024 * 1024
    if size > limit:
        raise Refused(f"file too large: {size / 1048576:.1f} MB exceeds max_file_mb={settings.max_file_mb:g}")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror or exc}") from None

    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n\x00")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        if _ole2_stream(path, "Workbook") or _ole2_stream(path, "Book"):
            raise Refused("legacy Excel .xls workbook: save it as .xlsx or CSV to import audit returns")
        raise Refused("legacy Word .doc (OLE2 compound file): save as .docx")
    if head.startswith(ZIP_MAGIC):
        return _check_zip(path, settings)
    if head.startswith(b"{\\rtf"):
        raise Refused("RTF document: save as .docx")
    if _looks_binary(head):
        kind = _binary_kind(head)
        raise Refused(f"unknown or unsupported format ({kind})")
    if _is_json(_decode_sample(head, False), truncated=size > len(head)):
        # before the HTML test, so JSON whose values hold markup ("<p>...</p>") is still data;
        # structured data (an export, a configuration, an answer key of personal data) is not a
        # council's prose: read as text its keys and values would become passages in the pack
        raise Refused("JSON data, not a document: give reports, minutes and case summaries as PDF, Word, HTML or text")
    sample = stripped[:4096].lower()
    if sample.startswith(b"<!doctype html") or sample.startswith(b"<html") or re.search(rb"<(html|body|head|p|div|table)[\s>]", sample) and re.search(rb"</(p|div|body|html|td|li|h\d)>", sample):
        return "html"
    if _is_csv(_decode_sample(head, size > len(head)), path.suffix.lower()):
        raise DataTable("CSV data table, not a document: import audit returns with `readiness audits import`", "csv")
    if stripped.startswith(b"\xff\xfe") or stripped.startswith(b"\xfe\xff") or head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        return "text"
    text_sample = head.decode("latin-1")
    if re.search(r"(?m)^#{1,6} \S", text_sample) or re.search(r"(?m)^\s*(?:[-*]|\d+\.) .+\n(?:\s*(?:[-*]|\d+\.) .+\n)", text_sample) and re.search(r"(?m)^#", text_sample):
        return "markdown"
    if path.suffix.lower() in {".md", ".markdown"}:
        return "markdown"
    return "text"


def _ole2_stream(path: Path, name: str) -> bool:
    """Does this OLE2 compound file's directory (in its first megabyte) name a stream `name`?"""
    with open(path, "rb") as handle:
        data = handle.read(1 << 20)
    return (name.encode("utf-16-le") + b"\x00\x00") in data


def _decode_sample(head: bytes, truncated: bool) -> str:
    """The start of a text file as text; a row the sample cut in two is left out."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) - len(head) % 2].decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    if truncated and "\n" in text:
        text = text[: text.rfind("\n")]
    return text


_JSON_OPENING = re.compile(r'^[\[{]\s*(?:"|\{|\[|-?\d|true\b|false\b|null\b|[\]}])')


def _is_json(text: str, truncated: bool = False) -> bool:
    """A JSON value or JSON Lines: the sample parses as JSON, or every complete line does, or it
    opens as JSON does (a bracket, then a quoted key, a value or a nested bracket). Prose that
    starts with a bracket ("[Draft] Report to Cabinet") opens with a word and stays a document."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not _JSON_OPENING.match(stripped):
        return False
    try:
        json.loads(stripped)
        return True
    except ValueError:
        pass
    lines = [line for line in stripped.splitlines() if line.strip()]
    if truncated:
        lines = lines[:-1]  # the sample may end mid-line
    try:
        return bool(lines) and all(isinstance(json.loads(line), (dict, list)) for line in lines[:20])
    except ValueError:
        # a JSON document longer than the sample read: an array of objects, arrays or strings, or an
        # object's first key ("[1] Introduction" and "[ ] to do" are prose)
        return bool(re.match(r'^(?:\[\s*[\[{"]|\{\s*"[^"\n]{1,200}"\s*:)', stripped))


def _is_csv(text: str, suffix: str) -> bool:
    """Rows of delimited fields under a header of short labels (see the module docstring)."""
    if text.count("\n") < 1:
        return False
    for delimiter in (",", "\t", ";", "|"):
        if delimiter not in text:
            continue
        try:
            rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(cell.strip() for cell in row)][:200]
        except csv.Error:
            continue
        if len(rows) < 2:
            continue
        fields, count = Counter(len(row) for row in rows).most_common(1)[0]
        header = [cell.strip() for cell in rows[0]]
        short_labels = len(header) == fields and all(0 < len(cell) <= 60 and not cell.endswith((".", "!", "?")) for cell in header)
        if fields >= (2 if suffix in {".csv", ".tsv"} else 3) and count >= 0.9 * len(rows) and short_labels:
            return True
    return False


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > max(4, len(head) // 50)


def _binary_kind(head: bytes) -> str:
    signatures = {
        b"\x89PNG": "PNG image",
        b"\xff\xd8\xff": "JPEG image",
        b"GIF8": "GIF image",
        b"II*\x00": "TIFF image",
        b"MM\x00*": "TIFF image",
        b"\x1f\x8b": "gzip archive",
        b"7z\xbc\xaf": "7-Zip archive",
        b"Rar!": "RAR archive",
    }
    for magic, name in signatures.items():
        if head.startswith(magic):
            return name
    return "binary data, not a document"


def _check_zip(path: Path, settings: Settings) -> str:
    """A zip must be a Word document whose declared sizes fit in memory (no zip bombs)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise Refused(f"corrupt or truncated zip/Office file: {str(exc)[:80]}") from None
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise DataTable("Excel workbook (.xlsx), a data table, not a document: import audit returns with `readiness audits import`", "xlsx")
        if "ppt/presentation.xml" in names:
            raise Refused("PowerPoint presentation (.pptx): not a supported document format")
        if "content.xml" in names:
            raise Refused("OpenDocument file: save as .docx")
        raise Refused("zip archive that is not a Word document")
    if len(infos) > MAX_ZIP_MEMBERS:
        raise Refused(f"Word file has {len(infos)} parts: refused as a possible zip bomb")
    # python-docx holds every part in memory and lxml needs several times an XML part's size to
    # parse it, so bound both from the sizes the zip declares, before anything is decompressed.
    memory = settings.file_memory_mb * 1024 * 1024
    total = xml_total = 0
    for info in infos:
        total += info.file_size
        if info.filename.endswith((".xml", ".rels")):
            xml_total += info.file_size
        if info.compress_size and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_ZIP_RATIO:
            raise Refused(f"Word file part {info.filename} expands {info.file_size // info.compress_size}x: refused as a possible zip bomb")
    if total > memory // 2 or xml_total > memory // 10:
        raise Refused(f"Word file expands to {total / 1048576:.0f} MB ({xml_total / 1048576:.0f} MB of XML): too large to read safely")
    return "docx"
