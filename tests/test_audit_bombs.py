"""Audit returns that attack the reader: each is refused (or its row rejected) within the limits."""

from __future__ import annotations

import csv
import io
import resource
import time
import zipfile
from pathlib import Path

import pytest

from audits.ingest import MAX_CELL_CHARS, ImportRefused, read_returns_safely

pytestmark = pytest.mark.security

SALT = b"test-salt"
HEADER = ["Case ref", "Audit date", "Overall grade", "Team", "Key finding"]


def good_rows(n: int = 5) -> list[list[str]]:
    return [[f"C{i:04d}", f"0{1 + i % 9}/03/2025", "Good", "North", "Plans were reviewed on time."] for i in range(n)]


def minimal_xlsx(sheet_xml: str | bytes, path: Path) -> Path:
    """An XLSX with one worksheet whose XML the test writes itself."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Audits" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def sheet(rows_xml: str, extra: str = "", dimension: str = "A1:E6") -> str:
    return (f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData>{extra}</worksheet>')


def inline_row(r: int, values: list[str]) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'


def read(path: Path):  # type: ignore[no-untyped-def]
    return read_returns_safely(path, SALT, None, timeout_s=60, memory_mb=512)


def test_a_huge_merged_cell_is_refused_not_expanded(tmp_path: Path) -> None:
    rows = inline_row(1, HEADER) + "".join(inline_row(i + 2, r) for i, r in enumerate(good_rows()))
    path = minimal_xlsx(sheet(rows, '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>', "A1:XFD1048576"), tmp_path / "merged.xlsx")
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    outcome = read(path)
    assert time.monotonic() - started < 30
    assert isinstance(outcome, ImportRefused) and "cells" in outcome.reason


def test_a_sheet_that_unpacks_to_gigabytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    minimal_xlsx(sheet(inline_row(1, HEADER)), path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as handle:
        block = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * 2000 + b"</row>"
        for _ in range(210 * 1_048_576 // len(block)):
            handle.write(block)
    assert path.stat().st_size < 8 * 1_048_576
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = read(path)
    assert isinstance(outcome, ImportRefused) and "unpacks to" in outcome.reason
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # kB: this process did not read it


def test_an_over_long_csv_cell_rejects_its_row_and_keeps_the_others(tmp_path: Path) -> None:
    rows = good_rows()
    rows[2][4] = "x" * 300_000
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    path = tmp_path / "long.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    outcome = read(path)
    assert not isinstance(outcome, ImportRefused)
    assert len(outcome.rows) == 4
    [problem] = [p for p in outcome.problems if p.severity == "rejected"]
    assert problem.row == 4 and f"{MAX_CELL_CHARS:,}" in problem.reason


def test_formulas_without_saved_values_say_why_their_row_is_left_out(tmp_path: Path) -> None:
    rows = inline_row(1, HEADER) + "".join(inline_row(i + 2, r) for i, r in enumerate(good_rows(3)))
    rows += '<row r="5"><c r="A5" t="inlineStr"><is><t>C0099</t></is></c><c r="B5" t="inlineStr"><is><t>04/03/2025</t></is></c><c r="C5"><f>IF(D5="North","Good","Inadequate")</f></c></row>'
    outcome = read(minimal_xlsx(sheet(rows), tmp_path / "formulas.xlsx"))
    assert not isinstance(outcome, ImportRefused)
    assert len(outcome.rows) == 3
    [problem] = [p for p in outcome.problems if p.severity == "rejected"]
    assert problem.row == 5 and "formula with no saved value" in problem.reason
