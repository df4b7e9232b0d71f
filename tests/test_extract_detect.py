"""Files are recognised by their bytes, and the ones we cannot use are refused with a clear reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.model import Refused
from extractors import extract
from extractors.detect import detect
from core.settings import Settings
from tests.extract_fixtures import SEEDS


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_empty_file_is_refused(tmp_path):
    with pytest.raises(Refused, match="empty file"):
        extract(write(tmp_path / "empty.pdf", b""))


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = write(tmp_path / "big.txt", b"word " * 300_000)
    with pytest.raises(Refused, match="too large.*max_file_mb=1"):
        extract(path, Settings(max_file_mb=1))


def test_unknown_binary_is_refused(tmp_path):
    with pytest.raises(Refused, match="PNG image"):
        extract(write(tmp_path / "chart.docx", b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 100))
    with pytest.raises(Refused, match="unknown or unsupported"):
        extract(write(tmp_path / "blob.pdf", bytes(range(256)) * 20))


def test_text_named_pdf_is_read_as_text(tmp_path):
    path = write(tmp_path / "not-really-a.pdf", b"This is plain text with a .pdf name.\n")
    assert detect(path) == "text"
    assert extract(path).passages[0].text == "This is plain text with a .pdf name."


def test_whitespace_only_text_is_refused(tmp_path):
    with pytest.raises(Refused, match="no text"):
        extract(write(tmp_path / "blank.txt", b"  \n\n \t\n"))


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(Refused, match="cannot read"):
        extract(tmp_path / "nowhere.pdf")


def test_library_errors_become_refusals(tmp_path, monkeypatch):
    import extractors.text as text_module

    def boom(path, settings=None):
        raise ValueError("internal parser failure")

    monkeypatch.setattr(text_module, "extract", boom)
    with pytest.raises(Refused, match="could not read file.*ValueError"):
        extract(write(tmp_path / "ok.txt", b"fine text\n"))


@pytest.mark.skipif(not (SEEDS / "bad").exists(), reason="shared corpus absent")
@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.pdf", "empty file"),
        ("encrypted.pdf", "encrypted PDF"),
        ("legacy-word.doc", "legacy Word .doc"),
        ("random-bytes.docx", "unknown or unsupported"),
        ("scanned-no-text.pdf", "no text layer: needs OCR"),
        ("truncated.pdf", "truncated"),
    ],
)
def test_shared_bad_files_are_refused(name, reason, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda tool: None)
    with pytest.raises(Refused) as refused:
        extract(SEEDS / "bad" / name)
    assert reason in refused.value.reason
    assert "\n" not in refused.value.reason


@pytest.mark.skipif(not (SEEDS / "bad").exists(), reason="shared corpus absent")
def test_shared_bad_folder_readable_ones():
    assert extract(SEEDS / "bad" / "not-really-a.pdf").format == "text"
    assert "caf\u00e9" in extract(SEEDS / "bad" / "windows-1252.txt").passages[0].text
    odd = next((SEEDS / "bad").glob("name with spaces*"))
    assert extract(odd).passages


AUDIT_RETURNS = (
    "Case ref,Team,Auditor,Grade,Key finding\n"
    'C101,Referral and assessment,Team manager,Good,"Clear plan, child seen alone"\n'
    "C102,Children in care,Team manager,Requires improvement,Supervision not recorded\n"
    "C103,Care leavers,Service manager,Good,Pathway plan up to date\n"
)


@pytest.mark.parametrize("name", ["returns.csv", "returns.txt", "returns"])
def test_csv_of_audit_returns_is_a_data_table_not_prose(tmp_path, name):
    from core.model import DataTable

    with pytest.raises(DataTable) as outcome:
        extract(write(tmp_path / name, AUDIT_RETURNS.encode("utf-8")))
    assert outcome.value.table_format == "csv"
    assert "audits import" in outcome.value.reason and "\n" not in outcome.value.reason


def test_tab_separated_export_in_utf16_is_a_data_table(tmp_path):
    from core.model import DataTable

    import csv
    import io

    rows = list(csv.reader(io.StringIO(AUDIT_RETURNS)))
    data = "\n".join("\t".join(row) for row in rows).encode("utf-16")  # Excel's "Unicode text" export
    with pytest.raises(DataTable):
        extract(write(tmp_path / "export.txt", data))


def test_xlsx_is_a_data_table(tmp_path):
    from openpyxl import Workbook

    from core.model import DataTable

    book = Workbook()
    for row in AUDIT_RETURNS.splitlines():
        book.active.append(row.split(","))
    book.save(tmp_path / "returns.xlsx")
    with pytest.raises(DataTable) as outcome:
        extract(tmp_path / "returns.xlsx")
    assert outcome.value.table_format == "xlsx"


@pytest.mark.parametrize(
    "text",
    [
        "Of the 40 cases audited, 41 per cent were good.\nA further 47 per cent, it found, required improvement.\nPlans were late, in places.\n",
        "Progress report\n\nTheme\tAction\nSupervision\tTraining\n\nThe plan, agreed in May, is on track.\n",
        "# Plan\n\n| Action | Owner | Due |\n|---|---|---|\n| Audit | Head of Service | June |\n",
    ],
)
def test_prose_with_commas_tabs_or_pipes_is_still_a_document(tmp_path, text):
    assert extract(write(tmp_path / "notes.txt", text.encode("utf-8"))).passages


def test_a_data_table_keeps_its_kind_across_the_isolation_child(tmp_path):
    from extractors.safe import extract_safely
    from core.model import DataTable

    outcome = extract_safely(write(tmp_path / "returns.csv", AUDIT_RETURNS.encode("utf-8")), Settings())
    assert isinstance(outcome, DataTable) and outcome.table_format == "csv"


def test_legacy_excel_is_refused_as_a_workbook_not_a_word_file(tmp_path):
    from tests.extract_fixtures import make_legacy_xls

    with pytest.raises(Refused, match="legacy Excel"):
        extract(make_legacy_xls(tmp_path / "returns.xls"))


@pytest.mark.parametrize("name,data", [
    # an answer key of personal data left in a case-summary folder: read as text, its names would
    # become passages
    ("gold.jsonl", b'{"doc": "case-017", "never": ["Jayden Smith", "14 Elm Road"]}\n'
                   b'{"doc": "case-018", "never": ["Ava Jones"]}\n'),
    ("export.json", b'{\n  "council": "Anytown",\n  "children": [{"name": "Jayden Smith"}]\n}\n'),
    ("rows.txt", b'[{"name": "Jayden Smith", "dob": "2012-03-04"}]'),
    # an export whose values hold markup is still data, not an HTML page
    ("export.json", b'{"case": "case-017", "summary": "<p>Jayden Smith lives at 14 Elm Road.</p>"}\n'),
    # longer than the sample read: it opens as JSON does
    ("big.json", b'[\n' + b'  {"name": "Jayden Smith", "note": "' + b"x" * 9000 + b'"},\n' * 3),
])
def test_json_data_is_refused_not_read_as_prose(tmp_path, name, data):
    with pytest.raises(Refused, match="JSON data, not a document"):
        extract(write(tmp_path / name, data))


@pytest.mark.parametrize("text", [
    "[Draft] Report to Cabinet\n\nChildren in care: the council's sufficiency strategy.\n",
    "[1] Introduction\n\nThis report updates members on the improvement plan.\n",
    "{Appendix A} Minutes of the Corporate Parenting Board\n\nMembers noted the report.\n",
])
def test_prose_opening_with_a_bracket_is_still_a_document(tmp_path, text):
    assert detect(write(tmp_path / "paper.txt", text.encode())) == "text"
