"""The text layer that read each PDF page is provenance: it is stored with the passage and read back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from evidence_store import EvidenceStore
from extractors import extract
from extractors.fidelity import pdf_fidelity
from tests.extract_fixtures import make_report_pdf


def test_layer_is_stored_and_read_back(tmp_path: Path) -> None:
    document = extract(make_report_pdf(tmp_path / "report.pdf"))
    store = EvidenceStore(str(tmp_path / "store.sqlite"))
    try:
        store.add_document(document)
        passages = store.passages()
    finally:
        store.close()
    assert len(passages) == len(document.passages)
    assert {p.layer for p in passages} == {"pdfium"}


def test_a_store_made_before_layers_gets_the_column(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    store = EvidenceStore(str(path))
    store.close()
    with sqlite3.connect(path) as conn:  # the passages table as earlier versions made it
        conn.execute("DROP TABLE passages")
        conn.execute(
            "CREATE TABLE passages (id INTEGER PRIMARY KEY AUTOINCREMENT, document_sha VARCHAR(64) NOT NULL, ordinal INTEGER NOT NULL,"
            " text TEXT NOT NULL, kind VARCHAR(16) NOT NULL, page INTEGER, label VARCHAR(32), heading_path JSON NOT NULL, cells JSON)"
        )
    store = EvidenceStore(str(path))
    try:
        store.add_document(extract(make_report_pdf(tmp_path / "report.pdf")))
        assert {p.layer for p in store.passages()} == {"pdfium"}
    finally:
        store.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_fidelity_scores_passages_read_back_from_the_store(tmp_path: Path) -> None:
    path = make_report_pdf(tmp_path / "report.pdf")
    document = extract(path)
    store = EvidenceStore(str(tmp_path / "store.sqlite"))
    try:
        store.add_document(document)
        stored = pdf_fidelity(path, store.passages())
    finally:
        store.close()
    fresh = pdf_fidelity(path, document)
    assert (stored.recall, stored.precision, stored.labels, stored.leaks) == (fresh.recall, fresh.precision, fresh.labels, fresh.leaks)
    assert stored.met()
