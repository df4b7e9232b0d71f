"""Narratives: choose and order the evidence for a line of enquiry, keep it within budget, cite
every sentence.

    narrative = compose(evidence, "help-and-protection", settings, item_refs={812: "1.03"})
    write_narratives(evidence, Path("pack/narratives"), settings, item_refs=refs)
    review = check_draft(Path("draft.docx"), evidence, settings, loe_id="children-in-care")
    items = impacts(evidence, "care-leavers", settings)

Extractive by design: sentences are quoted from stored (already redacted) passages, trimmed only of
a leading paragraph label or bullet; headings and "no evidence" notes come from the templates
(`templates/narrative*.j2`; a council's `settings.templates_dir` takes precedence).

Modules: `text` (split, trim, compare, data points), `classify` (sentence role/polarity; the
project tagger when available, else rules), `compose` (selection), `render` (Markdown, HTML,
Word), `review` (check an officer's draft), `impacts` (interview preparation).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from evidence_store.evidence import Evidence
from core.settings import Settings

from narratives.compose import Narrative, NarrativeSection, NarrativeSentence, Source, compose, resolve_loe
from narratives.impacts import ImpactItem, impacts, render_impacts
from narratives.review import DraftReview, check_draft

__all__ = [
    "DraftReview",
    "ImpactItem",
    "Narrative",
    "NarrativeSection",
    "NarrativeSentence",
    "Source",
    "check_draft",
    "compose",
    "impacts",
    "render_impacts",
    "resolve_loe",
    "write_narrative",
    "write_narratives",
]

FORMATS = ("md", "docx", "html")


def write_narrative(narrative: Narrative, out_dir: Path, settings: Settings, formats: Sequence[str] = FORMATS) -> list[Path]:
    """One narrative in each format, named like "01-help-and-protection.md"."""
    from narratives.render import render_html, render_markdown, write_docx

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for fmt in formats:
        path = out_dir / f"{narrative.file_stem}.{fmt}"
        if fmt == "md":
            path.write_text(render_markdown(narrative, settings), encoding="utf-8")
        elif fmt == "html":
            path.write_text(render_html(narrative, settings), encoding="utf-8")
        elif fmt == "docx":
            write_docx(narrative, path, settings)
        else:
            raise ValueError(f"unknown narrative format {fmt!r}; use md, docx or html")
        paths.append(path)
    return paths


def write_narratives(
    evidence: Evidence,
    out_dir: Path,
    settings: Settings,
    *,
    item_refs: dict[int, str] | None = None,
    loe_ids: Sequence[str] | None = None,
    since: date | None = None,
    words: int | None = None,
    formats: Sequence[str] = FORMATS,
    audit: object | None = None,
) -> list[Path]:
    """Narratives for the given lines (default: every top-level line, i.e. every pack section).
    `audit`: the audit view (audits.AuditSummary) whose quoted figures are preferred; read from the
    documents once when not given."""
    from narratives.compose import audit_view

    wanted = list(loe_ids) if loe_ids else [line.id for line in evidence.framework.top_lines]
    if audit is None:
        audit = audit_view(evidence) or False
    paths: list[Path] = []
    for loe_id in wanted:
        narrative = compose(evidence, loe_id, settings, since=since, words=words, item_refs=item_refs, audit=audit)
        paths.extend(write_narrative(narrative, Path(out_dir), settings, formats))
    return paths
