"""Turn a file into an `ExtractedDocument`: passages in reading order, with labels, heading paths,
pages and document metadata (title, date, authority, kind), each decided with an explanation.

    from extractors import extract
    doc = extract(Path("minutes.pdf"))          # raises Refused(reason) for files we will not ingest

`detect.py` recognises the format from the file's bytes; one module per format does the work
(`pdf.py`, `docx.py`, `text.py` for plain text and Markdown, `html.py`). A CSV or a workbook is not
a document: it raises `DataTable` (a `Refused` with `table_format`), which the ingest can route to
the audit-returns importer. Any unexpected library error is turned into `Refused` with a short
reason, so a bad file never stops a run.
"""

from __future__ import annotations

import logging
from pathlib import Path

from core.model import DataTable, ExtractedDocument, Refused, sha256_file
from core.settings import Settings

from .detect import detect

log = logging.getLogger(__name__)

__all__ = ["extract", "detect", "warm_up", "Refused", "DataTable", "EXTRACTORS", "EXTRACTOR_VERSION"]

# Bump when extraction output changes, so cached passages are re-extracted.
EXTRACTOR_VERSION = "2.0"


def _extractor(fmt: str):
    if fmt == "pdf":
        from . import pdf

        return pdf.extract
    if fmt == "docx":
        from . import docx

        return docx.extract
    if fmt == "html":
        from . import html

        return html.extract
    from . import text

    return text.extract


EXTRACTORS = ("pdf", "docx", "html", "markdown", "text")


def warm_up() -> None:
    """Import every extractor and the parsers they use, in a process that forks a child per file
    (extractors.safe): each child then starts with them loaded instead of importing them again,
    which cost a third of the extraction time on real reports."""
    import charset_normalizer  # noqa: F401
    import docx as python_docx  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    from lxml import etree, html as lxml_html  # noqa: F401

    from . import docx, html, pdf, pdf_pdfium, pdf_plumber, pdf_ruling, pdf_tables, text  # noqa: F401


def extract(path: Path, settings: Settings | None = None) -> ExtractedDocument:
    """Extract one file. Raises `Refused` (never anything else) when the file cannot be used."""
    settings = settings or Settings()
    path = Path(path)
    try:
        fmt = detect(path, settings)
        document = _extractor(fmt)(path, settings)
        document.format = document.format or fmt
        document.sha256 = document.sha256 or sha256_file(path)
        document.source_path = str(path)
    except Refused:
        raise
    except MemoryError:
        raise Refused("ran out of memory reading the file") from None
    except RecursionError:
        raise Refused("file structure too deeply nested to read") from None
    except Exception as exc:  # noqa: BLE001 - a library error must not escape
        log.debug("extraction failed for %s", path, exc_info=True)
        raise Refused(f"could not read file ({type(exc).__name__}: {str(exc)[:100] or 'no detail'})") from None
    if not any(p.text.strip() for p in document.passages):
        raise Refused("no text found in the file")
    return document
