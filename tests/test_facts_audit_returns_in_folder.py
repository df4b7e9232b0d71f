"""Audit returns in a source folder are imported as `audits import` does; common headings map."""

from __future__ import annotations

import shutil
from pathlib import Path

from audits.mapping import Mapping
from audits.returns import import_returns_in
from audits.store import AuditStore
from core.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_common_findings_headings_are_recognised():
    assigned, _, _ = Mapping().assign(["Case ID", "Date of audit", "Overall grade", "Key finding", "Actions agreed"])
    assert assigned["findings"] == [3]
    assigned, _, _ = Mapping().assign(["Child ref", "Audit date", "Grade", "Strengths", "Areas for development", "Learning"])
    assert assigned["findings"] == [3, 4, 5]
    assigned, _, _ = Mapping().assign(["Case", "Date", "Rating", "Finding"])
    assert assigned["findings"] == [3]


def test_returns_in_a_folder_are_imported_and_other_files_left_for_the_extractors(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "audits" / "northmoor-case-audits-2025.csv", folder / "returns.csv")
    shutil.copy(SAMPLES / "documents" / "case-audit-programme-2025.pdf", folder / "report.pdf")
    (folder / "budget.csv").write_text("line,amount\nstaff,100\n")
    (folder / "returns-key-finding.csv").write_text(
        "Case ID,Date of audit,Overall grade,Key finding\nA1,03/02/2025,Good,Voice of the child is clear.\n"
        "A2,04/02/2025,Inadequate,No plan on file.\n")
    settings = Settings(store=str(tmp_path / "store.sqlite"))
    found = import_returns_in(sorted(folder.iterdir()), settings)
    assert sorted(p.name for p in found.remaining) == ["budget.csv", "report.pdf"]
    by_name = {i.path.name: i for i in found.imported}
    assert set(by_name) == {"returns.csv", "returns-key-finding.csv"}
    small = by_name["returns-key-finding.csv"]
    assert small.result is not None and len(small.result.rows) == 2 and small.result.rejected == 0
    assert small.result.rows[0].findings == "Voice of the child is clear."
    assert "2 rows read, 2 used, 0 rejected" in small.line()
    rows = AuditStore.for_settings(settings).rows()
    assert len(rows) == len(by_name["returns.csv"].result.rows) + 2
    # a second run imports the same rows again without duplicating them
    again = import_returns_in(sorted(folder.iterdir()), settings)
    assert len(AuditStore.for_settings(settings).rows()) == len(rows)
    assert {i.path.name for i in again.imported} == {"returns.csv", "returns-key-finding.csv"}


def test_a_broken_returns_file_is_refused_with_a_reason_and_the_rest_goes_on(tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text("Case ID,Date of audit,Overall grade\n")
    found = import_returns_in([bad, tmp_path / "missing-is-not-a-return.txt"], Settings(store=str(tmp_path / "s.sqlite")))
    (refused,) = found.imported
    assert refused.result is not None or refused.refused
    assert [p.name for p in found.remaining] == ["missing-is-not-a-return.txt"]
