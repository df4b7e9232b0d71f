"""Plain text, Markdown and HTML: encodings detected, structure kept, page chrome and scripts dropped."""

from __future__ import annotations

from core.model import PassageKind
from extractors import extract


def test_windows_1252_text_is_detected_not_assumed(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("Children\u2019s services \u2013 caf\u00e9 meeting notes \u201cquoted\u201d.\n".encode("cp1252"))
    document = extract(path)
    assert document.passages[0].text == "Children\u2019s services \u2013 caf\u00e9 meeting notes \u201cquoted\u201d."
    assert "cp1252" in document.properties["encoding"]


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Minutes of the Corporate Parenting Board held on 3 May 2022\n\nPresent: all members.\n".encode("utf-16"))
    document = extract(path)
    assert document.format == "text"
    assert document.kind.value == "minutes"
    assert document.date.value == "2022-05-03"


def test_plain_text_paragraphs_labels_and_lists(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "Progress Report\n\n"
        "3.1 Caseloads fell over the year\nand are now below twenty.\n\n"
        "- first point\n- second point\n\n"
        "Theme\tAction\nSupervision\tTraining\n",
        encoding="utf-8",
    )
    passages = extract(path).passages
    assert passages[0].kind == PassageKind.HEADING and passages[0].text == "Progress Report"
    para = next(p for p in passages if p.label == "3.1")
    assert para.text == "Caseloads fell over the year and are now below twenty."
    assert para.heading_path == ("Progress Report",) or para.heading_path == ()
    assert [p.text for p in passages if p.kind == PassageKind.LIST_ITEM] == ["first point", "second point"]
    assert [p.cells for p in passages if p.kind == PassageKind.TABLE_ROW] == [("Theme", "Action"), ("Supervision", "Training")]


def test_markdown_headings_lists_and_tables(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(
        "# Improvement action plan\n\n## Help and protection\n\n"
        "A1 **Reduce** re-referrals by [auditing](http://x) cases.\n\n"
        "* Owner: Head of Service\n\n"
        "| Action | Due |\n|---|---|\n| Audit | June 2024 |\n",
        encoding="utf-8",
    )
    document = extract(path)
    assert document.format == "markdown"
    assert document.kind.value == "action plan"
    a1 = next(p for p in document.passages if p.label == "A1")
    assert a1.text == "Reduce re-referrals by auditing cases."
    assert a1.heading_path == ("Help and protection",)
    assert [p.cells for p in document.passages if p.kind == PassageKind.TABLE_ROW] == [("Action", "Due"), ("Audit", "June 2024")]


def test_markdown_recognised_without_md_name(tmp_path):
    path = tmp_path / "readme"
    path.write_text("# Title here\n\nSome text.\n", encoding="utf-8")
    assert extract(path).format == "markdown"


def test_html_text_only_scripts_and_styles_dropped(tmp_path):
    path = tmp_path / "page.bin"  # recognised by its bytes
    path.write_text(
        "<!DOCTYPE html><html><head><title>Focused visit to Anytown</title><style>p{color:red}</style>"
        "<script>var secret = 'tracking';</script></head><body><nav>Home | Menu</nav>"
        "<h1>Focused visit to Anytown children's services</h1><p>Inspection dates: 4 to 6 May 2021</p>"
        "<h2>Findings</h2><p>1.2 Leaders know their <b>services</b> well.</p><ul><li>Visits are timely</li></ul>"
        "<table><tr><th>Area</th><th>Grade</th></tr><tr><td>Leadership</td><td>Good</td></tr></table>"
        "<!-- a comment --></body></html>",
        encoding="utf-8",
    )
    document = extract(path)
    joined = "\n".join(p.text for p in document.passages)
    assert document.format == "html"
    assert "secret" not in joined and "color" not in joined and "comment" not in joined and "Menu" not in joined
    assert document.title.value == "Focused visit to Anytown"
    assert document.date.value == "2021-05-06"
    assert document.kind.value == "inspection report"
    para = next(p for p in document.passages if p.label == "1.2")
    assert para.text == "Leaders know their services well." and para.heading_path[-1] == "Findings"
    assert [p.text for p in document.passages if p.kind == PassageKind.LIST_ITEM] == ["Visits are timely"]
    assert [p.cells for p in document.passages if p.kind == PassageKind.TABLE_ROW] == [("Area", "Grade"), ("Leadership", "Good")]


def test_one_paragraph_per_line_report_reads_as_its_word_version(tmp_path):
    from tests.extract_fixtures import QA_REPORT, make_qa_report_docx, write_qa_report_text

    as_text = extract(write_qa_report_text(tmp_path / "qa-report.txt"))
    as_word = extract(make_qa_report_docx(tmp_path / "qa-report.docx"))

    def shape(document):
        return [(p.kind, p.label, p.text, p.heading_path) for p in document.passages]

    assert shape(as_text) == shape(as_word)
    assert as_text.title.value == as_word.title.value == QA_REPORT[0][1]  # the heading line, not a run of lines
    findings = {p.label: p.text for p in as_text.passages if p.label}
    assert findings["2.1"] == "Of the 40 cases audited, 41 per cent were judged good or better."
    assert findings["2.2"].startswith("A further 47 per cent") and findings["2.3"].startswith("Care plans")
    assert as_text.date.value == as_word.date.value == "2024-10-14"


def test_hard_wrapped_text_joins_its_lines_and_splits_at_labels(tmp_path):
    import textwrap

    paragraphs = [
        "2.1 Of the forty cases audited this quarter, sixteen were judged good or better, which is a small improvement on the last quarter.",
        "2.2 Management oversight was recorded on most files, although the rationale for decisions was often missing from the record.",
        "2.3 Plans were reviewed on time in thirty cases and children's views were recorded in most of them.",
    ]
    wrapped = "\n".join(textwrap.fill(p, width=64) for p in paragraphs)  # no blank lines between them
    path = tmp_path / "findings.txt"
    path.write_text("Findings\n\n" + wrapped + "\n", encoding="utf-8")
    passages = [p for p in extract(path).passages if p.label]
    assert [p.label for p in passages] == ["2.1", "2.2", "2.3"]
    assert [f"{p.label} {p.text}" for p in passages] == paragraphs


def test_a_house_number_is_part_of_the_address_line(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear Ms Smith\n\n12 Elm Road\nAnytown\nAN1 2BC\n\n1. Thank you for meeting us on 3 May 2024.\n", encoding="utf-8")
    passages = extract(path).passages
    address = next(p for p in passages if "Elm Road" in p.text)
    assert address.label is None and address.text.startswith("12 Elm Road")
    assert any(p.label == "1" for p in passages)


def test_a_house_number_in_its_own_column_is_not_a_label(tmp_path):
    path = tmp_path / "household.txt"
    path.write_text("Household\n\n12\tElm Road\tAnytown\n3\tThe children live with their mother.\n", encoding="utf-8")
    rows = [p for p in extract(path).passages if p.kind == PassageKind.TABLE_ROW]
    assert [(r.label, r.cells) for r in rows] == [(None, ("12", "Elm Road", "Anytown")), ("3", ("3", "The children live with their mother."))]


def test_long_lines_stopping_mid_sentence_are_one_paragraph(tmp_path):
    lines = [
        "1.1 Over the last year the Council has strengthened its front door, and partners including the Police and the NHS Trust",
        "Safeguarding Team now attend daily meetings, so that decisions about children are made quickly and recorded in Mosaic.",
        "1.2 Caseloads fell to an average of eighteen children per social worker.",
    ]
    path = tmp_path / "export.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paragraphs = {p.label: p.text for p in extract(path).passages if p.label}
    assert paragraphs["1.1"].endswith("Police and the NHS Trust Safeguarding Team now attend daily meetings, so that decisions about children are made quickly and recorded in Mosaic.")
    assert paragraphs["1.2"].startswith("Caseloads fell")
