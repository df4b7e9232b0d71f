"""PDF extraction: the fast pdfium text layer for nearly every page, pdfplumber where a page needs it.

Each page is read by one layer, chosen here and recorded on every passage (`ExtractedPassage.layer`)
and in the document's properties (`pdfplumber pages`, with the reason for each):
- `pdf_pdfium` (bulk calls into pdfium's text page) reads the page's lines, and its ruled tables
  with `pdf_tables` (cells from the edges `pdf_ruling` reads off the page's drawing);
- `pdf_plumber` (pdfminer's layout, about fifty times slower) reads a page that fails the fast
  layer's quality check (see `pdf_pdfium`: text out of reading order, two baselines read as one
  line, rotated text) or whose table text runs across a cell border (`pdf_tables`).
If pdfplumber cannot read the file at all, the fast layer's reading is kept, unchecked, and the page
is listed under `unchecked pages`. Both layers give positioned lines; `pdf_layout` turns them into
blocks (running headers and footers removed, paragraphs across wraps and pages, headings by font
size and weight, labels, lists).

Passwords come from `pdf_passwords`; image-only PDFs go to `ocrmypdf` when it is installed and `ocr`
is on; `file_timeout_s` is checked page by page.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from core.model import ExtractedDocument, Refused, sha256_file
from core.settings import Settings

from .common import finish
from .pdf_layout import PDFIUM, PageLines, blocks

_PASSWORD_ERROR = 4  # pdfium's FPDF_ERR_PASSWORD


def extract(path: Path, settings: Settings | None = None) -> ExtractedDocument:
    import pypdfium2 as pdfium

    settings = settings or Settings()
    _check_tail(path)
    document, password = _open(path, settings)
    try:
        page_count = len(document)
        if page_count == 0:
            raise Refused("corrupt or truncated PDF (no pages)")
        metadata = {k: _meta_str(v) for k, v in (document.get_metadata_dict(skip_empty=True) or {}).items()}
        deadline = time.monotonic() + settings.file_timeout_s if settings.file_timeout_s else None
        pages = _read_pages(path, document, password, deadline)
    except pdfium.PdfiumError as exc:
        raise Refused(f"corrupt PDF ({str(exc)[:80]})") from None
    finally:
        document.close()
    if not any(p.lines or p.tables for p in pages):
        return _ocr_or_refuse(path, settings)
    properties = {k.lower(): v for k, v in metadata.items() if v and k in {"Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate"}}
    if password:
        properties["decrypted"] = "with a password from settings.pdf_passwords"
    for name, chosen in (("pdfplumber pages", [p for p in pages if p.layer != PDFIUM]), ("unchecked pages", [p for p in pages if p.layer == PDFIUM and p.why])):
        if chosen:
            properties[name] = ", ".join(f"{p.number} ({p.why})" for p in chosen)[:2000]
    return finish(
        path,
        "pdf",
        blocks(pages),
        metadata_title=metadata.get("Title"),
        metadata_how="PDF document information title",
        prefer_heading=True,
        page_count=page_count,
        properties=properties,
    )


def _open(path: Path, settings: Settings):
    """The pdfium document and the password that opened it ("" for none)."""
    import pypdfium2 as pdfium

    encrypted = False
    last_error: Exception | None = None
    for password in [""] + list(settings.pdf_passwords or []):
        try:
            return pdfium.PdfDocument(str(path), password=password or None), password
        except pdfium.PdfiumError as exc:
            if exc.err_code == _PASSWORD_ERROR:
                encrypted = True
                continue
            last_error = exc
            break
    if encrypted:
        tried = len(settings.pdf_passwords or [])
        raise Refused(
            "encrypted PDF: password needed"
            + (f" (none of the {tried} password(s) in settings.pdf_passwords worked)" if tried else " (add it to settings.pdf_passwords)")
        )
    detail = str(last_error or "").split("(PDFium: ")[-1].rstrip(").") if last_error else "unreadable"
    raise Refused(f"corrupt or truncated PDF (no readable document structure: {detail.lower() or 'unreadable'})")


def _read_pages(path: Path, document, password: str, deadline: float | None) -> list[PageLines]:
    import pypdfium2 as pdfium

    from . import pdf_pdfium, pdf_ruling, pdf_tables

    pages: list[PageLines] = []
    careful = _Careful(path, password)
    try:
        total = len(document)
        for index in range(total):
            number = index + 1
            if deadline is not None and time.monotonic() > deadline:
                raise Refused(f"PDF took too long to read (stopped at page {number} of {total}; file_timeout_s)")
            try:
                page = document[index]
            except pdfium.PdfiumError:  # pdfium cannot load this page: pdfplumber's turn, or the file is refused
                read = careful.read_page(index, "pdfium could not load the page")
                if read is None:
                    raise Refused(f"corrupt PDF: page {number} of {total} cannot be read") from None
                pages.append(read)
                continue
            try:
                try:
                    pages.append(pdf_pdfium.read_page(page, number, ruling=pdf_ruling.edges(page, page.get_bbox())))
                    continue
                except (pdf_pdfium.PageRejected, pdf_tables.TableRejected) as rejected:
                    why = rejected.reason
                read = careful.read_page(index, why)
                if read is None:  # pdfplumber cannot read this file: the fast layer's reading, unchecked
                    read = pdf_pdfium.read_page(page, number, strict=False)
                    read.why = f"{why}; pdfplumber could not read the page"
                pages.append(read)
            finally:
                page.close()
    finally:
        careful.close()
    return pages


class _Careful:
    """pdfplumber, opened only when a page needs it, and then once for the whole file."""

    def __init__(self, path: Path, password: str) -> None:
        self.path = path
        self.password = password
        self.pdf = None
        self.failed = False

    def read_page(self, index: int, why: str) -> PageLines | None:
        from . import pdf_plumber

        if self.failed:
            return None
        try:
            if self.pdf is None:
                import pdfplumber

                self.pdf = pdfplumber.open(self.path, password=self.password)
            page = self.pdf.pages[index]
            try:
                return pdf_plumber.read_page(page, index + 1, why)
            finally:
                page.close()  # drop the page's cached objects: memory stays bounded by one page
        except Refused:
            raise
        except Exception:  # noqa: BLE001 - pdfminer cannot parse what pdfium could
            self.failed = True
            return None

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


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


