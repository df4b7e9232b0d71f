"""DOCX extraction: body text with structure, never the page furniture, and safe on hostile zips."""

from __future__ import annotations

import zipfile

import pytest

from core.model import PassageKind, Refused
from extractors import extract
from core.settings import Settings
from tests.extract_fixtures import make_report_docx, make_zip_bomb


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    return extract(make_report_docx(tmp_path_factory.mktemp("docx") / "audit.docx"))


def test_headers_and_footers_are_dropped(document):
    joined = "\n".join(p.text for p in document.passages)
    assert "Scrutiny Committee" not in joined
    assert "OFFICIAL" not in joined


def test_heading_styles_build_the_heading_path(document):
    item = next(p for p in document.passages if p.text == "Supervision is regular.")
    assert item.heading_path == ("1 Purpose", "Key findings")
    r1 = next(p for p in document.passages if p.label == "R1**")
    assert r1.heading_path == ("2 Recommendations",)


def test_bulleted_and_numbered_lists(document):
    items = [(p.label, p.text) for p in document.passages if p.kind == PassageKind.LIST_ITEM]
    # Word's automatic numbers are not in the text: they are counted as Word prints them
    assert items == [(None, "Supervision is regular."), ("1", "Plans are clear."), ("2", "Visits are timely.")]


def test_tables_are_rows_of_cells(document):
    rows = [p for p in document.passages if p.kind == PassageKind.TABLE_ROW]
    assert rows[1].cells == ("Assessments", "Variable quality", "Training")
    assert rows[1].text == "Assessments | Variable quality | Training"


def test_labels_as_printed(document):
    labels = {p.label: p.text for p in document.passages if p.label}
    assert labels["1.1"].startswith("To update the committee")
    assert labels["R1**"] == "Complete the audit cycle by March."
    assert labels["(b)"] == "Report progress to the board."


def test_core_properties_and_metadata(document):
    assert document.format == "docx" and document.page_count is None
    assert document.properties["author"] == "Head of Service"
    assert document.properties["title"] == "Learning from audit"
    assert "created" in document.properties
    assert document.title.value == "Learning from audit"
    assert document.date.value == "2023-06-05"
    assert document.authority.value == "Anytown Borough Council"


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    path = make_zip_bomb(tmp_path / "bomb.docx")
    with pytest.raises(Refused, match="zip bomb|too large"):
        extract(path)


def test_zip_that_is_not_word_is_refused(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(Refused, match="not a Word document"):
        extract(path)


def test_truncated_docx_is_refused(tmp_path):
    whole = make_report_docx(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(Refused, match="corrupt or truncated"):
        extract(cut)


def test_legacy_doc_is_refused_with_advice(tmp_path):
    path = tmp_path / "minutes.docx"  # the name lies; the bytes are OLE2
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(Refused, match=r"legacy Word \.doc.*save as \.docx"):
        extract(path)


def test_docx_with_broken_xml_is_refused(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(Refused):
        extract(path, Settings())


def test_docx_larger_than_the_memory_budget_is_refused(tmp_path):
    import random

    path = tmp_path / "huge.docx"
    rng = random.Random(1)
    body = "".join(f"<w:p><w:r><w:t>{rng.random()}</w:t></w:r></w:p>" for _ in range(200_000)).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    with pytest.raises(Refused, match="too large to read safely"):
        extract(path, Settings(file_memory_mb=32))
