"""Real Ofsted PDFs extract sensibly: no page furniture, whole paragraphs, numbered, dated."""

from __future__ import annotations

import re

import pytest

from core.model import PassageKind
from extractors import extract
from tests.extract_fixtures import REAL

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="shared corpus absent")

FURNITURE = re.compile(r"^(?:page \d+( of \d+)?|\d{1,3}|official(?: - sensitive)?)$", re.I)


@pytest.mark.parametrize("name", ["013_kent-2022-ilacs-inspection.pdf", "022_wiltshire-2022-focused-visit.pdf"])
def test_recent_ofsted_reports(name):
    document = extract(REAL / name)
    assert document.kind.value == "inspection report"
    assert document.date.value and document.date.value.startswith("2022")
    assert "children" in (document.title.value or "").lower()
    texts = [p.text for p in document.passages]
    assert not [t for t in texts if FURNITURE.match(t.strip())]
    # running furniture never glued into the text
    repeated = [t for t in set(texts) if texts.count(t) > 2 and len(t) > 20]
    assert not repeated
    paragraphs = [p for p in document.passages if p.kind == PassageKind.PARAGRAPH and len(p.text.split()) >= 12]
    # paragraphs are whole (not cut at line or page ends): they end a sentence
    ended = sum(p.text.rstrip().endswith((".", ":", ";", "?", "!", ")", "\u201d")) for p in paragraphs)
    assert ended / len(paragraphs) > 0.85  # letterhead address blocks are the exceptions


def test_kent_numbered_paragraphs_and_judgement_table():
    document = extract(REAL / "013_kent-2022-ilacs-inspection.pdf")
    labels = [p.label for p in document.passages if p.label and p.label.isdigit()]
    assert labels[:5] == ["1", "2", "3", "4", "5"]
    assert len(labels) >= 40
    assert document.authority.value == "Kent County Council"
    rows = [p.cells for p in document.passages if p.kind == PassageKind.TABLE_ROW]
    assert ("Overall effectiveness", "Outstanding") in rows
    para = next(p for p in document.passages if p.label == "16")
    assert para.heading_path[-1].startswith("The experiences and progress of children in care")
