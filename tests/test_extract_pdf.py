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


def test_each_passage_records_the_text_layer_that_read_its_page(report):
    assert {p.layer for p in report.passages} == {"pdfium"}  # the fast layer, tables included
    assert "pdfplumber pages" not in report.properties


def _canvas(path):
    from reportlab.pdfgen import canvas

    return canvas.Canvas(str(path))


def test_a_page_that_fails_the_fast_check_is_read_by_pdfplumber(tmp_path):
    path = tmp_path / "rotated.pdf"
    c = _canvas(path)
    c.setFont("Helvetica", 11)
    c.drawString(56, 760, "1.1 The first page is upright and read by the fast layer.")
    c.showPage()
    c.setPageRotation(90)  # a scanner's landscape page: text drawn turned, the page turned back
    c.saveState()
    c.translate(300, 100)
    c.rotate(90)
    c.setFont("Helvetica", 11)
    c.drawString(0, 0, "2.1 The second page is turned and read by pdfplumber.")
    c.restoreState()
    c.showPage()
    c.save()
    document = extract(path)
    layers = {p.label: p.layer for p in document.passages}
    assert layers == {"1.1": "pdfium", "2.1": "pdfplumber"}
    assert document.passages[-1].text == "The second page is turned and read by pdfplumber."
    assert document.properties["pdfplumber pages"] == "2 (rotated text)"


def _ruled_table(c, top: float, rows: list[tuple[str, str]], left: float = 56, widths: tuple[float, float] = (200, 200)) -> None:
    height = 18
    for r, row in enumerate(rows):
        x = left
        for cell, w in zip(row, widths):
            c.drawString(x + 4, top - (r + 1) * height + 5, cell)
            x += w
    for r in range(len(rows) + 1):
        c.line(left, top - r * height, left + sum(widths), top - r * height)
    x = left
    for w in (0, *widths):
        x += w
        c.line(x, top, x, top - len(rows) * height)


def test_text_run_across_a_cell_border_sends_the_page_to_pdfplumber(tmp_path):
    path = tmp_path / "overflow.pdf"
    c = _canvas(path)
    c.setFont("Helvetica", 10)
    c.drawString(56, 780, "A table whose first cell overflows its border.")
    _ruled_table(c, 760, [("Area", "Grade"), ("Leadership of the service as a whole, every part", "Good")], widths=(120, 120))
    c.showPage()
    c.save()
    document = extract(path)
    assert "text runs across a table cell's border" in document.properties["pdfplumber pages"]
    assert {p.layer for p in document.passages} == {"pdfplumber"}


def test_ruled_table_cells_on_the_fast_layer(tmp_path):
    path = tmp_path / "grades.pdf"
    c = _canvas(path)
    c.setFont("Helvetica", 10)
    c.drawString(56, 780, "Judgements")
    _ruled_table(c, 760, [("Judgement", "Grade"), ("2.1 Adoption performance", "Good"), ("Overall effectiveness", "Requires improvement")])
    c.drawString(56, 680, "The text after the table is running text.")
    c.showPage()
    c.save()
    document = extract(path)
    rows = [p for p in document.passages if p.kind == PassageKind.TABLE_ROW]
    assert [r.cells for r in rows] == [("Judgement", "Grade"), ("2.1 Adoption performance", "Good"), ("Overall effectiveness", "Requires improvement")]
    assert rows[1].label == "2.1"  # a label printed before a row's first cell
    assert {p.layer for p in document.passages} == {"pdfium"}
    assert document.passages[-1].text == "The text after the table is running text."


def test_white_boxes_behind_prose_are_not_a_table(tmp_path):
    path = tmp_path / "shaded.pdf"
    c = _canvas(path)
    lines = ["29. The local authority has four children in unregistered homes and plans", "are in place to move them. Most children live in suitable homes near their", "families and schools."]
    for i, line in enumerate(lines):  # Word's paragraph background: a white box per line, edge to edge
        y = 700 - i * 14
        c.setFillColorRGB(1, 1, 1)
        for x, width in ((70, 100), (100, 30), (300, 226)):  # overlapping boxes: a grid to pdfplumber
            c.rect(x, y - 4, width, 14, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 11)
        c.drawString(72, y, line)
    c.showPage()
    c.save()
    passages = extract(path).passages
    assert [p.kind for p in passages] == [PassageKind.PARAGRAPH]
    assert passages[0].label == "29" and passages[0].text.endswith("families and schools.")


def test_a_label_drawn_apart_from_its_text_gets_its_space(tmp_path):
    path = tmp_path / "glued.pdf"
    c = _canvas(path)
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "30.")
    c.drawString(72 + c.stringWidth("30.", "Helvetica", 12) + 2, 700, "A wide range of professionals work together.")
    c.showPage()
    c.save()
    passage = extract(path).passages[0]
    assert (passage.label, passage.text) == ("30", "A wide range of professionals work together.")


def test_a_house_number_drawn_apart_stays_with_its_street(tmp_path):
    path = tmp_path / "letter.pdf"
    c = _canvas(path)
    c.setFont("Helvetica", 11)
    for y, (number, street) in zip((700, 686), (("12", "Elm Road"), ("", "Anytown AN1 2BC"))):
        if number:
            c.drawString(72, y, number)
        c.drawString(100, y, street)  # the number in a label column, as a case letter prints it
    c.drawString(72, 640, "1. Thank you for meeting us on 3 May 2024.")
    c.showPage()
    c.save()
    passages = extract(path).passages
    address = next(p for p in passages if "Elm Road" in p.text)
    assert address.label is None and address.text.startswith("12 Elm Road")


def test_a_dense_grid_is_a_drawing_not_a_table(tmp_path):
    path = tmp_path / "chart.pdf"
    c = _canvas(path)
    c.setLineWidth(0.2)
    for i in range(101):  # graph paper behind a chart: 10,201 intersections
        c.line(50 + i * 5, 200, 50 + i * 5, 700)
        c.line(50, 200 + i * 5, 550, 200 + i * 5)
    c.setFont("Helvetica", 10)
    c.drawString(56, 720, "Figure 1: re-referrals by month")
    c.drawString(60, 650, "Re-referrals fell from 21% to 17% over the year.")
    c.showPage()
    c.save()
    passages = extract(path).passages
    assert [p.kind for p in passages] == [PassageKind.PARAGRAPH, PassageKind.PARAGRAPH]
    assert passages[1].text == "Re-referrals fell from 21% to 17% over the year."


def test_when_pdfplumber_cannot_read_the_file_the_fast_reading_is_kept_and_said(tmp_path, monkeypatch):
    import extractors.pdf_plumber as careful

    def unreadable(page, number, why):
        raise ValueError("pdfminer cannot parse this file")

    monkeypatch.setattr(careful, "read_page", unreadable)
    path = tmp_path / "turned.pdf"
    c = _canvas(path)
    c.saveState()
    c.translate(300, 100)
    c.rotate(90)
    c.setFont("Helvetica", 11)
    c.drawString(0, 0, "Text drawn turned, that only pdfplumber would read in order.")
    c.restoreState()
    c.showPage()
    c.save()
    document = extract(path)
    assert document.properties["unchecked pages"] == "1 (rotated text; pdfplumber could not read the page)"
    assert {p.layer for p in document.passages} == {"pdfium"}


def test_a_charts_turned_labels_are_read_as_words_on_the_fast_layer(tmp_path):
    path = tmp_path / "chart-labels.pdf"
    c = _canvas(path)
    c.setFont("Helvetica", 11)
    c.drawString(56, 760, "The chart below compares ratings of care by respondent.")
    c.drawString(56, 745, "Parents and agency staff rated care most highly of all respondents.")
    for i, label in enumerate(("staff", "parents", "agency")):  # x-axis labels, turned upright
        c.saveState()
        c.translate(120 + 40 * i, 500)
        c.rotate(90)
        c.setFont("Helvetica", 8)
        c.drawString(0, 0, label)
        c.restoreState()
    c.showPage()
    c.save()
    document = extract(path)
    assert {p.layer for p in document.passages} == {"pdfium"}
    words = " ".join(p.text for p in document.passages).split()
    assert {"staff", "parents", "agency"} <= set(words)
