"""Small documents the extraction tests make for themselves (reportlab PDFs, python-docx files)."""

from __future__ import annotations

import zipfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
REAL = SHARED / "corpus" / "real"

HEADER = "Readiness review - Anytown Borough Council"
FOOTER = "OFFICIAL - SENSITIVE   Page {n} of {total}"

# The text a reader sees in the committee-report PDF, as printed (labels at line starts, no furniture).
REPORT_TXT = """Review of Early Help Services

Date of meeting: 12 March 2024

1. Introduction

1.1 Anytown Borough Council asked us to review early help. The assessment of risk was thorough and timely.

1.2 We read forty case files and met twelve practitioners.

- caseloads are manageable in most teams;
- supervision is regular and reflective.

2. Findings

2.1 This paragraph starts on the first page and carries on across the page break without stopping, so readers see one paragraph.

Measure\t2023\t2024
Re-referrals\t21%\t17%
Visits on time\t82%\t91%

R1 Leaders should publish the revised threshold document.

A9 Develop a short narrative about multi-agency audits.
"""


def make_report_pdf(path: Path, *, encrypt: str | None = None) -> Path:
    """A two-page committee report with a running header and footer, a hyphenated wrap, a list,
    a paragraph broken across the page, a ruled table and labelled recommendations."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setTitle("Report template")  # a junk title, as real files have
    width, height = A4
    total = 2

    def furniture(n: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(56, height - 30, HEADER)
        c.drawString(56, 28, FOOTER.format(n=n, total=total))

    def text(y: float, value: str, font: str = "Helvetica", size: float = 10, x: float = 56) -> float:
        c.setFont(font, size)
        c.drawString(x, y, value)
        return y - size * 1.2

    furniture(1)
    y = height - 80
    y = text(y, "Review of Early Help Services", "Helvetica-Bold", 16) - 12
    y = text(y, "Date of meeting: 12 March 2024") - 10
    y = text(y, "1. Introduction", "Helvetica-Bold", 13) - 6
    y = text(y, "1.1 Anytown Borough Council asked us to review early help. The assess-")
    y = text(y, "ment of risk was thorough and timely.") - 8
    y = text(y, "1.2 We read forty case files and met twelve practitioners.") - 8
    y = text(y, "\u2022", size=10, x=62)
    text(y + 12, "caseloads are manageable in most teams;", x=76)
    y = text(y, "\u2022", size=10, x=62)
    text(y + 12, "supervision is regular and reflective.", x=76)
    y -= 8
    y = text(y, "2. Findings", "Helvetica-Bold", 13) - 6
    # fill the page so the next paragraph breaks across it
    y = 120
    text(y, "2.1 This paragraph starts on the first page and carries on across the page break")
    c.showPage()

    furniture(2)
    y = height - 80
    y = text(y, "without stopping, so readers see one paragraph.") - 14
    # a ruled table: 3 rows x 3 columns
    rows = [("Measure", "2023", "2024"), ("Re-referrals", "21%", "17%"), ("Visits on time", "82%", "91%")]
    left, col_w, row_h = 56, 150, 18
    top = y + 12
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.setFont("Helvetica", 10)
            c.drawString(left + k * col_w + 4, top - (r + 1) * row_h + 5, cell)
    for r in range(len(rows) + 1):
        c.line(left, top - r * row_h, left + 3 * col_w, top - r * row_h)
    for k in range(4):
        c.line(left + k * col_w, top, left + k * col_w, top - len(rows) * row_h)
    y = top - len(rows) * row_h - 30
    y = text(y, "R1 Leaders should publish the revised threshold document.") - 8
    y = text(y, "A9 Develop a short narrative about multi-agency audits.")
    c.showPage()
    c.save()
    return path


def make_image_only_pdf(path: Path) -> Path:
    """A 'scan': a page with drawing but no text layer."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    return path


def make_report_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Learning from audit"
    document.core_properties.author = "Head of Service"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Anytown Borough Council - Scrutiny Committee"
    section.footer.paragraphs[0].text = "OFFICIAL Page 1"
    document.add_heading("Learning from audit", level=1)
    document.add_paragraph("Meeting date: 5 June 2023")
    document.add_heading("1. Purpose", level=2)
    document.add_paragraph("1.1 To update the committee on audit findings in Anytown Borough Council.")
    document.add_heading("Key findings", level=3)
    document.add_paragraph("Supervision is regular.", style="List Bullet")
    document.add_paragraph("Plans are clear.", style="List Number")
    document.add_paragraph("Visits are timely.", style="List Number")
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ("Theme", "Issue", "Action")):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ("Assessments", "Variable quality", "Training")):
        cell.text = value
    document.add_heading("2. Recommendations", level=2)
    document.add_paragraph("R1** Complete the audit cycle by March.")
    document.add_paragraph("(b) Report progress to the board.")
    document.save(str(path))
    return path


def make_zip_bomb(path: Path, megabytes: int = 200) -> Path:
    """A .docx-shaped zip whose document.xml declares a huge, highly compressible size."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(megabytes):
                member.write(block)
    return path


# A council's QA report as a lead might receive it twice: a Word file, and the same text pasted from
# an email or exported from a case system, one line per paragraph (no blank lines).
QA_REPORT = [
    ("Title", "Quality Assurance Report: Children in Care Case Audits"),
    (None, "Anytown Borough Council"),
    (None, "Date: 14 October 2024"),
    ("Heading 1", "1. Introduction"),
    (None, "1.1 This report summarises the findings of the quarterly audit of case files for children in care."),
    (None, "1.2 Forty case files were audited by team managers and moderated by the quality assurance team."),
    ("Heading 1", "2. Findings"),
    (None, "2.1 Of the 40 cases audited, 41 per cent were judged good or better."),
    (None, "2.2 A further 47 per cent were judged to require improvement, and 12 per cent were inadequate."),
    (None, "2.3 Care plans were up to date in most cases, but management oversight was not always recorded."),
    ("List Bullet", "Supervision was regular in 30 of the 40 cases."),
    ("List Bullet", "Children's views were recorded in most plans."),
    ("Heading 1", "3. Recommendations"),
    (None, "R1 Team managers should record the rationale for their decisions on every case file."),
    (None, "R2 The quality assurance team should repeat the audit of care plans within six months."),
]


def write_qa_report_text(path: Path) -> Path:
    """The QA report with single line breaks between paragraphs, bullets as "- "."""
    lines = [("- " + text) if style == "List Bullet" else text for style, text in QA_REPORT]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_qa_report_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for style, text in QA_REPORT:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def make_legacy_xls(path: Path, stream: str = "Workbook") -> Path:
    """The parts of a legacy .xls that tell it from a .doc: an OLE2 compound file header and a
    directory sector naming its streams (Root Entry and the workbook stream)."""
    import struct

    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # minor, major version, byte order, sector shift
    struct.pack_into("<I", header, 48, 0)  # first directory sector

    def entry(name: str, kind: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[: len(encoded)] = encoded
        struct.pack_into("<HB", raw, 64, len(encoded), kind)
        return bytes(raw)

    directory = entry("Root Entry", 5) + entry(stream, 2) + bytes(256)
    path.write_bytes(bytes(header) + directory)
    return path
