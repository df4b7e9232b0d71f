"""Rows for `readiness export`: documents, passages and tags, redacted like every other output."""

from __future__ import annotations

from core.settings import Settings
from packs.plan import passage_keys
from redaction.view import open_evidence

# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(...), +cmd, @SUM, -2+3).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A spreadsheet shows text, never runs it: text that looks like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_rows(settings: Settings, what: str) -> list[dict]:
    store, framework, evidence = open_evidence(settings)
    try:
        if what == "documents":
            return [
                {
                    "sha256": d["sha256"],
                    "source_path": d["source_path"],
                    "format": d["format"],
                    "title": d["title"],
                    "title_how": d["title_how"],
                    "date": d["date"],
                    "date_how": d["date_how"],
                    "kind": d["kind"],
                    "kind_how": d["kind_how"],
                    "authority": d["authority"],
                    "page_count": d["page_count"],
                    "passages": d["passage_count"],
                }
                for d in evidence.documents
            ]
        if what == "passages":
            keys = passage_keys(item.passage for item in evidence.items)
            return [
                {
                    "key": keys[item.passage.id],  # the key pack.yaml takes (pin, exclude, move, ...)
                    "passage_id": item.passage.id,
                    "document_sha": item.passage.document_sha,
                    "document": item.passage.document_title,
                    "ordinal": item.passage.ordinal,
                    "page": item.passage.page,
                    "label": item.passage.label,
                    "heading_path": " › ".join(item.passage.heading_path),
                    "kind": item.passage.kind,
                    "role": item.role,
                    "polarity": item.polarity,
                    "has_data": item.has_data,
                    "lines_of_enquiry": sorted({t.loe for t in item.tags}),
                    "text": item.passage.text,
                }
                for item in evidence.items
            ]
        rows: list[dict] = []
        keys = passage_keys(item.passage for item in evidence.items)
        for item in evidence.items:
            explanation = item.label.explanation if item.label else {}
            for t in item.tags:
                rows.append(
                    {
                        "key": keys[item.passage.id],
                        "passage_id": item.passage.id,
                        "document": item.passage.document_title,
                        "page": item.passage.page,
                        "label": item.passage.label,
                        "framework": framework.id,
                        "line_of_enquiry": t.loe,
                        "score": round(t.score, 3),
                        "cues": t.cues,
                        "component": t.component,
                        "role": item.role,
                        "polarity": item.polarity,
                        "has_data": item.has_data,
                        "explanation": explanation,
                    }
                )
        return rows
    finally:
        store.close()
