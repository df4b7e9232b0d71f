"""Fidelity against pdftotext: the figures that tell a lead the fast text layer lost nothing."""

from __future__ import annotations

import shutil

import pytest

from core.model import ExtractedDocument, ExtractedPassage, PassageKind
from extractors.fidelity import Fidelity, pdf_fidelity, printed_labels, score, split_furniture
from tests.extract_fixtures import HEADER, make_report_pdf

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")


def document(*passages: tuple[str | None, str]) -> ExtractedDocument:
    return ExtractedDocument("0" * 64, "x.pdf", "pdf", [ExtractedPassage(text=t, label=label, layer="pdfium") for label, t in passages])


PAGES = [
    ["Anytown Borough Council - Scrutiny", "", "1.   The council asked us to review early", "     help services in May.", "Page 1 of 2"],
    ["Anytown Borough Council - Scrutiny", "", "2.   Caseloads are manage-", "     able in most teams.", "22 January 2015 was the date.", "Page 2 of 2"],
]


def test_running_headers_and_page_numbers_leave_the_reference():
    body, furniture = split_furniture(PAGES)
    assert "Anytown Borough Council - Scrutiny" in furniture and "Page 2 of 2" in furniture
    assert not any("Scrutiny" in line or "Page" in line for line in body)


def test_a_faithful_reading_scores_one():
    ours = document(("1", "The council asked us to review early help services in May."), ("2", "Caseloads are manageable in most teams."), (None, "22 January 2015 was the date."))
    figures = score(ours, PAGES)
    assert (figures.recall, figures.precision, figures.labels, figures.leaks) == (1.0, 1.0, 1.0, 0)
    assert figures.met() and figures.layers == {"pdfium": 3}


def test_lost_words_leaked_headers_and_dropped_labels_all_count():
    ours = document(
        (None, "The council asked us to review early help services."),
        ("2", "Caseloads are manageable in most teams. Anytown Borough Council - Scrutiny"),
        (None, "Anytown Borough Council - Scrutiny"),
        (None, "Anytown Borough Council - Scrutiny"),
        (None, "22 January 2015 was the date."),
        (None, "Page 2 of 2"),
    )
    figures = score(ours, PAGES)
    assert figures.recall < 1.0 and "may" in figures.missing_words  # a word lost
    assert figures.precision < 0.9 and "scrutiny" in figures.extra_words  # furniture added
    assert figures.labels == 0.5 and figures.missing_labels == ["1"]
    assert figures.leaks == 3 and not figures.met()  # twice more than the title allowance, and a page number


def test_numbers_that_are_not_labels():
    lines = ["22 January 2015 was the date.", "22 per cent of cases", "1", "Ofsted produces this report", "2019 The year", "3.1 Leaders know", "A9 Develop a plan", "(b) the council"]
    assert printed_labels(lines) == ["3.1", "A9", "(b)"]


@needs_pdftotext
def test_the_fixture_report_is_read_faithfully(tmp_path):
    figures = pdf_fidelity(make_report_pdf(tmp_path / "report.pdf"))
    assert isinstance(figures, Fidelity)
    assert figures.recall >= 0.98 and figures.precision >= 0.98
    assert figures.labels == 1.0 and figures.labels_printed >= 6
    assert figures.leaks == 0 and figures.furniture_lines >= 4
    assert figures.to_dict()["targets_met"] is True


@needs_pdftotext
def test_a_header_left_in_is_caught(tmp_path, monkeypatch):
    import extractors.pdf_layout as layout

    monkeypatch.setattr(layout, "_remove_furniture", lambda pages: None)
    figures = pdf_fidelity(make_report_pdf(tmp_path / "report.pdf"))
    assert figures.leaks >= 1 and any(HEADER.split(" - ")[0].lower() in line for line in figures.leaked_lines)
    assert figures.precision < 1.0 and not figures.met()
