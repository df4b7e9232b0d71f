"""Small documents for the facts tests: passages written the way the extractors produce them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from core.model import DocumentFacts, Passage
from facts import DocumentInfo, extract_facts

Spec = "str | tuple"


def passages(sha: str, specs: Iterable[object], title: str | None = None, date: str | None = None,
             kind: str | None = None, start_id: int = 1) -> list[Passage]:
    """Passages from specs: a string is a paragraph; a tuple is (text, kind[, label[, heading_path[, page]]]);
    a list is a table row's cells."""
    out: list[Passage] = []
    for ordinal, spec in enumerate(specs):
        cells = None
        label = None
        heading: tuple[str, ...] = ()
        page = 1
        if isinstance(spec, list):
            text, kind_, cells = " | ".join(spec), "table row", tuple(spec)
        elif isinstance(spec, tuple):
            text, kind_ = spec[0], spec[1]
            label = spec[2] if len(spec) > 2 else None
            heading = tuple(spec[3]) if len(spec) > 3 else ()
            page = spec[4] if len(spec) > 4 else 1
        else:
            text, kind_ = str(spec), "paragraph"
        out.append(Passage(start_id + ordinal, sha, ordinal, text, kind_, page, label, heading, title, date, kind, f"{sha[:8]}.pdf",
                           cells=cells))
    return out


def document(specs: Iterable[object], title: str | None = None, date: str | None = None, kind: str | None = None,
             start_id: int = 1, name: str = "doc") -> tuple[DocumentInfo, list[Passage]]:
    sha = hashlib.sha256(f"{name}{title}{date}".encode()).hexdigest()
    info = DocumentInfo(sha, title, date, kind, f"{name}.pdf")
    return info, passages(sha, specs, title, date, kind, start_id)


def facts_of(specs: Iterable[object], title: str | None = None, date: str | None = None, kind: str | None = None,
             name: str = "doc") -> DocumentFacts:
    info, ps = document(specs, title, date, kind, name=name)
    return extract_facts(info, ps)


def ilacs_report(council: str, dates: str, rows: list[tuple[str, str]], body: Iterable[object] = (), name: str = "report") -> DocumentFacts:
    """An ILACS report's first page (title, dates line, grade table) and some body."""
    specs: list[object] = [
        (f"Inspection of {council} local authority children's services", "heading"),
        f"Inspection dates: {dates}",
        "Lead inspector: A Person, His Majesty's Inspector",
        ["Judgement", "Grade"],
        *[[area, grade] for area, grade in rows],
        *body,
    ]
    return facts_of(specs, title=f"Inspection of {council} local authority children's services", kind="inspection report", name=name)
