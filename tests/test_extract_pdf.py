"""PDF extraction: what a readiness lead relies on when a council report goes in as a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.model import PassageKind, Refused
from extractors import extract
from extractors.pdf import extract as extract_pdf
from core.settings import Settings
from tests.extract_fixtures import FOOTER, HEADER, make_image_only_pdf, make_report_pdf


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = make_report_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf")
    return extract(path)


def texts(document):
    return [p.text for p in document.passages]


def test_running_header_footer_page_numbers_and_marking_are_removed(report):
    joined = "\n".join(texts(report))
    assert HEADER not in joined
    assert "Page 1 of 2" not in joined and "Page 2 of 2" not in joined
    assert "OFFICIAL" not in joined


def test_paragraph_continues_across_the_page_break(report):
    para = next(p for p in report.passages if p.label == "2.1")
    assert para.text.endswith("across the page break without stopping, so readers see one paragraph.")
    assert para.page == 1  # cited where it starts


def test_hyphenated_wrap_is_repaired(report):
    para = next(p for p in report.passages if p.label == "1.1")
    assert "The assessment of risk was thorough and timely." in para.text
    assert "assess-" not in para.text


def test_labels_are_kept_apart_from_the_text(report):
    labels = {p.label: p.text for p in report.passages if p.label}
    assert labels["1.1"].startswith("Anytown Borough Council asked us")
    assert labels["R1"] == "Leaders should publish the revised threshold document."
    assert labels["A9"].startswith("Develop a short narrative")


def test_headings_and_heading_paths(report):
    headings = [p.text for p in report.passages if p.kind == PassageKind.HEADING]
    assert headings[:3] == ["Review of Early Help Services", "Introduction", "Findings"]
    para = next(p for p in report.passages if p.label == "1.2")
    assert para.heading_path == ("1 Introduction",)
    r1 = next(p for p in report.passages if p.label == "R1")
    assert r1.heading_path == ("2 Findings",) and r1.page == 2


def test_bullets_become_list_items_without_the_bullet(report):
    items = [p.text for p in report.passages if p.kind == PassageKind.LIST_ITEM]
    assert items == ["caseloads are manageable in most teams;", "supervision is regular and reflective."]


def test_table_rows_keep_their_cells(report):
    rows = [p for p in report.passages if p.kind == PassageKind.TABLE_ROW]
    assert [r.cells for r in rows] == [
        ("Measure", "2023", "2024"),
        ("Re-referrals", "21%", "17%"),
        ("Visits on time", "82%", "91%"),
    ]
    assert rows[1].text == "Re-referrals | 21% | 17%"
    # the table's words are not repeated as running text
    assert sum("Re-referrals" in t for t in texts(report)) == 1


def test_metadata_is_decided_from_the_text(report):
    assert report.format == "pdf" and report.page_count == 2
    assert report.title.value == "Review of Early Help Services"  # not the junk "Report template"
    assert report.date.value == "2024-03-12" and "meeting" in report.date.how
    assert report.authority.value == "Anytown Borough Council"
    assert report.kind.value == "committee report"
    assert len(report.sha256) == 64 and report.source_path.endswith("report.pdf")


def test_recognised_by_bytes_not_name(tmp_path):
    path = make_report_pdf(tmp_path / "report.txt")
    assert extract(path).format == "pdf"


def test_encrypted_pdf_is_refused_without_the_password_and_read_with_it(tmp_path):
    path = make_report_pdf(tmp_path / "locked.pdf", encrypt="s3cret")
    with pytest.raises(Refused, match="encrypted"):
        extract(path)
    with pytest.raises(Refused, match="encrypted"):
        extract(path, Settings(pdf_passwords=["wrong"]))
    document = extract(path, Settings(pdf_passwords=["wrong", "s3cret"]))
    assert any(p.label == "R1" for p in document.passages)


def test_image_only_pdf_needs_ocr(tmp_path, monkeypatch):
    path = make_image_only_pdf(tmp_path / "scan.pdf")
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(Refused, match="no text layer: needs OCR.*not installed"):
        extract(path)
    with pytest.raises(Refused, match="no text layer: needs OCR.*switched off"):
        extract(path, Settings(ocr=False))


def test_truncated_pdf_is_refused(tmp_path):
    whole = make_report_pdf(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(Refused, match="truncated"):
        extract(cut)


def test_corrupt_pdf_is_refused_not_crashing(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage \x00\xff" * 200 + b"\nstartxref\n0\n%%EOF\n")
    with pytest.raises(Refused):
        extract(path)


def test_format_module_can_be_called_directly(tmp_path):
    document = extract_pdf(make_report_pdf(tmp_path / "direct.pdf"), Settings())
    assert any(p.label == "A9" for p in document.passages)


def test_footnote_markers_dropped_but_numbers_in_text_kept(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "footnote.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 11)
    c.drawString(56, 700, "The plan follows the Le Grand review.")
    c.setFont("Helvetica", 7)
    c.drawString(56 + c.stringWidth("The plan follows the Le Grand review.", "Helvetica", 11) + 1, 704, "4")
    c.setFont("Helvetica", 12)
    c.drawString(62, 670, "\u2022")
    c.setFont("Helvetica", 10)
    c.drawString(76, 670, "interviewed 16 social workers and 5 managers;")
    c.showPage()
    c.save()
    texts = [p.text for p in extract(path).passages]
    assert texts == ["The plan follows the Le Grand review.", "interviewed 16 social workers and 5 managers;"]


def test_overprinted_lines_are_not_interleaved(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "overprint.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(70, 500, "Focused visit to Anytown children's services")
    c.setFont("Helvetica", 12)
    c.drawString(70, 496, "BA14 8JN")  # a stray address line printed over the heading
    c.setFont("Helvetica", 10)
    c.drawString(70, 470, "This letter summarises the findings of a focused visit.")
    c.showPage()
    c.save()
    texts = [p.text for p in extract(path).passages]
    assert any("Focused visit to Anytown children's services" in t for t in texts)  # words not shuffled


def test_image_only_pdf_is_ocred_when_ocrmypdf_is_installed(tmp_path, monkeypatch):
    scan = make_image_only_pdf(tmp_path / "scan.pdf")
    text_pdf = make_report_pdf(tmp_path / "ocr-output.pdf")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "ocrmypdf"
    # a stand-in for ocrmypdf: writes a PDF with a text layer to the output path (last argument)
    fake.write_text(f'#!/bin/sh\nfor last; do :; done\ncp "{text_pdf}" "$last"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{Path('/usr/bin')}:{Path('/bin')}")
    document = extract(scan)
    assert document.properties["ocr"] == "ocrmypdf"
    assert any(p.label == "R1" for p in document.passages)
    assert document.sha256 != extract(text_pdf).sha256  # identity is the scanned file's bytes


def test_slow_pdf_is_refused_at_the_time_limit(tmp_path):
    path = make_report_pdf(tmp_path / "slow.pdf")
    with pytest.raises(Refused, match="took too long"):
        extract(path, Settings(file_timeout_s=1e-9))


def test_contents_entries_are_one_passage_each_and_not_headings(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "contents.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(56, 760, "Contents")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(56, 735, "About this inspection")
    c.drawString(500, 735, "2")
    c.drawString(56, 720, "Overall effectiveness of services for looked after children and")
    c.drawString(56, 706, "young people")
    c.drawString(500, 706, "4")
    c.drawString(56, 691, "Capacity to improve ........................")
    c.drawString(500, 691, "9")
    c.setFont("Helvetica", 10)
    for i, y in enumerate(range(650, 560, -12)):
        c.drawString(56, y, f"Body text line {i} that makes ordinary paragraphs the body size of this page")
    c.showPage()
    c.save()
    passages = extract(path).passages
    entries = [p for p in passages if p.text.startswith(("About", "Overall", "Capacity"))]
    assert [p.text for p in entries] == [
        "About this inspection 2",
        "Overall effectiveness of services for looked after children and young people 4",
        "Capacity to improve 9",
    ]
    assert all(p.kind == PassageKind.PARAGRAPH for p in entries)


def test_capitals_at_body_size_are_headings(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "caps.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 10)
    c.drawString(56, 760, "PURPOSE OF THE REPORT")
    c.drawString(56, 740, "1.1 To inform members of the outcome of the inspection of Anytown.")
    c.drawString(56, 715, "RECOMMENDATIONS")  # one word: could be an acronym line, left as text
    c.showPage()
    c.save()
    passages = extract(path).passages
    assert passages[0].kind == PassageKind.HEADING and passages[0].text == "PURPOSE OF THE REPORT"
    assert passages[1].label == "1.1" and passages[1].heading_path == ("PURPOSE OF THE REPORT",)
    assert passages[2].kind == PassageKind.PARAGRAPH
